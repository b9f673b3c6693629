//! The Cryptorefills partner API client (server only): one method per endpoint, each
//! building its request and mapping the answer to domain types. How calls travel (headers,
//! timeouts, retries, redirects, error bodies) is in `transport`.

mod answers;
pub mod cache;
pub mod catalog_cache;
pub mod error;
mod event_stream;
mod mapping;
pub mod sse;
mod tolerant;
mod transport;
pub use transport::MAX_BODY;
mod shopper;
mod wire;

pub use shopper::{Shopper, ShopperCalls, ShopperTally};

pub use error::ApiError;
pub use tolerant::{skipped_elements, skipped_fields};

use crate::domain::{
    checkout::{AmountChoice, OrderDraft, ValidatedOrder},
    payment::USER_WALLET,
    Brand, BrandDetails, Country, CountryCatalog, FeedSection, Order, OrderEvent, PaymentVia,
    Quote,
};
use futures::Stream;
use reqwest::{header::ACCEPT, Method};
use rust_decimal::Decimal;
use std::{fmt, pin::Pin, sync::Arc, time::Duration};
use url::Url;

/// The language a call is made in when no shopper's page decides it (background refreshes,
/// language-free calls). Every call that takes a `lang` reads it from the `Shopper`.
pub const DEFAULT_LANG: &str = "en";

/// Where the API is and who we are to it.
#[derive(Clone)]
pub struct ClientSettings {
    pub base_url: Url,
    pub partner_id: String,
    pub app_version: String,
    pub connect_timeout: Duration,
    /// For a whole call, body included (not for event streams, which stay open).
    pub timeout: Duration,
    /// How long an event stream may say nothing before it counts as dead.
    pub stream_idle: Duration,
    /// `acquisition.utm_source` of every order: where the partner's sales come from.
    pub utm_source: String,
}

/// The partner id is a credential: logs and panics never show it.
impl fmt::Debug for ClientSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientSettings")
            .field("base_url", &crate::web::public_origin(&self.base_url))
            .field("partner_id", &"<redacted>")
            .field("app_version", &self.app_version)
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("stream_idle", &self.stream_idle)
            .field("utm_source", &self.utm_source)
            .finish()
    }
}

/// The client; cheap to clone, one connection pool for the whole process.
#[derive(Clone, Debug)]
pub struct Client {
    http: reqwest::Client,
    settings: Arc<ClientSettings>,
    /// Calls made, by endpoint (`/healthz` shows them; the benchmark counts catalog calls).
    calls: Arc<std::sync::Mutex<std::collections::BTreeMap<&'static str, u64>>>,
    /// Calls made for each shopper this minute (a shared catalog fill names none).
    by_shopper: ShopperTally,
}

/// An order's live events, ending after `Stop`.
pub type OrderEvents = Pin<Box<dyn Stream<Item = Result<OrderEvent, ApiError>> + Send>>;

impl Client {
    pub fn new(settings: ClientSettings) -> Result<Self, ApiError> {
        let http = reqwest::Client::builder()
            .connect_timeout(settings.connect_timeout)
            // Shorter than the keep-alive of the servers it meets: the shop's own (hosting the
            // sandbox) closes an idle connection after its header timeout, 10 s by default.
            // With 90 s, a POST sometimes went out on a connection being closed and came back
            // "connection reset" (POSTs are not retried); a new connection costs less.
            .pool_idle_timeout(Duration::from_secs(5))
            // Never follow a redirect: the partner id would go along to wherever it points.
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("storefront/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| ApiError::Transport(e.to_string()))?;
        Ok(Self {
            http,
            settings: Arc::new(settings),
            calls: Arc::default(),
            by_shopper: ShopperTally::default(),
        })
    }

    /// Calls made through this client since it was built, by endpoint.
    pub fn calls(&self) -> std::collections::BTreeMap<&'static str, u64> {
        self.calls.lock().map(|c| c.clone()).unwrap_or_default()
    }

    /// Upstream calls made for shoppers over the current minute.
    pub fn calls_by_shopper(&self) -> ShopperCalls {
        self.by_shopper.summary()
    }

    pub fn settings(&self) -> &ClientSettings {
        &self.settings
    }

    /// GET /v3/payment_vias
    pub async fn payment_vias(&self, shopper: &Shopper) -> Result<Vec<PaymentVia>, ApiError> {
        let url = self.url(&["v3", "payment_vias"], &[]);
        let vias: Vec<wire::PaymentVia> = self.get("payment_vias", url, shopper).await?;
        Ok(mapping::payment_vias(vias))
    }

    /// GET /v2/brands?country_code=
    pub async fn brands(
        &self,
        country: Country,
        shopper: &Shopper,
    ) -> Result<CountryCatalog, ApiError> {
        let url = self.url(&["v2", "brands"], &[("country_code", country.code)]);
        let raw: wire::Brands = self.get("brands", url, shopper).await?;
        Ok(mapping::catalog(country, raw))
    }

    /// GET /v2/homepage?country_code=&lang= (empty when the country has no curated feed).
    pub async fn homepage(
        &self,
        country: Country,
        shopper: &Shopper,
    ) -> Result<Vec<FeedSection>, ApiError> {
        // The guide shows no `lang` here; sent anyway so that section titles come in the
        // shopper's language where upstream has them (English otherwise, which it ignores).
        let url = self.url(
            &["v2", "homepage"],
            &[("country_code", country.code), ("lang", shopper.lang)],
        );
        match self.get::<wire::Homepage>("homepage", url, shopper).await {
            Ok(raw) => Ok(mapping::home_feed(raw)),
            Err(e) if e.is_not_found() => Ok(Vec::new()),
            Err(e) => Err(e),
        }
    }

    /// GET /v5/products/country/{cc}?family_name=&coin=&lang= for a brand the catalog lists.
    pub async fn products(
        &self,
        brand: &Brand,
        country: Country,
        coin: &str,
        shopper: &Shopper,
    ) -> Result<BrandDetails, ApiError> {
        let url = self.url(
            &["v5", "products", "country", country.code],
            &[
                ("family_name", &brand.family),
                ("coin", coin),
                ("lang", shopper.lang),
            ],
        );
        let families: Vec<wire::Family> = self.get("products", url, shopper).await?;
        Ok(mapping::brand_details(brand, families, coin))
    }

    /// GET /v4/products/price: the coin amount for a custom face value.
    pub async fn price(
        &self,
        brand_name: &str,
        country: Country,
        face_value: Decimal,
        coin: &str,
        shopper: &Shopper,
    ) -> Result<Quote, ApiError> {
        let face_value = face_value.normalize().to_string();
        let url = self.url(
            &["v4", "products", "price"],
            &[
                ("brand_name", brand_name),
                ("country_code", country.code),
                ("face_value", &face_value),
                ("coin", coin),
            ],
        );
        let raw: wire::Price = self.get("price", url, shopper).await?;
        mapping::quote(raw, coin).map_err(|m| answers::decode_missing("price", m))
    }

    /// POST /v5/orders/validations: the price of the whole order, or every problem with it.
    pub async fn validate_order(
        &self,
        draft: &OrderDraft,
        shopper: &Shopper,
    ) -> Result<ValidatedOrder, ApiError> {
        let body = wire::ValidationRequest {
            email: &draft.email,
            payment: payment_request(draft),
            deliveries: validation_deliveries(draft),
            lang: shopper.lang,
            coupon_code: draft.coupon.as_deref(),
        };
        let url = self.url(&["v5", "orders", "validations"], &[]);
        let raw: wire::Validation = self
            .post_order("validate_order", Method::POST, url, &body, shopper)
            .await?;
        mapping::validated(raw, &draft.coin)
            .map_err(|m| answers::decode_missing("validate_order", m))
    }

    /// POST /v5/orders: creates the order; its wallet address and amount are to be paid.
    pub async fn create_order(
        &self,
        draft: &OrderDraft,
        shopper: &Shopper,
    ) -> Result<Order, ApiError> {
        let body = wire::CreateOrderRequest {
            deliveries: create_deliveries(draft),
            payment: payment_request(draft),
            user: wire::UserRequest {
                email: &draft.email,
                has_accepted_newsletter: draft.newsletter,
            },
            lang: shopper.lang,
            acquisition: wire::Acquisition {
                utm_source: &self.settings.utm_source,
            },
            coupon_code: draft.coupon.as_deref(),
        };
        let url = self.url(&["v5", "orders"], &[]);
        let raw: wire::Order = self
            .post_order("create_order", Method::POST, url, &body, shopper)
            .await?;
        mapping::order(raw).map_err(|m| answers::decode_missing("create_order", m))
    }

    /// GET /v5/orders/{id}
    pub async fn order(&self, order_id: &str, shopper: &Shopper) -> Result<Order, ApiError> {
        let url = self.url(&["v5", "orders", order_id], &[]);
        let raw: wire::Order = self.get("order", url, shopper).await?;
        mapping::order(raw).map_err(|m| answers::decode_missing("order", m))
    }

    /// `POST __control/orders/{id}/{action}` of the embedded sandbox (its panel's buttons):
    /// a refusal because the order is past that step (409) is not an error.
    pub async fn push_sandbox_order(&self, order_id: &str, action: &str) -> Result<(), ApiError> {
        let url = self.url(&["__control", "orders", order_id, action], &[]);
        let request = self
            .http
            .post(url.clone())
            .timeout(self.settings.timeout)
            .json(&serde_json::json!({}));
        let response = self
            .execute("sandbox_control", request, url.path(), &Shopper::default())
            .await?;
        match response.status() {
            status if status.is_success() || status == reqwest::StatusCode::CONFLICT => Ok(()),
            _ => answers::error_for_status(response, self.settings.timeout)
                .await
                .map(drop),
        }
    }

    /// GET /v5/orders/{id}/subscribe: the order now and at every change, then `Stop`.
    /// A payload that does not parse comes out as an `Err` item and the stream goes on.
    pub async fn order_events(
        &self,
        order_id: &str,
        shopper: &Shopper,
    ) -> Result<OrderEvents, ApiError> {
        let url = self.url(&["v5", "orders", order_id, "subscribe"], &[]);
        let request = self
            .http
            .get(url.clone())
            .headers(self.headers(shopper))
            .header(ACCEPT, "text/event-stream");
        let response = self
            .execute("order_events", request, url.path(), shopper)
            .await?;
        let response = answers::error_for_status(response, self.settings.timeout).await?;
        Ok(Box::pin(event_stream::event_stream(
            response,
            self.settings.stream_idle,
        )))
    }
}

fn payment_request(draft: &OrderDraft) -> wire::PaymentRequest<'_> {
    wire::PaymentRequest {
        kind: "via",
        payment_via: USER_WALLET,
        coin: &draft.coin,
        network: &draft.network,
    }
}

/// Validation's order lines: the denomination with its currency (`"100 USD"`) and as the
/// shopper saw it (`"$100"`), for fixed and custom amounts alike; a plan by its name.
fn validation_deliveries(draft: &OrderDraft) -> Vec<wire::ValidationDelivery<'_>> {
    draft
        .items
        .iter()
        .map(|item| {
            let (denomination, localized) = match &item.amount {
                AmountChoice::Fixed {
                    denomination,
                    label,
                    ..
                } => (denomination.clone(), label.clone()),
                AmountChoice::Custom(money) => (
                    format!("{} {}", money.amount.normalize(), money.currency),
                    Some(money.display()),
                ),
            };
            wire::ValidationDelivery {
                beneficiary_account: &item.beneficiary,
                brand_name: &item.brand_name,
                country_code: item.country.code,
                denomination,
                localized_denomination: localized,
            }
        })
        .collect()
}

/// Creation's order lines: the bare amount (`"100"`), fixed or custom; a plan by its name.
fn create_deliveries(draft: &OrderDraft) -> Vec<wire::CreateDelivery<'_>> {
    draft
        .items
        .iter()
        .map(|item| {
            let denomination = match &item.amount {
                AmountChoice::Custom(money) => money.amount.normalize().to_string(),
                AmountChoice::Fixed { denomination, .. } => {
                    match crate::domain::money::denomination_amount(denomination) {
                        Some(amount) => amount.normalize().to_string(),
                        None => denomination.clone(),
                    }
                }
            };
            wire::CreateDelivery {
                kind: item.kind.wire_kind(),
                quantity: 1,
                deliverable: wire::CreateDeliverable {
                    brand_name: &item.brand_name,
                    country_code: item.country.code,
                    denomination,
                    beneficiary_account: &item.beneficiary,
                },
            }
        })
        .collect()
}

#[cfg(test)]
mod contract_tests;
#[cfg(test)]
mod sample_tests;
