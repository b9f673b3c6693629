//! Who receives the goods and who is told about the order: email addresses, and phone
//! numbers for top-ups, checked on the server (the browser's checks are only a quick hint).

use crate::domain::Country;

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

/// A top-up's phone number as E.164 (`+14155551234`), read in the shop's country when it has
/// no country code; or why it can't be used.
pub fn check_phone(raw: &str, country: Country) -> Result<String, String> {
    let typed = raw.trim();
    if typed.is_empty() || typed == dialling_code(country).unwrap_or_default() {
        return Err("Enter the phone number to top up, with its country code.".into());
    }
    let region = country.code.parse::<phonenumber::country::Id>().ok();
    let number = phonenumber::parse(region, typed).map_err(|_| {
        "That doesn't look like a phone number. Use digits, with the country code, like +14155551234.".to_string()
    })?;
    if !phonenumber::is_valid(&number) {
        return Err(format!(
            "{typed} isn't a valid phone number. Check the digits and the country code."
        ));
    }
    Ok(number.format().mode(phonenumber::Mode::E164).to_string())
}

/// `+1`, `+84`: how numbers of the country start, to prefill the phone field.
pub fn dialling_code(country: Country) -> Option<String> {
    let code = phonenumber::metadata::DATABASE
        .by_id(country.code)?
        .country_code();
    Some(format!("+{code}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn country(code: &str) -> Country {
        Country::find(code).copied().unwrap_or(Country {
            code: "US",
            name: "United States",
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
                check_phone(typed, country(code)).as_deref(),
                Ok(e164),
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
            let refused = check_phone(typed, country(code));
            assert!(refused.is_err(), "{code} {typed:?}: {refused:?}");
        }
    }

    #[test]
    fn dialling_codes_start_the_field() {
        assert_eq!(dialling_code(country("US")).as_deref(), Some("+1"));
        assert_eq!(dialling_code(country("VN")).as_deref(), Some("+84"));
        assert_eq!(dialling_code(country("GB")).as_deref(), Some("+44"));
    }

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
