//! The buy form's answers as lines of text (`web::lines`): the browser reads them without
//! a JSON reader.

use super::{CustomAmountQuote, FixedChoice};
use crate::web::lines::{line, optional, Lines};

/// The fixed amounts in the order the form shows them, one a line: id, label, amount and
/// price (the last two empty when unknown).
impl Lines for Vec<FixedChoice> {
    fn to_lines(&self) -> String {
        self.iter()
            .map(|c| {
                let amount = c.amount.as_deref().unwrap_or_default();
                let price = c.price.as_deref().unwrap_or_default();
                line([c.product_id.as_str(), &c.label, amount, price]) + "\n"
            })
            .collect()
    }

    fn from_lines(text: &str) -> Option<Self> {
        text.lines()
            .map(|l| {
                let mut fields = l.split('\t');
                let mut next = || fields.next();
                Some(FixedChoice {
                    product_id: next()?.to_string(),
                    label: next()?.to_string(),
                    amount: optional(next()?),
                    price: optional(next()?),
                })
            })
            .collect()
    }
}

/// `priced`, the product and its price; or `refused` and why.
impl Lines for CustomAmountQuote {
    fn to_lines(&self) -> String {
        match self {
            Self::Priced { product_id, price } => line(["priced", product_id, price]),
            Self::Refused { message } => line(["refused", message]),
        }
    }

    fn from_lines(text: &str) -> Option<Self> {
        let mut fields = text.trim_end_matches('\n').split('\t');
        match (fields.next()?, fields.next()?, fields.next()) {
            ("priced", product_id, Some(price)) => Some(Self::Priced {
                product_id: product_id.to_string(),
                price: price.to_string(),
            }),
            ("refused", message, None) => Some(Self::Refused {
                message: message.to_string(),
            }),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices_in_another_coin_read_back_as_they_were_written() {
        let prices = vec![
            FixedChoice {
                product_id: "p-25".into(),
                label: "25,00 US$".into(),
                amount: Some("25".into()),
                price: Some("25.53\u{a0}USDC".into()),
            },
            FixedChoice {
                product_id: "p-plan".into(),
                label: "1 GB 7 ngày".into(),
                amount: None,
                price: None,
            },
        ];
        assert_eq!(
            Vec::<FixedChoice>::from_lines(&prices.to_lines()),
            Some(prices)
        );
        assert_eq!(Vec::<FixedChoice>::from_lines(""), Some(Vec::new()));
        assert_eq!(Vec::<FixedChoice>::from_lines("p-25\t$25"), None);
    }

    #[test]
    fn a_quote_is_a_price_or_a_refusal() {
        for quote in [
            CustomAmountQuote::Priced {
                product_id: "p-custom".into(),
                price: "102.10 USDC".into(),
            },
            CustomAmountQuote::Refused {
                message: "Enter an amount from $5 to $500.".into(),
            },
        ] {
            assert_eq!(
                CustomAmountQuote::from_lines(&quote.to_lines()),
                Some(quote)
            );
        }
        assert_eq!(CustomAmountQuote::from_lines("priced\tp-custom"), None);
        assert_eq!(CustomAmountQuote::from_lines("maybe\tx"), None);
    }
}
