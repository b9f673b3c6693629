//! The bodies we send: validation's and creation's, in the guide's shapes.

use serde::Serialize;

// ---- Requests we send -----------------------------------------------------------------

#[derive(Debug, Serialize)]
pub struct PaymentRequest<'a> {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub payment_via: &'a str,
    pub coin: &'a str,
    /// Always sent: production wants it (the chosen network, or the coin's default).
    pub network: &'a str,
}

/// POST /v5/orders/validations, as the partner guide's example has it (`email`,
/// `payment{type, payment_via, coin}`, `deliveries[{beneficiary_account, brand_name,
/// country_code, denomination: "100 USD", localized_denomination: "$100"}]`, `lang`), with
/// two fields no example confirms: `payment.network` (the contract's `network?`; sent so
/// that the price is the chosen network's) and `coupon_code` (named as validation's answer
/// names it).
#[derive(Debug, Serialize)]
pub struct ValidationRequest<'a> {
    pub email: &'a str,
    pub payment: PaymentRequest<'a>,
    pub deliveries: Vec<ValidationDelivery<'a>>,
    pub lang: &'a str,
    /// Unconfirmed by any example: the name validation's answer uses (`coupon_code`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coupon_code: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct ValidationDelivery<'a> {
    pub beneficiary_account: &'a str,
    pub brand_name: &'a str,
    pub country_code: &'a str,
    /// `"100 USD"`: the amount with its currency (a custom amount too, as the guide's
    /// Airbnb example is); an eSIM plan's name as the catalog lists it (no example).
    pub denomination: String,
    /// `"$100"`, as the shopper saw it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub localized_denomination: Option<String>,
}

/// POST /v5/orders, as the partner guide's example has it (`deliveries[{kind, quantity,
/// deliverable{brand_name, country_code, denomination: "100", beneficiary_account}}]`,
/// `payment{type, coin, network, payment_via}`, `user{email, has_accepted_newsletter}`,
/// `lang`, `acquisition{utm_source}`), and `coupon_code`, which no example confirms.
#[derive(Debug, Serialize)]
pub struct CreateOrderRequest<'a> {
    pub deliveries: Vec<CreateDelivery<'a>>,
    pub payment: PaymentRequest<'a>,
    pub user: UserRequest<'a>,
    pub lang: &'a str,
    pub acquisition: Acquisition<'a>,
    /// Unconfirmed by any example: mirrors validation's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coupon_code: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct CreateDelivery<'a> {
    /// The brand's own kind: `giftcard`, `mobile_recharge`, `nft_giftcard`…
    pub kind: &'a str,
    pub quantity: u32,
    pub deliverable: CreateDeliverable<'a>,
}

#[derive(Debug, Serialize)]
pub struct CreateDeliverable<'a> {
    pub brand_name: &'a str,
    pub country_code: &'a str,
    /// `"100"`: the bare amount, fixed or custom; an eSIM plan's name (no example).
    pub denomination: String,
    pub beneficiary_account: &'a str,
}

#[derive(Debug, Serialize)]
pub struct UserRequest<'a> {
    pub email: &'a str,
    pub has_accepted_newsletter: bool,
}

#[derive(Debug, Serialize)]
pub struct Acquisition<'a> {
    pub utm_source: &'a str,
}
