//! What server functions need from the request and the server (server only).

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
    shopper::from_request(&headers, peer, country)
}

pub fn country(code: &str) -> Result<Country, AppError> {
    Country::find(code)
        .copied()
        .ok_or_else(|| AppError::NotFound(format!("a country with the code “{code}”")))
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
            e @ (ApiError::Detail { .. } | ApiError::Message { .. }) => {
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

/// The coins of the shopper's own wallet that are not suspended (USDC first).
pub async fn usable_coins(state: &AppState, shopper: &Shopper) -> Vec<String> {
    use crate::domain::payment::{DEFAULT_COIN, USER_WALLET};
    let vias = match state.catalog.payment_vias(shopper).await {
        Ok(vias) => vias,
        Err(error) => {
            tracing::warn!(%error, "payment options unavailable; offering the default coin");
            return vec![DEFAULT_COIN.to_string()];
        }
    };
    let mut coins: Vec<String> = vias
        .iter()
        .filter(|via| via.name == USER_WALLET && via.available)
        .flat_map(|via| via.usable_coins().map(|c| c.name.clone()))
        .collect();
    coins.sort_by_key(|c| c != DEFAULT_COIN);
    coins.dedup();
    coins
}
