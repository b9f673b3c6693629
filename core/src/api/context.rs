//! What server functions need from the request and the server (server only).

use super::browse::{CoinChoice, NetworkChoice};
use crate::{
    cryptorefills::Shopper,
    domain::{BrandDetails, Country},
    error::AppError,
    i18n::words::ProblemsText,
    services::{shopper_address, AppState},
};
use axum::{extract::ConnectInfo, http::HeaderMap};
use leptos::prelude::use_context;
use std::net::SocketAddr;

/// What every server function about a country starts with: the country (or not found),
/// the server's state, and the shopper in that country.
pub struct InCountry {
    pub country: Country,
    pub state: AppState,
    pub shopper: Shopper,
}

pub async fn in_country(code: &str) -> Result<InCountry, AppError> {
    let country = country(code)?;
    Ok(InCountry {
        country,
        state: state()?,
        shopper: shopper(Some(country)).await,
    })
}

impl InCountry {
    /// The coins the shopper may pay with here (see [`payment_choices`]).
    pub async fn payment(&self) -> Vec<CoinChoice> {
        payment_choices(&self.state, &self.shopper).await
    }

    /// `coin`, checked usable now before it reaches upstream or a cache key: its name as
    /// the shop writes it ("usdc" -> "USDC"), or its refusal.
    pub async fn usable_coin(&self, coin: &str) -> Result<String, AppError> {
        self.payment()
            .await
            .into_iter()
            .find(|c| c.usable() && c.name.eq_ignore_ascii_case(coin.trim()))
            .map(|c| c.name)
            .ok_or_else(|| unusable_coin(coin))
    }

    /// A brand of this country priced in `coin`, or not found.
    pub async fn brand(&self, slug: &str, coin: &str) -> Result<BrandDetails, AppError> {
        self.state
            .catalog
            .brand(self.country, slug, coin, &self.shopper)
            .await?
            .ok_or_else(|| brand_not_found(slug, self.country))
    }
}

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
    Shopper {
        // Upstream answers in the page's language (descriptions, instructions, its emails).
        lang: crate::render::lang().code(),
        ..shopper_address::from_request(&headers, peer, country, &trusted)
    }
}

/// The shopper behind the current request, for an order's calls: with the country they
/// last shopped in (their cookie), which upstream hears until the order's own is known.
pub async fn shopper_for_order() -> Shopper {
    let remembered =
        cookie(crate::web::COUNTRY_COOKIE).and_then(|code| Country::find(&code).copied());
    shopper(remembered).await
}

/// Counts a costly call against the shopper's limit; past it, `AppError::TooFast` (and a
/// browser's call gets `Retry-After`). A page that makes the call while it renders (the
/// no-JavaScript price) is counted too: it costs upstream the same; it shows the message
/// in place of the price and keeps its own status.
pub async fn rate_limit(cost: crate::services::rate_limit::Cost) -> Result<(), AppError> {
    use crate::services::rate_limit::retry_after_secs;
    let state = state()?;
    let shopper = shopper(None).await;
    let ip = shopper
        .ip
        .unwrap_or(std::net::IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED));
    state.rate_limits.check(cost, ip).await.map_err(|wait| {
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
            crate::render::set_status(error.status());
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

/// The refusal of a coin the shop doesn't take, in the page's language; only a coin-like
/// name is repeated back.
fn unusable_coin(coin: &str) -> AppError {
    let words = ProblemsText(crate::render::lang());
    let looks_like_a_coin =
        (1..=12).contains(&coin.len()) && coin.bytes().all(|b| b.is_ascii_alphanumeric());
    AppError::BadInput(if looks_like_a_coin {
        words.coin_unusable(coin)
    } else {
        words.that_coin_unusable().into()
    })
}

/// A cookie of the current request.
pub fn cookie(name: &str) -> Option<String> {
    crate::render::request_cookie(name)
}

/// The country of `code`, or not found (what wasn't found said in the page's language).
fn country(code: &str) -> Result<Country, AppError> {
    Country::find(code).copied().ok_or_else(|| {
        let words = ProblemsText(crate::render::lang());
        // Only a code that looks like one is repeated back (or logged).
        let looks_like_a_code = code.len() == 2 && code.bytes().all(|b| b.is_ascii_alphabetic());
        AppError::NotFound(if looks_like_a_code {
            words.country_with_code(&code.to_ascii_uppercase())
        } else {
            words.that_country().into()
        })
    })
}

/// Not-found for a brand, in the page's language; only a well-formed slug is repeated back
/// (or logged).
fn brand_not_found(slug: &str, country: Country) -> AppError {
    let lang = crate::render::lang();
    let (words, name) = (ProblemsText(lang), country.name_in(lang));
    if crate::web::is_slug(slug) {
        AppError::NotFound(words.brand_in(slug, name))
    } else {
        AppError::NotFound(words.that_brand_in(name))
    }
}

/// The coins of the shopper's own wallet and their networks, suspended ones included (the
/// buy form shows them disabled), USDC first and Solana marked as the lowest fee.
pub async fn payment_choices(state: &AppState, shopper: &Shopper) -> Vec<CoinChoice> {
    use crate::domain::payment::{DEFAULT_COIN, USER_WALLET};
    let fallback = || {
        vec![CoinChoice {
            name: DEFAULT_COIN.to_string(),
            suspended: false,
            networks: vec![NetworkChoice {
                name: crate::domain::payment::LOWEST_FEE_NETWORK.into(),
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
            crate::render::mark_degraded();
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
                    lowest_fee: crate::domain::payment::is_lowest_fee(&n.name),
                    fee: crate::domain::payment::typical_network_fee(
                        crate::render::lang(),
                        &n.name,
                    )
                    .map(|fee| (fee.cents, fee.text)),
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
