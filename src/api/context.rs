//! What server functions need from the request and the server (server only).

use super::catalog::{CoinChoice, NetworkChoice};
use crate::{
    cryptorefills::{ApiError, Shopper},
    domain::Country,
    error::AppError,
    server::{shopper, AppState},
};
use axum::{extract::ConnectInfo, http::HeaderMap};
use leptos::prelude::use_context;
use std::net::SocketAddr;

pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("server function called without the app state in context");
        AppError::Unavailable
    })
}

/// The shopper behind the current request, for upstream's headers.
pub async fn shopper(country: Option<Country>) -> Shopper {
    let headers: HeaderMap = leptos_axum::extract().await.unwrap_or_default();
    let peer = leptos_axum::extract::<ConnectInfo<SocketAddr>>()
        .await
        .ok()
        .map(|ConnectInfo(addr)| addr);
    let trusted = use_context::<AppState>()
        .map(|state| state.config.trusted_proxies.clone())
        .unwrap_or_default();
    shopper::from_request(&headers, peer, country, &trusted)
}

/// Counts a costly call against the shopper's limit; past it, `AppError::TooFast` (and a
/// browser's call gets `Retry-After`). A page that makes the call while it renders (the
/// no-JavaScript price) is counted too: it costs upstream the same; it shows the message
/// in place of the price and keeps its own status.
pub async fn rate_limit(cost: crate::server::rate_limit::Cost) -> Result<(), AppError> {
    use crate::server::rate_limit::retry_after_secs;
    let state = state()?;
    let shopper = shopper(None).await;
    let ip = shopper
        .ip
        .unwrap_or(std::net::IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED));
    state.rate_limits.check(cost, ip).map_err(|wait| {
        let secs = retry_after_secs(wait);
        tracing::info!(?cost, retry_after = secs, "rate limit reached");
        let response =
            use_context::<leptos_axum::ResponseOptions>().filter(|_| is_server_fn_call());
        if let Some(response) = response {
            response.insert_header(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from(secs),
            );
        }
        AppError::TooFast(secs)
    })
}

/// A server function's answer as HTTP says it: an error gets its own status (404, 422,
/// 429, 503…), not 500, and is logged by whose fault it is: the shopper's input at INFO,
/// ours or upstream's at WARN.
pub fn answer<T>(name: &'static str, result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(error) = &result {
        // Called by a page while it renders, the page decides its own status.
        if is_server_fn_call() {
            crate::http::set_status(error.status());
        }
        match error {
            AppError::NotFound(_)
            | AppError::BadInput(_)
            | AppError::Problems(_)
            | AppError::TooFast(_) => {
                tracing::info!(server_fn = name, status = error.status(), ?error, "refused")
            }
            _ => tracing::warn!(server_fn = name, status = error.status(), ?error, "failed"),
        }
    }
    result
}

/// Whether the current request is a browser's call of a server function (not a page that
/// calls one while rendering).
fn is_server_fn_call() -> bool {
    use_context::<axum::http::request::Parts>()
        .is_some_and(|parts| parts.uri.path().starts_with("/api/"))
}

/// `Ok` when `coin` can be used to pay now (checked before it reaches upstream or a cache
/// key), else its refusal.
pub fn usable_coin(payment: &[CoinChoice], coin: &str) -> Result<(), AppError> {
    if payment.iter().any(|c| c.usable() && c.name == coin) {
        Ok(())
    } else {
        Err(unusable_coin(coin))
    }
}

/// The refusal of a coin the shop doesn't take; only a coin-like name is repeated back.
fn unusable_coin(coin: &str) -> AppError {
    let looks_like_a_coin =
        (1..=12).contains(&coin.len()) && coin.bytes().all(|b| b.is_ascii_alphanumeric());
    AppError::BadInput(if looks_like_a_coin {
        format!("{coin} can't be used to pay right now.")
    } else {
        "That coin can't be used to pay right now.".into()
    })
}

/// A cookie of the current request.
pub fn cookie(name: &str) -> Option<String> {
    crate::http::request_cookie(name)
}

pub fn country(code: &str) -> Result<Country, AppError> {
    Country::find(code).copied().ok_or_else(|| {
        // Only a code that looks like one is repeated back (or logged).
        let looks_like_a_code = code.len() == 2 && code.bytes().all(|b| b.is_ascii_alphabetic());
        AppError::NotFound(if looks_like_a_code {
            format!("a country with the code “{}”", code.to_ascii_uppercase())
        } else {
            "that country".into()
        })
    })
}

/// Not-found for a brand; only a well-formed slug is repeated back (or logged).
pub fn brand_not_found(slug: &str, country: Country) -> AppError {
    if crate::http::is_slug(slug) {
        AppError::NotFound(format!("“{slug}” in {}", country.name))
    } else {
        AppError::NotFound(format!("that brand in {}", country.name))
    }
}

/// Upstream's errors as the shop reports them; the details go to the log, not the shopper.
impl From<ApiError> for AppError {
    fn from(error: ApiError) -> Self {
        let problems = error.problems();
        if !problems.is_empty() {
            return AppError::Problems(problems);
        }
        match error {
            ApiError::RateLimited { .. } => AppError::Busy,
            ApiError::NotFound { .. } => AppError::NotFound("that".into()),
            // A code that is not the shopper's to fix: our request or upstream is at fault.
            e @ (ApiError::Detail { .. } | ApiError::Message { .. })
                if e.status().is_some_and(|s| s < 500) =>
            {
                tracing::warn!(error = %e, "upstream refused the call");
                AppError::Upstream
            }
            e @ (ApiError::Redirected { .. } | ApiError::Decode { .. }) => {
                tracing::error!(error = %e, "upstream answered in a way the shop cannot use");
                AppError::Unavailable
            }
            e => {
                tracing::warn!(error = %e, "upstream call failed");
                AppError::Unavailable
            }
        }
    }
}

/// The coins of the shopper's own wallet and their networks, suspended ones included (the
/// picker shows them disabled), USDC first and Solana marked as the lowest fee.
pub async fn payment_choices(state: &AppState, shopper: &Shopper) -> Vec<CoinChoice> {
    use crate::domain::payment::{DEFAULT_COIN, USER_WALLET};
    let fallback = || {
        vec![CoinChoice {
            name: DEFAULT_COIN.to_string(),
            suspended: false,
            networks: vec![NetworkChoice {
                name: "Solana".into(),
                suspended: false,
                lowest_fee: true,
                fee: None,
            }],
        }]
    };
    let vias = match state.catalog.payment_vias(shopper).await {
        Ok(vias) => vias,
        Err(error) => {
            tracing::warn!(%error, "payment options unavailable; offering the default coin");
            crate::http::mark_degraded();
            return fallback();
        }
    };
    let mut coins: Vec<CoinChoice> = vias
        .iter()
        .filter(|via| via.name == USER_WALLET && via.available)
        .flat_map(|via| via.coins.iter())
        .map(|coin| CoinChoice {
            name: coin.name.clone(),
            suspended: coin.suspended,
            networks: coin
                .networks
                .iter()
                .map(|n| NetworkChoice {
                    name: n.name.clone(),
                    suspended: n.suspended,
                    lowest_fee: n.name == "Solana",
                    fee: crate::domain::payment::typical_network_fee(&n.name)
                        .map(|fee| (fee.cents, fee.text.to_string())),
                })
                .collect(),
        })
        .collect();
    coins.sort_by_key(|c| (c.name != DEFAULT_COIN, c.suspended));
    coins.dedup_by(|a, b| a.name == b.name);
    if coins.is_empty() {
        return fallback();
    }
    coins
}
