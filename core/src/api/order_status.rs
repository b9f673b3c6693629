//! The order page's polling fallback: the order as it is now (`GET /v5/orders/{id}`), as
//! `OrderStatus`, for when the event stream can't be held.

use crate::{domain::order_status::OrderStatus, error::AppError};
use leptos::prelude::*;

/// The order as it is now, for the page's polling fallback (`GET /v5/orders/{id}`).
#[server(output = crate::web::json_text::PostJsonText)]
pub async fn poll_order(id: String) -> Result<OrderStatus, AppError> {
    crate::api::context::answer("poll_order", order_now(&id).await)
}

#[cfg(feature = "ssr")]
async fn order_now(id: &str) -> Result<OrderStatus, AppError> {
    let state = crate::api::context::state()?;
    let shopper = crate::api::context::shopper_for_order().await;
    let order = crate::services::order_lookups::order(&state, id, &shopper).await?;
    Ok(crate::services::qr::drawn(OrderStatus::of(&order)))
}
