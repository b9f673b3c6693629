//! The sandbox's published price rule, so tests can predict every amount:
//!
//! `coin_amount = round_half_up(face_value × usd_rate(currency) × (1 + fee(coin)), 2)`
//!
//! | currency | usd_rate |   | coin | fee  |
//! |----------|----------|---|------|------|
//! | USD      | 1        |   | USDC | 2.1% |
//! | GBP      | 1.27     |   | USDT | 2.5% |
//! | EUR      | 1.08     |   | DAI  | 2%   |
//! | VND      | 0.00004  |   |      |      |
//! | BRL      | 0.2      |   |      |      |
//! | INR      | 0.012    |   |      |      |
//! | NGN      | 0.00065  |   |      |      |
//!
//! eSIM plans are priced in USD. Example: a $25 card in USDC costs 25 × 1.021 = 25.53 USDC
//! (25.525 rounds half up).
//!
//! BTC, at 76,000 USD and a 1.5% fee, is rounded to 8 decimals:
//! `round_half_up(face_value × usd_rate × 1.015 / 76000, 8)`; a $25 card costs 0.00033388 BTC.

use rust_decimal::{Decimal, RoundingStrategy};

pub fn usd_rate(currency: &str) -> Decimal {
    match currency {
        "GBP" => Decimal::new(127, 2),
        "EUR" => Decimal::new(108, 2),
        "VND" => Decimal::new(4, 5),
        "BRL" => Decimal::new(2, 1),
        "INR" => Decimal::new(12, 3),
        "NGN" => Decimal::new(65, 5),
        _ => Decimal::ONE,
    }
}

/// The fee of a coin, `None` for a coin the sandbox does not sell in.
pub fn fee(coin: &str) -> Option<Decimal> {
    match coin {
        "USDC" => Some(Decimal::new(21, 3)),
        "USDT" => Some(Decimal::new(25, 3)),
        "DAI" => Some(Decimal::new(2, 2)),
        "BTC" => Some(Decimal::new(15, 3)),
        _ => None,
    }
}

/// What one coin is worth in US dollars (the stablecoins one each).
fn coin_in_usd(coin: &str) -> Decimal {
    match coin {
        "BTC" => Decimal::from(76_000),
        _ => Decimal::ONE,
    }
}

/// The decimals a coin's amounts are written with.
fn coin_decimals(coin: &str) -> u32 {
    if coin == "BTC" {
        8
    } else {
        2
    }
}

/// The value in US dollars of a face value (saturating: callers check ranges first, and a
/// request must never be able to make the sandbox panic).
pub fn in_usd(face_value: Decimal, currency: &str) -> Decimal {
    face_value.saturating_mul(usd_rate(currency))
}

/// What the shopper pays in `coin` for `face_value` in `currency`; `None` for a coin the
/// sandbox does not sell in, or a value too large to price.
pub fn coin_amount(face_value: Decimal, currency: &str, coin: &str) -> Option<Decimal> {
    let total = face_value
        .checked_mul(usd_rate(currency))?
        .checked_mul(Decimal::ONE + fee(coin)?)?
        .checked_div(coin_in_usd(coin))?;
    Some(total.round_dp_with_strategy(coin_decimals(coin), RoundingStrategy::MidpointAwayFromZero))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_huge_value_is_not_priced_and_does_not_panic() {
        assert_eq!(coin_amount(Decimal::MAX, "EUR", "USDC"), None);
        assert_eq!(coin_amount(Decimal::MAX, "USD", "USDC"), None);
        assert_eq!(in_usd(Decimal::MAX, "EUR"), Decimal::MAX);
    }

    #[test]
    fn the_published_examples_hold() {
        assert_eq!(
            coin_amount(Decimal::from(25), "USD", "USDC"),
            Some(Decimal::new(2553, 2))
        );
        assert_eq!(
            coin_amount(Decimal::from(10), "USD", "USDC"),
            Some(Decimal::new(1021, 2))
        );
        assert_eq!(
            coin_amount(Decimal::from(100), "USD", "USDT"),
            Some(Decimal::new(10250, 2))
        );
        assert_eq!(
            coin_amount(Decimal::from(500_000), "VND", "USDC"),
            Some(Decimal::new(2042, 2))
        );
        assert_eq!(
            coin_amount(Decimal::from(25), "USD", "BTC"),
            Some(Decimal::new(33388, 8)),
            "eight decimals"
        );
        assert_eq!(coin_amount(Decimal::from(10), "USD", "DOGE"), None);
    }
}
