//! Problems upstream reports about an order, by code, with what a shopper should read.

use serde::{Deserialize, Serialize};

/// One problem: upstream's code (kept as sent, known or not), its optional details as JSON
/// text, and the shopper's message. The message is written on the server when the problem
/// is made and travels as text: the table of messages never reaches the browser's WASM.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub code: String,
    pub details: Option<String>,
    message: String,
}

/// Every code the partner guide and the contract name, with the shopper's message.
pub const KNOWN_PROBLEMS: &[(&str, &str)] = &[
    ("AMOUNT_LESS_THEN_MINIMUM_ALLOWED", "This order is below the smallest amount that can be paid in this coin. Choose a larger amount."),
    ("MAXIMUM_AMOUNT_PER_ORDER_EXCEEDED", "This order is above the largest amount allowed in one order. Choose a smaller amount."),
    ("DAILY_SPENDING_LIMIT_EXCEEDED", "You have reached today's spending limit. Try again tomorrow or choose a smaller amount."),
    ("MONTHLY_SPENDING_LIMIT_EXCEEDED", "You have reached this month's spending limit."),
    ("PRODUCT_COUNT_EXCEEDED", "There are too many items in this order. Remove some and try again."),
    ("MULTIPLE_LIMITED_PRODUCT_SAME_ORDER", "Only one limited product is allowed per order. Buy it on its own."),
    ("NOT_AVAILABLE_PRODUCT", "This product is no longer available. Choose another amount or brand."),
    ("OUT_OF_STOCK", "This product is out of stock right now. Choose another amount or try later."),
    ("NOT_ACTIVE", "This product is paused at the moment. Try again later."),
    ("INVALID_BENEFICIARY_ACCOUNT", "The recipient doesn't look right: use an email address for gift cards and eSIMs, and a phone number with its country code (like +14155551234) for top-ups."),
    ("NOT_ALLOWED_PAYMENT_VIA", "This way of paying can't be used for this order."),
    ("UNSUPPORTED_PROTOCOL_COIN_COMBINATION", "This coin can't be paid on the chosen network. Pick another network."),
    ("LOGIN_REQUIRED", "This product needs a signed-in Cryptorefills account, which this shop can't provide."),
    ("COUPON_REQUIRES_LOGIN", "This coupon can only be used with a signed-in account."),
    ("COUPON_NOT_FOUND", "That coupon code doesn't exist. Check the spelling."),
    ("COUPON_NOT_ACTIVE", "That coupon isn't active yet."),
    ("COUPON_ALREADY_SPENT", "You have already used that coupon."),
    ("COUPON_MAX_USAGE_REACHED", "That coupon has been used up."),
    ("COUPON_EXPIRED", "That coupon has expired."),
    ("COUPON_BELOW_MIN_AMOUNT", "This order is below the coupon's minimum amount."),
    ("COUPON_NOT_VALID_FOR_USER", "That coupon isn't valid for you."),
    ("COUPON_NOT_VALID_FOR_CATEGORY", "That coupon doesn't apply to this kind of product."),
    ("COUPON_NOT_VALID_FOR_KIND", "That coupon doesn't apply to this kind of product."),
    ("COUPON_NOT_VALID_FOR_BRAND", "That coupon doesn't apply to this brand."),
    ("COUPON_NOT_VALID_FOR_COUNTRY", "That coupon isn't valid in this country."),
    ("COUPON_NOT_VALID_FOR_STORE", "That coupon isn't valid in this shop."),
    ("SUSPENDED_COIN", "Payments in this coin are paused right now. Choose another coin."),
    ("SUSPENDED_NETWORK", "Payments on this network are paused right now. Choose another network."),
    ("INVALID_EMAIL_DOMAIN", "Email addresses at that domain can't be used. Use another email address."),
    ("KYC_MISSING", "This order needs an identity check on a Cryptorefills account first."),
    ("KYC_PENDING", "Your identity check is still being reviewed. Try again once it is approved."),
    ("VERIFICATION_REQUIRED", "This order needs extra verification on a Cryptorefills account first."),
    ("FULLNAME_MISSING", "This order needs your full name on a Cryptorefills account."),
    // Seen as HTTP-level errors (`{"status":400,"detail":…}`): about what was sent, so the
    // shopper is told which part to change.
    ("INVALID_DENOMINATION", "That amount can't be bought for this brand. Choose one of its amounts."),
    ("INVALID_PRODUCT_VALUE", "That amount can't be bought for this brand. Enter an amount within its range."),
    ("NOT_SUPPORTED_COIN", "This coin can't be used for this product. Choose another coin."),
    ("INVALID_REQUEST", "Our supplier couldn't read this order. Check the amount and the details, and try again."),
];

fn message_for(code: &str) -> String {
    KNOWN_PROBLEMS
        .iter()
        .find(|(known, _)| *known == code)
        .map(|(_, message)| message.to_string())
        .unwrap_or_else(|| {
            format!(
                "This order can't be placed as it is (reason: {code}). Try another amount or payment method."
            )
        })
}

/// The field of the checkout form a problem is about: its message is shown next to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProblemField {
    Amount,
    Recipient,
    Email,
    Payment,
    Coupon,
    /// The order as a whole (limits, accounts).
    General,
}

impl Problem {
    /// Where the shopper fixes it.
    pub fn field(&self) -> ProblemField {
        let code = self.code.as_str();
        if code.starts_with("COUPON_") {
            return ProblemField::Coupon;
        }
        match code {
            "AMOUNT_LESS_THEN_MINIMUM_ALLOWED"
            | "MAXIMUM_AMOUNT_PER_ORDER_EXCEEDED"
            | "INVALID_DENOMINATION"
            | "INVALID_PRODUCT_VALUE"
            | "NOT_AVAILABLE_PRODUCT"
            | "OUT_OF_STOCK"
            | "NOT_ACTIVE"
            | "PRODUCT_COUNT_EXCEEDED"
            | "MULTIPLE_LIMITED_PRODUCT_SAME_ORDER" => ProblemField::Amount,
            "INVALID_BENEFICIARY_ACCOUNT" => ProblemField::Recipient,
            "INVALID_EMAIL_DOMAIN" => ProblemField::Email,
            "NOT_ALLOWED_PAYMENT_VIA"
            | "UNSUPPORTED_PROTOCOL_COIN_COMBINATION"
            | "SUSPENDED_COIN"
            | "NOT_SUPPORTED_COIN"
            | "SUSPENDED_NETWORK" => ProblemField::Payment,
            _ => ProblemField::General,
        }
    }

    pub fn new(code: impl Into<String>) -> Self {
        Self::with_details(code, None)
    }

    pub fn with_details(code: impl Into<String>, details: Option<String>) -> Self {
        let code = code.into();
        Self {
            message: message_for(&code),
            code,
            details,
        }
    }

    /// What the shopper reads; an unknown code still gets a sentence they can act on.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The message and what upstream's details add to it: the smallest or largest amount,
    /// the coins and networks that can be used. Details come in shapes nobody documented,
    /// so only what reads clearly is used.
    pub fn explained(&self) -> String {
        match self.details_sentence() {
            Some(more) => format!("{} {more}", self.message),
            None => self.message.clone(),
        }
    }

    fn details_sentence(&self) -> Option<String> {
        let details: serde_json::Value = serde_json::from_str(self.details.as_deref()?).ok()?;
        let field = |names: &[&str]| {
            names.iter().find_map(|name| match details.get(*name)? {
                serde_json::Value::String(s) if !s.is_empty() => Some(s.clone()),
                serde_json::Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
        };
        let unit = field(&["currency", "coin"])
            .map(|c| format!(" {c}"))
            .unwrap_or_default();
        let list = |names: &[&str]| {
            names.iter().find_map(|name| {
                let items: Vec<String> = details
                    .get(*name)?
                    .as_array()?
                    .iter()
                    .filter_map(|v| v.as_str())
                    .take(12)
                    .map(|pair| pair.replacen('-', " on ", 1))
                    .collect();
                (!items.is_empty()).then(|| items.join(", "))
            })
        };
        match self.code.as_str() {
            "AMOUNT_LESS_THEN_MINIMUM_ALLOWED" | "COUPON_BELOW_MIN_AMOUNT" => {
                field(&["min", "minimum", "threshold", "min_amount"])
                    .map(|min| format!("The smallest is {min}{unit}."))
            }
            "MAXIMUM_AMOUNT_PER_ORDER_EXCEEDED" => field(&["max", "maximum", "max_amount"])
                .map(|max| format!("The largest is {max}{unit}."))
                .or_else(|| {
                    field(&["max_usd"]).map(|max| format!("The largest order is {max} USD."))
                }),
            "UNSUPPORTED_PROTOCOL_COIN_COMBINATION" | "NOT_SUPPORTED_COIN" => {
                list(&["supported", "supported_combinations", "allowed"])
                    .map(|pairs| format!("It can be paid with {pairs}."))
            }
            "NOT_ALLOWED_PAYMENT_VIA" => {
                list(&["allowed", "supported"]).map(|vias| format!("Allowed: {vias}."))
            }
            _ => None,
        }
    }

    pub fn is_known(&self) -> bool {
        KNOWN_PROBLEMS.iter().any(|(code, _)| *code == self.code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_known_code_is_listed_once() {
        let mut codes: Vec<_> = KNOWN_PROBLEMS.iter().map(|(c, _)| *c).collect();
        let total = codes.len();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), total);
        assert_eq!(total, 37);
    }

    #[test]
    fn every_code_has_a_message_and_a_place() {
        for (code, message) in KNOWN_PROBLEMS {
            let problem = Problem::new(*code);
            assert_eq!(problem.message(), *message);
            assert!(message.ends_with('.'), "{code}: a sentence");
            assert!(!message.contains(code), "{code}: words, not the code");
        }
        assert_eq!(Problem::new("COUPON_EXPIRED").field(), ProblemField::Coupon);
        assert_eq!(
            Problem::new("INVALID_BENEFICIARY_ACCOUNT").field(),
            ProblemField::Recipient
        );
        assert_eq!(
            Problem::new("SUSPENDED_NETWORK").field(),
            ProblemField::Payment
        );
        assert_eq!(Problem::new("OUT_OF_STOCK").field(), ProblemField::Amount);
        assert_eq!(
            Problem::new("INVALID_EMAIL_DOMAIN").field(),
            ProblemField::Email
        );
        assert_eq!(Problem::new("KYC_PENDING").field(), ProblemField::General);
        assert_eq!(Problem::new("SOMETHING_NEW").field(), ProblemField::General);
    }

    #[test]
    fn details_say_the_limit_and_what_can_be_used() {
        let min = Problem::with_details(
            "AMOUNT_LESS_THEN_MINIMUM_ALLOWED",
            Some(r#"{"min":25,"currency":"USD"}"#.into()),
        );
        assert!(
            min.explained().ends_with("The smallest is 25 USD."),
            "{}",
            min.explained()
        );
        let pairs = Problem::with_details(
            "UNSUPPORTED_PROTOCOL_COIN_COMBINATION",
            Some(r#"{"supported":["USDC-Solana","USDT-Tron"]}"#.into()),
        );
        assert!(pairs
            .explained()
            .ends_with("It can be paid with USDC on Solana, USDT on Tron."));
        let odd = Problem::with_details("OUT_OF_STOCK", Some("[1,2]".into()));
        assert_eq!(
            odd.explained(),
            odd.message(),
            "details that don't read add nothing"
        );
        assert_eq!(
            Problem::new("INVALID_DENOMINATION").field(),
            ProblemField::Amount
        );
        assert_eq!(
            Problem::new("NOT_SUPPORTED_COIN").field(),
            ProblemField::Payment
        );
    }

    #[test]
    fn unknown_codes_still_read_as_a_sentence() {
        let problem = Problem::new("SOMETHING_NEW");
        assert!(!problem.is_known());
        assert!(problem.message().contains("SOMETHING_NEW"));
        assert!(Problem::new("OUT_OF_STOCK")
            .message()
            .contains("out of stock"));
    }
}
