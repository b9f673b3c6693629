//! Order validation, the sandbox's way: every problem code of the partner guide and the
//! contract is reachable from a documented input.
//!
//! | input | code | HTTP |
//! |---|---|---|
//! | a brand the country does not sell, or a fixed denomination it does not offer | `NOT_AVAILABLE_PRODUCT` | 200 |
//! | an out-of-stock brand (Nintendo eShop everywhere, Zing Xu in VN) | `OUT_OF_STOCK` | 200 |
//! | a paused brand (Fandango, US) | `NOT_ACTIVE` | 200 |
//! | a beneficiary that is not an email (gift cards, eSIMs) or not `+` and 8–15 digits (top-ups) | `INVALID_BENEFICIARY_ACCOUNT` | 200 |
//! | a custom amount below the range, or an order under the coin's threshold (1 USDC) | `AMOUNT_LESS_THEN_MINIMUM_ALLOWED` | 200 |
//! | a custom amount above the range, or an order over 2,500 USD | `MAXIMUM_AMOUNT_PER_ORDER_EXCEEDED` | 200 |
//! | more than 10 deliveries | `PRODUCT_COUNT_EXCEEDED` | 200 |
//! | two or more lines of limited brands (Apple, Visa Prepaid in the US) | `MULTIPLE_LIMITED_PRODUCT_SAME_ORDER` | 200 |
//! | `payment_via` other than `USER_WALLET` | `NOT_ALLOWED_PAYMENT_VIA` | 200 |
//! | a coin or network the sandbox does not take for that coin | `UNSUPPORTED_PROTOCOL_COIN_COMBINATION` | 200 |
//! | Visa Prepaid (US) | `LOGIN_REQUIRED` | 422 |
//! | an email at `blocked.example` | `INVALID_EMAIL_DOMAIN` | 400 |
//! | a coupon other than `WELCOME5`; a coupon named like a coupon code (`coupon-expired`) gives that code | `COUPON_NOT_FOUND`, `COUPON_…` | 200 |
//! | **any code**: put it, in lower case with dashes, as a `+` part of the email's local part: `me+kyc-pending+daily-spending-limit-exceeded@example.com` | that code (several at once) | 200 (422 for `login-required`, 400 for `invalid-email-domain`) |
//! | coin DAI (suspended) | `{"status":400,"detail":"SUSPENDED_COIN"}` | 400 |
//! | USDT on Polygon (Matic) (suspended) | `{"status":400,"detail":"SUSPENDED_NETWORK"}` | 400 |
//!
//! Bodies must have the partner guide's shapes, as production insists:
//!
//! | request | what is refused | answer |
//! |---|---|---|
//! | either | a body that is not JSON | `400 {"message": …}` |
//! | either | a missing email, payment, deliveries, brand, country or denomination | `400 {"detail":"INVALID_REQUEST"}` |
//! | validation | a denomination other than `"100 USD"` (amount and currency) or a plan's name: `"100"`, `"$100"`, `"range"`, a `product_value` | `400 {"detail":"INVALID_DENOMINATION"}` |
//! | creation | a denomination other than `"100"` (the bare amount) or a plan's name: `"100 USD"`, `"$100"`, `"range"` | `400 {"detail":"INVALID_DENOMINATION"}` |
//! | creation | a delivery without `kind` or `deliverable`, a `kind` that isn't the brand's, no `payment.network`, no `user.email` | `400 {"detail":"INVALID_REQUEST"}` |

use super::{
    brands::{self, BrandDef, CountryDef, Kind},
    networks::{self, CoinDef, NetworkDef},
    pricing,
};
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::str::FromStr;

/// Every code the sandbox can answer with (its own list, kept apart from the client's).
pub const CODES: &[&str] = &[
    "AMOUNT_LESS_THEN_MINIMUM_ALLOWED",
    "MAXIMUM_AMOUNT_PER_ORDER_EXCEEDED",
    "DAILY_SPENDING_LIMIT_EXCEEDED",
    "MONTHLY_SPENDING_LIMIT_EXCEEDED",
    "PRODUCT_COUNT_EXCEEDED",
    "MULTIPLE_LIMITED_PRODUCT_SAME_ORDER",
    "NOT_AVAILABLE_PRODUCT",
    "OUT_OF_STOCK",
    "NOT_ACTIVE",
    "INVALID_BENEFICIARY_ACCOUNT",
    "NOT_ALLOWED_PAYMENT_VIA",
    "UNSUPPORTED_PROTOCOL_COIN_COMBINATION",
    "LOGIN_REQUIRED",
    "COUPON_REQUIRES_LOGIN",
    "COUPON_NOT_FOUND",
    "COUPON_NOT_ACTIVE",
    "COUPON_ALREADY_SPENT",
    "COUPON_MAX_USAGE_REACHED",
    "COUPON_EXPIRED",
    "COUPON_BELOW_MIN_AMOUNT",
    "COUPON_NOT_VALID_FOR_USER",
    "COUPON_NOT_VALID_FOR_CATEGORY",
    "COUPON_NOT_VALID_FOR_KIND",
    "COUPON_NOT_VALID_FOR_BRAND",
    "COUPON_NOT_VALID_FOR_COUNTRY",
    "COUPON_NOT_VALID_FOR_STORE",
    "INVALID_EMAIL_DOMAIN",
    "KYC_MISSING",
    "KYC_PENDING",
    "VERIFICATION_REQUIRED",
    "FULLNAME_MISSING",
];

pub const MAX_DELIVERIES: usize = 10;
pub const MAX_ORDER_USD: Decimal = Decimal::from_parts(2500, 0, 0, false, 0);
pub const VALID_COUPON: &str = "WELCOME5";

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

#[derive(Debug, Clone)]
pub struct OrderInput {
    pub email: String,
    pub payment_via: String,
    pub coin: String,
    pub network: Option<String>,
    pub coupon: Option<String>,
    pub lines: Vec<LineInput>,
}

/// A line the sandbox can sell, priced.
#[derive(Debug, Clone)]
pub struct PricedLine {
    pub brand: &'static BrandDef,
    pub country: &'static str,
    pub currency: &'static str,
    pub face_value: Decimal,
    pub denomination: String,
    pub localized: String,
    pub beneficiary: String,
    pub coin_amount: Decimal,
}

#[derive(Debug)]
pub struct Priced {
    pub coin: &'static CoinDef,
    pub network: &'static NetworkDef,
    pub lines: Vec<PricedLine>,
    pub original: Decimal,
    pub total: Decimal,
    pub coupon: Option<String>,
}

#[derive(Debug)]
pub enum Verdict {
    Fine(Priced),
    Problems {
        status: u16,
        problems: Vec<(String, Value)>,
    },
    /// An HTTP-level error `{status, detail}` or a bad body `{message}`.
    Refused {
        status: u16,
        body: Value,
    },
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
fn denomination(raw: &str, shape: Shape) -> Result<Denomination, ShapeError> {
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
        lines,
    })
}

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

/// `kyc-pending` -> `KYC_PENDING` when that is a code.
fn as_code(token: &str) -> Option<&'static str> {
    let wanted = token.trim().to_ascii_uppercase().replace('-', "_");
    CODES.iter().copied().find(|c| *c == wanted)
}

/// The lines the order can be priced from; problems found on the way are pushed.
fn price_line(
    line: &LineInput,
    coin: &CoinDef,
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
        face_value(&country, brand, line, &mut problem)?;
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
            return Some((
                Decimal::from(plan.1),
                plan.0.to_string(),
                plan.0.to_string(),
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
    let shown = super::text::localized(value, country.currency);
    let denomination = format!("{} {}", value.normalize(), country.currency);
    Some((value, denomination, shown, country.currency))
}

pub fn validate(input: &OrderInput) -> Verdict {
    let refuse = |detail: &str| Verdict::Refused {
        status: 400,
        body: json!({"status": 400, "detail": detail, "moreDetails": {"coin": input.coin, "network": input.network}}),
    };
    // Creation names each line's kind: it must be the brand's own.
    let wrong_kind = input.lines.iter().any(|line| {
        let brand = brands::country(&line.country_code).and_then(|c| c.brand(&line.brand_name));
        matches!((brand, &line.kind), (Some(brand), Some(kind)) if kind != super::catalog_json::kind_wire(brand.kind))
    });
    if wrong_kind {
        return Verdict::Refused {
            status: 400,
            body: json!({"status": 400, "detail": "INVALID_REQUEST", "moreDetails": {"kind": "not the brand's kind"}}),
        };
    }
    let mut problems: Vec<(String, Value)> = Vec::new();
    let coin = networks::coin(&input.coin);
    if coin.is_some_and(|c| c.suspended) {
        return refuse("SUSPENDED_COIN");
    }
    let network = coin.and_then(|c| c.network(input.network.as_deref()));
    if network.is_some_and(|n| n.suspended) {
        return refuse("SUSPENDED_NETWORK");
    }
    if !input
        .payment_via
        .eq_ignore_ascii_case(crate::domain::payment::USER_WALLET)
    {
        problems.push((
            "NOT_ALLOWED_PAYMENT_VIA".into(),
            json!({"allowed": ["USER_WALLET"]}),
        ));
    }
    let (Some(coin), Some(network)) = (coin, network) else {
        let supported: Vec<String> = networks::COINS
            .iter()
            .filter(|c| !c.suspended)
            .flat_map(|c| {
                c.networks
                    .iter()
                    .filter(|n| !n.suspended)
                    .map(move |n| format!("{}-{}", c.name, n.name))
            })
            .collect();
        problems.push((
            "UNSUPPORTED_PROTOCOL_COIN_COMBINATION".into(),
            json!({"supported": supported}),
        ));
        return Verdict::Problems {
            status: status_for(&problems),
            problems,
        };
    };

    if input.lines.len() > MAX_DELIVERIES {
        problems.push((
            "PRODUCT_COUNT_EXCEEDED".into(),
            json!({"max": MAX_DELIVERIES}),
        ));
    }
    let lines: Vec<PricedLine> = input
        .lines
        .iter()
        .filter_map(|line| price_line(line, coin, &mut problems))
        .collect();
    if lines.iter().filter(|l| l.brand.limited).count() > 1 {
        problems.push(("MULTIPLE_LIMITED_PRODUCT_SAME_ORDER".into(), Value::Null));
    }

    let total_usd: Decimal = lines
        .iter()
        .map(|l| pricing::in_usd(l.face_value, l.currency))
        .sum();
    if total_usd > MAX_ORDER_USD {
        problems.push((
            "MAXIMUM_AMOUNT_PER_ORDER_EXCEEDED".into(),
            json!({"max_usd": MAX_ORDER_USD}),
        ));
    }
    let original: Decimal = lines.iter().map(|l| l.coin_amount).sum();
    let threshold = Decimal::from_str(coin.threshold).unwrap_or(Decimal::ONE);
    if !lines.is_empty() && original < threshold {
        problems.push((
            "AMOUNT_LESS_THEN_MINIMUM_ALLOWED".into(),
            json!({"threshold": coin.threshold}),
        ));
    }

    let domain = input
        .email
        .rsplit_once('@')
        .map(|(_, d)| d.to_ascii_lowercase());
    if domain.as_deref() == Some("blocked.example") {
        problems.push((
            "INVALID_EMAIL_DOMAIN".into(),
            json!({"domain": "blocked.example"}),
        ));
    }
    let local = input.email.split('@').next().unwrap_or_default();
    for code in local.split('+').filter_map(as_code) {
        problems.push((code.into(), json!({"trigger": "email"})));
    }

    let mut total = original;
    let coupon = input.coupon.as_deref().map(str::trim);
    match coupon {
        None => {}
        Some(c) if c.eq_ignore_ascii_case(VALID_COUPON) => {
            total = (original * Decimal::new(95, 2)).round_dp(2);
        }
        Some(c) => {
            let code = as_code(c)
                .filter(|code| code.starts_with("COUPON_"))
                .unwrap_or("COUPON_NOT_FOUND");
            problems.push((code.into(), json!({"coupon_code": c})));
        }
    }

    problems.dedup_by(|a, b| a.0 == b.0);
    if !problems.is_empty() {
        return Verdict::Problems {
            status: status_for(&problems),
            problems,
        };
    }
    Verdict::Fine(Priced {
        coin,
        network,
        lines,
        original,
        total,
        coupon: coupon.map(str::to_string),
    })
}

/// Most problems come with 200; a few arrive as 4xx, as production does.
fn status_for(problems: &[(String, Value)]) -> u16 {
    let has = |code: &str| problems.iter().any(|(c, _)| c == code);
    if has("LOGIN_REQUIRED") {
        422
    } else if has("INVALID_EMAIL_DOMAIN") {
        400
    } else {
        200
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(
        email: &str,
        coin: &str,
        network: Option<&str>,
        lines: &[(&str, &str, &str, &str)],
    ) -> OrderInput {
        OrderInput {
            email: email.into(),
            payment_via: "USER_WALLET".into(),
            coin: coin.into(),
            network: network.map(str::to_string),
            coupon: None,
            lines: lines
                .iter()
                .map(|(brand, cc, denomination, beneficiary)| LineInput {
                    brand_name: brand.to_string(),
                    country_code: cc.to_string(),
                    denomination: super::denomination(denomination, Shape::Validation)
                        .unwrap_or_else(|_| Denomination::Named(denomination.to_string())),
                    beneficiary: beneficiary.to_string(),
                    kind: None,
                })
                .collect(),
        }
    }

    fn codes(verdict: &Verdict) -> Vec<String> {
        match verdict {
            Verdict::Problems { problems, .. } => problems.iter().map(|(c, _)| c.clone()).collect(),
            Verdict::Refused { body, .. } => {
                vec![body["detail"].as_str().unwrap_or("?").to_string()]
            }
            Verdict::Fine(_) => Vec::new(),
        }
    }

    const AMAZON_25: (&str, &str, &str, &str) = ("Amazon.com", "US", "25 USD", "a@example.com");

    #[test]
    fn a_good_order_is_priced_by_the_published_rule() {
        let Verdict::Fine(priced) = validate(&order("a@example.com", "USDC", None, &[AMAZON_25]))
        else {
            panic!("a plain order validates");
        };
        assert_eq!(priced.total, Decimal::new(2553, 2));
        assert_eq!(priced.network.name, "Solana");
    }

    #[test]
    fn every_code_is_reachable_through_the_email_trigger() {
        for code in CODES {
            let email = format!(
                "me+{}@example.com",
                code.to_ascii_lowercase().replace('_', "-")
            );
            let verdict = validate(&order(&email, "USDC", None, &[AMAZON_25]));
            assert!(
                codes(&verdict).contains(&code.to_string()),
                "{code}: {:?}",
                codes(&verdict)
            );
        }
    }

    #[test]
    fn natural_inputs_give_their_codes() {
        let cases: Vec<(OrderInput, &str)> = vec![
            (
                order(
                    "a@example.com",
                    "USDC",
                    None,
                    &[("Nintendo eShop", "US", "25 USD", "a@example.com")],
                ),
                "OUT_OF_STOCK",
            ),
            (
                order(
                    "a@example.com",
                    "USDC",
                    None,
                    &[("Fandango", "US", "25 USD", "a@example.com")],
                ),
                "NOT_ACTIVE",
            ),
            (
                order(
                    "a@example.com",
                    "USDC",
                    None,
                    &[("Nope", "US", "25 USD", "a@example.com")],
                ),
                "NOT_AVAILABLE_PRODUCT",
            ),
            (
                order(
                    "a@example.com",
                    "USDC",
                    None,
                    &[("Steam", "US", "7 USD", "a@example.com")],
                ),
                "NOT_AVAILABLE_PRODUCT",
            ),
            (
                order(
                    "a@example.com",
                    "USDC",
                    None,
                    &[("Amazon.com", "US", "25 USD", "not-an-email")],
                ),
                "INVALID_BENEFICIARY_ACCOUNT",
            ),
            (
                order(
                    "a@example.com",
                    "USDC",
                    None,
                    &[("AT&T", "US", "10 USD", "a@example.com")],
                ),
                "INVALID_BENEFICIARY_ACCOUNT",
            ),
            (
                order("a@example.com", "USDC", None, &[AMAZON_25; 11]),
                "PRODUCT_COUNT_EXCEEDED",
            ),
            (
                order(
                    "a@example.com",
                    "USDC",
                    None,
                    &[("Apple", "US", "50 USD", "a@example.com"); 2],
                ),
                "MULTIPLE_LIMITED_PRODUCT_SAME_ORDER",
            ),
            (
                order(
                    "a@example.com",
                    "USDC",
                    None,
                    &[("Visa Prepaid", "US", "50 USD", "a@example.com")],
                ),
                "LOGIN_REQUIRED",
            ),
            (
                order("a@example.com", "DOGE", None, &[AMAZON_25]),
                "UNSUPPORTED_PROTOCOL_COIN_COMBINATION",
            ),
            (
                order("a@example.com", "USDC", Some("Tron"), &[AMAZON_25]),
                "UNSUPPORTED_PROTOCOL_COIN_COMBINATION",
            ),
            (
                order("a@blocked.example", "USDC", None, &[AMAZON_25]),
                "INVALID_EMAIL_DOMAIN",
            ),
            (
                order("a@example.com", "DAI", None, &[AMAZON_25]),
                "SUSPENDED_COIN",
            ),
            (
                order(
                    "a@example.com",
                    "USDT",
                    Some("Polygon (Matic)"),
                    &[AMAZON_25],
                ),
                "SUSPENDED_NETWORK",
            ),
        ];
        for (input, code) in cases {
            assert!(
                codes(&validate(&input)).contains(&code.to_string()),
                "{code}: {:?}",
                codes(&validate(&input))
            );
        }
        let big = order(
            "a@example.com",
            "USDC",
            None,
            &[("Amazon.com", "US", "500 USD", "a@example.com"); 6],
        );
        assert!(codes(&validate(&big)).contains(&"MAXIMUM_AMOUNT_PER_ORDER_EXCEEDED".to_string()));
        let mut custom = order(
            "a@example.com",
            "USDC",
            None,
            &[("Airbnb", "US", "10 USD", "a@example.com")],
        );
        assert!(codes(&validate(&custom)).contains(&"AMOUNT_LESS_THEN_MINIMUM_ALLOWED".to_string()));
        custom.lines[0].denomination = Denomination::Amount {
            value: Decimal::from(900),
            currency: Some("USD".into()),
        };
        assert!(
            codes(&validate(&custom)).contains(&"MAXIMUM_AMOUNT_PER_ORDER_EXCEEDED".to_string())
        );
        // Far out of range is refused before pricing (the price would overflow a Decimal).
        for huge in [Decimal::MAX, Decimal::MIN] {
            custom.lines[0].denomination = Denomination::Amount {
                value: huge,
                currency: Some("USD".into()),
            };
            assert!(!codes(&validate(&custom)).is_empty(), "{huge}");
        }
        let mut payment_via = order("a@example.com", "USDC", None, &[AMAZON_25]);
        payment_via.payment_via = "GATE_PAY".into();
        assert!(codes(&validate(&payment_via)).contains(&"NOT_ALLOWED_PAYMENT_VIA".to_string()));
        let mut coupon = order("a@example.com", "USDC", None, &[AMAZON_25]);
        coupon.coupon = Some("coupon-expired".into());
        assert_eq!(codes(&validate(&coupon)), ["COUPON_EXPIRED"]);
        coupon.coupon = Some("FREE".into());
        assert_eq!(codes(&validate(&coupon)), ["COUPON_NOT_FOUND"]);
        coupon.coupon = Some("welcome5".into());
        assert!(codes(&validate(&coupon)).is_empty());
    }

    #[test]
    fn each_call_takes_only_the_guides_denominations() {
        let shapes = [
            (Shape::Validation, "100 USD", true),
            (Shape::Validation, "1 GB 7 days", true),
            (Shape::Validation, "100", false),
            (Shape::Validation, "$100", false),
            (Shape::Validation, "range", false),
            (Shape::Creation, "100", true),
            (Shape::Creation, "1 GB 7 days", true),
            (Shape::Creation, "100 USD", false),
            (Shape::Creation, "$100", false),
        ];
        for (shape, raw, fine) in shapes {
            let parsed = denomination(raw, shape);
            assert_eq!(parsed.is_ok(), fine, "{shape:?} {raw}: {parsed:?}");
            if let Err(error) = parsed {
                assert_eq!(error.detail, "INVALID_DENOMINATION");
            }
        }
    }

    #[test]
    fn a_body_of_the_other_shape_is_an_invalid_request() {
        let create_shaped = json!({
            "deliveries": [{"kind": "giftcard", "quantity": 1, "deliverable": {
                "brand_name": "Airbnb", "country_code": "US", "denomination": "100",
                "beneficiary_account": "a@example.com"}}],
            "payment": {"type": "via", "coin": "USDC", "network": "Solana", "payment_via": "USER_WALLET"},
            "user": {"email": "a@example.com", "has_accepted_newsletter": false},
            "lang": "en", "acquisition": {"utm_source": "x"}
        });
        assert!(parse(&create_shaped, Shape::Creation).is_ok());
        let refused = parse(&create_shaped, Shape::Validation).err();
        assert_eq!(refused.map(|e| e.detail), Some("INVALID_REQUEST"));
        let mut no_network = create_shaped.clone();
        no_network["payment"]["network"] = Value::Null;
        assert!(parse(&no_network, Shape::Creation).is_err());
        let mut no_kind = create_shaped.clone();
        no_kind["deliveries"][0]["kind"] = Value::Null;
        assert!(parse(&no_kind, Shape::Creation).is_err());
        let mut wrong_kind = create_shaped;
        wrong_kind["deliveries"][0]["kind"] = json!("mobile_recharge");
        let input = parse(&wrong_kind, Shape::Creation).expect("a body");
        assert_eq!(codes(&validate(&input)), ["INVALID_REQUEST"]);
    }

    #[test]
    fn several_problems_come_at_once_with_the_right_status() {
        let verdict = validate(&order(
            "me+kyc-pending+login-required@example.com",
            "USDC",
            None,
            &[("Nintendo eShop", "US", "25 USD", "a@example.com")],
        ));
        let Verdict::Problems { status, problems } = verdict else {
            panic!("problems expected");
        };
        assert_eq!(status, 422);
        assert_eq!(problems.len(), 3);
    }
}
