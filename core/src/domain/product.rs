//! One brand's products in a country: fixed amounts, custom-amount ranges and prices.

use super::{
    catalog::Brand,
    html::SafeHtml,
    money::{AmountError, Money},
};
use crate::i18n::{format::fiat, words::BuyText, Lang};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Where the goods go once paid.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DeliveryType {
    Email,
    Phone,
    Other(String),
}

impl DeliveryType {
    pub fn from_wire(raw: &str) -> Self {
        match raw {
            "by_email" | "email" => Self::Email,
            "by_phone" | "phone" => Self::Phone,
            other => Self::Other(other.to_string()),
        }
    }
}

/// A custom amount's bounds, in the card's own currency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AmountRange {
    pub min: Decimal,
    pub max: Decimal,
    /// Amounts must be `min + k * step`; none means any cent.
    pub step: Option<Decimal>,
    pub currency: String,
    pub default: Option<Decimal>,
}

impl AmountRange {
    /// Whether `amount` can be bought, with the reason a shopper can act on when not (its
    /// amounts written as `lang` writes money).
    pub fn check(&self, lang: Lang, amount: Decimal) -> Result<(), AmountError> {
        let show = |value: Decimal| fiat(lang, &Money::new(value, self.currency.clone()));
        if amount < self.min {
            return Err(AmountError::BelowMinimum(show(self.min)));
        }
        if amount > self.max {
            return Err(AmountError::AboveMaximum(show(self.max)));
        }
        let step = self
            .step
            .filter(|s| *s > Decimal::ZERO)
            .unwrap_or(Decimal::new(1, 2));
        if !((amount - self.min) % step).is_zero() {
            if step == Decimal::ONE && self.min.fract().is_zero() {
                return Err(AmountError::WholeOnly);
            }
            return Err(AmountError::OffStep(show(step)));
        }
        Ok(())
    }

    /// The amount the input starts with: upstream's default when it is valid, else the minimum.
    pub fn starting_amount(&self) -> Decimal {
        // Only whether it passes matters here, not the words of a refusal.
        self.default
            .filter(|d| self.check(Lang::En, *d).is_ok())
            .unwrap_or(self.min)
    }
}

impl AmountError {
    /// What the shopper reads about the amount, in `lang` (the amounts it names were written
    /// in that language by [`AmountRange::check`]). `Display` stays English, for logs.
    pub fn message(&self, lang: Lang) -> String {
        let t = BuyText(lang);
        match self {
            Self::NotANumber => t.amount_not_a_number().to_string(),
            Self::BelowMinimum(min) => t.amount_below_minimum(min),
            Self::AboveMaximum(max) => t.amount_above_maximum(max),
            Self::OffStep(step) => t.amount_off_step(step),
            Self::WholeOnly => t.amount_whole_only().to_string(),
        }
    }
}

/// What a product sells: one fixed amount, or any amount in a range.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Offer {
    Fixed {
        /// Upstream's denomination key ("10 USD", "1 GB 7 days"): what an order names.
        denomination: String,
        /// What the shopper reads ("$10").
        label: String,
        face_value: Option<Money>,
        /// The price in the coin asked for, when upstream gave it.
        price: Option<Money>,
    },
    Range(AmountRange),
}

/// One product of a brand.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Product {
    pub id: String,
    pub offer: Offer,
    pub delivery: DeliveryType,
}

/// A brand's page: its products and the words about it (sanitised HTML).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrandDetails {
    pub brand: Brand,
    pub products: Vec<Product>,
    /// Products upstream listed that could not be read (logged when they were skipped): a
    /// brand with none readable is not available right now, not a brand that sells nothing.
    pub unreadable_products: usize,
    pub description: Option<SafeHtml>,
    pub how_to_redeem: Option<SafeHtml>,
    pub terms: Option<SafeHtml>,
}

impl BrandDetails {
    /// Nothing can be bought here now: upstream listed no products, or none the shop could
    /// read (those were logged and counted when they were skipped).
    pub fn is_unavailable(&self) -> bool {
        self.products.is_empty()
    }

    pub fn fixed_products(&self) -> impl Iterator<Item = &Product> {
        self.products
            .iter()
            .filter(|p| matches!(p.offer, Offer::Fixed { .. }))
    }

    pub fn range(&self) -> Option<(&Product, &AmountRange)> {
        self.products.iter().find_map(|p| match &p.offer {
            Offer::Range(range) => Some((p, range)),
            Offer::Fixed { .. } => None,
        })
    }

    /// The lowest and highest face values on offer, for the page's structured data.
    pub fn price_bounds(&self) -> Option<(Money, Money)> {
        let mut values: Vec<Money> = self
            .products
            .iter()
            .flat_map(|p| match &p.offer {
                Offer::Fixed { face_value, .. } => face_value.iter().cloned().collect::<Vec<_>>(),
                Offer::Range(r) => vec![
                    Money::new(r.min, r.currency.clone()),
                    Money::new(r.max, r.currency.clone()),
                ],
            })
            .collect();
        values.sort_by_key(|m| m.amount);
        Some((values.first()?.clone(), values.last()?.clone()))
    }
}

/// The price of a custom amount in a coin.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    pub product_id: String,
    pub price: Money,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    fn range(step: Option<&str>) -> AmountRange {
        AmountRange {
            min: dec("5"),
            max: dec("500"),
            step: step.map(dec),
            currency: "USD".into(),
            default: Some(dec("600")),
        }
    }

    // The amounts in the messages are written by ICU4X, which only the server build has.
    #[cfg(feature = "ssr")]
    #[test]
    fn ranges_refuse_what_is_outside_or_off_step() {
        let r = range(Some("1"));
        assert_eq!(r.check(Lang::En, dec("5")), Ok(()));
        assert_eq!(r.check(Lang::En, dec("500")), Ok(()));
        assert_eq!(
            r.check(Lang::En, dec("4.99")),
            Err(AmountError::BelowMinimum("$5.00".into()))
        );
        assert_eq!(
            r.check(Lang::En, dec("501")),
            Err(AmountError::AboveMaximum("$500.00".into()))
        );
        assert_eq!(r.check(Lang::En, dec("25.5")), Err(AmountError::WholeOnly));
        assert_eq!(
            range(Some("5")).check(Lang::En, dec("12")),
            Err(AmountError::OffStep("$5.00".into()))
        );
        assert_eq!(range(None).check(Lang::En, dec("25.55")), Ok(()));
        assert_eq!(
            range(None).check(Lang::En, dec("25.555")),
            Err(AmountError::OffStep("$0.01".into()))
        );
        assert_eq!(
            r.check(Lang::Vi, dec("501")),
            Err(AmountError::AboveMaximum("500,00\u{a0}US$".into()))
        );
    }

    #[test]
    fn a_default_outside_the_range_is_not_used() {
        assert_eq!(range(Some("1")).starting_amount(), dec("5"));
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn messages_name_the_bound() {
        let message = |lang| {
            range(Some("1"))
                .check(lang, dec("1"))
                .err()
                .map(|e| e.message(lang))
        };
        assert_eq!(
            message(Lang::En).as_deref(),
            Some("The smallest amount is $5.00.")
        );
        assert_eq!(
            message(Lang::Vi).as_deref(),
            Some("Số tiền tối thiểu là 5,00\u{a0}US$.")
        );
        assert_eq!(
            AmountError::WholeOnly.message(Lang::Vi),
            "Chỉ nhận số tiền chẵn, ví dụ 25 (không có phần lẻ)."
        );
    }
}
