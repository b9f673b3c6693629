//! An imitation of the Cryptorefills partner API (server only), served over real HTTP so
//! the shop's client talks to it exactly as it talks to production. See `validation` for
//! the inputs that produce each problem code and `pricing` for the price rule. `lang=vi`
//! (products' query, orders' body) gets Vietnamese texts where upstream has them: see
//! `catalog_bodies::descriptions` and `brands::BrandDef::english_only`.

pub mod brands;
pub mod catalog_bodies;
pub mod faults;
pub mod logos;
pub mod networks;
pub mod orders;
pub mod pricing;
pub mod text;
pub mod validation;

mod catalog_api;
mod control;
mod order_api;
mod pictures;

use axum::{
    extract::{Request, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    middleware::{self, Next},
    response::{IntoResponse, Response},
    routing::{get, post},
    Json, Router,
};
use catalog_api::{homepage, list_brands, payment_vias, price, products};
use control::{add_fault, clear_faults, control_order, count_orders};
use faults::Faults;
use logos::Logos;
use order_api::{create_order, order, subscribe, validate};
use orders::OrderStore;
use pictures::{activation_qr, barcode, logo, qr_image, redeem};
use serde_json::json;
use std::time::Duration;

pub use orders::Timings;

/// Where the storefront mounts the sandbox (and where `storefront sandbox` serves it).
pub const MOUNT: &str = "/sandbox/api";

#[derive(Clone, Debug)]
pub struct SandboxSettings {
    pub timings: Timings,
    /// The sandbox's address as browsers reach it, for logo and redeem URLs. Unset: taken
    /// from the `Host` of each API call.
    pub public_url: Option<String>,
    /// How often event streams send a comment to keep the connection alive.
    pub heartbeat: Duration,
}

impl Default for SandboxSettings {
    fn default() -> Self {
        Self {
            timings: Timings {
                pay_after: Some(Duration::from_secs(20)),
                deliver_after: Duration::from_secs(5),
                expire_after: orders::PAYMENT_WINDOW,
            },
            public_url: None,
            heartbeat: Duration::from_secs(15),
        }
    }
}

#[derive(Clone)]
pub(crate) struct Sandbox {
    settings: SandboxSettings,
    orders: OrderStore,
    faults: Faults,
    logos: Logos,
}

/// The sandbox's routes, relative to its mount point.
pub fn router(settings: SandboxSettings) -> Router {
    let sandbox = Sandbox {
        orders: OrderStore::new(settings.timings),
        settings,
        faults: Faults::default(),
        logos: Logos::default(),
    };
    let api = Router::new()
        .route("/v3/payment_vias", get(payment_vias))
        .route("/v2/brands", get(list_brands))
        .route("/v2/homepage", get(homepage))
        .route("/v5/products/country/{cc}", get(products))
        .route("/v4/products/price", get(price))
        .route("/v5/orders/validations", post(validate))
        .route("/v5/orders", post(create_order))
        .route("/v5/orders/{id}", get(order))
        .route("/v5/orders/{id}/subscribe", get(subscribe))
        .layer(middleware::from_fn_with_state(
            sandbox.clone(),
            partner_gate,
        ));
    Router::new()
        .merge(api)
        .route("/logos/{file}", get(logo))
        .route("/v3/qrs/{id}", get(qr_image))
        .route("/redeem/{code}", get(redeem))
        .route("/activation/{file}", get(activation_qr))
        .route("/barcodes/{file}", get(barcode))
        .route("/__control/orders", get(count_orders))
        .route("/__control/orders/{id}/{action}", post(control_order))
        .route("/__control/faults", post(add_fault).delete(clear_faults))
        .with_state(sandbox)
}

pub(super) fn message(status: StatusCode, text: impl Into<String>) -> Response {
    (status, Json(json!({ "message": text.into() }))).into_response()
}

/// A refused call: upstream's generic `{"message"}` error with a status.
pub(super) struct Refusal(StatusCode, String);

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        message(self.0, self.1)
    }
}

/// An HTTP-level error as production sends it: `{"status", "detail"}`, the code in `detail`
/// (`ORDER_NOT_FOUND`, `NOT_AVAILABLE_PRODUCT`, `INVALID_PRODUCT_VALUE`).
pub(super) fn detail(status: StatusCode, code: &str) -> Response {
    (
        status,
        Json(json!({"status": status.as_u16(), "detail": code})),
    )
        .into_response()
}

pub(super) fn bad_request(text: impl Into<String>) -> Refusal {
    Refusal(StatusCode::BAD_REQUEST, text.into())
}

/// Faults first (a test asked for them), then the partner header upstream insists on.
async fn partner_gate(State(sandbox): State<Sandbox>, request: Request, next: Next) -> Response {
    let target = request.uri().path_and_query().map_or_else(
        || request.uri().path().to_string(),
        |pq| pq.as_str().to_string(),
    );
    let injection = sandbox.faults.for_call(&target);
    if !injection.delay.is_zero() {
        tokio::time::sleep(injection.delay).await;
    }
    if let Some((status, retry_after)) = injection.fail {
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
        let mut response = message(status, "sandbox fault injected");
        if let Some(secs) = retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        return response;
    }
    let has_partner = request
        .headers()
        .get("x-cr-application")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| !v.trim().is_empty());
    if !has_partner {
        return message(
            StatusCode::UNAUTHORIZED,
            "X-Cr-Application header is required",
        );
    }
    next.run(request).await
}

impl Sandbox {
    /// The sandbox's public base URL for links it hands out.
    pub(super) fn base_url(&self, headers: &HeaderMap) -> String {
        if let Some(url) = &self.settings.public_url {
            return url.trim_end_matches('/').to_string();
        }
        let host = headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .filter(|h| !h.is_empty() && h.bytes().all(|b| b.is_ascii_graphic()))
            .unwrap_or("127.0.0.1:3000");
        format!("http://{host}{MOUNT}")
    }
}
