//! An order's live status: what the order page shows of it (`LiveOrder`), the polling
//! server function, and (server only) the `/api/orders/{id}/subscribe` event stream that
//! re-frames upstream's, one upstream stream per order however many viewers.

use crate::{
    domain::{
        money::coin_display,
        order::{Delivery, Order},
        OrderState,
    },
    error::AppError,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
pub mod feed;

/// Only what the order page shows: never the wallet, the email or upstream's other fields.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveOrder {
    pub id: String,
    pub state: OrderState,
    /// "We received 5.00 USDC so far", for an underpaid order.
    pub received: Option<String>,
    /// What is still owed, when part of the payment arrived.
    pub due: Option<String>,
    pub deliveries: Vec<Delivery>,
    /// "Refunded 25.53 USDC: the brand could not issue the card."
    pub refund: Option<String>,
}

impl LiveOrder {
    pub fn of(order: &Order) -> Self {
        let coin = &order.payment.coin;
        let received = order.payment.received;
        Self {
            id: order.id.clone(),
            state: order.state.clone(),
            received: received.map(|r| coin_display(r, coin)),
            due: received
                .filter(|_| order.state.awaits_payment())
                .map(|_| coin_display(order.amount_due(), coin)),
            deliveries: order.deliveries.clone(),
            refund: order.refund.as_ref().map(|r| {
                let amount = r
                    .amount
                    .as_ref()
                    .map(|m| format!(" {}", coin_display(m.amount, &m.currency)))
                    .unwrap_or_default();
                match &r.reason {
                    Some(reason) => format!("Refunded{amount}: {reason}"),
                    None => format!("Refunded{amount}."),
                }
            }),
        }
    }
}

/// The order as it is now, for the page's polling fallback (`GET /v5/orders/{id}`).
#[server]
pub async fn poll_order(id: String) -> Result<LiveOrder, AppError> {
    crate::api::context::answer(
        "poll_order",
        async move {
            use super::{context, orders::is_order_id};
            if !is_order_id(&id) {
                return Err(AppError::NotFound("that order".into()));
            }
            let state = context::state()?;
            let shopper = context::shopper(None).await;
            let order = state.catalog.client().order(&id, &shopper).await?;
            Ok(LiveOrder::of(&order))
        }
        .await,
    )
}
