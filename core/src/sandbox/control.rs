//! The control calls tests use: move an order on, count a shopper's orders, add and clear
//! faults.

use super::{catalog_api::Params, faults::FaultRequest, message, orders::Action, Sandbox};
use axum::{
    extract::{Path, Query, State},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use serde_json::{json, Value};
use std::collections::HashMap;

/// Control calls must say they send JSON: a plain HTML form on another site (which can only
/// post `application/x-www-form-urlencoded`, `multipart/form-data` or `text/plain` without a
/// CORS preflight) can't push a sandbox order along.
pub(super) fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.trim_start()
                .to_ascii_lowercase()
                .starts_with("application/json")
        })
}

pub(super) async fn control_order(
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
pub(super) async fn count_orders(State(s): State<Sandbox>, Query(params): Params) -> Json<Value> {
    let email = params.get("email").map(String::as_str).unwrap_or_default();
    Json(json!({ "count": s.orders.count_for(email) }))
}

pub(super) async fn add_fault(
    State(s): State<Sandbox>,
    Json(request): Json<FaultRequest>,
) -> Response {
    match s.faults.add(request) {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(why) => message(StatusCode::BAD_REQUEST, why),
    }
}

/// `DELETE /__control/faults` clears every fault; `?path=` only those added for that path
/// (tests running at once each clear their own).
pub(super) async fn clear_faults(
    State(s): State<Sandbox>,
    Query(query): Query<HashMap<String, String>>,
) -> StatusCode {
    match query.get("path") {
        Some(path) => s.faults.clear_path(path),
        None => s.faults.clear(),
    }
    StatusCode::NO_CONTENT
}
