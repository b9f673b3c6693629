//! `POST /orders/{id}/sandbox/{action}`: the sandbox panel's buttons (sandbox only). The
//! sandbox is asked over HTTP, like every other call, to move the order on; then back to
//! the order's page, in the language of the page the button was on (`/vi/orders/…`). The
//! panel's own words are `SandboxText`, on the order page.

use crate::{i18n::Lang, services::AppState, web::is_order_id};
use axum::{
    extract::{OriginalUri, Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};

const ACTIONS: &[&str] = &[
    "pay", "underpay", "start", "deliver", "hold", "expire", "fail", "cancel",
];

pub async fn push_sandbox_order(
    State(state): State<AppState>,
    Path((id, action)): Path<(String, String)>,
    OriginalUri(uri): OriginalUri,
) -> Response {
    if !is_order_id(&id) || !ACTIONS.contains(&action.as_str()) {
        return StatusCode::NOT_FOUND.into_response();
    }
    if let Err(error) = state
        .catalog
        .client()
        .push_sandbox_order(&id, &action)
        .await
    {
        tracing::warn!(%error, order = %crate::web::short_id(&id), %action, "the sandbox did not move the order");
    }
    // The page it goes back to shows the order as it is now, not as it was a moment ago:
    // upstream is asked again, and the query makes it a page of its own, not the one kept
    // for everyone for a second.
    state.recent_orders.forget(&id);
    let lang = Lang::of_path(uri.path());
    Redirect::to(&lang.href(&format!("/orders/{id}?after={action}"))).into_response()
}
