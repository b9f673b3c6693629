//! An order after creation: its states, how to pay it, and the goods once delivered.

use super::{catalog::ProductKind, html::SafeHtml, money::Money};
use crate::i18n::{words::OrderText, Lang};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The guide's payment window: an order must be paid within 30 minutes of creation.
pub const PAYMENT_WINDOW_SECS: i64 = 30 * 60;

/// Declares a state enum that keeps unknown upstream values instead of failing on them.
macro_rules! tolerant_state {
    ($(#[$meta:meta])* $name:ident { $($variant:ident),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $($variant,)*
            Unknown(String),
        }

        impl $name {
            pub fn from_wire(raw: &str) -> Self {
                match raw {
                    $(stringify!($variant) => Self::$variant,)*
                    other => Self::Unknown(other.to_string()),
                }
            }

            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => stringify!($variant),)*
                    Self::Unknown(other) => other,
                }
            }
        }
    };
}

tolerant_state!(
    /// Where an order stands (upstream's `order_state`).
    OrderState {
        Created,
        WaitingForPayment,
        PaymentStarted,
        PartialPaymentStarted,
        PaymentReceived,
        WaitingForDelivery,
        WaitingForManualAction,
        Done,
        Expired,
        PaymentFailed,
        PaymentSetupFailed,
        Refunded,
        Canceled,
    }
);

tolerant_state!(
    /// Upstream's `payment_state`.
    PaymentState {
        WalletCreated,
        PaymentRequested,
        PaymentReceived,
        PaymentCompleted,
        PaymentFailed,
        Refunded,
        Expired,
        ExpiredAfterPaymentDetection,
    }
);

tolerant_state!(
    /// Upstream's `delivery_state` (sources disagree on the names, hence `is_delivered`).
    DeliveryState {
        Created,
        WaitingForPayment,
        WaitingForDelivery,
        Done,
        Completed,
        Succeeded,
        Failed,
        Expired,
        Canceled,
    }
);

impl OrderState {
    /// No further change will come: the live view stops listening.
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            Self::Done
                | Self::Expired
                | Self::PaymentFailed
                | Self::PaymentSetupFailed
                | Self::Refunded
                | Self::Canceled
        )
    }

    /// Still waiting for (all of) the shopper's coins.
    pub fn awaits_payment(&self) -> bool {
        // Not `PaymentStarted`: the whole payment is seen (only its confirmations are
        // awaited), and asking for it again would invite a second one.
        matches!(
            self,
            Self::Created | Self::WaitingForPayment | Self::PartialPaymentStarted
        )
    }

    /// What the shopper reads about this state, in `lang` (a state upstream added since
    /// is shown as upstream names it).
    pub fn label(&self, lang: Lang) -> &str {
        let t = OrderText(lang);
        match self {
            Self::Created | Self::WaitingForPayment => t.state_waiting_for_payment(),
            Self::PaymentStarted => t.state_payment_started(),
            Self::PartialPaymentStarted => t.state_part_paid(),
            Self::PaymentReceived => t.state_payment_received(),
            Self::WaitingForDelivery => t.state_waiting_for_delivery(),
            Self::WaitingForManualAction => t.state_manual_check(),
            Self::Done => t.state_done(),
            Self::Expired => t.state_expired(),
            Self::PaymentFailed => t.state_payment_failed(),
            Self::PaymentSetupFailed => t.state_payment_setup_failed(),
            Self::Refunded => t.state_refunded(),
            Self::Canceled => t.state_canceled(),
            Self::Unknown(raw) => raw,
        }
    }
}

impl DeliveryState {
    pub fn is_delivered(&self) -> bool {
        matches!(self, Self::Done | Self::Completed | Self::Succeeded)
    }

    /// This item will not be delivered.
    pub fn is_lost(&self) -> bool {
        matches!(self, Self::Failed | Self::Expired | Self::Canceled)
    }
}

impl Payment {
    /// What is still to be paid: the amount less what arrived, never below zero.
    pub fn amount_due(&self) -> Option<Decimal> {
        let received = self.received.unwrap_or_default();
        Some(self.amount.checked_sub(received)?.max(Decimal::ZERO))
    }

    /// A part payment: what arrived and what is still due, both above zero. A payment seen
    /// in full (or more) is not one, whatever state upstream is in.
    pub fn part_paid(&self) -> Option<(Decimal, Decimal)> {
        let received = self.received.filter(|r| *r > Decimal::ZERO)?;
        let due = self.amount_due().filter(|d| *d > Decimal::ZERO)?;
        Some((received, due))
    }

    /// Whether the wallet address is a Lightning invoice rather than an address.
    pub fn is_lightning(&self) -> bool {
        self.protocol.as_deref() == Some("LIGHTNING_LIKE")
            || self.network.as_deref() == Some("Lightning")
    }
}

/// Where and how much to pay.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payment {
    pub state: PaymentState,
    pub wallet_address: String,
    pub coin: String,
    pub network: Option<String>,
    /// Exactly what to send, in `coin`.
    pub amount: Decimal,
    /// The price before a coupon's discount, when upstream says.
    pub original: Option<Decimal>,
    /// What has arrived so far.
    pub received: Option<Decimal>,
    /// A payment URI (`solana:…`, `ethereum:…`) or a bare address, for the QR code.
    pub qr_text: Option<String>,
    pub payment_method: Option<String>,
    /// How the coins move when it is not a plain transfer (`LIGHTNING_LIKE`: a Lightning
    /// invoice stands where the address would).
    pub protocol: Option<String>,
}

/// What was bought, once delivered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Goods {
    /// The code to redeem, when it is a code.
    pub code: Option<String>,
    /// The link to redeem at, when upstream's "pin" is a link.
    pub redeem_url: Option<String>,
    pub serial: Option<String>,
    pub security_code: Option<String>,
    pub barcode_image_url: Option<String>,
    /// An eSIM's activation QR code, as a picture.
    pub qr_image_url: Option<String>,
    /// An eSIM's activation QR code drawn by the shop from its activation code (SVG).
    #[serde(default)]
    pub activation_qr_svg: Option<String>,
    /// A top-up's reference at the phone operator.
    pub operator_reference: Option<String>,
    pub redeem_instructions: Option<SafeHtml>,
}

/// Upstream's `refund` (its shape is inferred).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refund {
    pub amount: Option<Money>,
    pub reason: Option<String>,
}

/// One item of an order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delivery {
    pub id: String,
    pub state: DeliveryState,
    pub kind: ProductKind,
    /// Where the brand sells it (for ordering the same again).
    pub country: Option<super::Country>,
    /// The face value, when the item is an amount of money (not a data plan).
    pub face_value: Option<Decimal>,
    /// The face value's currency (`USD` of upstream's "25 USD"), when it is one.
    #[serde(default)]
    pub currency: Option<String>,
    pub brand_name: Option<String>,
    /// What the shopper chose ("$25", "1 GB 7 days").
    pub label: Option<String>,
    pub beneficiary: Option<String>,
    pub goods: Option<Goods>,
    /// Why it failed, when it did.
    pub failure: Option<String>,
}

impl Delivery {
    /// "Amazon.com · $25.00" ("Amazon.com · 25,00 US$"): the brand and what was chosen, as
    /// the shopper knows the item, an amount of money written as `lang` writes it.
    pub fn title(&self, lang: Lang) -> String {
        let amount = self
            .face_value
            .zip(self.currency.clone())
            .map(|(amount, currency)| {
                crate::i18n::format::fiat(lang, &Money::new(amount, currency))
            });
        [
            self.brand_name.clone(),
            amount.or_else(|| self.label.clone()),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ")
    }
}

/// An order as the shop shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Order {
    pub id: String,
    /// Epoch seconds.
    pub created_at: i64,
    /// Epoch seconds of the last change, when upstream says.
    pub updated_at: Option<i64>,
    pub state: OrderState,
    pub payment: Payment,
    pub deliveries: Vec<Delivery>,
    pub email: Option<String>,
    pub refund: Option<Refund>,
}

impl Order {
    /// Epoch seconds after which an unpaid order expires.
    pub fn payment_deadline(&self) -> i64 {
        self.created_at + PAYMENT_WINDOW_SECS
    }

    /// Seconds left to pay at `now` (never negative).
    pub fn payment_window_left(&self, now: i64) -> i64 {
        (self.payment_deadline() - now).max(0)
    }

    /// What is still to be paid after a partial payment (`None` when upstream's figures
    /// are beyond what a decimal holds).
    pub fn amount_due(&self) -> Option<Decimal> {
        self.payment.amount_due()
    }
}

/// What an order's live stream says.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum OrderEvent {
    /// The whole order, as it now is.
    Update(Box<Order>),
    /// The stream is over: the order reached a final state, or upstream knows no such order.
    Stop { error: Option<String> },
}

#[cfg(test)]
mod tests;
