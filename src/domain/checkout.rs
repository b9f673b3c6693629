//! What a shopper asks to buy, before it becomes an order.

use super::{catalog::ProductKind, country::Country, money::Money};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A shopper's email address, trimmed; or why it can't be used.
pub fn check_email(raw: &str) -> Result<String, &'static str> {
    let email = raw.trim();
    if email.is_empty() {
        return Err("Enter your email address: the receipt and the code go there.");
    }
    let Some((local, domain)) = email.rsplit_once('@') else {
        return Err("That email address is missing an @, like name@example.com.");
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
        return Err("That email address doesn't look complete, like name@example.com.");
    }
    Ok(email.to_string())
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
    /// default from `PaymentVia::default_network`).
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
            check_email(" me@example.com ").as_deref(),
            Ok("me@example.com")
        );
        assert!(check_email("me+out-of-stock@example.com").is_ok());
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
            assert!(check_email(bad).is_err(), "{bad:?}");
        }
    }
}
