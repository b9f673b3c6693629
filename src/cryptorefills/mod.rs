//! The Cryptorefills partner API client (server only): one method per endpoint, the
//! partner headers, timeouts and retries, tolerant decoding into domain types.

pub mod cache;
pub mod catalog;
pub mod error;
mod mapping;
pub mod sse;
mod tolerant;
mod wire;

pub use error::ApiError;

use crate::domain::{
    checkout::{AmountChoice, OrderDraft, ValidatedOrder},
    payment::USER_WALLET,
    Brand, BrandDetails, Country, CountryCatalog, FeedSection, Order, OrderEvent, PaymentVia,
    Quote,
};
use futures::{stream, Stream, StreamExt};
use reqwest::{
    header::{HeaderMap, HeaderName, HeaderValue, ACCEPT, CONTENT_TYPE, RETRY_AFTER, USER_AGENT},
    Method, RequestBuilder, StatusCode,
};
use rust_decimal::Decimal;
use serde::{de::DeserializeOwned, Serialize};
use sse::{SseItem, SseParser};
use std::{collections::VecDeque, net::IpAddr, pin::Pin, sync::Arc, time::Duration};
use tokio::time::Instant;
use url::Url;

/// The longest `Retry-After` a GET waits out before retrying; past it the caller gets the error.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(5);

/// Where the API is and who we are to it.
#[derive(Clone, Debug)]
pub struct Settings {
    pub base_url: Url,
    pub partner_id: String,
    pub app_version: String,
    pub connect_timeout: Duration,
    /// For a whole call, body included (not for event streams, which stay open).
    pub timeout: Duration,
}

/// Who the call is for: forwarded to upstream when known.
#[derive(Clone, Debug, Default)]
pub struct Shopper {
    pub country: Option<Country>,
    pub ip: Option<IpAddr>,
    pub user_agent: Option<String>,
}

/// The client; cheap to clone, one connection pool for the whole process.
#[derive(Clone, Debug)]
pub struct Client {
    http: reqwest::Client,
    settings: Arc<Settings>,
}

/// An order's live events, ending after `Stop`.
pub type OrderEvents = Pin<Box<dyn Stream<Item = Result<OrderEvent, ApiError>> + Send>>;

impl Client {
    pub fn new(settings: Settings) -> Result<Self, ApiError> {
        let http = reqwest::Client::builder()
            .connect_timeout(settings.connect_timeout)
            .pool_idle_timeout(Duration::from_secs(90))
            .user_agent(concat!("storefront/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| ApiError::Transport(e.to_string()))?;
        Ok(Self {
            http,
            settings: Arc::new(settings),
        })
    }

    pub fn settings(&self) -> &Settings {
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

    /// GET /v2/homepage?country_code= (empty when the country has no curated feed).
    pub async fn homepage(
        &self,
        country: Country,
        shopper: &Shopper,
    ) -> Result<Vec<FeedSection>, ApiError> {
        let url = self.url(&["v2", "homepage"], &[("country_code", country.code)]);
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
        lang: &str,
        shopper: &Shopper,
    ) -> Result<BrandDetails, ApiError> {
        let url = self.url(
            &["v5", "products", "country", country.code],
            &[
                ("family_name", &brand.family),
                ("coin", coin),
                ("lang", lang),
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
        mapping::quote(raw, coin).map_err(|m| decode_missing("price", m))
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
            deliveries: deliveries(draft),
            lang: &draft.lang,
            coupon_code: draft.coupon.as_deref(),
        };
        let url = self.url(&["v5", "orders", "validations"], &[]);
        let (status, mut raw): (_, wire::Validation) = self
            .send_json("validate_order", Method::POST, url, &body, shopper)
            .await?;
        let problems = mapping::problems(std::mem::take(&mut raw.problems));
        if !problems.is_empty() {
            return Err(ApiError::Problems {
                status: status.as_u16(),
                problems,
            });
        }
        mapping::validated(raw, &draft.coin).map_err(|m| decode_missing("validate_order", m))
    }

    /// POST /v5/orders: creates the order; its wallet address and amount are to be paid.
    pub async fn create_order(
        &self,
        draft: &OrderDraft,
        shopper: &Shopper,
    ) -> Result<Order, ApiError> {
        let body = wire::CreateOrderRequest {
            deliveries: draft
                .items
                .iter()
                .zip(deliveries(draft))
                .map(|(item, deliverable)| wire::CreateDelivery {
                    kind: item.kind.wire_kind(),
                    quantity: 1,
                    deliverable,
                })
                .collect(),
            payment: payment_request(draft),
            user: wire::UserRequest {
                email: &draft.email,
                has_accepted_newsletter: false,
            },
            lang: &draft.lang,
            acquisition: wire::Acquisition {
                utm_source: "storefront",
            },
            coupon_code: draft.coupon.as_deref(),
        };
        let url = self.url(&["v5", "orders"], &[]);
        let (_, raw): (_, wire::Order) = self
            .send_json("create_order", Method::POST, url, &body, shopper)
            .await?;
        mapping::order(raw).map_err(|m| decode_missing("create_order", m))
    }

    /// GET /v5/orders/{id}
    pub async fn order(&self, order_id: &str, shopper: &Shopper) -> Result<Order, ApiError> {
        let url = self.url(&["v5", "orders", order_id], &[]);
        let raw: wire::Order = self.get("order", url, shopper).await?;
        mapping::order(raw).map_err(|m| decode_missing("order", m))
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
        let response = self.execute("order_events", request, url.path()).await?;
        let response = error_for_status(response).await?;
        Ok(Box::pin(event_stream(response)))
    }

    // ---- plumbing ---------------------------------------------------------------------

    /// The base URL (which may carry a path, like `/sandbox/api`) plus encoded segments.
    fn url(&self, segments: &[&str], query: &[(&str, &str)]) -> Url {
        let mut url = self.settings.base_url.clone();
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop_if_empty().extend(segments);
        }
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(query);
        }
        url
    }

    fn headers(&self, shopper: &Shopper) -> HeaderMap {
        let mut headers = HeaderMap::new();
        let mut put = |name: &'static str, value: &str| {
            if let Ok(value) = HeaderValue::from_str(value) {
                headers.insert(HeaderName::from_static(name), value);
            }
        };
        put("x-cr-application", &self.settings.partner_id);
        put("x-cr-version", &self.settings.app_version);
        if let Some(country) = shopper.country {
            put("x-country-iso-code", country.code);
        }
        if let Some(ip) = shopper.ip {
            put("x-forwarded-for", &ip.to_string());
        }
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        if let Some(agent) = shopper
            .user_agent
            .as_deref()
            .and_then(|a| HeaderValue::from_str(a).ok())
        {
            headers.insert(USER_AGENT, agent);
        }
        headers
    }

    /// An idempotent GET: one retry (after a little jitter) on a network or gateway failure,
    /// and one after a short `Retry-After` on 429.
    async fn get<T: DeserializeOwned>(
        &self,
        endpoint: &'static str,
        url: Url,
        shopper: &Shopper,
    ) -> Result<T, ApiError> {
        let mut retried = false;
        loop {
            let request = self
                .http
                .get(url.clone())
                .headers(self.headers(shopper))
                .timeout(self.settings.timeout);
            let outcome = match self.execute(endpoint, request, url.path()).await {
                Ok(response) => error_for_status(response).await,
                Err(e) => Err(e),
            };
            let response = match outcome {
                Err(e) if !retried && e.is_retryable() => {
                    tokio::time::sleep(Duration::from_millis(fastrand::u64(100..400))).await;
                    retried = true;
                    continue;
                }
                Err(ApiError::RateLimited {
                    retry_after: Some(wait),
                }) if !retried && wait <= MAX_RETRY_AFTER => {
                    tokio::time::sleep(wait).await;
                    retried = true;
                    continue;
                }
                other => other?,
            };
            let bytes = read_body(endpoint, response, self.settings.timeout).await?;
            return decode(endpoint, &bytes);
        }
    }

    /// A POST (never retried: creating an order twice is worse than failing once). Validation
    /// problems come with 200 or 4xx, so a 4xx body with `problems` is decoded, not raised.
    async fn send_json<B: Serialize, T: DeserializeOwned>(
        &self,
        endpoint: &'static str,
        method: Method,
        url: Url,
        body: &B,
        shopper: &Shopper,
    ) -> Result<(StatusCode, T), ApiError> {
        let request = self
            .http
            .request(method, url.clone())
            .headers(self.headers(shopper))
            .timeout(self.settings.timeout)
            .json(body);
        let response = self.execute(endpoint, request, url.path()).await?;
        let status = response.status();
        let bytes = read_body(endpoint, response, self.settings.timeout).await?;
        if !status.is_success() {
            return Err(error_from_body(status, None, &bytes));
        }
        Ok((status, decode(endpoint, &bytes)?))
    }

    /// Sends and logs: one line per upstream call with its status and latency.
    async fn execute(
        &self,
        endpoint: &'static str,
        request: RequestBuilder,
        path: &str,
    ) -> Result<reqwest::Response, ApiError> {
        let started = Instant::now();
        let result = request.send().await;
        let latency_ms = started.elapsed().as_millis() as u64;
        match result {
            Ok(response) => {
                tracing::info!(
                    target: "upstream",
                    endpoint,
                    path,
                    status = response.status().as_u16(),
                    latency_ms,
                    "upstream call"
                );
                Ok(response)
            }
            Err(error) => {
                tracing::warn!(target: "upstream", endpoint, path, latency_ms, %error, "upstream call failed");
                Err(transport_error(error, self.settings.timeout))
            }
        }
    }
}

fn payment_request(draft: &OrderDraft) -> wire::PaymentRequest<'_> {
    wire::PaymentRequest {
        kind: "via",
        payment_via: USER_WALLET,
        coin: &draft.coin,
        network: draft.network.as_deref(),
    }
}

/// Order lines as the API wants them; a custom amount is `denomination: "range"` plus
/// `product_value`, as the guide says for validation.
fn deliveries(draft: &OrderDraft) -> Vec<wire::ValidationDelivery<'_>> {
    draft
        .items
        .iter()
        .map(|item| {
            let (denomination, localized, product_value) = match &item.amount {
                AmountChoice::Fixed {
                    denomination,
                    label,
                } => (denomination.as_str(), label.as_deref(), None),
                AmountChoice::Custom(value) => ("range", None, Some(value.normalize().to_string())),
            };
            wire::ValidationDelivery {
                beneficiary_account: &item.beneficiary,
                brand_name: &item.brand_name,
                country_code: item.country.code,
                denomination,
                localized_denomination: localized,
                product_value,
            }
        })
        .collect()
}

fn transport_error(error: reqwest::Error, timeout: Duration) -> ApiError {
    if error.is_timeout() {
        ApiError::Timeout(timeout)
    } else {
        // The innermost cause says what happened ("Connection refused"), the top one only
        // that sending failed.
        let mut cause: &dyn std::error::Error = &error;
        while let Some(next) = cause.source() {
            cause = next;
        }
        ApiError::Transport(cause.to_string())
    }
}

async fn read_body(
    endpoint: &'static str,
    response: reqwest::Response,
    timeout: Duration,
) -> Result<bytes::Bytes, ApiError> {
    response.bytes().await.map_err(|e| {
        if e.is_timeout() {
            ApiError::Timeout(timeout)
        } else if e.is_decode() {
            ApiError::Decode {
                endpoint,
                path: ".".into(),
                message: e.to_string(),
            }
        } else {
            transport_error(e, timeout)
        }
    })
}

/// Passes a successful response on; turns any other into the error its body describes.
async fn error_for_status(response: reqwest::Response) -> Result<reqwest::Response, ApiError> {
    let status = response.status();
    if status.is_success() {
        return Ok(response);
    }
    let retry_after = response
        .headers()
        .get(RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(Duration::from_secs);
    let body = response.bytes().await.unwrap_or_default();
    Err(error_from_body(status, retry_after, &body))
}

fn error_from_body(status: StatusCode, retry_after: Option<Duration>, body: &[u8]) -> ApiError {
    let status_code = status.as_u16();
    if status == StatusCode::TOO_MANY_REQUESTS {
        return ApiError::RateLimited { retry_after };
    }
    let parsed: wire::ErrorBody = serde_json::from_slice(body).unwrap_or_default();
    let problems = mapping::problems(parsed.problems);
    if !problems.is_empty() {
        return ApiError::Problems {
            status: status_code,
            problems,
        };
    }
    if let Some(detail) = parsed.detail.filter(|d| !d.is_empty()) {
        return ApiError::Detail {
            status: status_code,
            detail,
            details: parsed.more_details,
        };
    }
    if let Some(message) = parsed.message.filter(|m| !m.is_empty()) {
        return ApiError::Message {
            status: status_code,
            message,
        };
    }
    ApiError::Status {
        status: status_code,
        body: String::from_utf8_lossy(&body[..body.len().min(200)]).into_owned(),
    }
}

/// Decodes JSON, naming the path of the field that broke when it fails.
fn decode<T: DeserializeOwned>(endpoint: &'static str, bytes: &[u8]) -> Result<T, ApiError> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|e| ApiError::Decode {
        endpoint,
        path: e.path().to_string(),
        message: e.into_inner().to_string(),
    })
}

fn decode_missing(endpoint: &'static str, missing: mapping::Missing) -> ApiError {
    ApiError::Decode {
        endpoint,
        path: missing.0.to_string(),
        message: "missing".into(),
    }
}

/// Parses an event stream body into order events; ends after `stop` or when upstream closes.
fn event_stream(response: reqwest::Response) -> impl Stream<Item = Result<OrderEvent, ApiError>> {
    struct State {
        body: Pin<Box<dyn Stream<Item = reqwest::Result<bytes::Bytes>> + Send>>,
        parser: SseParser,
        ready: VecDeque<Result<OrderEvent, ApiError>>,
        stopped: bool,
    }
    let state = State {
        body: Box::pin(response.bytes_stream()),
        parser: SseParser::default(),
        ready: VecDeque::new(),
        stopped: false,
    };
    stream::unfold(state, |mut state| async move {
        loop {
            if let Some(item) = state.ready.pop_front() {
                return Some((item, state));
            }
            if state.stopped {
                return None;
            }
            let chunk = match state.body.next().await {
                Some(Ok(chunk)) => chunk,
                Some(Err(e)) => {
                    state.stopped = true;
                    return Some((Err(ApiError::Transport(e.to_string())), state));
                }
                None => return None,
            };
            for item in state.parser.feed(&chunk) {
                let SseItem::Event { event, data, .. } = item else {
                    continue;
                };
                match event.as_str() {
                    "stop" => {
                        let payload: wire::StopPayload =
                            serde_json::from_str(&data).unwrap_or_default();
                        state.ready.push_back(Ok(OrderEvent::Stop {
                            error: payload.error,
                        }));
                        state.stopped = true;
                        break;
                    }
                    "message" => state.ready.push_back(
                        decode::<wire::Order>("order_events", data.as_bytes()).and_then(|raw| {
                            mapping::order(raw)
                                .map(|order| OrderEvent::Update(Box::new(order)))
                                .map_err(|m| decode_missing("order_events", m))
                        }),
                    ),
                    _ => {}
                }
            }
        }
    })
}

#[cfg(test)]
mod contract_tests;
