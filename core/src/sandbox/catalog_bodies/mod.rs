//! The sandbox's catalog answers, built as production sends them, variations included:
//! numbers as strings here and as numbers there, a null category, range bounds in both
//! shapes, HTML (with a script that must never run) in descriptions, which are in the
//! `lang` asked where upstream has a translation.

use super::{
    brands::{BrandDef, CountryDef, Kind},
    networks::{CoinDef, NetworkDef, COINS},
    pricing,
    text::{localized, logo_name, plan_label, Lang},
};

mod descriptions;
mod products;
#[cfg(test)]
mod tests;

use products::payment_method;
pub use products::products;
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

/// (min, max) display strings for the brand list: plans named in `lang`.
fn price_span(country: &CountryDef, brand: &BrandDef, lang: Lang) -> (String, String) {
    if let (Some(first), Some(last)) = (brand.plans.first(), brand.plans.last()) {
        return (plan_label(first.0, lang), plan_label(last.0, lang));
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

/// A `BRAND` object. `null_category` sends `category: null`, as production does at times;
/// `lang` names its plans (the calls that list brands take no `lang`: English there).
pub fn brand(
    country: &CountryDef,
    brand: &BrandDef,
    base_url: &str,
    null_category: bool,
    lang: Lang,
) -> Value {
    let (min, max) = price_span(country, brand, lang);
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
        let entry = brand(country, b, base_url, false, Lang::En);
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
        .map(|(i, b)| brand(country, b, base_url, i % 3 == 2, Lang::En))
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

/// GET /v2/homepage: two curated rows for the eight full countries, none elsewhere, their
/// titles in `lang`.
pub fn homepage(country: &CountryDef, base_url: &str, lang: Lang) -> Value {
    if !country.home_feed {
        return json!({"country_code": country.code, "sections": []});
    }
    let pick = |filter: &dyn Fn(&BrandDef) -> bool| -> Vec<Value> {
        country
            .brands
            .iter()
            .filter(|b| !b.out_of_stock && filter(b))
            .take(6)
            .map(|b| brand(country, b, base_url, false, Lang::En))
            .collect()
    };
    let (trending, gaming) = match lang {
        Lang::En => ("Trending now", "Game on"),
        Lang::Vi => ("Đang thịnh hành", "Dành cho game thủ"),
    };
    json!({
        "country_code": country.code,
        "sections": [
            {"title": trending, "brands": pick(&|b| b.kind == Kind::GiftCard && b.category != "gaming")},
            {"title": gaming, "brands": pick(&|b| b.category == "gaming")},
        ],
    })
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
