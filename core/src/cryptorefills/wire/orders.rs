//! Orders as they arrive: validation's answer, an order, its problems and errors.

use crate::cryptorefills::tolerant::{
    amount, epoch, lenient_list, optional_amount, optional_epoch, optional_object, text,
};
use rust_decimal::Decimal;
use serde::Deserialize;

// ---- Orders ---------------------------------------------------------------------------

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Validation {
    #[serde(deserialize_with = "text")]
    pub coin: Option<String>,
    #[serde(deserialize_with = "amount")]
    pub coin_amount: Option<Decimal>,
    /// Before a coupon's discount.
    #[serde(deserialize_with = "optional_amount")]
    pub original_coin_amount: Option<Decimal>,
    #[serde(deserialize_with = "text")]
    pub coupon_code: Option<String>,
    #[serde(deserialize_with = "lenient_list")]
    pub deliveries: Vec<Delivery>,
    #[serde(deserialize_with = "lenient_list")]
    pub problems: Vec<ProblemEntry>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ProblemEntry {
    #[serde(deserialize_with = "text", alias = "code")]
    pub problem: Option<String>,
    #[serde(rename = "moreDetails", alias = "more_details")]
    pub more_details: Option<serde_json::Value>,
}

/// The bodies of failed calls: validation problems, `{status, detail}`, `{message}`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ErrorBody {
    #[serde(deserialize_with = "lenient_list")]
    pub problems: Vec<ProblemEntry>,
    #[serde(deserialize_with = "text")]
    pub detail: Option<String>,
    #[serde(rename = "moreDetails", alias = "more_details")]
    pub more_details: Option<serde_json::Value>,
    #[serde(deserialize_with = "text", alias = "error")]
    pub message: Option<String>,
}

impl ErrorBody {
    /// Whatever a failed call sent: an object, a bare array of problems, or not JSON at all.
    pub fn read(body: &[u8]) -> Self {
        match serde_json::from_slice::<serde_json::Value>(body) {
            Ok(list @ serde_json::Value::Array(_)) => Self {
                problems: problem_list(list),
                ..Self::default()
            },
            Ok(value) => serde_json::from_value(value).unwrap_or_default(),
            Err(_) => Self::default(),
        }
    }
}

/// A bare array of problems (the guide documents validation's `problems` as "an array").
pub fn problem_list(list: serde_json::Value) -> Vec<ProblemEntry> {
    lenient_list(list).unwrap_or_default()
}

/// An answer about an order that may carry problems instead of (or beside) the order.
pub trait CarriesProblems {
    fn take_problems(&mut self) -> Vec<ProblemEntry>;
}

impl CarriesProblems for Validation {
    fn take_problems(&mut self) -> Vec<ProblemEntry> {
        std::mem::take(&mut self.problems)
    }
}

impl CarriesProblems for Order {
    fn take_problems(&mut self) -> Vec<ProblemEntry> {
        std::mem::take(&mut self.problems)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Order {
    #[serde(deserialize_with = "text", alias = "id")]
    pub order_id: Option<String>,
    #[serde(deserialize_with = "epoch")]
    pub created_at: Option<i64>,
    #[serde(deserialize_with = "text")]
    pub wallet_address: Option<String>,
    #[serde(deserialize_with = "text")]
    pub payment_method: Option<String>,
    /// `LIGHTNING_LIKE` for Lightning invoices; unknown values are kept as they are.
    #[serde(deserialize_with = "text")]
    pub payment_method_protocol: Option<String>,
    #[serde(deserialize_with = "text")]
    pub network: Option<String>,
    #[serde(deserialize_with = "text")]
    pub coin: Option<String>,
    #[serde(deserialize_with = "amount")]
    pub coin_amount: Option<Decimal>,
    /// Before a coupon's discount.
    #[serde(deserialize_with = "optional_amount")]
    pub original_price: Option<Decimal>,
    #[serde(deserialize_with = "text")]
    pub qr_text: Option<String>,
    // What the shop needs of an order (its id, state, coin, amount and address) is read
    // strictly; the rest is read when it can be and otherwise left out (and counted).
    #[serde(deserialize_with = "optional_amount")]
    pub sent_coin_amount: Option<Decimal>,
    #[serde(deserialize_with = "text")]
    pub payment_state: Option<String>,
    #[serde(deserialize_with = "optional_epoch")]
    pub payment_requested_at: Option<i64>,
    #[serde(deserialize_with = "optional_epoch")]
    pub updated_at: Option<i64>,
    #[serde(deserialize_with = "lenient_list")]
    pub deliveries: Vec<Delivery>,
    #[serde(deserialize_with = "text")]
    pub order_state: Option<String>,
    #[serde(deserialize_with = "optional_object")]
    pub user: Option<User>,
    #[serde(deserialize_with = "optional_object")]
    pub refund: Option<Refund>,
    /// Problems on create mean no order was made (HTTP 200 or 4xx).
    #[serde(deserialize_with = "lenient_list")]
    pub problems: Vec<ProblemEntry>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct User {
    #[serde(deserialize_with = "text")]
    pub email: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Refund {
    #[serde(deserialize_with = "amount")]
    pub amount: Option<Decimal>,
    #[serde(deserialize_with = "text")]
    pub currency: Option<String>,
    #[serde(deserialize_with = "text")]
    pub reason: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Delivery {
    #[serde(deserialize_with = "text")]
    pub id: Option<String>,
    #[serde(deserialize_with = "text")]
    pub delivery_state: Option<String>,
    #[serde(deserialize_with = "text")]
    pub kind: Option<String>,
    pub deliverable: Option<Deliverable>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Deliverable {
    #[serde(deserialize_with = "text")]
    pub denomination: Option<String>,
    #[serde(deserialize_with = "text")]
    pub localized_denomination: Option<String>,
    #[serde(deserialize_with = "text")]
    pub family: Option<String>,
    #[serde(deserialize_with = "text")]
    pub brand_name: Option<String>,
    #[serde(deserialize_with = "text")]
    pub beneficiary_account: Option<String>,
    #[serde(deserialize_with = "text")]
    pub country_code: Option<String>,
    #[serde(deserialize_with = "text")]
    pub category: Option<String>,
    #[serde(deserialize_with = "text")]
    pub pin_code: Option<String>,
    #[serde(deserialize_with = "text")]
    pub pin_serial: Option<String>,
    #[serde(deserialize_with = "text")]
    pub barcode_image_url: Option<String>,
    #[serde(deserialize_with = "text")]
    pub redeem_instructions: Option<String>,
    #[serde(deserialize_with = "text")]
    pub how_to_redeem: Option<String>,
    #[serde(deserialize_with = "text")]
    pub security_code: Option<String>,
    #[serde(deserialize_with = "text")]
    pub error_description: Option<String>,
    #[serde(deserialize_with = "text")]
    pub failure_reason: Option<String>,
    /// An eSIM's activation QR code, as a picture.
    #[serde(deserialize_with = "text")]
    pub qr_image_url: Option<String>,
    /// A top-up's reference at the phone operator.
    #[serde(deserialize_with = "text")]
    pub operator_reference: Option<String>,
}

/// The payload of an `event: stop` (`{"error":"not found"}` for an unknown order).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct StopPayload {
    #[serde(deserialize_with = "text")]
    pub error: Option<String>,
}
