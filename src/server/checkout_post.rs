//! `POST /checkout`: the brand page's form, with or without JavaScript. The body is read
//! with a small limit, the shopper's limits apply to every intent, the browser's checkout
//! key comes from its cookie; then the order is placed (`api::checkout::place`). Success
//! goes to the payment page; anything else goes back to the form, with what was typed and
//! a message next to each field to fix. All of it in the shopper's language, and every way
//! on leads to pages in it.

use super::error_page::ErrorPage;
use crate::{
    api::checkout::{
        place::{place_order, returned_form, NotYet},
        post::{CheckoutPost, MAX_FORM_BYTES},
    },
    domain::Country,
    error::AppError,
    i18n::{words::ProblemsText, Lang},
    services::{
        checkout_key,
        checkout_store::new_token,
        rate_limit::{retry_after_secs, Cost},
        shopper_address, AppState,
    },
};
use axum::{
    body::Body,
    extract::{ConnectInfo, Request, State},
    http::{header, HeaderMap},
    response::{IntoResponse, Redirect, Response},
};
use std::net::SocketAddr;

/// Why a posted form could not be read at all.
enum Unreadable {
    TooLarge,
    Broken,
}

/// The body, up to `MAX_FORM_BYTES` (a larger one is refused before it is read; a slow one
/// is cut by the server's body-read timeout).
async fn read_form(headers: &HeaderMap, body: Body) -> Result<CheckoutPost, Unreadable> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|length| length > MAX_FORM_BYTES as u64) {
        return Err(Unreadable::TooLarge);
    }
    match axum::body::to_bytes(body, MAX_FORM_BYTES).await {
        Ok(bytes) => Ok(CheckoutPost::parse(&bytes)),
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

/// The shopper's language: the form's action's (`/vi/checkout`), else that of the page that
/// posted it (a Vietnamese page whose form posts to `/checkout`), else English.
fn lang_of(parts: &axum::http::request::Parts) -> Lang {
    let of_referer = || {
        let referer = parts.headers.get(header::REFERER)?.to_str().ok()?;
        Some(Lang::of_path(url::Url::parse(referer).ok()?.path()))
    };
    match Lang::of_path(parts.uri.path()) {
        Lang::En => of_referer().unwrap_or_default(),
        lang => lang,
    }
}

pub async fn submit(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
) -> Response {
    let (parts, body) = request.into_parts();
    let lang = lang_of(&parts);
    let words = ProblemsText(lang);
    let fields = match read_form(&parts.headers, body).await {
        Ok(fields) => fields,
        Err(Unreadable::TooLarge) => {
            return ErrorPage::new(AppError::TooLarge, lang)
                .nothing_ordered()
                .into_response()
        }
        Err(Unreadable::Broken) => {
            let broken = AppError::BadInput(words.form_not_whole().into());
            return ErrorPage::new(broken, lang)
                .nothing_ordered()
                .into_response();
        }
    };
    let Some(country) = Country::find(&fields.country).copied() else {
        return Redirect::to(&lang.href("/")).into_response();
    };
    let headers = parts.headers;
    let shopper = crate::cryptorefills::Shopper {
        // Upstream validates and creates in the shopper's language (its emails too).
        lang: lang.code(),
        ..shopper_address::from_request(
            &headers,
            Some(peer),
            Some(country),
            &state.config.trusted_proxies,
        )
    };
    let ip = shopper
        .ip
        .unwrap_or(std::net::IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED));
    // Showing the price costs upstream a call too: every intent counts.
    let cost = if fields.intent == "price" {
        Cost::Quote
    } else {
        Cost::Order
    };
    if let Err(wait) = state.rate_limits.check(cost, ip).await {
        let secs = retry_after_secs(wait);
        tracing::info!(retry_after = secs, ?cost, "checkout rate limit reached");
        // Nothing is kept for a request past the limit (they cost nothing to send and
        // could push other shoppers' forms out): the browser's Back keeps the fields.
        return ErrorPage::new(AppError::TooFast(secs), lang)
            .reassure(words.nothing_ordered_go_back())
            .back_to(
                back_to_form(lang, country, &fields, ""),
                words.back_to_your_order(),
            )
            .into_response();
    }
    let https = state.public_origin.starts_with("https://");
    // The key this browser got with the brand page; without one (cookies off), a fresh one:
    // the order is still made, only a second click is not recognised as the same.
    let (browser_key, new_key) = match checkout_key::from_headers(&headers, https) {
        Some(key) => (key, None),
        None => {
            let key = new_token();
            (key.clone(), Some(key))
        }
    };
    let outcome = match fields.length_problems(lang) {
        problems if !problems.is_empty() => Err(NotYet::Fix(problems)),
        _ if fields.intent == "price" => Err(NotYet::Fix(Vec::new())),
        _ => place_order(&state, &fields, country, &shopper, &browser_key, lang).await,
    };
    let paused = || {
        ErrorPage::new(AppError::CheckoutPaused, lang)
            .reassure(words.nothing_ordered_go_back())
            .back_to(
                back_to_form(lang, country, &fields, ""),
                words.back_to_your_order(),
            )
            .into_response()
    };
    let mut response = match outcome {
        Ok(order_id) => Redirect::to(&lang.href(&format!("/orders/{order_id}"))).into_response(),
        Err(NotYet::Paused) => paused(),
        Err(not_yet) => match state
            .returned_forms
            .keep(returned_form(&fields, not_yet, country, lang))
            .await
        {
            Ok(token) => {
                Redirect::to(&back_to_form(lang, country, &fields, &token)).into_response()
            }
            Err(why) => {
                tracing::warn!(%why, "a returned form could not be kept");
                paused()
            }
        },
    };
    if let Some(key) = new_key {
        response
            .headers_mut()
            .append(header::SET_COOKIE, checkout_key::set_cookie(&key, https));
    }
    response
}

/// The brand page again (in `lang`), with the choices in its URL and the typed fields behind
/// `token`.
fn back_to_form(lang: Lang, country: Country, fields: &CheckoutPost, token: &str) -> String {
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
    lang.href(&format!(
        "/{}/{slug}?{}#form-status",
        country.code,
        query.finish()
    ))
}
