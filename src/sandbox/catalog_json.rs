//! The sandbox's catalog answers, built as production sends them, variations included:
//! numbers as strings here and as numbers there, a null category, range bounds in both
//! shapes, HTML (with a script that must never run) in descriptions.

use super::{
    brands::{BrandDef, CountryDef, Kind},
    networks::{CoinDef, NetworkDef, COINS},
    pricing,
    text::{localized, logo_name},
};
use rust_decimal::Decimal;
use serde_json::{json, Value};

/// A stable, UUID-shaped id for anything named by `parts`.
pub fn stable_id(parts: &[&str]) -> String {
    // FNV-1a, twice with different seeds, for 128 bits.
    let hash = |seed: u64| {
        parts
            .iter()
            .flat_map(|p| p.bytes().chain([0]))
            .fold(seed, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
            })
    };
    let (a, b) = (hash(0xcbf2_9ce4_8422_2325), hash(0x8422_2325_cbf2_9ce4));
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        0x8000 | ((b >> 48) & 0x3fff),
        b & 0xffff_ffff_ffff
    )
}

pub fn kind_wire(kind: Kind) -> &'static str {
    match kind {
        Kind::GiftCard => "giftcard",
        Kind::TopUp | Kind::Esim => "mobile_recharge",
    }
}

fn fixed_amounts(country: &CountryDef, brand: &BrandDef) -> Vec<u64> {
    brand.fixed.iter().map(|i| country.ladder[*i]).collect()
}

/// (min, max) display strings for the brand list.
fn price_span(country: &CountryDef, brand: &BrandDef) -> (String, String) {
    if let (Some(first), Some(last)) = (brand.plans.first(), brand.plans.last()) {
        return (first.0.to_string(), last.0.to_string());
    }
    let mut amounts = fixed_amounts(country, brand);
    if let Some((lo, hi)) = brand.range {
        amounts.extend([country.ladder[lo], country.ladder[hi]]);
    }
    let show =
        |a: Option<&u64>| localized(Decimal::from(a.copied().unwrap_or(0)), country.currency);
    (show(amounts.iter().min()), show(amounts.iter().max()))
}

pub fn logo_base(base_url: &str, brand: &BrandDef) -> String {
    format!("{base_url}/logos/{}", logo_name(brand.name))
}

/// A `BRAND` object. `null_category` sends `category: null`, as production does at times.
pub fn brand(country: &CountryDef, brand: &BrandDef, base_url: &str, null_category: bool) -> Value {
    let (min, max) = price_span(country, brand);
    let logo = logo_base(base_url, brand);
    json!({
        "family": brand.name,
        "brand_id": stable_id(&[country.code, brand.name]),
        "brand": brand.name,
        "logo_url": format!("{logo}.webp"),
        "logo_base_url": logo,
        "bg_color": brand.color,
        "min": min,
        "max": max,
        "category": if null_category { Value::Null } else { json!(brand.category) },
        "additional_categories": brand.extra_categories,
        "is_out_of_stock": brand.out_of_stock,
        "country_code": country.code,
        "kind": kind_wire(brand.kind),
        "product_type": "digital",
        "brand_tags": [],
    })
}

/// GET /v2/brands: brands grouped by category, again in `all_brands` (every third one with
/// a null category there), and the popular ones in each category, as production's capture
/// has them (no top-level `popular_brands`).
pub fn brands(country: &CountryDef, base_url: &str) -> Value {
    let is_popular = |b: &BrandDef| !b.out_of_stock && b.kind == Kind::GiftCard;
    let popular_names: Vec<&str> = country
        .brands
        .iter()
        .filter(|b| is_popular(b))
        .take(8)
        .map(|b| b.name)
        .collect();
    let mut groups: Vec<(&str, &str, Vec<Value>, Vec<Value>)> = Vec::new();
    for b in country.brands {
        let entry = brand(country, b, base_url, false);
        let popular = popular_names.contains(&b.name).then(|| entry.clone());
        match groups.iter_mut().find(|(cat, _, _, _)| *cat == b.category) {
            Some((_, _, list, popular_list)) => {
                list.push(entry);
                popular_list.extend(popular);
            }
            None => groups.push((
                b.category,
                kind_wire(b.kind),
                vec![entry],
                popular.into_iter().collect(),
            )),
        }
    }
    let all: Vec<Value> = country
        .brands
        .iter()
        .enumerate()
        .map(|(i, b)| brand(country, b, base_url, i % 3 == 2))
        .collect();
    json!({
        "country_code": country.code,
        "last_user_purchases": [],
        "suggestions": [],
        "categories": groups
            .into_iter()
            .map(|(category, kind, brands, popular)| json!({"kind": kind, "category": category, "brands": brands, "popular_brands": popular}))
            .collect::<Vec<_>>(),
        "all_brands": all,
    })
}

/// GET /v2/homepage: two curated rows for the eight full countries, none elsewhere.
pub fn homepage(country: &CountryDef, base_url: &str) -> Value {
    if !country.home_feed {
        return json!({"country_code": country.code, "sections": []});
    }
    let pick = |filter: &dyn Fn(&BrandDef) -> bool| -> Vec<Value> {
        country
            .brands
            .iter()
            .filter(|b| !b.out_of_stock && filter(b))
            .take(6)
            .map(|b| brand(country, b, base_url, false))
            .collect()
    };
    json!({
        "country_code": country.code,
        "sections": [
            {"title": "Trending now", "brands": pick(&|b| b.kind == Kind::GiftCard && b.category != "gaming")},
            {"title": "Game on", "brands": pick(&|b| b.category == "gaming")},
        ],
    })
}

fn payment_method(coin: &CoinDef, network: &NetworkDef) -> String {
    network.payment_method(coin.name)
}

fn description(brand: &BrandDef, country: &CountryDef) -> Value {
    let what = match brand.kind {
        Kind::GiftCard => "gift card",
        Kind::TopUp => "mobile top-up",
        Kind::Esim => "eSIM data plan",
    };
    // The script and the handler are there on purpose: the shop must never run them.
    json!({
        "markup": "html",
        "description": format!(
            "<p><strong>{name}</strong> {what}s for {cc}, paid with stablecoins.</p>\
             <script>window.__sandboxScriptRan = true;</script>\
             <img src=\"x\" onerror=\"window.__sandboxScriptRan = true\">\
             <ul><li>Delivered in minutes</li><li>No account needed</li></ul>",
            name = brand.name, cc = country.code
        ),
        "how_to_redeem": match brand.kind {
            Kind::TopUp => "<p>The credit lands on the phone number you give. Nothing to redeem.</p>".to_string(),
            Kind::Esim => "<ol><li>Open your phone's settings.</li><li>Add an eSIM and scan the QR code, or enter the activation code.</li></ol>".to_string(),
            Kind::GiftCard => format!(
                "<ol><li>Go to <a href=\"https://www.example.com/redeem\">{} redeem page</a>.</li><li>Enter the code.</li></ol>",
                brand.name
            ),
        },
        "term_and_conditions": match brand.kind {
            // A hostile link mid-sentence: disarmed, its words still read as a sentence.
            Kind::GiftCard => "<p>Cards cannot be exchanged for cash. The <a href=\"javascript:alert(1)\">brand's full terms</a> apply.</p>",
            Kind::TopUp => "<p>Top-ups cannot be reversed once sent to a number. The <a href=\"javascript:alert(1)\">operator's full terms</a> apply.</p>",
            Kind::Esim => "<p>Data plans start when the eSIM first connects. The <a href=\"javascript:alert(1)\">provider's full terms</a> apply.</p>",
        },
        "locale": "en",
        "brand_url": "https://www.example.com",
    })
}

/// GET /v5/products/country/{cc}: one family with its products priced in `coin`.
pub fn products(
    country: &CountryDef,
    brand: &BrandDef,
    coin: &CoinDef,
    network: &NetworkDef,
    base_url: &str,
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
                plan.to_string(),
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
    let mut family = self::brand(country, brand, base_url, false);
    if let Some(map) = family.as_object_mut() {
        map.insert("default_denomination".into(), json!(""));
        map.insert("product_tc".into(), json!("See the terms below."));
        map.insert("rich_description".into(), description(brand, country));
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

/// GET /v4/products/price for a custom amount (a number here, where products send strings).
pub fn price(
    country: &CountryDef,
    brand: &BrandDef,
    face_value: Decimal,
    coin: &CoinDef,
    network: &NetworkDef,
) -> Value {
    let amount = pricing::coin_amount(face_value, country.currency, coin.name).unwrap_or_default();
    let range = brand
        .range
        .map(|(lo, hi)| json!({"min": country.ladder[lo], "max": country.ladder[hi], "currency": country.currency, "step_size": country.step}));
    json!({
        "product_id": stable_id(&[country.code, brand.name, "range"]),
        "is_dynamic": brand.range.is_some(),
        "range": range,
        "coin_amount": serde_json::Number::from_f64(amount.to_string().parse::<f64>().unwrap_or(0.0)),
        "coin": coin.name,
        "original_coin_amount": amount.to_string(),
        "payment_method": payment_method(coin, network),
        "delivery_type": if brand.kind == Kind::TopUp { "by_phone" } else { "by_email" },
        "points": "1",
        "product_type": "digital",
    })
}

/// GET /v3/payment_vias: thresholds as strings on coins and numbers on networks.
pub fn payment_vias() -> Value {
    let coins: Vec<Value> = COINS
        .iter()
        .map(|coin| {
            json!({
                "name": coin.name,
                "threshold": coin.threshold,
                "is_suspended": coin.suspended,
                "logo_url": null,
                "networks": coin.networks.iter().map(|n| json!({
                    "name": n.name,
                    "base_token": n.base_token,
                    "threshold": 0.56,
                    "chain_id": n.chain_id,
                    "logo_url": null,
                    "is_suspended": n.suspended,
                    "smart_contract_engine": (!n.token.is_empty()).then_some(n.engine),
                    "smart_contract": (!n.token.is_empty()).then(|| json!({"engine": n.engine, "address": n.token, "decimals": n.decimals, "symbol": coin.name})),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!([
        {"name": "USER_WALLET", "available": true, "logo_url": null, "currencies": coins},
        {"name": "GATE_PAY", "available": false, "logo_url": null, "currencies": []},
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_uuid_shaped() {
        let id = stable_id(&["US", "Amazon.com"]);
        assert_eq!(id, stable_id(&["US", "Amazon.com"]));
        assert_ne!(id, stable_id(&["GB", "Amazon.com"]));
        assert_eq!(id.len(), 36);
        assert_eq!(id.matches('-').count(), 4);
    }
}
