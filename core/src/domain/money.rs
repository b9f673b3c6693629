//! Exact amounts of money (fiat face values and coin amounts) and how shoppers see them.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// An exact amount in a fiat currency (`USD`, `EUR`, …) or a coin (`USDC`, …).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    pub amount: Decimal,
    pub currency: String,
}

impl Money {
    pub fn new(amount: Decimal, currency: impl Into<String>) -> Self {
        Self {
            amount,
            currency: currency.into(),
        }
    }

    /// "$25", "€12.50", "250,000 ₫", "10.21 USDC", as upstream writes a
    /// `localized_denomination` (the one place this is used: what validation is told the
    /// shopper saw). Shoppers read money as their language writes it: `i18n::format::fiat`.
    pub fn display(&self) -> String {
        let number = group_thousands(&plain(self.amount));
        // A no-break space keeps "250,000 ₫" on one line.
        match symbol(&self.currency) {
            Some((sym, true)) => format!("{sym}{number}"),
            Some((sym, false)) => format!("{number}\u{a0}{sym}"),
            None => format!("{number}\u{a0}{}", self.currency),
        }
    }
}

/// How a coin amount reads: exactly as upstream stated it, never shortened ("51.00" stays
/// "51.00 USDC"), padded to the coin's usual decimals at least ("51" -> "51.00 USDC"). What
/// a shopper copies to pay is this number, digit for digit.
pub fn coin_amount_text(amount: Decimal) -> String {
    amount.to_string()
}

/// `25` of a money denomination (`"25 USD"`, `"25"`); nothing for a plan (`"1 GB 7 days"`).
pub fn denomination_amount(denomination: &str) -> Option<Decimal> {
    let mut words = denomination.split_whitespace();
    let amount = words.next()?.parse::<Decimal>().ok()?;
    let is_currency = |w: &str| w.len() == 3 && w.bytes().all(|b| b.is_ascii_uppercase());
    match (words.next(), words.next()) {
        (None, _) => Some(amount),
        (Some(currency), None) if is_currency(currency) => Some(amount),
        _ => None,
    }
}

/// `USD` of a money denomination (`"25 USD"`); nothing for a bare amount or a plan.
pub fn denomination_currency(denomination: &str) -> Option<String> {
    denomination_amount(denomination)?;
    denomination.split_whitespace().nth(1).map(str::to_string)
}

/// `51.00 USDC`, `0.00032833 BTC`: the amount to pay with its coin.
pub fn coin_display(amount: Decimal, coin: &str) -> String {
    let digits = amount.scale().max(usual_decimals(coin));
    format!("{amount:.prec$}\u{a0}{coin}", prec = digits as usize)
}

/// The decimals a coin's amounts are usually shown with.
pub fn usual_decimals(coin: &str) -> u32 {
    match coin {
        "BTC" | "LTC" | "BCH" => 8,
        "ETH" | "SOL" => 6,
        _ => 2,
    }
}

/// The symbol of a fiat currency, and whether it goes before the number.
fn symbol(currency: &str) -> Option<(&'static str, bool)> {
    Some(match currency {
        "USD" => ("$", true),
        "GBP" => ("£", true),
        "EUR" => ("€", true),
        "BRL" => ("R$", true),
        "INR" => ("₹", true),
        "NGN" => ("₦", true),
        "VND" => ("₫", false),
        _ => return None,
    })
}

/// The amount without trailing zeros, but with cents when it has any ("12.50", "12").
pub fn plain(amount: Decimal) -> String {
    let normal = amount.normalize();
    if normal.scale() == 1 {
        format!("{:.2}", normal)
    } else {
        normal.to_string()
    }
}

fn group_thousands(number: &str) -> String {
    let (sign, rest) = number
        .strip_prefix('-')
        .map_or(("", number), |rest| ("-", rest));
    let (int, frac) = rest
        .split_once('.')
        .map_or((rest, None), |(i, f)| (i, Some(f)));
    let mut grouped = String::with_capacity(int.len() + int.len() / 3);
    for (i, digit) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    match frac {
        Some(frac) => format!("{sign}{grouped}.{frac}"),
        None => format!("{sign}{grouped}"),
    }
}

/// Why a typed amount can't be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum AmountError {
    #[error("Enter the amount as a number, like 25.")]
    NotANumber,
    #[error("The smallest amount is {0}.")]
    BelowMinimum(String),
    #[error("The largest amount is {0}.")]
    AboveMaximum(String),
    #[error("Amounts go in steps of {0}.")]
    OffStep(String),
    #[error("Whole amounts only, like 25 (no cents).")]
    WholeOnly,
}

/// Reads an amount as a shopper types it: "25", "25.5", " 1,000 ", "25,50".
pub fn parse_amount(text: &str) -> Result<Decimal, AmountError> {
    let text = text.trim();
    let looks_decimal_comma = text.matches(',').count() == 1
        && !text.contains('.')
        && text.rsplit(',').next().is_some_and(|tail| tail.len() <= 2);
    let cleaned: String = if looks_decimal_comma {
        text.replace(',', ".")
    } else {
        text.replace([',', ' '], "")
    };
    let plain_number = cleaned.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    if cleaned.is_empty() || !plain_number {
        return Err(AmountError::NotANumber);
    }
    Decimal::from_str(&cleaned).map_err(|_| AmountError::NotANumber)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    #[test]
    fn a_denominations_currency_is_its_code() {
        assert_eq!(denomination_currency("25 USD").as_deref(), Some("USD"));
        assert_eq!(denomination_currency("25"), None);
        assert_eq!(denomination_currency("1 GB 7 days"), None);
    }

    #[test]
    fn display_uses_symbols_and_cents_only_when_there_are_any() {
        assert_eq!(Money::new(dec("25"), "USD").display(), "$25");
        assert_eq!(Money::new(dec("12.5"), "EUR").display(), "€12.50");
        assert_eq!(Money::new(dec("250000"), "VND").display(), "250,000\u{a0}₫");
        assert_eq!(
            Money::new(dec("10.210"), "USDC").display(),
            "10.21\u{a0}USDC"
        );
        assert_eq!(
            Money::new(dec("1234567.891"), "USDT").display(),
            "1,234,567.891\u{a0}USDT"
        );
    }

    #[test]
    fn coin_amounts_keep_every_digit_upstream_sent() {
        assert_eq!(coin_display(dec("51.00"), "USDC"), "51.00\u{a0}USDC");
        assert_eq!(coin_display(dec("51"), "USDC"), "51.00\u{a0}USDC");
        assert_eq!(coin_display(dec("25.5"), "USDT"), "25.50\u{a0}USDT");
        assert_eq!(coin_display(dec("10.215"), "USDC"), "10.215\u{a0}USDC");
        assert_eq!(
            coin_display(dec("0.00032833"), "BTC"),
            "0.00032833\u{a0}BTC"
        );
        assert_eq!(coin_display(dec("0.0003"), "BTC"), "0.00030000\u{a0}BTC");
        assert_eq!(coin_amount_text(dec("51.00")), "51.00");
        assert_eq!(coin_amount_text(dec("0.00032833")), "0.00032833");
    }

    #[test]
    fn amounts_parse_as_people_type_them() {
        assert_eq!(parse_amount("25"), Ok(dec("25")));
        assert_eq!(parse_amount(" 25.5 "), Ok(dec("25.5")));
        assert_eq!(parse_amount("25,50"), Ok(dec("25.50")));
        assert_eq!(parse_amount("1,000"), Ok(dec("1000")));
        assert_eq!(parse_amount("1 000"), Ok(dec("1000")));
        assert_eq!(parse_amount(""), Err(AmountError::NotANumber));
        assert_eq!(parse_amount("ten"), Err(AmountError::NotANumber));
        assert_eq!(parse_amount("-5"), Err(AmountError::NotANumber));
        assert_eq!(parse_amount("1e3"), Err(AmountError::NotANumber));
    }
}
