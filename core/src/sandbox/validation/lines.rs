//! One order line checked against the sandbox's brands and priced in the coin: the
//! country and brand exist and sell, the beneficiary fits the kind, the amount is a fixed
//! card or within the custom range.

use super::{
    request::{Denomination, LineInput},
    PricedLine,
};
use crate::sandbox::{
    brands::{self, BrandDef, CountryDef, Kind},
    networks::CoinDef,
    pricing,
    text::{plan_label, Lang},
};
use rust_decimal::Decimal;
use serde_json::{json, Value};

fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.trim().split_once('@') else {
        return false;
    };
    !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !s.contains(' ')
}

fn is_phone(s: &str) -> bool {
    let Some(digits) = s.trim().strip_prefix('+') else {
        return false;
    };
    (8..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
}

pub(super) fn price_line(
    line: &LineInput,
    coin: &CoinDef,
    lang: Lang,
    problems: &mut Vec<(String, Value)>,
) -> Option<PricedLine> {
    let mut problem = |code: &str, details: Value| problems.push((code.to_string(), details));
    let Some(country) = brands::country(&line.country_code) else {
        problem(
            "NOT_AVAILABLE_PRODUCT",
            json!({"country_code": line.country_code}),
        );
        return None;
    };
    let Some(brand) = country.brand(&line.brand_name) else {
        problem(
            "NOT_AVAILABLE_PRODUCT",
            json!({"brand_name": line.brand_name}),
        );
        return None;
    };
    if brand.out_of_stock {
        problem("OUT_OF_STOCK", json!({"brand_name": brand.name}));
    }
    if brand.paused {
        problem("NOT_ACTIVE", json!({"brand_name": brand.name}));
    }
    if brand.login_required {
        problem("LOGIN_REQUIRED", json!({"brand_name": brand.name}));
    }
    let beneficiary_ok = match brand.kind {
        Kind::TopUp => is_phone(&line.beneficiary),
        Kind::GiftCard | Kind::Esim => is_email(&line.beneficiary),
    };
    if !beneficiary_ok {
        let expected = if brand.kind == Kind::TopUp {
            "phone"
        } else {
            "email"
        };
        problem("INVALID_BENEFICIARY_ACCOUNT", json!({"expected": expected}));
    }
    let (face_value, denomination, localized, currency) =
        face_value(&country, brand, line, lang, &mut problem)?;
    let coin_amount = pricing::coin_amount(face_value, currency, coin.name)?;
    Some(PricedLine {
        brand,
        country: country.code,
        currency,
        face_value,
        denomination,
        localized,
        beneficiary: line.beneficiary.clone(),
        coin_amount,
    })
}

type FaceValue = (Decimal, String, String, &'static str);

fn face_value(
    country: &CountryDef,
    brand: &'static BrandDef,
    line: &LineInput,
    lang: Lang,
    problem: &mut impl FnMut(&str, Value),
) -> Option<FaceValue> {
    let (value, currency) = match &line.denomination {
        Denomination::Named(name) => {
            let Some(plan) = brand
                .plans
                .iter()
                .find(|(plan, _)| plan.eq_ignore_ascii_case(name))
            else {
                problem("NOT_AVAILABLE_PRODUCT", json!({"denomination": name}));
                return None;
            };
            // The plan's name is the key orders send back; only its label follows `lang`.
            return Some((
                Decimal::from(plan.1),
                plan.0.to_string(),
                plan_label(plan.0, lang),
                "USD",
            ));
        }
        Denomination::Amount { value, currency } => (*value, currency.as_deref()),
    };
    if currency.is_some_and(|c| c != country.currency) {
        problem(
            "NOT_AVAILABLE_PRODUCT",
            json!({"denomination": format!("{value} {}", currency.unwrap_or_default()), "currency": country.currency}),
        );
        return None;
    }
    let fixed = brand
        .fixed
        .iter()
        .map(|i| country.ladder[*i])
        .find(|amount| Decimal::from(*amount) == value);
    if fixed.is_none() {
        // Not one of the fixed cards: a custom amount, when the brand takes them.
        let Some((min, max)) = brand
            .range
            .map(|(a, b)| (country.ladder[a], country.ladder[b]))
        else {
            problem(
                "NOT_AVAILABLE_PRODUCT",
                json!({"denomination": value.to_string()}),
            );
            return None;
        };
        // Refused before it is priced: a value far out of range (1e28) would overflow the
        // price's multiplication.
        if value < Decimal::from(min) {
            problem(
                "AMOUNT_LESS_THEN_MINIMUM_ALLOWED",
                json!({"min": min, "currency": country.currency}),
            );
            return None;
        } else if value > Decimal::from(max) {
            problem(
                "MAXIMUM_AMOUNT_PER_ORDER_EXCEEDED",
                json!({"max": max, "currency": country.currency}),
            );
            return None;
        }
    }
    let shown = crate::sandbox::text::localized(value, country.currency);
    let denomination = format!("{} {}", value.normalize(), country.currency);
    Some((value, denomination, shown, country.currency))
}
