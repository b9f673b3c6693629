//! The order calls: validation, creation, an order, and its event stream (with the
//! heartbeats and the faults a test may ask for).

use super::{
    brands, catalog_bodies, detail,
    orders::Record,
    validation::{self, Verdict},
    Sandbox,
};
use axum::{
    body::Bytes,
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
    response::{
        sse::{Event, Sse},
        IntoResponse, Response,
    },
    Json,
};
use futures::{stream, Stream, StreamExt};
use serde_json::{json, Value};
use std::convert::Infallible;
use tokio::sync::watch;

/// Reads an order body; a body that is not an order gets `400 {"message"}`.
/// A body that is not of the call's shape: production's `{status, detail, moreDetails}`.
pub(super) struct ShapeRefusal(Value);

impl IntoResponse for ShapeRefusal {
    fn into_response(self) -> Response {
        (StatusCode::BAD_REQUEST, Json(self.0)).into_response()
    }
}

/// A body of the guide's `shape`, or the answer production gives to anything else.
pub(super) fn order_input(
    body: &Bytes,
    shape: validation::Shape,
) -> Result<validation::OrderInput, ShapeRefusal> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| ShapeRefusal(json!({"message": format!("body is not JSON: {e}")})))?;
    validation::parse(&value, shape).map_err(|error| {
        ShapeRefusal(json!({"status": 400, "detail": error.detail, "moreDetails": {"message": error.message}}))
    })
}

pub(super) fn refusal(verdict: Verdict) -> Response {
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

pub(super) async fn validate(body: Bytes) -> Result<Response, ShapeRefusal> {
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
                "id": catalog_bodies::stable_id(&[&input.email, &i.to_string()]),
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

pub(super) async fn create_order(
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

pub(super) async fn order(State(s): State<Sandbox>, Path(id): Path<String>) -> Response {
    match s.orders.get(&id) {
        Some(record) => Json(record.to_json()).into_response(),
        None => detail(StatusCode::NOT_FOUND, "ORDER_NOT_FOUND"),
    }
}

pub(super) fn stop_event(data: &str) -> Event {
    Event::default().event("stop").data(data)
}

/// The order now, again at every change, then `stop` at a final state.
pub(super) fn order_events(receiver: watch::Receiver<Record>) -> impl Stream<Item = Event> {
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

pub(super) async fn subscribe(State(s): State<Sandbox>, Path(id): Path<String>) -> Response {
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
