//! Checkout: from the brand page's form to an order. The form posts to `/checkout` (with or
//! without JavaScript: one code path), which checks it, validates and creates the order
//! upstream, and sends the shopper to the payment page, or back to the form with what
//! they typed and a message next to each field to fix.

use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
pub mod place;
#[cfg(feature = "ssr")]
pub mod post;
#[cfg(feature = "ssr")]
pub mod recipient;

pub use crate::domain::checkout::{
    FieldMessage, PhoneConfirmation, PriceConfirmation, ReturnedForm,
};

/// Where the form posts.
pub const CHECKOUT_PATH: &str = "/checkout";

/// The value of the `product` field for the custom amount.
pub const CUSTOM: &str = "custom";

/// The names of the form's fields: the server reads what the pages and islands write.
pub mod field {
    pub const COUNTRY: &str = "country";
    pub const BRAND: &str = "brand";
    pub const PRODUCT: &str = "product";
    pub const AMOUNT: &str = "amount";
    pub const COIN: &str = "coin";
    pub const NETWORK: &str = "network";
    pub const EMAIL: &str = "email";
    pub const RECIPIENT: &str = "recipient";
    pub const NEWSLETTER: &str = "newsletter";
    pub const COUPON: &str = "coupon";
    /// `price`: only show the price (the no-JavaScript "Show price" button).
    pub const INTENT: &str = "intent";
    pub const CONFIRMED_PHONE: &str = "confirmed_phone";
    pub const CONFIRMED_PRICE: &str = "confirmed_price";
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
