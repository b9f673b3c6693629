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

mod lines;

use lines::price_line;
mod request;
#[cfg(test)]
mod tests;

pub use request::{parse, Denomination, LineInput, Shape, ShapeError};

use super::{
    brands::{self, BrandDef},
    networks::{self, CoinDef, NetworkDef},
    pricing,
    text::Lang,
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

#[derive(Debug, Clone)]
pub struct OrderInput {
    pub email: String,
    pub payment_via: String,
    pub coin: String,
    pub network: Option<String>,
    pub coupon: Option<String>,
    /// The body's `lang`: what the answers' texts are written in.
    pub lang: Lang,
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
    /// The denomination as the shopper reads it, in the order's `lang`.
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
    /// The order's `lang`, which its texts follow once it is created.
    pub lang: Lang,
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
pub fn validate(input: &OrderInput) -> Verdict {
    let refuse = |detail: &str| Verdict::Refused {
        status: 400,
        body: json!({"status": 400, "detail": detail, "moreDetails": {"coin": input.coin, "network": input.network}}),
    };
    // Creation names each line's kind: it must be the brand's own.
    let wrong_kind = input.lines.iter().any(|line| {
        let brand = brands::country(&line.country_code).and_then(|c| c.brand(&line.brand_name));
        matches!((brand, &line.kind), (Some(brand), Some(kind)) if kind != super::catalog_bodies::kind_wire(brand.kind))
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
        .filter_map(|line| price_line(line, coin, input.lang, &mut problems))
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
        lang: input.lang,
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

/// `kyc-pending` -> `KYC_PENDING` when that is a code.
fn as_code(token: &str) -> Option<&'static str> {
    let wanted = token.trim().to_ascii_uppercase().replace('-', "_");
    CODES.iter().copied().find(|c| *c == wanted)
}
