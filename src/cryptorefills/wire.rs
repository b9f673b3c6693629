//! The partner API's JSON as it arrives (and the requests we send), kept inside the client.
//! Every field is optional or defaulted: what is missing is decided in `mapping`.

use super::tolerant::{
    amount, epoch, flag, lenient_list, optional_amount, optional_epoch, optional_object, text,
    text_list, whole, LenientList,
};
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize};

// ---- GET /v3/payment_vias -------------------------------------------------------------

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PaymentVia {
    #[serde(deserialize_with = "text")]
    pub name: Option<String>,
    #[serde(deserialize_with = "flag")]
    pub available: Option<bool>,
    #[serde(deserialize_with = "lenient_list")]
    pub currencies: Vec<Currency>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Currency {
    #[serde(deserialize_with = "text")]
    pub name: Option<String>,
    #[serde(deserialize_with = "amount")]
    pub threshold: Option<Decimal>,
    #[serde(deserialize_with = "flag")]
    pub is_suspended: Option<bool>,
    #[serde(deserialize_with = "lenient_list")]
    pub networks: Vec<Network>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Network {
    #[serde(deserialize_with = "text")]
    pub name: Option<String>,
    #[serde(deserialize_with = "text")]
    pub base_token: Option<String>,
    #[serde(deserialize_with = "amount")]
    pub threshold: Option<Decimal>,
    #[serde(deserialize_with = "whole")]
    pub chain_id: Option<u64>,
    #[serde(deserialize_with = "flag")]
    pub is_suspended: Option<bool>,
    #[serde(deserialize_with = "text")]
    pub smart_contract_engine: Option<String>,
    pub smart_contract: Option<SmartContract>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SmartContract {
    #[serde(deserialize_with = "text")]
    pub engine: Option<String>,
    #[serde(deserialize_with = "text")]
    pub address: Option<String>,
    #[serde(deserialize_with = "whole")]
    pub decimals: Option<u64>,
}

// ---- GET /v2/brands, /v2/homepage -----------------------------------------------------

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Brands {
    #[serde(deserialize_with = "text")]
    pub country_code: Option<String>,
    #[serde(deserialize_with = "lenient_list")]
    pub categories: Vec<CategoryGroup>,
    #[serde(deserialize_with = "lenient_list")]
    pub all_brands: Vec<Brand>,
    #[serde(deserialize_with = "lenient_list")]
    pub popular_brands: Vec<Brand>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CategoryGroup {
    #[serde(deserialize_with = "text")]
    pub kind: Option<String>,
    #[serde(deserialize_with = "text")]
    pub category: Option<String>,
    #[serde(deserialize_with = "lenient_list")]
    pub brands: Vec<Brand>,
    /// Production's capture puts the popular brands in each category, not (only) at the top.
    #[serde(deserialize_with = "lenient_list")]
    pub popular_brands: Vec<Brand>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct Brand {
    #[serde(deserialize_with = "text")]
    pub family: Option<String>,
    #[serde(deserialize_with = "text")]
    pub brand_id: Option<String>,
    #[serde(deserialize_with = "text")]
    pub brand: Option<String>,
    #[serde(deserialize_with = "text")]
    pub logo_url: Option<String>,
    #[serde(deserialize_with = "text")]
    pub logo_base_url: Option<String>,
    #[serde(deserialize_with = "text")]
    pub bg_color: Option<String>,
    #[serde(deserialize_with = "text")]
    pub min: Option<String>,
    #[serde(deserialize_with = "text")]
    pub max: Option<String>,
    #[serde(deserialize_with = "text")]
    pub category: Option<String>,
    #[serde(deserialize_with = "text_list")]
    pub additional_categories: Vec<String>,
    #[serde(deserialize_with = "flag")]
    pub is_out_of_stock: Option<bool>,
    #[serde(deserialize_with = "text")]
    pub country_code: Option<String>,
    #[serde(deserialize_with = "text")]
    pub kind: Option<String>,
}

/// The home feed's shape is inferred: named sections of brands. Three layouts are accepted:
/// `{"sections":[{"title","brands"}]}`, a bare array of sections, or an object whose
/// array-valued keys are the sections (`{"trending":[BRAND…]}`).
#[derive(Debug, Default)]
pub struct Homepage {
    pub sections: Vec<HomeSection>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct HomeSection {
    #[serde(deserialize_with = "text", alias = "name", alias = "label")]
    pub title: Option<String>,
    #[serde(
        deserialize_with = "lenient_list",
        alias = "items",
        alias = "giftcards"
    )]
    pub brands: Vec<Brand>,
}

impl<'de> Deserialize<'de> for Homepage {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(d)?;
        let sections_value = match &value {
            serde_json::Value::Array(_) => Some(value.clone()),
            serde_json::Value::Object(map) => map.get("sections").cloned(),
            _ => None,
        };
        if let Some(list) = sections_value {
            let sections: Vec<serde_json::Value> = match list {
                serde_json::Value::Array(items) => items,
                _ => Vec::new(),
            };
            let sections = sections
                .into_iter()
                .filter_map(|s| match serde_json::from_value::<HomeSection>(s) {
                    Ok(section) => Some(section),
                    Err(error) => {
                        super::tolerant::skip_element("homepage section", &error.to_string());
                        None
                    }
                })
                .collect();
            return Ok(Self { sections });
        }
        let serde_json::Value::Object(map) = value else {
            return Ok(Self::default());
        };
        let sections = map
            .into_iter()
            .filter(|(_, v)| v.is_array())
            .map(|(key, brands)| {
                let brands = brands
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|b| match serde_json::from_value::<Brand>(b.clone()) {
                        Ok(brand) => Some(brand),
                        Err(error) => {
                            super::tolerant::skip_element("homepage brand", &error.to_string());
                            None
                        }
                    })
                    .collect();
                HomeSection {
                    title: Some(key),
                    brands,
                }
            })
            .collect();
        Ok(Self { sections })
    }
}

// ---- GET /v5/products/country/{cc}, /v4/products/price ---------------------------------

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Family {
    #[serde(deserialize_with = "text")]
    pub country_code: Option<String>,
    #[serde(deserialize_with = "text")]
    pub kind: Option<String>,
    #[serde(deserialize_with = "text")]
    pub category: Option<String>,
    #[serde(deserialize_with = "text")]
    pub family: Option<String>,
    #[serde(deserialize_with = "text")]
    pub brand: Option<String>,
    #[serde(deserialize_with = "text")]
    pub brand_id: Option<String>,
    #[serde(deserialize_with = "flag")]
    pub is_out_of_stock: Option<bool>,
    #[serde(deserialize_with = "text")]
    pub logo_base_url: Option<String>,
    #[serde(deserialize_with = "text")]
    pub bg_color: Option<String>,
    #[serde(deserialize_with = "text")]
    pub product_tc: Option<String>,
    /// An object, or (seen in other clients' fixtures) the description's HTML alone; any
    /// other shape is left out (and counted), never a reason to lose the products.
    #[serde(deserialize_with = "rich_description")]
    pub rich_description: Option<RichDescription>,
    /// Lenient, and counted: a brand whose products all failed to decode is "not available
    /// right now", not a brand with nothing to sell.
    pub products: LenientList<Product>,
}

fn rich_description<'de, D: Deserializer<'de>>(d: D) -> Result<Option<RichDescription>, D::Error> {
    let value = serde_json::Value::deserialize(d)?;
    if let serde_json::Value::String(html) = value {
        return Ok(Some(RichDescription {
            description: Some(html),
            ..RichDescription::default()
        }));
    }
    optional_object(value).map_err(serde::de::Error::custom)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RichDescription {
    #[serde(deserialize_with = "text")]
    pub description: Option<String>,
    #[serde(deserialize_with = "text")]
    pub how_to_redeem: Option<String>,
    #[serde(deserialize_with = "text", alias = "terms_and_conditions")]
    pub term_and_conditions: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Product {
    #[serde(deserialize_with = "text")]
    pub product_id: Option<String>,
    #[serde(deserialize_with = "flag")]
    pub is_dynamic: Option<bool>,
    #[serde(deserialize_with = "text")]
    pub denomination: Option<String>,
    #[serde(deserialize_with = "text")]
    pub localized_denomination: Option<String>,
    #[serde(deserialize_with = "text")]
    pub coin: Option<String>,
    #[serde(deserialize_with = "amount")]
    pub coin_amount: Option<Decimal>,
    #[serde(deserialize_with = "text")]
    pub delivery_type: Option<String>,
    pub face_value: Option<FaceValue>,
    pub range: Option<Range>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct FaceValue {
    #[serde(deserialize_with = "text")]
    pub currency_code: Option<String>,
    pub amount: Option<FaceAmount>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct FaceAmount {
    #[serde(rename = "type", deserialize_with = "text")]
    pub kind: Option<String>,
    /// A fixed product's face value, seen as `price`; `value` is accepted too.
    #[serde(deserialize_with = "amount")]
    pub price: Option<Decimal>,
    #[serde(deserialize_with = "amount")]
    pub value: Option<Decimal>,
    #[serde(deserialize_with = "amount")]
    pub min: Option<Decimal>,
    #[serde(deserialize_with = "amount")]
    pub max: Option<Decimal>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Range {
    #[serde(deserialize_with = "amount")]
    pub min: Option<Decimal>,
    #[serde(deserialize_with = "amount")]
    pub max: Option<Decimal>,
    #[serde(deserialize_with = "text")]
    pub currency: Option<String>,
    #[serde(deserialize_with = "amount", alias = "step")]
    pub step_size: Option<Decimal>,
    #[serde(deserialize_with = "amount")]
    pub default: Option<Decimal>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Price {
    #[serde(deserialize_with = "text")]
    pub product_id: Option<String>,
    #[serde(deserialize_with = "amount")]
    pub coin_amount: Option<Decimal>,
    #[serde(deserialize_with = "text")]
    pub coin: Option<String>,
    pub range: Option<Range>,
}

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
