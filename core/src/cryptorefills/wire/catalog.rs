//! The catalog's answers: payment options, brands, the homepage, products, prices.

use crate::cryptorefills::tolerant::{
    amount, flag, lenient_list, optional_object, text, text_list, whole, LenientList,
};
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer};

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
                        crate::cryptorefills::tolerant::skip_element(
                            "homepage section",
                            &error.to_string(),
                        );
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
                            crate::cryptorefills::tolerant::skip_element(
                                "homepage brand",
                                &error.to_string(),
                            );
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
