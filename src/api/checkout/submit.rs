//! `POST /checkout`: the brand page's form, with or without JavaScript. Every field is
//! checked here (the check that counts), then the order is validated and created upstream
//! once per idempotency key. Success goes to the payment page; anything else goes back to
//! the form, with what was typed and a message next to each field to fix.

use super::{
    key,
    recipient::{check_email, check_phone, TopUpNumber},
    stores::new_token,
    FieldMessage, PhoneConfirmation, PriceConfirmation, ReturnedForm,
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
    body::Body,
    extract::{ConnectInfo, Request, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Redirect, Response},
};
use std::net::SocketAddr;

/// The most a checkout form may weigh: its fields at their longest fit in 2 KB.
pub const MAX_FORM_BYTES: usize = 8 * 1024;

/// The longest value each field may hold (an email address is at most 254 characters).
const MAX_EMAIL: usize = 254;
const MAX_PHONE: usize = 32;
const MAX_COUPON: usize = 64;
const MAX_AMOUNT: usize = 32;
/// Country, brand, product id, coin, network: ids, never long.
const MAX_ID: usize = 100;

/// The form as the browser sends it; every field may be missing or anything at all.
#[derive(Debug, Default)]
pub struct CheckoutFields {
    pub country: String,
    pub brand: String,
    pub product: String,
    pub amount: String,
    pub coin: String,
    pub network: String,
    pub email: String,
    pub recipient: String,
    pub newsletter: bool,
    pub coupon: String,
    /// `price`: only show the price (the no-JavaScript "Show price" button).
    pub intent: String,
    /// The top-up number (E.164) the shopper confirmed after seeing it echoed back.
    pub confirmed_phone: String,
    /// The price (a coin amount) the shopper confirmed after validation changed it.
    pub confirmed_price: String,
}

impl CheckoutFields {
    /// Reads `application/x-www-form-urlencoded` bytes; unknown names are ignored (an old
    /// page's `key` among them: keys come only from the browser's cookie now).
    fn parse(body: &[u8]) -> Self {
        let mut fields = Self::default();
        for (name, value) in url::form_urlencoded::parse(body) {
            let value = value.into_owned();
            match &*name {
                "country" => fields.country = value,
                "brand" => fields.brand = value,
                "product" => fields.product = value,
                "amount" => fields.amount = value,
                "coin" => fields.coin = value,
                "network" => fields.network = value,
                "email" => fields.email = value,
                "recipient" => fields.recipient = value,
                "newsletter" => fields.newsletter = true,
                "coupon" => fields.coupon = value,
                "intent" => fields.intent = value,
                "confirmed_phone" => fields.confirmed_phone = value,
                "confirmed_price" => fields.confirmed_price = value,
                _ => {}
            }
        }
        fields
    }

    /// What is wrong with the fields' lengths, each message next to its field. Nothing
    /// longer than a field's real maximum is checked further, priced or kept.
    fn length_problems(&self) -> Vec<FieldMessage> {
        let too_long = |value: &str, max: usize| value.trim().chars().count() > max;
        let mut problems = Vec::new();
        if too_long(&self.email, MAX_EMAIL) {
            problems.push(message(
                ProblemField::Email,
                format!("An email address has at most {MAX_EMAIL} characters."),
            ));
        }
        if too_long(&self.recipient, MAX_EMAIL) {
            problems.push(message(
                ProblemField::Recipient,
                format!("This field takes at most {MAX_EMAIL} characters."),
            ));
        }
        if too_long(&self.coupon, MAX_COUPON) {
            problems.push(message(
                ProblemField::Coupon,
                format!("A coupon code has at most {MAX_COUPON} characters."),
            ));
        }
        if too_long(&self.amount, MAX_AMOUNT) {
            problems.push(message(
                ProblemField::Amount,
                crate::domain::money::AmountError::NotANumber.to_string(),
            ));
        }
        if [
            &self.product,
            &self.coin,
            &self.network,
            &self.confirmed_phone,
        ]
        .iter()
        .any(|v| too_long(v, MAX_ID))
        {
            problems.push(message(
                ProblemField::General,
                "Choose the amount and the coin again.",
            ));
        }
        problems
    }
}

/// Why a posted form could not be read at all.
enum Unreadable {
    TooLarge,
    Broken,
}

/// The body, up to `MAX_FORM_BYTES` (a larger one is refused before it is read; a slow one
/// is cut by the server's body-read timeout).
async fn read_form(headers: &HeaderMap, body: Body) -> Result<CheckoutFields, Unreadable> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|length| length > MAX_FORM_BYTES as u64) {
        return Err(Unreadable::TooLarge);
    }
    match axum::body::to_bytes(body, MAX_FORM_BYTES).await {
        Ok(bytes) => Ok(CheckoutFields::parse(&bytes)),
        Err(error) => {
            let too_large = std::error::Error::source(&error)
                .is_some_and(|cause| cause.is::<http_body_util::LengthLimitError>());
            Err(if too_large {
                Unreadable::TooLarge
            } else {
                Unreadable::Broken
            })
        }
    }
}

pub async fn submit(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
) -> Response {
    let (parts, body) = request.into_parts();
    let css = crate::server::assets::stylesheet_href(&state.leptos_options);
    let fields = match read_form(&parts.headers, body).await {
        Ok(fields) => fields,
        Err(Unreadable::TooLarge) => {
            return refusal(
                StatusCode::PAYLOAD_TOO_LARGE,
                "This form is too large",
                "What was sent is far longer than any order needs, so it was not read. \
                 Nothing was ordered or charged.",
                "/",
                "Back to the shop",
                &css,
            )
        }
        Err(Unreadable::Broken) => {
            return refusal(
                StatusCode::BAD_REQUEST,
                "This form could not be read",
                "It did not arrive whole. Nothing was ordered or charged: please try again.",
                "/",
                "Back to the shop",
                &css,
            )
        }
    };
    let Some(country) = Country::find(&fields.country).copied() else {
        return Redirect::to("/").into_response();
    };
    let headers = parts.headers;
    let shopper = shopper::from_request(
        &headers,
        Some(peer),
        Some(country),
        &state.config.trusted_proxies,
    );
    let ip = shopper
        .ip
        .unwrap_or(std::net::IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED));
    // Showing the price costs upstream a call too: every intent counts.
    let cost = if fields.intent == "price" {
        Cost::Quote
    } else {
        Cost::Order
    };
    if let Err(wait) = state.rate_limits.check(cost, ip) {
        let secs = retry_after_secs(wait);
        tracing::info!(retry_after = secs, ?cost, "checkout rate limit reached");
        let message = AppError::TooFast(secs).shopper_message();
        // Nothing is kept for a request past the limit (they cost nothing to send and
        // could push other shoppers' forms out): the browser's Back keeps the fields.
        let mut response = refusal(
            StatusCode::TOO_MANY_REQUESTS,
            "Please wait a moment",
            &format!(
                "{message} Nothing was ordered or charged. Your browser's Back button \
                 returns to the form with what you typed."
            ),
            &back_to_form(country, &fields, ""),
            "Back to your order",
            &css,
        );
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        return response;
    }
    let https = state.public_origin.starts_with("https://");
    // The key this browser got with the brand page; without one (cookies off), a fresh one:
    // the order is still made, only a second click is not recognised as the same.
    let (browser_key, new_key) = match key::from_headers(&headers, https) {
        Some(key) => (key, None),
        None => {
            let key = new_token();
            (key.clone(), Some(key))
        }
    };
    let outcome = match fields.length_problems() {
        problems if !problems.is_empty() => Err(NotYet::Fix(problems)),
        _ if fields.intent == "price" => Err(NotYet::Fix(Vec::new())),
        _ => place_order(&state, &fields, country, &shopper, &browser_key).await,
    };
    let mut response = match outcome {
        Ok(order_id) => Redirect::to(&format!("/orders/{order_id}")).into_response(),
        Err(not_yet) => {
            let token = state
                .returned_forms
                .keep(returned_form(&fields, not_yet, country));
            Redirect::to(&back_to_form(country, &fields, &token)).into_response()
        }
    };
    if let Some(key) = new_key {
        response
            .headers_mut()
            .append(header::SET_COOKIE, key::set_cookie(&key, https));
    }
    response
}

/// Why the form goes back to the shopper instead of to an order.
enum NotYet {
    /// Something to fix, each message next to its field.
    Fix(Vec<FieldMessage>),
    /// All is well, but a top-up can't be taken back: the number is shown for a yes first.
    ConfirmPhone(TopUpNumber),
    /// Validation priced the order otherwise than the page did: the new price, and why.
    ConfirmPrice(PriceConfirmation),
}

/// What was typed, kept for the form shown again: each field cut at its real maximum, so
/// a returned form weighs at most a few hundred bytes.
fn returned_form(fields: &CheckoutFields, not_yet: NotYet, country: Country) -> ReturnedForm {
    let cut = |value: &str, max: usize| value.trim().chars().take(max).collect::<String>();
    // A number the shopper already confirmed stays confirmed while they fix something else
    // (a coupon): only a changed number asks again.
    let still_confirmed = || {
        let confirmed = fields.confirmed_phone.trim();
        (!confirmed.is_empty())
            .then(|| check_phone(&fields.recipient, country).ok())
            .flatten()
            .filter(|number| number.e164 == confirmed)
            .map(|number| PhoneConfirmation {
                e164: number.e164,
                display: number.display,
            })
    };
    let (messages, confirm_phone, confirm_price) = match not_yet {
        NotYet::Fix(messages) => (messages, still_confirmed(), None),
        NotYet::ConfirmPhone(number) => (
            Vec::new(),
            Some(PhoneConfirmation {
                e164: number.e164,
                display: number.display,
            }),
            None,
        ),
        NotYet::ConfirmPrice(price) => (Vec::new(), still_confirmed(), Some(price)),
    };
    ReturnedForm {
        email: cut(&fields.email, MAX_EMAIL),
        recipient: cut(&fields.recipient, MAX_EMAIL.max(MAX_PHONE)),
        coupon: cut(&fields.coupon, MAX_COUPON),
        newsletter: fields.newsletter,
        messages,
        confirm_phone,
        confirm_price,
    }
}

/// A page that says why nothing happened and the way on (403, 413, 429…).
pub fn refusal(
    status: StatusCode,
    title: &str,
    message: &str,
    back: &str,
    back_label: &str,
    css: &str,
) -> Response {
    let page = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"color-scheme\" content=\"light dark\">\
         <title>{title}</title>\
         <link rel=\"stylesheet\" href=\"{css}\"></head>\
         <body><main id=\"main\"><section class=\"error-panel\" role=\"alert\">\
         <h1>{title}</h1><p>{message}</p>\
         <p><a class=\"button\" href=\"{back}\">{back_label}</a></p>\
         </section></main></body></html>",
        title = escape_html(title),
        message = escape_html(message),
        back = escape_html(back),
        back_label = escape_html(back_label),
        css = escape_html(css),
    );
    (
        status,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; style-src 'self'; base-uri 'none'; \
                 frame-ancestors 'none'; form-action 'self'",
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
        ("form", token),
    ] {
        let value = value.trim();
        if !value.is_empty() && value.len() <= 100 {
            query.append_pair(name, value);
        }
    }
    // The fragment lands the shopper on what the form says (a summary of problems, or the
    // number to confirm), which the page focuses.
    format!("/{}/{slug}?{}#form-status", country.code, query.finish())
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
    browser_key: &str,
) -> Result<String, NotYet> {
    let unavailable = |error: AppError| {
        NotYet::Fix(vec![message(
            ProblemField::General,
            error.shopper_message(),
        )])
    };
    let (coin, network) = payment_choice(state, fields, shopper)
        .await
        .map_err(|m| NotYet::Fix(vec![m]))?;
    let details = state
        .catalog
        .brand(country, &fields.brand, &coin, shopper)
        .await
        .map_err(|e| unavailable(e.into()))?
        .ok_or_else(|| {
            NotYet::Fix(vec![message(
                ProblemField::General,
                format!("This brand isn't sold in {} any more.", country.name),
            )])
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
        .ok()
        .flatten();
    let (Some(amount), Some(email), Some(recipient), true) =
        (amount, email, recipient, messages.is_empty())
    else {
        return Err(NotYet::Fix(messages));
    };
    let beneficiary = match recipient {
        Recipient::Email(email) => email,
        Recipient::Phone(number) if fields.confirmed_phone.trim() == number.e164 => number.e164,
        Recipient::Phone(number) => return Err(NotYet::ConfirmPhone(number)),
    };

    let draft = OrderDraft {
        email,
        coin,
        network,
        newsletter: fields.newsletter,
        items: vec![DraftItem {
            brand_name: details.brand.name.clone(),
            country,
            kind: details.brand.kind.clone(),
            amount,
            beneficiary,
        }],
        coupon: Some(fields.coupon.trim().to_string()).filter(|c| !c.is_empty()),
    };
    let problems = |error: AppError| match error {
        AppError::Problems(problems) => NotYet::Fix(
            problems
                .iter()
                .map(|p| message(p.field(), p.explained()))
                .collect(),
        ),
        other => unavailable(other),
    };
    let validated = state
        .catalog
        .client()
        .validate_order(&draft, shopper)
        .await
        .map_err(|e| problems(e.into()))?;
    // What validation says the order costs is what the shopper pays: when it is not the
    // price they saw, they see the new one, and why, before anything is ordered.
    let shown = shown_price(state, &details, &draft, country, shopper).await;
    if let Some(confirm) = price_to_confirm(shown, &validated, fields) {
        return Err(NotYet::ConfirmPrice(confirm));
    }
    // The same browser sending the same draft again gets the same order; anything else,
    // a new one.
    let key = key::order_key(browser_key, &draft);
    let create = async {
        let order = state.catalog.client().create_order(&draft, shopper).await?;
        state.order_countries.remember(&order.id, country);
        tracing::info!(order = %crate::http::short_id(&order.id), brand = %details.brand.name, "order created");
        Ok::<_, AppError>(order.id)
    };
    state
        .order_once
        .once(&key, Box::pin(create))
        .await
        .map_err(problems)
}

/// The price the brand page showed for the draft: a fixed amount's price in the coin, or
/// the custom amount's quote (from the cache it was shown from).
async fn shown_price(
    state: &AppState,
    details: &BrandDetails,
    draft: &OrderDraft,
    country: Country,
    shopper: &Shopper,
) -> Option<rust_decimal::Decimal> {
    match &draft.items.first()?.amount {
        AmountChoice::Fixed { denomination, .. } => {
            details.fixed_products().find_map(|p| match &p.offer {
                Offer::Fixed {
                    denomination: d,
                    price: Some(price),
                    ..
                } if d == denomination && price.currency.eq_ignore_ascii_case(&draft.coin) => {
                    Some(price.amount)
                }
                _ => None,
            })
        }
        AmountChoice::Custom(money) => state
            .catalog
            .custom_price(
                &details.brand.name,
                country,
                money.amount,
                &draft.coin,
                shopper,
            )
            .await
            .ok()
            .map(|quote| quote.price.amount),
    }
}

/// The new price to confirm, when validation's differs from the one shown and the shopper
/// hasn't confirmed it yet.
fn price_to_confirm(
    shown: Option<rust_decimal::Decimal>,
    validated: &crate::domain::checkout::ValidatedOrder,
    fields: &CheckoutFields,
) -> Option<PriceConfirmation> {
    let shown = shown?;
    let now = validated.amount;
    if now == shown || fields.confirmed_price.trim() == now.to_string() {
        return None;
    }
    let coin = &validated.coin;
    let show = |amount| crate::domain::money::coin_display(amount, coin);
    let off = shown
        .checked_sub(now)
        .filter(|off| *off > rust_decimal::Decimal::ZERO);
    let why = match (&validated.coupon, off) {
        (Some(coupon), Some(off)) => format!(
            "Your coupon {coupon} takes {} off the {} price.",
            show(off),
            show(shown)
        ),
        _ => format!(
            "The price moved since the page showed {}: it is {} now.",
            show(shown),
            show(now)
        ),
    };
    Some(PriceConfirmation {
        amount: now.to_string(),
        display: show(now),
        why,
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
        return Ok(AmountChoice::Custom(crate::domain::Money::new(
            amount,
            range.currency.clone(),
        )));
    }
    details
        .fixed_products()
        .find(|p| p.id == fields.product)
        .and_then(|p| match &p.offer {
            Offer::Fixed {
                denomination,
                label,
                face_value,
                ..
            } => Some(AmountChoice::Fixed {
                denomination: denomination.clone(),
                label: Some(label.clone()),
                face_value: face_value.clone(),
            }),
            Offer::Range(_) => None,
        })
        .ok_or_else(|| message(ProblemField::Amount, "Choose an amount."))
}

/// Where the goods go.
enum Recipient {
    Email(String),
    Phone(TopUpNumber),
}

/// A phone number for top-ups; an email for everything else: the shopper's own when the
/// recipient field is left empty (`None` while that email is itself wrong: its own message
/// says so, and the optional field stays unmarked).
fn recipient(
    details: &BrandDetails,
    fields: &CheckoutFields,
    country: Country,
    shopper_email: Option<&str>,
) -> Result<Option<Recipient>, FieldMessage> {
    if details.brand.kind == ProductKind::MobileTopUp {
        return check_phone(&fields.recipient, country)
            .map(|number| Some(Recipient::Phone(number)))
            .map_err(|m| message(ProblemField::Recipient, m));
    }
    if fields.recipient.trim().is_empty() {
        return Ok(shopper_email.map(|email| Recipient::Email(email.to_string())));
    }
    check_email(&fields.recipient)
        .map(|email| Some(Recipient::Email(email)))
        .map_err(|m| message(ProblemField::Recipient, m))
}
