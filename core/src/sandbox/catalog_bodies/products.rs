//! `GET /v5/products/country/{cc}`: a family with its products, its description (in the
//! language asked, see `descriptions`) and its plans or range.

use super::{descriptions, fixed_amounts, stable_id};
use crate::sandbox::{
    brands::{BrandDef, CountryDef, Kind},
    networks::{CoinDef, NetworkDef},
    pricing,
    text::{localized, plan_label, Lang},
};
use rust_decimal::Decimal;
use serde_json::{json, Value};

pub(super) fn payment_method(coin: &CoinDef, network: &NetworkDef) -> String {
    network.payment_method(coin.name)
}

/// GET /v5/products/country/{cc}: one family with its products priced in `coin`, its texts
/// and plan names in `lang` (amounts read as the currency writes them, whatever `lang`).
pub fn products(
    country: &CountryDef,
    brand: &BrandDef,
    coin: &CoinDef,
    network: &NetworkDef,
    base_url: &str,
    lang: Lang,
) -> Value {
    let delivery = if brand.kind == Kind::TopUp {
        "by_phone"
    } else {
        "by_email"
    };
    let shape = AmountShape::of(brand);
    let fixed_product = |denomination: String,
                         localized_label: String,
                         face: Decimal,
                         currency: &str| {
        let amount = pricing::coin_amount(face, currency, coin.name).unwrap_or_default();
        json!({
            "product_id": stable_id(&[country.code, brand.name, &denomination]),
            "is_dynamic": false,
            "denomination": denomination,
            "localized_denomination": localized_label,
            "coin": coin.name,
            "coin_amount": amount.to_string(),
            "payment_method": payment_method(coin, network),
            "delivery_type": delivery,
            "points": (amount / Decimal::from(3)).round().to_string(),
            "face_value": {"currency_code": currency, "amount": shape.fixed_face(face, currency)},
        })
    };
    let mut products: Vec<Value> = brand
        .plans
        .iter()
        .map(|(plan, usd)| {
            fixed_product(
                plan.to_string(),
                plan_label(plan, lang),
                Decimal::from(*usd),
                "USD",
            )
        })
        .collect();
    products.extend(fixed_amounts(country, brand).into_iter().map(|amount| {
        let face = Decimal::from(amount);
        fixed_product(
            format!("{amount} {}", country.currency),
            localized(face, country.currency),
            face,
            country.currency,
        )
    }));
    if let Some((lo, hi)) = brand.range {
        let (min, max) = (
            Decimal::from(country.ladder[lo]),
            Decimal::from(country.ladder[hi]),
        );
        products.push(json!({
            "product_id": stable_id(&[country.code, brand.name, "range"]),
            "is_dynamic": true,
            "range": {
                "min": shape.range_bound(min, country.currency),
                "max": shape.range_bound(max, country.currency),
                "currency": country.currency,
                "step_size": country.step as f64,
                "default": format!("{}.0", country.ladder[(lo + hi) / 2]),
            },
            "coin": coin.name,
            "payment_method": payment_method(coin, network),
            "delivery_type": delivery,
            "face_value": {"currency_code": country.currency, "amount": {
                "type": "range",
                "min": shape.face_bound(min, country.currency),
                "max": shape.face_bound(max, country.currency),
            }},
        }));
    }
    // A family carries the brand's own fields, and its products.
    let mut family = super::brand(country, brand, base_url, false, lang);
    if let Some(map) = family.as_object_mut() {
        map.insert("default_denomination".into(), json!(""));
        map.insert(
            "product_tc".into(),
            json!(descriptions::product_tc(brand, lang)),
        );
        map.insert(
            "rich_description".into(),
            descriptions::rich_description(brand, country, lang),
        );
        map.insert("products".into(), json!(products));
    }
    json!([family])
}

/// How a brand's products write their amounts. Production mixes a string, a number and an
/// `{amount, currency}` object for the same fields, so the sandbox spreads the three over its
/// brands (by the length of the name): every form reaches the client, for fixed products and
/// for ranges alike.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AmountShape {
    /// As captured from production (Amazon.com, Hotels.com): range bounds as numbers, face
    /// value bounds as objects, a fixed face value as the string `price`.
    Production,
    /// Range bounds as objects, face value bounds as strings, a fixed face value as the
    /// number `value` (Airbnb, Amazon.de).
    ObjectRange,
    /// Range bounds as strings, face value bounds as numbers, a fixed face value as an
    /// object under `value` (Google Play).
    TextRange,
}

impl AmountShape {
    pub fn of(brand: &BrandDef) -> Self {
        match brand.name.len() % 3 {
            1 => Self::Production,
            0 => Self::ObjectRange,
            _ => Self::TextRange,
        }
    }

    fn number(value: Decimal) -> Value {
        json!(value.to_string().parse::<f64>().unwrap_or(0.0))
    }

    fn object(value: Decimal, currency: &str) -> Value {
        json!({"amount": Self::number(value), "currency": currency})
    }

    fn range_bound(self, value: Decimal, currency: &str) -> Value {
        match self {
            Self::Production => Self::number(value),
            Self::ObjectRange => Self::object(value, currency),
            Self::TextRange => json!(format!("{value}.00")),
        }
    }

    fn face_bound(self, value: Decimal, currency: &str) -> Value {
        match self {
            Self::Production => Self::object(value, currency),
            Self::ObjectRange => json!(format!("{value}.00")),
            Self::TextRange => Self::number(value),
        }
    }

    fn fixed_face(self, value: Decimal, currency: &str) -> Value {
        match self {
            Self::Production => json!({"type": "fixed", "price": value.to_string()}),
            Self::ObjectRange => json!({"type": "fixed", "value": Self::number(value)}),
            Self::TextRange => json!({"type": "fixed", "value": Self::object(value, currency)}),
        }
    }
}
