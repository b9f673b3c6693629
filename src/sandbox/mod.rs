//! An imitation of the Cryptorefills partner API (server only), served over real HTTP so
//! the shop's client talks to it exactly as it talks to production. See `validation` for
//! the inputs that produce each problem code and `pricing` for the price rule.

pub mod brands;
pub mod catalog_json;
pub mod faults;
pub mod logos;
pub mod networks;
pub mod orders;
pub mod pricing;
pub mod text;
pub mod validation;

use axum::{
    body::Bytes,
    extract::{Path, Query, Request, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    middleware::{self, Next},
    response::{
        sse::{Event, Sse},
        Html, IntoResponse, Response,
    },
    routing::{get, post},
    Json, Router,
};
use faults::{FaultRequest, Faults};
use futures::{stream, Stream, StreamExt};
use logos::Logos;
use orders::{Action, OrderStore, Record};
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::{collections::HashMap, convert::Infallible, str::FromStr, time::Duration};
use tokio::sync::watch;
use validation::Verdict;

pub use orders::Timings;

/// Where the storefront mounts the sandbox (and where `storefront sandbox` serves it).
pub const MOUNT: &str = "/sandbox/api";

#[derive(Clone, Debug)]
pub struct Settings {
    pub timings: Timings,
    /// The sandbox's address as browsers reach it, for logo and redeem URLs. Unset: taken
    /// from the `Host` of each API call.
    pub public_url: Option<String>,
    /// How often event streams send a comment to keep the connection alive.
    pub heartbeat: Duration,
}

impl Default for Settings {
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
struct Sandbox {
    settings: Settings,
    orders: OrderStore,
    faults: Faults,
    logos: Logos,
}

/// The sandbox's routes, relative to its mount point.
pub fn router(settings: Settings) -> Router {
    let sandbox = Sandbox {
        orders: OrderStore::new(settings.timings),
        settings,
        faults: Faults::default(),
        logos: Logos::default(),
    };
    let api = Router::new()
        .route("/v3/payment_vias", get(payment_vias))
        .route("/v2/brands", get(brands))
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

fn message(status: StatusCode, text: impl Into<String>) -> Response {
    (status, Json(json!({ "message": text.into() }))).into_response()
}

/// A refused call: upstream's generic `{"message"}` error with a status.
struct Refusal(StatusCode, String);

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        message(self.0, self.1)
    }
}

/// An HTTP-level error as production sends it: `{"status", "detail"}`, the code in `detail`
/// (`ORDER_NOT_FOUND`, `NOT_AVAILABLE_PRODUCT`, `INVALID_PRODUCT_VALUE`).
fn detail(status: StatusCode, code: &str) -> Response {
    (
        status,
        Json(json!({"status": status.as_u16(), "detail": code})),
    )
        .into_response()
}

fn bad_request(text: impl Into<String>) -> Refusal {
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
    fn base_url(&self, headers: &HeaderMap) -> String {
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

type Params = Query<HashMap<String, String>>;

fn country_param(params: &HashMap<String, String>) -> Result<brands::CountryDef, Refusal> {
    params
        .get("country_code")
        .and_then(|cc| brands::country(cc))
        .ok_or_else(|| bad_request("country_code must be one of the 233 supported codes"))
}

fn coin_param(params: &HashMap<String, String>) -> Result<&'static networks::CoinDef, Refusal> {
    let name = params.get("coin").map_or("USDC", String::as_str);
    networks::coin(name).ok_or_else(|| bad_request(format!("unknown coin {name}")))
}

async fn payment_vias() -> Json<Value> {
    Json(catalog_json::payment_vias())
}

async fn brands(
    State(s): State<Sandbox>,
    Query(params): Params,
    headers: HeaderMap,
) -> Result<Json<Value>, Refusal> {
    let country = country_param(&params)?;
    Ok(Json(catalog_json::brands(&country, &s.base_url(&headers))))
}

async fn homepage(
    State(s): State<Sandbox>,
    Query(params): Params,
    headers: HeaderMap,
) -> Result<Json<Value>, Refusal> {
    let country = country_param(&params)?;
    Ok(Json(catalog_json::homepage(
        &country,
        &s.base_url(&headers),
    )))
}

async fn products(
    State(s): State<Sandbox>,
    Path(cc): Path<String>,
    Query(params): Params,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    let country = brands::country(&cc)
        .ok_or_else(|| bad_request(format!("{cc} is not a supported country")))?;
    // Production answers 400 without a family; so does the sandbox.
    let Some(family) = params.get("family_name").filter(|f| !f.trim().is_empty()) else {
        let body = Json(json!({"status": 400, "detail": "family_name is required"}));
        return Ok((StatusCode::BAD_REQUEST, body).into_response());
    };
    let coin = coin_param(&params)?;
    let Some(brand) = country.family(family) else {
        return Ok(Json(json!([])).into_response());
    };
    let network = coin.network(None).unwrap_or(&coin.networks[0]);
    Ok(Json(catalog_json::products(
        &country,
        brand,
        coin,
        network,
        &s.base_url(&headers),
    ))
    .into_response())
}

async fn price(Query(params): Params) -> Result<Response, Refusal> {
    let country = country_param(&params)?;
    let coin = coin_param(&params)?;
    let Some(brand) = params.get("brand_name").and_then(|b| country.brand(b)) else {
        return Ok(detail(StatusCode::NOT_FOUND, "NOT_AVAILABLE_PRODUCT"));
    };
    let face_value = params
        .get("face_value")
        .and_then(|v| Decimal::from_str(v.trim()).ok())
        .ok_or_else(|| bad_request("face_value must be a number"))?;
    let in_range = brand.range.is_some_and(|(lo, hi)| {
        face_value >= Decimal::from(country.ladder[lo])
            && face_value <= Decimal::from(country.ladder[hi])
    });
    let is_fixed = brand
        .fixed
        .iter()
        .any(|i| Decimal::from(country.ladder[*i]) == face_value);
    if !in_range && !is_fixed {
        return Ok(detail(StatusCode::BAD_REQUEST, "INVALID_PRODUCT_VALUE"));
    }
    let network = coin.network(None).unwrap_or(&coin.networks[0]);
    Ok(Json(catalog_json::price(
        &country, brand, face_value, coin, network,
    ))
    .into_response())
}

/// Reads an order body; a body that is not an order gets `400 {"message"}`.
/// A body that is not of the call's shape: production's `{status, detail, moreDetails}`.
struct ShapeRefusal(Value);

impl IntoResponse for ShapeRefusal {
    fn into_response(self) -> Response {
        (StatusCode::BAD_REQUEST, Json(self.0)).into_response()
    }
}

/// A body of the guide's `shape`, or the answer production gives to anything else.
fn order_input(
    body: &Bytes,
    shape: validation::Shape,
) -> Result<validation::OrderInput, ShapeRefusal> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| ShapeRefusal(json!({"message": format!("body is not JSON: {e}")})))?;
    validation::parse(&value, shape).map_err(|error| {
        ShapeRefusal(json!({"status": 400, "detail": error.detail, "moreDetails": {"message": error.message}}))
    })
}

fn refusal(verdict: Verdict) -> Response {
    match verdict {
        Verdict::Problems { status, problems } => {
            let problems: Vec<Value> = problems
                .into_iter()
                .map(|(code, details)| json!({"problem": code, "moreDetails": details}))
                .collect();
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
            (status, Json(json!({"coin": null, "coin_amount": null, "deliveries": [], "problems": problems}))).into_response()
        }
        Verdict::Refused { status, body } => (
            StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST),
            Json(body),
        )
            .into_response(),
        Verdict::Fine(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

async fn validate(body: Bytes) -> Result<Response, ShapeRefusal> {
    let input = order_input(&body, validation::Shape::Validation)?;
    let priced = match validation::validate(&input) {
        Verdict::Fine(priced) => priced,
        other => return Ok(refusal(other)),
    };
    let deliveries: Vec<Value> = priced
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            json!({
                "id": catalog_json::stable_id(&[&input.email, &i.to_string()]),
                "delivery_state": "Created",
                "kind": if l.brand.kind == brands::Kind::GiftCard { "giftcard" } else { "mobile_recharge" },
                "deliverable": {
                    "denomination": l.denomination, "localized_denomination": l.localized,
                    "family": l.brand.name, "brand_name": l.brand.name,
                    "beneficiary_account": l.beneficiary, "country_code": l.country,
                    "delivery_type": if l.brand.kind == brands::Kind::TopUp { "by_phone" } else { "by_email" },
                    "coin_amount": l.coin_amount.to_string(), "currency_code": l.currency,
                },
            })
        })
        .collect();
    Ok(Json(json!({
        "coin": priced.coin.name,
        "coin_amount": priced.total.to_string(),
        "original_coin_amount": priced.original.to_string(),
        "coupon_code": priced.coupon,
        "deliveries": deliveries,
        "problems": null,
    }))
    .into_response())
}

async fn create_order(
    State(s): State<Sandbox>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ShapeRefusal> {
    let input = order_input(&body, validation::Shape::Creation)?;
    Ok(match validation::validate(&input) {
        Verdict::Fine(priced) => {
            let record = Record::new(&priced, &input.email, &s.base_url(&headers));
            (StatusCode::CREATED, Json(s.orders.insert(record))).into_response()
        }
        other => refusal(other),
    })
}

async fn order(State(s): State<Sandbox>, Path(id): Path<String>) -> Response {
    match s.orders.get(&id) {
        Some(record) => Json(record.to_json()).into_response(),
        None => detail(StatusCode::NOT_FOUND, "ORDER_NOT_FOUND"),
    }
}

fn stop_event(data: &str) -> Event {
    Event::default().event("stop").data(data)
}

/// The order now, again at every change, then `stop` at a final state.
fn order_events(receiver: watch::Receiver<Record>) -> impl Stream<Item = Event> {
    stream::unfold(Some((receiver, true)), |state| async move {
        let (mut receiver, first) = state?;
        if !first && receiver.changed().await.is_err() {
            // The order was evicted while someone watched it.
            return Some((vec![stop_event(r#"{"error":"not found"}"#)], None));
        }
        let record = receiver.borrow_and_update().clone();
        let mut events = vec![Event::default().data(record.to_json().to_string())];
        if record.is_final() {
            events.push(stop_event("{}"));
            return Some((events, None));
        }
        Some((events, Some((receiver, false))))
    })
    .flat_map(stream::iter)
}

async fn subscribe(State(s): State<Sandbox>, Path(id): Path<String>) -> Response {
    let path = format!("/v5/orders/{id}/subscribe");
    let events = match s.orders.subscribe(&id) {
        Some(receiver) => order_events(receiver).boxed(),
        None => stream::iter([stop_event(r#"{"error":"not found"}"#)]).boxed(),
    };
    // Heartbeats are part of the stream (not axum's keep-alive), so that a silent fault
    // silences them too, on streams already open: a connection that died half-open.
    let heartbeat = s.settings.heartbeat;
    let heartbeats = stream::unfold((), move |()| async move {
        tokio::time::sleep(heartbeat).await;
        Some((Event::default().comment("heartbeat"), ()))
    });
    // Once silent, silent for good, as a dead connection is: only a new stream speaks.
    let faults = s.faults.clone();
    let watched = path.clone();
    let mut dead = false;
    let events = stream::select(
        events.map(Some).chain(stream::once(async { None })),
        heartbeats.map(Some),
    )
    .take_while(|event| std::future::ready(event.is_some()))
    .filter_map(move |event| {
        dead = dead || faults.for_stream(&watched).silent;
        std::future::ready(if dead { None } else { event })
    });
    let events = match s.faults.for_stream(&path).cut_after {
        Some(after) => events.take_until(tokio::time::sleep(after)).boxed(),
        None => events.boxed(),
    };
    Sse::new(events.map(Ok::<_, Infallible>)).into_response()
}

async fn logo(State(s): State<Sandbox>, Path(file): Path<String>) -> Response {
    match s.logos.file(&file) {
        Some((format, bytes)) => (
            [
                (header::CONTENT_TYPE, format.content_type()),
                (header::CACHE_CONTROL, "public, max-age=86400"),
            ],
            bytes.as_ref().clone(),
        )
            .into_response(),
        None => message(StatusCode::NOT_FOUND, "no such logo"),
    }
}

/// The picture behind an order's `qr_url`: its `qr_text` as a QR code. Outside the
/// partner gate because a browser loads it as an `<img>`, like the logos.
async fn qr_image(State(s): State<Sandbox>, Path(id): Path<String>) -> Response {
    let Some(record) = s.orders.get(&id) else {
        return message(StatusCode::NOT_FOUND, "order not found");
    };
    qr_svg(&record.qr_text)
}

/// A delivered card's barcode (`barcode_image_url`), drawn from its code.
async fn barcode(Path(file): Path<String>) -> Response {
    let code = file.strip_suffix(".jpg").unwrap_or_default();
    let well_formed = (1..=64).contains(&code.len())
        && code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    match logos::barcode(code).filter(|_| well_formed) {
        Some(jpeg) => ([(header::CONTENT_TYPE, "image/jpeg")], jpeg).into_response(),
        None => message(StatusCode::NOT_FOUND, "no such barcode"),
    }
}

/// A delivered eSIM's activation QR code (`qr_image_url`), from its activation code.
async fn activation_qr(Path(file): Path<String>) -> Response {
    let code = file.strip_suffix(".svg").unwrap_or_default();
    if code.is_empty() || code.len() > 64 || !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return message(StatusCode::NOT_FOUND, "no such activation code");
    }
    qr_svg(&format!("LPA:1$smdp.sandbox.example${code}"))
}

fn qr_svg(text: &str) -> Response {
    match qrcode::QrCode::new(text.as_bytes()) {
        Ok(code) => (
            [(header::CONTENT_TYPE, "image/svg+xml")],
            code.render::<qrcode::render::svg::Color>()
                .min_dimensions(256, 256)
                .build(),
        )
            .into_response(),
        Err(error) => message(StatusCode::INTERNAL_SERVER_ERROR, error.to_string()),
    }
}

/// Where sandbox redeem links lead: a page that says the code was accepted.
async fn redeem(Path(code): Path<String>) -> Html<String> {
    let code: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    Html(format!(
        "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Sandbox redeem</title>\
         <main><h1>Sandbox redeem page</h1><p>Code <code>{code}</code> accepted. Nothing was charged: this is the sandbox.</p></main></html>"
    ))
}

/// Control calls must say they send JSON: a plain HTML form on another site (which can only
/// post `application/x-www-form-urlencoded`, `multipart/form-data` or `text/plain` without a
/// CORS preflight) can't push a sandbox order along.
fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.trim_start()
                .to_ascii_lowercase()
                .starts_with("application/json")
        })
}

async fn control_order(
    State(s): State<Sandbox>,
    Path((id, action)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    if !is_json(&headers) {
        return message(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "control calls take Content-Type: application/json",
        );
    }
    let Some(action) = Action::parse(&action) else {
        return message(
            StatusCode::NOT_FOUND,
            "actions are pay, deliver, expire, fail and underpay",
        );
    };
    match s.orders.apply(&id, action) {
        None => message(StatusCode::NOT_FOUND, "order not found"),
        Some(Ok(order)) => Json(order).into_response(),
        Some(Err(why)) => message(StatusCode::CONFLICT, why),
    }
}

/// How many orders the sandbox holds for `?email=` (tests ask it whether something was
/// created).
async fn count_orders(State(s): State<Sandbox>, Query(params): Params) -> Json<Value> {
    let email = params.get("email").map(String::as_str).unwrap_or_default();
    Json(json!({ "count": s.orders.count_for(email) }))
}

async fn add_fault(State(s): State<Sandbox>, Json(request): Json<FaultRequest>) -> Response {
    match s.faults.add(request) {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(why) => message(StatusCode::BAD_REQUEST, why),
    }
}

/// `DELETE /__control/faults` clears every fault; `?path=` only those added for that path
/// (tests running at once each clear their own).
async fn clear_faults(
    State(s): State<Sandbox>,
    Query(query): Query<HashMap<String, String>>,
) -> StatusCode {
    match query.get("path") {
        Some(path) => s.faults.clear_path(path),
        None => s.faults.clear(),
    }
    StatusCode::NO_CONTENT
}
