//! What a shopper asks to buy, before it becomes an order.

use super::{catalog::ProductKind, country::Country};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The amount chosen: one of the fixed denominations, or a custom amount in a range.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AmountChoice {
    Fixed {
        /// Upstream's denomination key ("10 USD").
        denomination: String,
        /// What the shopper saw ("$10").
        label: Option<String>,
    },
    Custom(Decimal),
}

/// One thing to buy and where it goes (an email, or a phone number for top-ups).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftItem {
    pub brand_name: String,
    pub country: Country,
    pub kind: ProductKind,
    pub amount: AmountChoice,
    pub beneficiary: String,
}

/// An order as the shopper put it together: validated upstream, then created.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderDraft {
    pub email: String,
    pub coin: String,
    /// Always named: production wants the network (the shopper's choice, or the coin's
    /// default from `PaymentVia::default_network`).
    pub network: String,
    pub items: Vec<DraftItem>,
    pub coupon: Option<String>,
    /// The shopper ticked the newsletter box (it starts unticked).
    pub newsletter: bool,
}

/// What validation says the draft costs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidatedOrder {
    pub coin: String,
    pub amount: Decimal,
}

impl ProductKind {
    /// Upstream's `kind` for an order line.
    pub fn wire_kind(&self) -> &str {
        match self {
            Self::GiftCard => "giftcard",
            Self::MobileTopUp | Self::Esim => "mobile_recharge",
            Self::Other(kind) => kind,
        }
    }
}
