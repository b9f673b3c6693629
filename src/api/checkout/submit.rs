//! `POST /checkout`: the brand page's form, with or without JavaScript. Every field is
//! checked here (the check that counts), then the order is validated and created upstream
//! once per idempotency key. Success goes to the payment page; anything else goes back to
//! the form, with what was typed and a message next to each field to fix.

use super::{
    recipient::{check_email, check_phone},
    stores::new_token,
    FieldMessage, ReturnedForm,
};
use crate::{
    components::amount_picker::CUSTOM,
    cryptorefills::Shopper,
    domain::{
        checkout::{AmountChoice, DraftItem, OrderDraft},
        money::parse_amount,
        payment::USER_WALLET,
        problem::ProblemField,
        BrandDetails, Country, Offer, Problem, ProductKind,
    },
    error::AppError,
    server::{
        rate_limit::{retry_after_secs, Cost},
        shopper, AppState,
    },
};
use axum::{
    extract::{ConnectInfo, State},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
    Form,
};
use serde::Deserialize;
use std::net::SocketAddr;

/// The form as the browser sends it; every field may be missing or anything at all.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CheckoutFields {
    pub country: String,
    pub brand: String,
    pub product: String,
    pub amount: String,
    pub coin: String,
    pub network: String,
    pub email: String,
    pub recipient: String,
    pub newsletter: Option<String>,
    pub coupon: String,
    pub key: String,
    /// `price`: only show the price (the no-JavaScript "Show price" button).
    pub intent: String,
}

pub async fn submit(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(fields): Form<CheckoutFields>,
) -> Response {
    let Some(country) = Country::find(&fields.country).copied() else {
        return Redirect::to("/").into_response();
    };
    let shopper = shopper::from_request(
        &headers,
        Some(peer),
        Some(country),
        &state.config.trusted_proxies,
    );
    let ip = shopper
        .ip
        .unwrap_or(std::net::IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED));
    let outcome = if fields.intent == "price" {
        Err(Vec::new())
    } else if let Err(wait) = state.rate_limits.check(Cost::Order, ip) {
        let secs = retry_after_secs(wait);
        tracing::info!(%ip, retry_after = secs, "checkout rate limit reached");
        let message = AppError::TooFast(secs).shopper_message();
        // Nothing is kept for a request past the limit (they cost nothing to send and
        // could push other shoppers' forms out): the browser's Back keeps the fields.
        let css = crate::server::assets::stylesheet_href(&state.leptos_options);
        return too_fast(secs, &message, &back_to_form(country, &fields, ""), &css);
    } else {
        place_order(&state, &fields, country, &shopper).await
    };
    match outcome {
        Ok(order_id) => Redirect::to(&format!("/orders/{order_id}")).into_response(),
        Err(messages) => {
            let token = state.returned_forms.keep(returned_form(&fields, messages));
            Redirect::to(&back_to_form(country, &fields, &token)).into_response()
        }
    }
}

/// What was typed, kept for the form shown again.
fn returned_form(fields: &CheckoutFields, messages: Vec<FieldMessage>) -> ReturnedForm {
    ReturnedForm {
        email: fields.email.trim().to_string(),
        recipient: fields.recipient.trim().to_string(),
        coupon: fields.coupon.trim().to_string(),
        newsletter: fields.newsletter.is_some(),
        messages,
    }
}

/// 429: a page that says how long to wait, with the way back to the form as it was typed.
fn too_fast(secs: u64, message: &str, back: &str, css: &str) -> Response {
    let page = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"color-scheme\" content=\"light dark\">\
         <title>Please wait a moment</title>\
         <link rel=\"stylesheet\" href=\"{css}\"></head>\
         <body><main id=\"main\"><section class=\"error-panel\" role=\"alert\">\
         <h1>Please wait a moment</h1><p>{message}</p>\
         <p><a class=\"button\" href=\"{back}\">Back to your order</a></p>\
         <p>Nothing was ordered or charged. Your browser's Back button returns to the form with what you typed.</p>\
         </section></main></body></html>",
        message = escape_html(message),
        back = escape_html(back),
        css = escape_html(css),
    );
    (
        StatusCode::TOO_MANY_REQUESTS,
        [
            (header::RETRY_AFTER, secs.to_string()),
            (header::CONTENT_TYPE, "text/html; charset=utf-8".to_string()),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; style-src 'self'; base-uri 'none'; \
                 frame-ancestors 'none'; form-action 'self'"
                    .to_string(),
            ),
        ],
        page,
    )
        .into_response()
}

/// Text for HTML: the five characters that could end an element or attribute, escaped.
fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// The brand page again, with the choices in its URL and the typed fields behind `token`.
fn back_to_form(country: Country, fields: &CheckoutFields, token: &str) -> String {
    let slug: String = fields
        .brand
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .take(100)
        .collect();
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    for (name, value) in [
        ("product", fields.product.as_str()),
        ("amount", fields.amount.as_str()),
        ("coin", fields.coin.as_str()),
        ("network", fields.network.as_str()),
        ("key", fields.key.as_str()),
        ("form", token),
    ] {
        let value = value.trim();
        if !value.is_empty() && value.len() <= 100 {
            query.append_pair(name, value);
        }
    }
    format!("/{}/{slug}?{}#buy", country.code, query.finish())
}

fn message(field: ProblemField, text: impl Into<String>) -> FieldMessage {
    FieldMessage {
        field,
        text: text.into(),
    }
}

/// Checks the form, then validates and creates the order (once per key).
async fn place_order(
    state: &AppState,
    fields: &CheckoutFields,
    country: Country,
    shopper: &Shopper,
) -> Result<String, Vec<FieldMessage>> {
    let unavailable =
        |error: AppError| vec![message(ProblemField::General, error.shopper_message())];
    let (coin, network) = payment_choice(state, fields, shopper)
        .await
        .map_err(|m| vec![m])?;
    let details = state
        .catalog
        .brand(country, &fields.brand, &coin, shopper)
        .await
        .map_err(|e| unavailable(e.into()))?
        .ok_or_else(|| {
            vec![message(
                ProblemField::General,
                format!("This brand isn't sold in {} any more.", country.name),
            )]
        })?;

    let mut messages = Vec::new();
    let amount = amount_choice(&details, fields)
        .map_err(|m| messages.push(m))
        .ok();
    let email = check_email(&fields.email)
        .map_err(|m| messages.push(message(ProblemField::Email, m)))
        .ok();
    let recipient = recipient(&details, fields, country, email.as_deref())
        .map_err(|m| messages.push(m))
        .ok();
    let (Some(amount), Some(email), Some(beneficiary), true) =
        (amount, email, recipient, messages.is_empty())
    else {
        return Err(messages);
    };

    let draft = OrderDraft {
        email,
        coin,
        network,
        newsletter: fields.newsletter.is_some(),
        items: vec![DraftItem {
            brand_name: details.brand.name.clone(),
            country,
            kind: details.brand.kind.clone(),
            amount,
            beneficiary,
        }],
        coupon: Some(fields.coupon.trim().to_string()).filter(|c| !c.is_empty()),
    };
    let key = if super::stores::is_token(&fields.key) {
        fields.key.clone()
    } else {
        // A form without a key of ours still orders, just without protection from repeats.
        new_token()
    };
    let create = async {
        state
            .catalog
            .client()
            .validate_order(&draft, shopper)
            .await?;
        let order = state.catalog.client().create_order(&draft, shopper).await?;
        tracing::info!(order_id = %order.id, brand = %details.brand.name, "order created");
        Ok::<_, AppError>(order.id)
    };
    state
        .order_once
        .once(&key, Box::pin(create))
        .await
        .map_err(|error| match error {
            AppError::Problems(problems) => problems
                .iter()
                .map(|p| message(p.field(), p.message()))
                .collect(),
            other => unavailable(other),
        })
}

/// The coin and network, as upstream's payment options have them: a coin or network that
/// is unknown or suspended is refused here, before anything is sent.
async fn payment_choice(
    state: &AppState,
    fields: &CheckoutFields,
    shopper: &Shopper,
) -> Result<(String, String), FieldMessage> {
    let vias = state
        .catalog
        .payment_vias(shopper)
        .await
        .map_err(|e| message(ProblemField::General, AppError::from(e).shopper_message()))?;
    let via = vias
        .iter()
        .find(|v| v.name == USER_WALLET && v.available)
        .ok_or_else(|| {
            message(
                ProblemField::Payment,
                "Paying from your own wallet isn't possible right now.",
            )
        })?;
    let coin = via
        .coins
        .iter()
        .find(|c| c.name.eq_ignore_ascii_case(fields.coin.trim()))
        .ok_or_else(|| message(ProblemField::Payment, "Choose a coin to pay with."))?;
    if coin.suspended {
        return Err(message(
            ProblemField::Payment,
            Problem::new("SUSPENDED_COIN").message(),
        ));
    }
    let wanted = fields.network.trim();
    let network = if wanted.is_empty() {
        via.default_network(&coin.name)
    } else {
        coin.networks.iter().find(|n| n.name == wanted)
    }
    .ok_or_else(|| {
        message(
            ProblemField::Payment,
            format!("Choose a network to send {} on.", coin.name),
        )
    })?;
    if network.suspended {
        return Err(message(
            ProblemField::Payment,
            Problem::new("SUSPENDED_NETWORK").message(),
        ));
    }
    Ok((coin.name.clone(), network.name.clone()))
}

fn amount_choice(
    details: &BrandDetails,
    fields: &CheckoutFields,
) -> Result<AmountChoice, FieldMessage> {
    if !details.brand.in_stock {
        return Err(message(
            ProblemField::Amount,
            Problem::new("OUT_OF_STOCK").message(),
        ));
    }
    if fields.product == CUSTOM {
        let (_, range) = details
            .range()
            .ok_or_else(|| message(ProblemField::Amount, "Choose one of the amounts."))?;
        let amount = parse_amount(&fields.amount)
            .map_err(|e| message(ProblemField::Amount, e.to_string()))?;
        range
            .check(amount)
            .map_err(|e| message(ProblemField::Amount, e.to_string()))?;
        return Ok(AmountChoice::Custom(amount));
    }
    details
        .fixed_products()
        .find(|p| p.id == fields.product)
        .and_then(|p| match &p.offer {
            Offer::Fixed {
                denomination,
                label,
                ..
            } => Some(AmountChoice::Fixed {
                denomination: denomination.clone(),
                label: Some(label.clone()),
            }),
            Offer::Range(_) => None,
        })
        .ok_or_else(|| message(ProblemField::Amount, "Choose an amount."))
}

/// A phone number for top-ups; an email for everything else (the shopper's own when the
/// recipient field is left empty).
fn recipient(
    details: &BrandDetails,
    fields: &CheckoutFields,
    country: Country,
    shopper_email: Option<&str>,
) -> Result<String, FieldMessage> {
    if details.brand.kind == ProductKind::MobileTopUp {
        return check_phone(&fields.recipient, country)
            .map_err(|m| message(ProblemField::Recipient, m));
    }
    if fields.recipient.trim().is_empty() {
        return shopper_email.map(str::to_string).ok_or_else(|| {
            message(
                ProblemField::Recipient,
                "Enter the email address to send it to.",
            )
        });
    }
    check_email(&fields.recipient).map_err(|m| message(ProblemField::Recipient, m))
}
