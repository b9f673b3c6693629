//! Problems upstream reports about an order, by code, with what a shopper should read.

use crate::i18n::{words::ProblemsText, Lang};
use serde::{Deserialize, Serialize};

/// One problem: upstream's code (kept as sent, known or not), its optional details as JSON
/// text, and the shopper's message in each language, with what the details add. The
/// messages are written on the server when the problem is made (upstream's client knows no
/// shopper's language, the page that shows it does) and travel as text: neither the table
/// of messages nor a reader of the details' JSON reaches the browser's WASM.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub code: String,
    pub details: Option<String>,
    message_en: String,
    message_vi: String,
}

/// A problem's message, as a word of `ProblemsText`.
type Message = fn(ProblemsText) -> &'static str;

/// Every code the partner guide and the contract name, with the shopper's message.
#[rustfmt::skip] // One code a line: the table reads as one.
pub const KNOWN_PROBLEMS: &[(&str, Message)] = &[
    ("AMOUNT_LESS_THEN_MINIMUM_ALLOWED", ProblemsText::amount_less_than_minimum),
    ("MAXIMUM_AMOUNT_PER_ORDER_EXCEEDED", ProblemsText::maximum_amount_per_order_exceeded),
    ("DAILY_SPENDING_LIMIT_EXCEEDED", ProblemsText::daily_spending_limit_exceeded),
    ("MONTHLY_SPENDING_LIMIT_EXCEEDED", ProblemsText::monthly_spending_limit_exceeded),
    ("PRODUCT_COUNT_EXCEEDED", ProblemsText::product_count_exceeded),
    ("MULTIPLE_LIMITED_PRODUCT_SAME_ORDER", ProblemsText::multiple_limited_products),
    ("NOT_AVAILABLE_PRODUCT", ProblemsText::not_available_product),
    ("OUT_OF_STOCK", ProblemsText::out_of_stock),
    ("NOT_ACTIVE", ProblemsText::not_active),
    ("INVALID_BENEFICIARY_ACCOUNT", ProblemsText::invalid_beneficiary_account),
    ("NOT_ALLOWED_PAYMENT_VIA", ProblemsText::not_allowed_payment_via),
    ("UNSUPPORTED_PROTOCOL_COIN_COMBINATION", ProblemsText::unsupported_coin_network),
    ("LOGIN_REQUIRED", ProblemsText::login_required),
    ("COUPON_REQUIRES_LOGIN", ProblemsText::coupon_requires_login),
    ("COUPON_NOT_FOUND", ProblemsText::coupon_not_found),
    ("COUPON_NOT_ACTIVE", ProblemsText::coupon_not_active),
    ("COUPON_ALREADY_SPENT", ProblemsText::coupon_already_spent),
    ("COUPON_MAX_USAGE_REACHED", ProblemsText::coupon_max_usage_reached),
    ("COUPON_EXPIRED", ProblemsText::coupon_expired),
    ("COUPON_BELOW_MIN_AMOUNT", ProblemsText::coupon_below_min_amount),
    ("COUPON_NOT_VALID_FOR_USER", ProblemsText::coupon_not_for_user),
    ("COUPON_NOT_VALID_FOR_CATEGORY", ProblemsText::coupon_not_for_kind),
    ("COUPON_NOT_VALID_FOR_KIND", ProblemsText::coupon_not_for_kind),
    ("COUPON_NOT_VALID_FOR_BRAND", ProblemsText::coupon_not_for_brand),
    ("COUPON_NOT_VALID_FOR_COUNTRY", ProblemsText::coupon_not_for_country),
    ("COUPON_NOT_VALID_FOR_STORE", ProblemsText::coupon_not_for_store),
    ("SUSPENDED_COIN", ProblemsText::suspended_coin),
    ("SUSPENDED_NETWORK", ProblemsText::suspended_network),
    ("INVALID_EMAIL_DOMAIN", ProblemsText::invalid_email_domain),
    ("KYC_MISSING", ProblemsText::kyc_missing),
    ("KYC_PENDING", ProblemsText::kyc_pending),
    ("VERIFICATION_REQUIRED", ProblemsText::verification_required),
    ("FULLNAME_MISSING", ProblemsText::fullname_missing),
    // Seen as HTTP-level errors (`{"status":400,"detail":…}`): about what was sent, so the
    // shopper is told which part to change.
    ("INVALID_DENOMINATION", ProblemsText::invalid_denomination),
    ("INVALID_PRODUCT_VALUE", ProblemsText::invalid_product_value),
    ("NOT_SUPPORTED_COIN", ProblemsText::not_supported_coin),
    ("INVALID_REQUEST", ProblemsText::invalid_request),
];

/// What a shopper reads about `code` in `lang`; an unknown code still gets a sentence they
/// can act on.
fn message_for(code: &str, lang: Lang) -> String {
    let words = ProblemsText(lang);
    KNOWN_PROBLEMS
        .iter()
        .find(|(known, _)| *known == code)
        .map_or_else(
            || words.unknown_problem(code),
            |(_, message)| message(words).to_string(),
        )
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
        let told = |lang| {
            let message = message_for(&code, lang);
            match details_sentence(&code, details.as_deref(), ProblemsText(lang)) {
                Some(more) => format!("{message} {more}"),
                None => message,
            }
        };
        Self {
            message_en: told(Lang::En),
            message_vi: told(Lang::Vi),
            code,
            details,
        }
    }

    /// What the shopper reads in `lang`, with what upstream's details add (the smallest or
    /// largest amount, the coins and networks that can be used); an unknown code still gets
    /// a sentence they can act on.
    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.message_en,
            Lang::Vi => &self.message_vi,
        }
    }

    /// [`Self::message`], owned.
    pub fn explained(&self, lang: Lang) -> String {
        self.message(lang).to_string()
    }

    /// What the problem is made of, to travel as text: its code, its details (empty when
    /// none) and its messages in English and Vietnamese.
    pub fn fields(&self) -> [&str; 4] {
        [
            &self.code,
            self.details.as_deref().unwrap_or_default(),
            &self.message_en,
            &self.message_vi,
        ]
    }

    /// The problem back from [`Self::fields`], its messages as the server wrote them (the
    /// browser has no table of messages).
    pub fn from_fields([code, details, en, vi]: [&str; 4]) -> Self {
        Self {
            code: code.to_string(),
            details: (!details.is_empty()).then(|| details.to_string()),
            message_en: en.to_string(),
            message_vi: vi.to_string(),
        }
    }

    pub fn is_known(&self) -> bool {
        KNOWN_PROBLEMS.iter().any(|(code, _)| *code == self.code)
    }
}

/// What upstream's details add to a problem's message. Details come in shapes nobody
/// documented, so only what reads clearly is used.
fn details_sentence(code: &str, details: Option<&str>, words: ProblemsText) -> Option<String> {
    let details: serde_json::Value = serde_json::from_str(details?).ok()?;
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
    // "USDC-Solana" reads "USDC on Solana"; anything else as it came.
    let pair = |pair: &str| match pair.split_once('-') {
        Some((coin, network)) => words.details_coin_on_network(coin, network),
        None => pair.to_string(),
    };
    let list = |names: &[&str]| {
        names.iter().find_map(|name| {
            let items: Vec<String> = details
                .get(*name)?
                .as_array()?
                .iter()
                .filter_map(|v| v.as_str())
                .take(12)
                .map(pair)
                .collect();
            (!items.is_empty()).then(|| items.join(", "))
        })
    };
    match code {
        "AMOUNT_LESS_THEN_MINIMUM_ALLOWED" | "COUPON_BELOW_MIN_AMOUNT" => {
            field(&["min", "minimum", "threshold", "min_amount"])
                .map(|min| words.details_smallest(&min, &unit))
        }
        "MAXIMUM_AMOUNT_PER_ORDER_EXCEEDED" => field(&["max", "maximum", "max_amount"])
            .map(|max| words.details_largest(&max, &unit))
            .or_else(|| field(&["max_usd"]).map(|max| words.details_largest_order_usd(&max))),
        "UNSUPPORTED_PROTOCOL_COIN_COMBINATION" | "NOT_SUPPORTED_COIN" => {
            list(&["supported", "supported_combinations", "allowed"])
                .map(|pairs| words.details_paid_with(&pairs))
        }
        "NOT_ALLOWED_PAYMENT_VIA" => {
            list(&["allowed", "supported"]).map(|vias| words.details_allowed(&vias))
        }
        _ => None,
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
            for lang in Lang::ALL {
                let message = message(ProblemsText(lang));
                assert_eq!(problem.message(lang), message);
                assert!(message.ends_with('.'), "{code}: a sentence");
                assert!(!message.contains(code), "{code}: words, not the code");
            }
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
            min.explained(Lang::En).ends_with("The smallest is 25 USD."),
            "{}",
            min.explained(Lang::En)
        );
        assert!(min.explained(Lang::Vi).ends_with("Mức nhỏ nhất là 25 USD."));
        let pairs = Problem::with_details(
            "UNSUPPORTED_PROTOCOL_COIN_COMBINATION",
            Some(r#"{"supported":["USDC-Solana","USDT-Tron"]}"#.into()),
        );
        assert!(pairs
            .explained(Lang::En)
            .ends_with("It can be paid with USDC on Solana, USDT on Tron."));
        assert!(pairs
            .explained(Lang::Vi)
            .ends_with("Có thể thanh toán bằng USDC trên Solana, USDT trên Tron."));
        let odd = Problem::with_details("OUT_OF_STOCK", Some("[1,2]".into()));
        assert_eq!(
            odd.explained(Lang::En),
            Problem::new("OUT_OF_STOCK").message(Lang::En),
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
        assert!(problem.message(Lang::En).contains("SOMETHING_NEW"));
        assert!(problem.message(Lang::Vi).contains("SOMETHING_NEW"));
        assert!(Problem::new("OUT_OF_STOCK")
            .message(Lang::En)
            .contains("out of stock"));
        assert!(Problem::new("OUT_OF_STOCK")
            .message(Lang::Vi)
            .contains("hết hàng"));
    }
}
