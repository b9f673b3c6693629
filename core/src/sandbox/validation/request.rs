//! The guide's two request shapes (validation's and creation's), read into one
//! [`OrderInput`]; a body of the other shape, or without what production insists on, is
//! refused with production's code.

use super::OrderInput;
use crate::sandbox::text::Lang;
use rust_decimal::Decimal;
use serde_json::Value;
use std::str::FromStr;

/// Which of the guide's two request shapes a body must have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// `POST /v5/orders/validations`: flat deliveries, `"100 USD"`.
    Validation,
    /// `POST /v5/orders`: `{kind, quantity, deliverable}` deliveries, `"100"`.
    Creation,
}

/// A line's denomination, as the shape allows it.
#[derive(Debug, Clone, PartialEq)]
pub enum Denomination {
    /// An amount of money, with the currency it was written in (validation's shape).
    Amount {
        value: Decimal,
        currency: Option<String>,
    },
    /// Anything else: a plan's name ("1 GB 7 days"), found among the brand's plans or not.
    Named(String),
}

/// One order line as sent, in either request shape (validation or creation).
#[derive(Debug, Clone)]
pub struct LineInput {
    pub brand_name: String,
    pub country_code: String,
    pub denomination: Denomination,
    pub beneficiary: String,
    /// Creation's `kind`.
    pub kind: Option<String>,
}

/// A body refused for its shape: production's HTTP-level error code and what was wrong.
#[derive(Debug, PartialEq)]
pub struct ShapeError {
    pub detail: &'static str,
    pub message: String,
}

fn invalid_request(message: impl Into<String>) -> ShapeError {
    ShapeError {
        detail: "INVALID_REQUEST",
        message: message.into(),
    }
}

fn text(v: &Value, key: &str) -> Option<String> {
    match v.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// `"100 USD"` for validation, `"100"` for creation, or a plan's name; anything else (a
/// localized `"$100"`, `"range"`, the other shape's form) is `INVALID_DENOMINATION`.
pub(super) fn denomination(raw: &str, shape: Shape) -> Result<Denomination, ShapeError> {
    let refused = || ShapeError {
        detail: "INVALID_DENOMINATION",
        message: match shape {
            Shape::Validation => {
                format!("`{raw}`: validation takes an amount and its currency, like \"100 USD\"")
            }
            Shape::Creation => format!("`{raw}`: an order takes the bare amount, like \"100\""),
        },
    };
    let words: Vec<&str> = raw.split_whitespace().collect();
    let amount = words.first().and_then(|w| Decimal::from_str(w).ok());
    let is_currency = |w: &str| w.len() == 3 && w.bytes().all(|b| b.is_ascii_uppercase());
    match (shape, amount, words.as_slice()) {
        (Shape::Validation, Some(value), [_, currency]) if is_currency(currency) => {
            Ok(Denomination::Amount {
                value,
                currency: Some((*currency).to_string()),
            })
        }
        (Shape::Creation, Some(value), [_]) => Ok(Denomination::Amount {
            value,
            currency: None,
        }),
        // Money in the other call's form, or written with a symbol: not what this call takes.
        (_, Some(_), [_]) => Err(refused()),
        (_, Some(_), [_, currency]) if is_currency(currency) => Err(refused()),
        _ if raw.eq_ignore_ascii_case("range")
            || raw.trim().is_empty()
            || raw.starts_with(|c: char| !c.is_alphanumeric()) =>
        {
            Err(refused())
        }
        // A plan's name ("1 GB 7 days"): found among the brand's plans, or not.
        _ => Ok(Denomination::Named(raw.trim().to_string())),
    }
}

/// Reads a body of the guide's `shape`; a body of another shape is refused.
pub fn parse(body: &Value, shape: Shape) -> Result<OrderInput, ShapeError> {
    let user_email = body.get("user").and_then(|u| text(u, "email"));
    let email = match shape {
        Shape::Validation => text(body, "email"),
        Shape::Creation => user_email.or_else(|| text(body, "email")),
    }
    .ok_or_else(|| invalid_request("email is required"))?;
    let payment = body
        .get("payment")
        .ok_or_else(|| invalid_request("payment is required"))?;
    let deliveries = body
        .get("deliveries")
        .and_then(Value::as_array)
        .filter(|d| !d.is_empty())
        .ok_or_else(|| invalid_request("deliveries must list at least one delivery"))?;
    let network = text(payment, "network").filter(|n| !n.is_empty());
    if shape == Shape::Creation && network.is_none() {
        return Err(invalid_request("payment.network is required"));
    }
    let mut lines = Vec::new();
    for d in deliveries {
        let (line, kind, quantity) = match shape {
            Shape::Validation => {
                if d.get("deliverable").is_some() {
                    return Err(invalid_request("validation takes flat deliveries"));
                }
                (d, None, 1)
            }
            Shape::Creation => {
                let line = d
                    .get("deliverable")
                    .ok_or_else(|| invalid_request("each delivery needs a deliverable"))?;
                let kind =
                    text(d, "kind").ok_or_else(|| invalid_request("each delivery needs a kind"))?;
                let quantity = d
                    .get("quantity")
                    .and_then(Value::as_u64)
                    .unwrap_or(1)
                    .clamp(1, 20);
                (line, Some(kind), quantity)
            }
        };
        if line.get("product_value").is_some_and(|v| !v.is_null()) {
            return Err(ShapeError {
                detail: "INVALID_DENOMINATION",
                message: "product_value is not part of this call: put the amount in denomination"
                    .into(),
            });
        }
        let raw = text(line, "denomination")
            .ok_or_else(|| invalid_request("denomination is required"))?;
        let input = LineInput {
            brand_name: text(line, "brand_name")
                .ok_or_else(|| invalid_request("brand_name is required"))?,
            country_code: text(line, "country_code")
                .ok_or_else(|| invalid_request("country_code is required"))?,
            denomination: denomination(&raw, shape)?,
            beneficiary: text(line, "beneficiary_account").unwrap_or_default(),
            kind,
        };
        lines.extend(std::iter::repeat_n(input, quantity as usize));
    }
    Ok(OrderInput {
        email,
        payment_via: text(payment, "payment_via").unwrap_or_default(),
        coin: text(payment, "coin").unwrap_or_default(),
        network,
        coupon: text(body, "coupon_code").filter(|c| !c.trim().is_empty()),
        // Both shapes carry `lang`; missing, unknown or not a string, it is English.
        lang: Lang::from_param(body.get("lang").and_then(Value::as_str)),
        lines,
    })
}
