//! Sandbox orders: created waiting for payment, moved on by timers and by the control
//! endpoints, watched by event streams. In memory, bounded, safe to share.
//!
//! `record` holds an order and its state machine, `json` what upstream sends of it, `store`
//! the orders, their `watch` channels and their timers.

mod json;
mod record;
mod store;
#[cfg(test)]
mod tests;

pub use record::{now_secs, Goods, Line, Record};
pub use store::{OrderStore, Timings};

use std::time::Duration;

/// The guide's 30 minutes to pay.
pub const PAYMENT_WINDOW: Duration = Duration::from_secs(30 * 60);

/// How many orders the sandbox keeps; the oldest go first.
pub(super) const MAX_ORDERS: usize = 5_000;

/// What a control endpoint (or a timer) does to an order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Pay,
    Deliver,
    Expire,
    Fail,
    Underpay,
    /// Back to `Created`: the wallet is still being set up (only before any payment).
    Created,
    /// The payment is seen, not yet confirmed (`PaymentStarted`).
    Start,
    /// The payment is confirmed; delivery hasn't started (`PaymentReceived`).
    Receive,
    /// Held for a person to check (`WaitingForManualAction`).
    Hold,
    /// The payment couldn't be set up (`PaymentSetupFailed`).
    SetupFail,
    /// Cancelled by upstream (`Canceled`).
    Cancel,
    /// The first item that isn't settled fails to deliver; the order is refunded.
    FailDelivery,
}

impl Action {
    pub fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "pay" => Self::Pay,
            "deliver" => Self::Deliver,
            "expire" => Self::Expire,
            "fail" => Self::Fail,
            "underpay" => Self::Underpay,
            "created" => Self::Created,
            "start" => Self::Start,
            "receive" => Self::Receive,
            "hold" => Self::Hold,
            "setup-fail" => Self::SetupFail,
            "cancel" => Self::Cancel,
            "fail-delivery" => Self::FailDelivery,
            _ => return None,
        })
    }
}
