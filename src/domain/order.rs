//! An order after creation: its states, how to pay it, and the goods once delivered.

use super::{catalog::ProductKind, html::SafeHtml, money::Money};
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

    /// What the shopper reads about this state.
    pub fn label(&self) -> &str {
        match self {
            Self::Created | Self::WaitingForPayment => "Waiting for your payment",
            Self::PaymentStarted => "Payment seen, waiting for confirmation",
            Self::PartialPaymentStarted => "Part of the payment arrived",
            Self::PaymentReceived => "Payment received",
            Self::WaitingForDelivery => "Payment received, preparing your order",
            Self::WaitingForManualAction => "Being checked by our team",
            Self::Done => "Done",
            Self::Expired => "Expired: the payment window closed",
            Self::PaymentFailed => "Payment failed",
            Self::PaymentSetupFailed => "Payment could not be set up",
            Self::Refunded => "Refunded",
            Self::Canceled => "Canceled",
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
    pub brand_name: Option<String>,
    /// What the shopper chose ("$25", "1 GB 7 days").
    pub label: Option<String>,
    pub beneficiary: Option<String>,
    pub goods: Option<Goods>,
    /// Why it failed, when it did.
    pub failure: Option<String>,
}

impl Delivery {
    /// "Amazon.com · $25": the brand and what was chosen, as the shopper knows the item.
    pub fn title(&self) -> String {
        [self.brand_name.as_deref(), self.label.as_deref()]
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
mod tests {
    use super::*;

    #[test]
    fn the_amount_due_never_panics() {
        let mut payment = Payment {
            state: PaymentState::PaymentRequested,
            wallet_address: "a".into(),
            coin: "USDC".into(),
            network: None,
            amount: Decimal::MAX,
            original: None,
            received: Some(Decimal::MIN),
            qr_text: None,
            payment_method: None,
            protocol: None,
        };
        assert_eq!(payment.amount_due(), None, "beyond a decimal");
        payment.amount = Decimal::new(1025, 2);
        payment.received = Some(Decimal::new(512, 2));
        assert_eq!(payment.amount_due(), Some(Decimal::new(513, 2)));
        payment.received = Some(Decimal::new(2000, 2));
        assert_eq!(payment.amount_due(), Some(Decimal::ZERO), "overpaid");
    }

    #[test]
    fn a_part_payment_is_some_but_not_all() {
        let mut payment = Payment {
            state: PaymentState::PaymentRequested,
            wallet_address: "a".into(),
            coin: "USDC".into(),
            network: None,
            amount: Decimal::new(2553, 2),
            original: None,
            received: None,
            qr_text: None,
            payment_method: None,
            protocol: None,
        };
        assert_eq!(payment.part_paid(), None, "nothing yet");
        payment.received = Some(Decimal::ZERO);
        assert_eq!(payment.part_paid(), None, "zero is nothing");
        payment.received = Some(Decimal::new(1276, 2));
        assert_eq!(
            payment.part_paid(),
            Some((Decimal::new(1276, 2), Decimal::new(1277, 2)))
        );
        payment.received = Some(Decimal::new(2553, 2));
        assert_eq!(payment.part_paid(), None, "seen in full: nothing is due");
    }

    #[test]
    fn a_payment_seen_in_full_is_not_asked_for_again() {
        assert!(OrderState::WaitingForPayment.awaits_payment());
        assert!(OrderState::PartialPaymentStarted.awaits_payment());
        assert!(!OrderState::PaymentStarted.awaits_payment());
    }

    #[test]
    fn states_keep_unknown_values() {
        assert_eq!(OrderState::from_wire("Done"), OrderState::Done);
        let new = OrderState::from_wire("OnTheMoon");
        assert_eq!(new, OrderState::Unknown("OnTheMoon".into()));
        assert_eq!(new.as_str(), "OnTheMoon");
        assert!(!new.is_final());
        assert!(DeliveryState::from_wire("Succeeded").is_delivered());
    }

    #[test]
    fn the_contracts_newer_states_are_known() {
        for (raw, state) in [
            ("PaymentFailed", PaymentState::PaymentFailed),
            ("Refunded", PaymentState::Refunded),
        ] {
            assert_eq!(PaymentState::from_wire(raw), state);
        }
        for raw in ["Expired", "Canceled", "Failed"] {
            let state = DeliveryState::from_wire(raw);
            assert!(state.is_lost(), "{raw}");
            assert!(!matches!(state, DeliveryState::Unknown(_)), "{raw}");
        }
    }

    #[test]
    fn final_states_are_the_guides() {
        for final_state in [
            "Done",
            "Expired",
            "PaymentFailed",
            "PaymentSetupFailed",
            "Refunded",
            "Canceled",
        ] {
            assert!(
                OrderState::from_wire(final_state).is_final(),
                "{final_state}"
            );
        }
        for open in [
            "Created",
            "WaitingForPayment",
            "PartialPaymentStarted",
            "WaitingForDelivery",
        ] {
            assert!(!OrderState::from_wire(open).is_final(), "{open}");
        }
    }
}
