//! Amounts of fiat money as each language writes them, from CLDR's data: `$25.00` and
//! `25,00 US$`, `₫500,000` and `500.000 ₫`. The server formats with ICU4X; the browser asks
//! its own `Intl.NumberFormat` (the same CLDR data, and no bytes of ours).
//!
//! Coin amounts are not formatted here: what a shopper sends is shown and copied exactly
//! as upstream gave it, with a dot, in every language (`crate::domain::money`).

use super::Lang;
use crate::domain::Money;

/// `money` as `lang` writes it, with the currency's usual decimals (none for ₫). A
/// currency CLDR does not know is written as the number and its code.
pub fn fiat(lang: Lang, money: &Money) -> String {
    imp::fiat(lang, money).unwrap_or_else(|| {
        format!(
            "{}\u{a0}{}",
            crate::domain::money::plain(money.amount),
            money.currency
        )
    })
}

#[cfg(feature = "ssr")]
mod imp {
    use super::{Lang, Money};
    use icu_experimental::dimension::currency::{
        formatter::CurrencyFormatter, options::CurrencyFormatterOptions, CurrencyType,
    };
    use icu_locale_core::Locale;
    use writeable::Writeable;

    pub fn fiat(lang: Lang, money: &Money) -> Option<String> {
        let currency = CurrencyType::try_from_str(&money.currency.to_ascii_lowercase()).ok()?;
        let locale: Locale = lang.code().parse().ok()?;
        let number: fixed_decimal::Decimal = money.amount.normalize().to_string().parse().ok()?;
        let formatter = CurrencyFormatter::try_new_symbol(
            (&locale).into(),
            currency,
            CurrencyFormatterOptions::default(),
        )
        .ok()?;
        let text = formatter
            .format_fixed_decimal(&number)
            .write_to_string()
            .into_owned();
        // CLDR writes a narrow or plain space between number and symbol; a no-break one
        // keeps `500.000 ₫` on one line.
        Some(text.replace([' ', '\u{202f}'], "\u{a0}"))
    }
}

#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
mod imp {
    use super::{Lang, Money};
    use wasm_bindgen::JsValue;

    pub fn fiat(lang: Lang, money: &Money) -> Option<String> {
        let locales = js_sys::Array::of1(&JsValue::from_str(lang.code()));
        let options = js_sys::Object::new();
        js_sys::Reflect::set(&options, &"style".into(), &"currency".into()).ok()?;
        js_sys::Reflect::set(
            &options,
            &"currency".into(),
            &money.currency.as_str().into(),
        )
        .ok()?;
        let format = js_sys::Intl::NumberFormat::new(&locales, &options);
        // A string, not an f64: Intl reads decimal strings exactly.
        let amount = JsValue::from_str(&money.amount.to_string());
        let text = format
            .format()
            .call1(&JsValue::NULL, &amount)
            .ok()?
            .as_string()?;
        Some(text.replace([' ', '\u{202f}'], "\u{a0}"))
    }
}

#[cfg(not(any(feature = "ssr", feature = "hydrate")))]
mod imp {
    use super::{Lang, Money};

    pub fn fiat(_lang: Lang, _money: &Money) -> Option<String> {
        None
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn money(amount: &str, currency: &str) -> Money {
        Money::new(
            rust_decimal::Decimal::from_str(amount).expect("a decimal literal"),
            currency,
        )
    }

    #[test]
    fn each_language_writes_money_its_own_way() {
        assert_eq!(fiat(Lang::En, &money("25", "USD")), "$25.00");
        assert_eq!(fiat(Lang::Vi, &money("25", "USD")), "25,00\u{a0}US$");
        assert_eq!(fiat(Lang::Vi, &money("500000", "VND")), "500.000\u{a0}₫");
        assert_eq!(fiat(Lang::En, &money("500000", "VND")), "₫500,000");
        assert_eq!(fiat(Lang::En, &money("1234.5", "EUR")), "€1,234.50");
        assert_eq!(fiat(Lang::Vi, &money("1234.5", "EUR")), "1.234,50\u{a0}€");
    }

    #[test]
    fn an_unknown_currency_keeps_its_code() {
        assert_eq!(fiat(Lang::Vi, &money("10", "XQZ1")), "10\u{a0}XQZ1");
    }
}
