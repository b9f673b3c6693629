//! What a shopper asks to buy, before it becomes an order.

use super::{catalog::ProductKind, country::Country, money::Money, problem::ProblemField};
use crate::i18n::{words::BuyText, Lang};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A shopper's email address, trimmed; or why it can't be used, in `lang`.
pub fn check_email(lang: Lang, raw: &str) -> Result<String, &'static str> {
    let t = BuyText(lang);
    let email = raw.trim();
    if email.is_empty() {
        return Err(t.email_missing());
    }
    let Some((local, domain)) = email.rsplit_once('@') else {
        return Err(t.email_without_at());
    };
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..");
    let plain = |part: &str| {
        !part.is_empty()
            && !part
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>')
    };
    if !plain(local) || !plain(domain) || !domain_ok || email.len() > 254 {
        return Err(t.email_incomplete());
    }
    Ok(email.to_string())
}

/// A message the server wrote about one field (the texts live on the server only).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldMessage {
    pub field: ProblemField,
    pub text: String,
}

/// A checkout form given back to the shopper: what they typed, and what to fix. Kept on the
/// server under an unguessable token, so an email never travels in a URL.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnedForm {
    pub email: String,
    pub recipient: String,
    pub coupon: String,
    pub newsletter: bool,
    pub messages: Vec<FieldMessage>,
    /// A top-up number to confirm before the order is placed.
    pub confirm_phone: Option<PhoneConfirmation>,
    /// A price other than the one shown (a coupon's discount, a price that moved), to
    /// confirm before the order is placed.
    pub confirm_price: Option<PriceConfirmation>,
}

/// The price validation gave, when it is not the one the shopper saw.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriceConfirmation {
    /// What the confirming form sends back (`24.25`).
    pub amount: String,
    /// `24.25 USDC`.
    pub display: String,
    /// Why: "Your coupon takes 1.28 USDC off the 25.53 USDC price."
    pub why: String,
}

/// A top-up's number, echoed back for a yes: a top-up can't be taken back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhoneConfirmation {
    /// What the confirming form sends back (`+14155552671`).
    pub e164: String,
    /// What the shopper reads (`+1 415-555-2671`).
    pub display: String,
}

impl ReturnedForm {
    /// The messages about `field`, joined into one paragraph.
    pub fn message_for(&self, field: ProblemField) -> Option<String> {
        let texts: Vec<&str> = self
            .messages
            .iter()
            .filter(|m| m.field == field)
            .map(|m| m.text.as_str())
            .collect();
        (!texts.is_empty()).then(|| texts.join(" "))
    }
}

/// The amount chosen: one of the fixed denominations, or a custom amount in a range.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AmountChoice {
    Fixed {
        /// Upstream's denomination key ("10 USD", or a plan: "1 GB 7 days").
        denomination: String,
        /// What the shopper saw ("$10").
        label: Option<String>,
        /// Its face value, when it is an amount of money (a plan has none).
        face_value: Option<Money>,
    },
    /// A custom amount, in the brand's currency.
    Custom(Money),
}

/// One thing to buy and where it goes (an email, or a phone number for top-ups).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftItem {
    pub brand_name: String,
    pub country: Country,
    pub kind: ProductKind,
    pub amount: AmountChoice,
    pub beneficiary: String,
}

/// An order as the shopper put it together: validated upstream, then created.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderDraft {
    pub email: String,
    pub coin: String,
    /// Always named: production wants the network (the shopper's choice, or the coin's
    /// preferred one, `payment::preferred_network`).
    pub network: String,
    pub items: Vec<DraftItem>,
    pub coupon: Option<String>,
    /// The shopper ticked the newsletter box (it starts unticked).
    pub newsletter: bool,
}

/// What validation says the draft costs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidatedOrder {
    pub coin: String,
    /// What the order costs, a coupon's discount taken off.
    pub amount: Decimal,
    /// What it costs before the discount, when upstream says.
    pub original: Option<Decimal>,
    /// The coupon upstream applied.
    pub coupon: Option<String>,
}

impl ProductKind {
    /// Upstream's `kind` for an order line.
    pub fn wire_kind(&self) -> &str {
        match self {
            Self::GiftCard => "giftcard",
            Self::MobileTopUp | Self::Esim => "mobile_recharge",
            Self::Other(kind) => kind,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_checked_for_their_shape() {
        assert_eq!(
            check_email(Lang::En, " me@example.com ").as_deref(),
            Ok("me@example.com")
        );
        assert!(check_email(Lang::En, "me+out-of-stock@example.com").is_ok());
        for bad in [
            "",
            "me",
            "me@",
            "@example.com",
            "me@example",
            "me@ex ample.com",
            "me@.com",
            "me@example..com",
        ] {
            assert!(check_email(Lang::En, bad).is_err(), "{bad:?}");
        }
        assert_eq!(
            check_email(Lang::En, "me"),
            Err("That email address is missing an @, like name@example.com.")
        );
        assert_eq!(
            check_email(Lang::Vi, "me"),
            Err("Địa chỉ email này thiếu ký tự @. Email hợp lệ có dạng ten@example.com.")
        );
    }
}
