//! The shop's cookies: their names, the one reader of a `Cookie` header and the one writer
//! of a `Set-Cookie` line, for the server and the browser alike.

/// The cookie that remembers the shopper's country.
pub const COUNTRY_COOKIE: &str = "storefront_country";

/// The cookie that remembers the coin a shopper last chose, from brand to brand.
pub const COIN_COOKIE: &str = "storefront_coin";

/// A year, for what the shop remembers of a shopper's choices.
pub const A_YEAR_SECS: u64 = 365 * 24 * 60 * 60;

/// The value of cookie `name` in one `Cookie` header line.
pub fn cookie_value<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.trim())
}

/// The value of cookie `name` across a request's `Cookie` lines (HTTP/1.1 sends one, but
/// proxies may split them).
pub fn cookie_in<'a>(lines: impl IntoIterator<Item = &'a str>, name: &str) -> Option<&'a str> {
    lines.into_iter().find_map(|line| cookie_value(line, name))
}

/// The value of cookie `name` in a request's headers.
#[cfg(feature = "ssr")]
pub fn request_cookie<'a>(headers: &'a http::HeaderMap, name: &str) -> Option<&'a str> {
    cookie_in(
        headers
            .get_all(http::header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok()),
        name,
    )
}

/// How a cookie is kept: how long, whether scripts may read it, whether only over https.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Keep {
    pub max_age_secs: u64,
    /// Hidden from scripts (a key), or readable (a choice the page writes too).
    pub http_only: bool,
    pub secure: bool,
}

impl Keep {
    /// A shopper's choice (country, coin): a year, readable by the page.
    pub fn choice(secure: bool) -> Self {
        Self {
            max_age_secs: A_YEAR_SECS,
            http_only: false,
            secure,
        }
    }
}

/// The `Set-Cookie` line (or `document.cookie` assignment) for `name=value`: the whole
/// site, sent on same-site requests and top-level visits from elsewhere (`Lax`).
pub fn set_cookie(name: &str, value: &str, keep: Keep) -> String {
    let http_only = if keep.http_only { "; HttpOnly" } else { "" };
    let secure = if keep.secure { "; Secure" } else { "" };
    format!(
        "{name}={value}; Path=/; Max-Age={}{http_only}; SameSite=Lax{secure}",
        keep.max_age_secs
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_found_by_name_in_any_line() {
        let header = "a=1; storefront_coin=USDT;storefront_country=VN";
        assert_eq!(cookie_value(header, COIN_COOKIE), Some("USDT"));
        assert_eq!(cookie_value(header, COUNTRY_COOKIE), Some("VN"));
        assert_eq!(cookie_value(header, "missing"), None);
        assert_eq!(
            cookie_in(["a=1", "storefront_country=BR"], COUNTRY_COOKIE),
            Some("BR")
        );
    }

    #[test]
    fn a_choice_is_kept_a_year_and_a_key_from_scripts() {
        assert_eq!(
            set_cookie(COUNTRY_COOKIE, "VN", Keep::choice(false)),
            "storefront_country=VN; Path=/; Max-Age=31536000; SameSite=Lax"
        );
        let key = Keep {
            max_age_secs: 600,
            http_only: true,
            secure: true,
        };
        assert_eq!(
            set_cookie("__Host-k", "abc", key),
            "__Host-k=abc; Path=/; Max-Age=600; HttpOnly; SameSite=Lax; Secure"
        );
    }
}
