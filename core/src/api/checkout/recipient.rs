//! Who receives the goods and who is told about the order: email addresses, and phone
//! numbers for top-ups, checked on the server (the browser's checks are only a quick hint).

pub use crate::domain::checkout::check_email;
use crate::{
    domain::Country,
    i18n::{words::ProblemsText, Lang},
};

/// A top-up's phone number, checked: what goes upstream and what the shopper is shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TopUpNumber {
    /// `+14155552671`: sent upstream.
    pub e164: String,
    /// `+1 415-555-2671`: echoed back before the order exists.
    pub display: String,
}

/// The characters a typed phone number may hold besides digits.
fn is_phone_punctuation(c: char) -> bool {
    matches!(c, ' ' | '-' | '.' | '(' | ')' | '/' | '\u{a0}')
}

/// A top-up's phone number, as one of `country`'s numbers (and a mobile one, where the
/// numbering plan can tell), written E.164 exactly as the shopper meant it; or why not, in
/// `lang`.
///
/// A number with its country code (`+49…`, `0049…`) is read on its own, never through the
/// shop country's rules (which would strip a `1` from `+4915…`); then its digits must be
/// the typed ones, and it must belong to `country`.
pub fn check_phone(raw: &str, country: Country, lang: Lang) -> Result<TopUpNumber, String> {
    let words = ProblemsText(lang);
    let typed = raw.trim();
    let dialling = dialling_code(country).unwrap_or_default();
    if typed.is_empty() || typed == dialling {
        return Err(words.phone_missing(&dialling));
    }
    let well_formed = typed
        .char_indices()
        .all(|(i, c)| c.is_ascii_digit() || is_phone_punctuation(c) || (c == '+' && i == 0));
    let not_a_number =
        || words.phone_not_a_number(&example_number(country).unwrap_or_else(|| dialling.clone()));
    if !well_formed || typed.len() > 32 {
        return Err(not_a_number());
    }
    let digits: String = typed.chars().filter(char::is_ascii_digit).collect();
    let international = if let Some(rest) = digits.strip_prefix("00") {
        Some(rest.to_string())
    } else {
        typed.starts_with('+').then(|| digits.clone())
    };
    let region = country.code.parse::<phonenumber::country::Id>().ok();
    let parsed = match &international {
        Some(digits) => phonenumber::parse(None, format!("+{digits}")),
        None => phonenumber::parse(region, typed),
    };
    let number = parsed.map_err(|_| not_a_number())?;
    if !phonenumber::is_valid(&number) {
        return Err(words.phone_invalid_in(typed, country.name_in(lang)));
    }
    if number.country().id() != region {
        let theirs = number
            .country()
            .id()
            .and_then(|id| Country::find(id.as_ref()).copied())
            .map_or_else(
                || format!("+{}", number.code().value()),
                |c| c.name_in(lang).to_string(),
            );
        return Err(words.phone_of_another_country(&theirs, country.name_in(lang), &dialling));
    }
    use phonenumber::metadata::DATABASE;
    let mobile = matches!(
        number.number_type(&DATABASE),
        phonenumber::Type::Mobile | phonenumber::Type::FixedLineOrMobile
    );
    if !mobile {
        return Err(words.phone_not_mobile().into());
    }
    let e164 = number.format().mode(phonenumber::Mode::E164).to_string();
    // Never send a number other than the one typed: the E.164 digits are the typed ones
    // (with the country code), or the typed national number less its trunk prefix.
    let national = number.national().value().to_string();
    let exact = match &international {
        Some(typed_digits) => e164.trim_start_matches('+') == typed_digits,
        None => digits.ends_with(&national) && digits.len() - national.len() <= 2,
    };
    if !exact {
        return Err(words.phone_not_exact(&example_number(country).unwrap_or(dialling)));
    }
    Ok(TopUpNumber {
        e164,
        display: number
            .format()
            .mode(phonenumber::Mode::International)
            .to_string(),
    })
}

/// `+1`, `+84`: how numbers of the country start, to prefill the phone field.
pub fn dialling_code(country: Country) -> Option<String> {
    let code = phonenumber::metadata::DATABASE
        .by_id(country.code)?
        .country_code();
    Some(format!("+{code}"))
}

/// A mobile number of the country as its numbering plan gives one, written as shoppers
/// write it with the country code: `+1 201-555-0123`, `+49 1512 3456789`.
pub fn example_number(country: Country) -> Option<String> {
    use phonenumber::metadata::DATABASE;
    let metadata = DATABASE.by_id(country.code)?;
    let example = metadata.descriptors().mobile()?.example()?;
    let region = country.code.parse::<phonenumber::country::Id>().ok()?;
    let number = phonenumber::parse(Some(region), example).ok()?;
    Some(
        number
            .format()
            .mode(phonenumber::Mode::International)
            .to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn country(code: &str) -> Country {
        Country::find(code).copied().unwrap_or(Country {
            code: "US",
            name: "United States",
            name_vi: "Hoa Kỳ",
        })
    }

    #[test]
    fn phone_numbers_of_several_countries_become_e164() {
        for (code, typed, e164) in [
            ("US", "+1 415 555 2671", "+14155552671"),
            ("US", "(415) 555-2671", "+14155552671"),
            ("VN", "0912 345 678", "+84912345678"),
            ("VN", "+84 91 234 5678", "+84912345678"),
            ("GB", "07400 123456", "+447400123456"),
            ("DE", "+49 1512 3456789", "+4915123456789"),
            ("BR", "(11) 91234-5678", "+5511912345678"),
            ("NG", "0803 123 4567", "+2348031234567"),
            ("IN", "+91 98765 43210", "+919876543210"),
        ] {
            assert_eq!(
                check_phone(typed, country(code), Lang::En).map(|n| n.e164),
                Ok(e164.to_string()),
                "{code} {typed}"
            );
        }
    }

    #[test]
    fn bad_phone_numbers_are_refused_with_a_reason() {
        for (code, typed) in [
            ("US", ""),
            ("US", "+1"),
            ("US", "12"),
            ("US", "hello"),
            ("US", "+1 555 0000 00000 0"),
            ("VN", "+84 12"),
        ] {
            let refused = check_phone(typed, country(code), Lang::En);
            assert!(refused.is_err(), "{code} {typed:?}: {refused:?}");
        }
    }

    #[test]
    fn numbers_of_another_country_are_refused_and_none_is_altered() {
        // A US top-up takes US numbers only.
        for foreign in ["+44 7400 123456", "+4915123456789", "+49 170 1234567"] {
            let refused = check_phone(foreign, country("US"), Lang::En);
            assert!(
                refused.as_ref().is_err_and(|m| m.contains("number from")),
                "{foreign}: {refused:?}"
            );
        }
        // In Germany, German mobiles, written as typed.
        for (typed, e164) in [
            ("+4915123456789", "+4915123456789"),
            ("+49 170 1234567", "+491701234567"),
            ("0049 170 1234567", "+491701234567"),
            ("0170 1234567", "+491701234567"),
        ] {
            assert_eq!(
                check_phone(typed, country("DE"), Lang::En).map(|n| n.e164),
                Ok(e164.to_string()),
                "{typed}"
            );
        }
        // A German landline is not a mobile number.
        let landline = check_phone("+49 30 123456", country("DE"), Lang::En);
        assert!(landline.is_err_and(|m| m.contains("mobile")));
        let landline = check_phone("+49 30 123456", country("DE"), Lang::Vi);
        assert!(landline.is_err_and(|m| m.contains("số di động")));
        // The refusal names both countries in the shopper's language.
        let foreign = check_phone("+44 7400 123456", country("US"), Lang::Vi);
        assert!(
            foreign
                .as_ref()
                .is_err_and(|m| m.contains("Hoa Kỳ") && m.starts_with("Đây là số")),
            "{foreign:?}"
        );
        let echoed = check_phone("+1 (415) 555-2671", country("US"), Lang::En).map(|n| n.display);
        assert_eq!(echoed.as_deref(), Ok("+1 415-555-2671"));
    }

    #[test]
    fn the_example_is_of_the_brands_country() {
        assert!(example_number(country("DE")).is_some_and(|e| e.starts_with("+49 ")));
        assert!(example_number(country("US")).is_some_and(|e| e.starts_with("+1 ")));
        assert!(example_number(country("VN")).is_some_and(|e| e.starts_with("+84 ")));
    }

    #[test]
    fn dialling_codes_start_the_field() {
        assert_eq!(dialling_code(country("US")).as_deref(), Some("+1"));
        assert_eq!(dialling_code(country("VN")).as_deref(), Some("+84"));
        assert_eq!(dialling_code(country("GB")).as_deref(), Some("+44"));
    }
}
