//! The sandbox's own words for names and amounts. It never borrows the shop's `slugify` or
//! `Money::display`: an imitation built from the code under test would copy its bugs and
//! hide them.

use rust_decimal::Decimal;

/// The CDN's file name for a brand: "Amazon.com" -> "amazon-com", "Lowe's" -> "lowe-s".
pub fn logo_name(brand: &str) -> String {
    let mut name = String::with_capacity(brand.len());
    for c in brand.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            name.push(c);
        } else if !name.is_empty() && !name.ends_with('-') {
            name.push('-');
        }
    }
    name.trim_end_matches('-').to_string()
}

/// Whether `wanted` names `brand` as partners pass `family_name`: the name in any case, or
/// its first word(s) (the guide asks for `family_name=airbnb`).
pub fn names_brand(wanted: &str, brand: &str) -> bool {
    let (wanted, brand) = (logo_name(wanted), logo_name(brand));
    !wanted.is_empty() && (brand == wanted || brand.starts_with(&format!("{wanted}-")))
}

/// What production shows beside a denomination: "$10", "€15", "£10", "₹500", "250.000 ₫".
pub fn localized(amount: Decimal, currency: &str) -> String {
    let whole = amount.trunc();
    let cents = ((amount - whole) * Decimal::ONE_HUNDRED).round();
    let digits = whole.to_string();
    let grouped = group(&digits, if currency == "VND" { '.' } else { ',' });
    let number = if cents.is_zero() {
        grouped
    } else {
        format!("{grouped}.{cents:0>2}")
    };
    match currency {
        "USD" => format!("${number}"),
        "EUR" => format!("€{number}"),
        "GBP" => format!("£{number}"),
        "INR" => format!("₹{number}"),
        "BRL" => format!("R${number}"),
        "NGN" => format!("₦{number}"),
        "VND" => format!("{number} ₫"),
        other => format!("{number} {other}"),
    }
}

fn group(digits: &str, separator: char) -> String {
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logo_names_look_like_the_cdns() {
        assert_eq!(logo_name("Amazon.com"), "amazon-com");
        assert_eq!(logo_name("Lowe's"), "lowe-s");
        assert_eq!(logo_name("Disney+"), "disney");
        assert_eq!(logo_name("Fortnite V-Bucks"), "fortnite-v-bucks");
        assert!(names_brand("airbnb", "Airbnb"));
        assert!(names_brand("amazon", "Amazon.com"));
        assert!(!names_brand("", "Amazon.com"));
        assert!(!names_brand("ama", "Amazon.com"));
    }

    #[test]
    fn amounts_read_as_production_shows_them() {
        assert_eq!(localized(Decimal::from(10), "USD"), "$10");
        assert_eq!(localized(Decimal::new(1250, 2), "EUR"), "€12.50");
        assert_eq!(localized(Decimal::from(250_000), "VND"), "250.000 ₫");
        assert_eq!(localized(Decimal::from(1500), "INR"), "₹1,500");
    }
}
