//! The sandbox's own words for names and amounts, and the languages it writes them in. It
//! never borrows the shop's `slugify`, `Money::display` or `i18n::Lang`: an imitation built
//! from the code under test would copy its bugs and hide them.

use rust_decimal::Decimal;

/// A language upstream writes its texts in, read from the `lang` a call passes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    En,
    Vi,
}

impl Lang {
    /// `vi` in any case, with a region or not (`vi-VN`), is Vietnamese; anything else, or
    /// nothing, is English: production falls back to English for a language it lacks
    /// rather than refusing the call.
    pub fn from_param(lang: Option<&str>) -> Self {
        let primary = lang
            .and_then(|l| l.trim().split(['-', '_']).next())
            .unwrap_or_default();
        if primary.eq_ignore_ascii_case("vi") {
            Self::Vi
        } else {
            Self::En
        }
    }

    /// The `locale` upstream stamps on a text written in this language.
    pub fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Vi => "vi",
        }
    }
}

/// An eSIM plan as shoppers of `lang` read it: "1 GB 7 days" -> "1 GB 7 ngày". Only for
/// `localized_denomination`: the plan's `denomination` stays upstream's key, the one orders
/// name, whatever the language.
pub fn plan_label(plan: &str, lang: Lang) -> String {
    match lang {
        Lang::En => plan.to_string(),
        Lang::Vi => plan
            .split(' ')
            .map(|word| match word {
                "day" | "days" => "ngày",
                word => word,
            })
            .collect::<Vec<_>>()
            .join(" "),
    }
}

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

    #[test]
    fn vietnamese_is_asked_with_vi_and_anything_else_is_english() {
        for vi in ["vi", "VI", "vi-VN", " vi_vn "] {
            assert_eq!(Lang::from_param(Some(vi)), Lang::Vi, "{vi}");
        }
        for other in ["en", "fr", "", "xx-YY", "vietnamese", "v", "-vi"] {
            assert_eq!(Lang::from_param(Some(other)), Lang::En, "{other:?}");
        }
        assert_eq!(Lang::from_param(None), Lang::En);
    }

    #[test]
    fn plans_read_in_the_language_asked() {
        assert_eq!(plan_label("1 GB 7 days", Lang::Vi), "1 GB 7 ngày");
        assert_eq!(plan_label("20 GB 30 days", Lang::Vi), "20 GB 30 ngày");
        assert_eq!(plan_label("1 GB 1 day", Lang::Vi), "1 GB 1 ngày");
        assert_eq!(plan_label("1 GB 7 days", Lang::En), "1 GB 7 days");
    }
}
