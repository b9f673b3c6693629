//! Checkout: from the brand page's form to an order. The form posts to `/checkout` (with or
//! without JavaScript: one code path), which checks it, validates and creates the order
//! upstream, and sends the shopper to the payment page, or back to the form with what
//! they typed and a message next to each field to fix.

use crate::domain::problem::ProblemField;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
pub mod key;
#[cfg(feature = "ssr")]
pub mod recipient;
#[cfg(feature = "ssr")]
pub mod stores;
#[cfg(feature = "ssr")]
mod submit;
#[cfg(feature = "ssr")]
pub use submit::{refusal, submit, MAX_FORM_BYTES};

/// Where the form posts.
pub const CHECKOUT_PATH: &str = "/checkout";

/// A message the server wrote about one field (the texts live on the server only).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldMessage {
    pub field: ProblemField,
    pub text: String,
}

/// A checkout form given back to the shopper: what they typed, and what to fix. Kept on the
/// server under an unguessable token, so an email never travels in a URL.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnedForm {
    pub email: String,
    pub recipient: String,
    pub coupon: String,
    pub newsletter: bool,
    pub messages: Vec<FieldMessage>,
    /// A top-up number to confirm before the order is placed.
    pub confirm_phone: Option<PhoneConfirmation>,
    /// A price other than the one shown (a coupon's discount, a price that moved), to
    /// confirm before the order is placed.
    pub confirm_price: Option<PriceConfirmation>,
}

/// The price validation gave, when it is not the one the shopper saw.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriceConfirmation {
    /// What the confirming form sends back (`24.25`).
    pub amount: String,
    /// `24.25 USDC`.
    pub display: String,
    /// Why: "Your coupon takes 1.28 USDC off the 25.53 USDC price."
    pub why: String,
}

/// A top-up's number, echoed back for a yes: a top-up can't be taken back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhoneConfirmation {
    /// What the confirming form sends back (`+14155552671`).
    pub e164: String,
    /// What the shopper reads (`+1 415-555-2671`).
    pub display: String,
}

impl ReturnedForm {
    /// The messages about `field`, joined into one paragraph.
    pub fn message_for(&self, field: ProblemField) -> Option<String> {
        let texts: Vec<&str> = self
            .messages
            .iter()
            .filter(|m| m.field == field)
            .map(|m| m.text.as_str())
            .collect();
        (!texts.is_empty()).then(|| texts.join(" "))
    }
}

/// What the brand page needs to render the checkout part of its form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckoutForm {
    /// What the shopper typed before, when the form came back to them.
    pub returned: Option<ReturnedForm>,
    /// `+1` for a top-up in the US: the start of the phone number.
    pub dialling_code: Option<String>,
    /// A mobile number of the brand's country, for the hint (`+1 201-555-0123`).
    pub example_phone: Option<String>,
    /// Whose news the newsletter box offers (the shop's name unless the partner says).
    pub newsletter_from: String,
}
