//! An order's status as the order page shows it and as updates carry it: only what the
//! page shows, never the wallet, the email or upstream's other fields; and (`reconnect`)
//! how the page and the server keep following it through a flaky network.

pub mod reconnect;

use super::{
    money::coin_display,
    order::{Delivery, Goods, Order},
    OrderState,
};
use crate::i18n::{words::OrderText, Lang};
use serde::{Deserialize, Serialize};

/// A refund as the page tells it: how much went back ("25.53 USDC") and upstream's reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefundNote {
    pub amount: Option<String>,
    pub reason: Option<String>,
}

impl RefundNote {
    /// "Refunded 25.53 USDC: the brand could not issue the card."
    pub fn text(&self, lang: Lang) -> String {
        let t = OrderText(lang);
        match (&self.amount, &self.reason) {
            (Some(amount), Some(reason)) => t.refunded_amount_because(amount, reason),
            (Some(amount), None) => t.refunded_amount(amount),
            (None, Some(reason)) => t.refunded_because(reason),
            (None, None) => t.refunded().to_string(),
        }
    }
}

/// Only what the order page shows: never the wallet, the email, the recipient or upstream's
/// other fields (the page itself shows the recipient, from the server: see `for_page`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderStatus {
    pub id: String,
    pub state: OrderState,
    /// "We received 5.00 USDC so far", for an underpaid order.
    pub received: Option<String>,
    /// What is still owed, when part of the payment arrived.
    pub due: Option<String>,
    pub deliveries: Vec<Delivery>,
    /// The refund, when upstream reports one: told in the page's language by the page
    /// (updates go to every viewer of the order, whatever their language).
    pub refund: Option<RefundNote>,
    /// What the order costs ("25.53 USDC"), for this device's list of orders.
    pub price: Option<String>,
}

impl OrderStatus {
    /// As the order page starts: with each item's recipient ("for ann@example.com"), which
    /// the page shows anyway. Updates never carry it; the page keeps the first.
    pub fn for_page(order: &Order) -> Self {
        let mut live = Self::of(order);
        for (shown, upstream) in live.deliveries.iter_mut().zip(&order.deliveries) {
            shown.beneficiary = upstream.beneficiary.clone();
        }
        live
    }

    /// What a page showing the order must match to be up to date (see `revision`).
    pub fn revision(&self) -> String {
        let delivered = self.deliveries.iter().filter(|d| d.goods.is_some()).count();
        revision(self.state.as_str(), self.due.as_deref(), delivered)
    }

    /// Recipients taken from `earlier` (the page's first state), by item.
    pub fn keep_recipients(&mut self, earlier: &Self) {
        for delivery in &mut self.deliveries {
            if delivery.beneficiary.is_none() {
                delivery.beneficiary = earlier
                    .deliveries
                    .iter()
                    .find(|d| d.id == delivery.id)
                    .and_then(|d| d.beneficiary.clone());
            }
        }
    }

    /// As updates and polls carry it: without recipients, and with pictures the page loads
    /// from the shop (`/orders/{id}/images/…`), never from a host its policy doesn't name.
    pub fn of(order: &Order) -> Self {
        let coin = &order.payment.coin;
        let received = order.payment.received;
        Self {
            id: order.id.clone(),
            state: order.state.clone(),
            received: received.map(|r| coin_display(r, coin)),
            price: Some(coin_display(order.payment.amount, coin)),
            due: order
                .payment
                .part_paid()
                .filter(|_| order.state.awaits_payment())
                .map(|(_, due)| coin_display(due, coin)),
            deliveries: order
                .deliveries
                .iter()
                .map(|d| Delivery {
                    beneficiary: None,
                    goods: d
                        .goods
                        .clone()
                        .map(|goods| through_the_shop(goods, &order.id, &d.id)),
                    ..d.clone()
                })
                .collect(),
            refund: order.refund.as_ref().map(|r| RefundNote {
                amount: r
                    .amount
                    .as_ref()
                    .map(|m| coin_display(m.amount, &m.currency)),
                reason: r.reason.clone(),
            }),
        }
    }
}

/// What tells one state of an order's page from another: its state, what is still owed and
/// how many items have their goods. The page carries its own (`data-revision`); an update
/// with another makes it fetch its parts again. Written from an update's JSON in the
/// browser and from `OrderStatus` on the server, hence plain strings.
pub fn revision(state: &str, due: Option<&str>, delivered: usize) -> String {
    format!("{state}|{}|{delivered}", due.unwrap_or(""))
}

/// Where the page loads an item's picture from: the shop, which fetches upstream's and
/// checks its size and type (`src/server/order_images.rs`).
pub fn image_path(order_id: &str, delivery_id: &str, which: &str) -> String {
    format!("/orders/{order_id}/images/{delivery_id}/{which}")
}

fn through_the_shop(mut goods: Goods, order_id: &str, delivery_id: &str) -> Goods {
    if goods.barcode_image_url.is_some() {
        goods.barcode_image_url = Some(image_path(order_id, delivery_id, "barcode"));
    }
    if goods.qr_image_url.is_some() {
        goods.qr_image_url = Some(image_path(order_id, delivery_id, "qr"));
    }
    goods
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_revision_changes_with_the_state_the_amount_owed_and_the_goods() {
        let status = OrderStatus {
            id: "o1".into(),
            state: OrderState::WaitingForPayment,
            received: None,
            due: None,
            deliveries: Vec::new(),
            refund: None,
            price: None,
        };
        assert_eq!(status.revision(), "WaitingForPayment||0");
        let part_paid = OrderStatus {
            state: OrderState::PartialPaymentStarted,
            due: Some("5.00 USDC".into()),
            ..status.clone()
        };
        assert_eq!(part_paid.revision(), "PartialPaymentStarted|5.00 USDC|0");
        let less_due = OrderStatus {
            due: Some("2.00 USDC".into()),
            ..part_paid.clone()
        };
        assert_ne!(less_due.revision(), part_paid.revision());
        let unknown = OrderStatus {
            state: OrderState::Unknown("OnHold".into()),
            ..status
        };
        assert_eq!(unknown.revision(), "OnHold||0");
    }

    #[test]
    fn a_refund_is_told_in_the_pages_language() {
        let note = RefundNote {
            amount: Some("25.53 USDC".into()),
            reason: Some("out of stock".into()),
        };
        assert_eq!(note.text(Lang::En), "Refunded 25.53 USDC: out of stock");
        assert_eq!(note.text(Lang::Vi), "Đã hoàn 25.53 USDC: out of stock");
        let bare = RefundNote {
            amount: None,
            reason: None,
        };
        assert_eq!(bare.text(Lang::En), "Refunded.");
    }
}
