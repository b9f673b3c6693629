//! What a page sets on its HTTP response (status, cookies). On the server it reaches the
//! response; in the browser there is no response to set, so it does nothing.

#[cfg(feature = "ssr")]
mod imp {
    use axum::http::{header, HeaderValue, StatusCode};
    use leptos::prelude::use_context;
    use leptos_axum::ResponseOptions;

    pub fn set_status(code: u16) {
        if let (Some(response), Ok(status)) =
            (use_context::<ResponseOptions>(), StatusCode::from_u16(code))
        {
            response.set_status(status);
        }
    }

    pub fn append_cookie(cookie: &str) {
        if let (Some(response), Ok(value)) = (
            use_context::<ResponseOptions>(),
            HeaderValue::from_str(cookie),
        ) {
            response.append_header(header::SET_COOKIE, value);
        }
    }

    /// Redirects to `path` only when it can stand in a `Location` header as it is (callers
    /// build it from known values; anything else is refused here, never a panic).
    pub fn redirect(path: &str) {
        if super::is_safe_location(path) {
            leptos_axum::redirect(path);
        } else {
            tracing::info!(path = %path.escape_debug(), "refused to redirect to an unsafe path");
        }
    }

    /// The shop's public origin (`STOREFRONT_PUBLIC_URL`, else the listen address), for
    /// absolute URLs: never the request's `Host`, which the client chooses.
    pub fn origin() -> Option<String> {
        use_context::<crate::server::AppState>().map(|state| state.public_origin.to_string())
    }

    /// The value of the current request's cookie `name`.
    pub fn request_cookie(name: &str) -> Option<String> {
        let parts = use_context::<axum::http::request::Parts>()?;
        parts
            .headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|line| super::cookie_value(line, name).map(str::to_string))
    }

    /// The partner's words about the shop (name, help), from the configuration.
    pub fn shop_info() -> crate::domain::shop::ShopInfo {
        use_context::<crate::server::AppState>()
            .map(|state| state.config.shop.clone())
            .unwrap_or_default()
    }

    /// Whether shoppers reach the shop over HTTPS (its cookies are then `Secure`).
    pub fn is_https() -> bool {
        use_context::<crate::server::AppState>()
            .is_some_and(|state| state.public_origin.starts_with("https://"))
    }

    /// Marks the page as rendered without part of what it shows (see `DEGRADED_HEADER`).
    pub fn mark_degraded() {
        if let Some(response) = use_context::<ResponseOptions>() {
            response.insert_header(
                axum::http::HeaderName::from_static(super::DEGRADED_HEADER),
                HeaderValue::from_static("1"),
            );
        }
    }

    /// Tells the security layer which nonce this page's inline scripts carry, so that its
    /// Content-Security-Policy allows them and nothing else.
    pub fn announce_nonce() {
        if let (Some(response), Some(nonce)) =
            (use_context::<ResponseOptions>(), leptos::nonce::use_nonce())
        {
            if let Ok(value) = HeaderValue::from_str(nonce.as_inner()) {
                response.insert_header(
                    axum::http::HeaderName::from_static(super::PAGE_NONCE_HEADER),
                    value,
                );
            }
        }
    }
}

#[cfg(not(feature = "ssr"))]
mod imp {
    pub fn set_status(_code: u16) {}
    pub fn append_cookie(_cookie: &str) {}
    pub fn redirect(_path: &str) {}
    pub fn origin() -> Option<String> {
        None
    }
    pub fn is_https() -> bool {
        false
    }
    pub fn shop_info() -> crate::domain::shop::ShopInfo {
        crate::domain::shop::ShopInfo::default()
    }
    pub fn request_cookie(_name: &str) -> Option<String> {
        None
    }
    pub fn announce_nonce() {}
    pub fn mark_degraded() {}
}

pub use imp::{
    announce_nonce, append_cookie, is_https, mark_degraded, origin, redirect, request_cookie,
    set_status, shop_info,
};

/// Set by a page for the security layer, which takes it off the response.
pub const PAGE_NONCE_HEADER: &str = "x-storefront-page-nonce";

/// Set on a page rendered without part of what it shows (a failed feed or payment list):
/// the page cache doesn't keep it. Taken off before the response leaves.
pub const DEGRADED_HEADER: &str = "x-storefront-degraded";

/// Whether `path` is a local path made only of printable ASCII (no control characters, no
/// spaces, nothing a header can't carry), short enough to be a real one of ours.
pub fn is_safe_location(path: &str) -> bool {
    path.starts_with('/')
        && !path.starts_with("//")
        // Browsers read `/\evil.example` as `//evil.example`: another site.
        && !path.contains('\\')
        && path.len() <= 2048
        && path.bytes().all(|b| b.is_ascii_graphic())
}

/// An order id as logs show it: its first 8 characters. The whole id is a bearer link to
/// the order (its email, address and, once delivered, its code), so it is never logged.
pub fn short_id(id: &str) -> String {
    let short: String = id.chars().take(8).collect();
    if short.len() < id.len() {
        format!("{short}…")
    } else {
        short
    }
}

/// `/orders/f9d624ad-dc5e-…/sandbox/pay` keeps the id's first 8 characters only.
pub fn redacted_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len().min(200));
    let mut after_orders = false;
    for (index, segment) in path.split('/').enumerate() {
        if index > 0 {
            out.push('/');
        }
        if after_orders && !segment.is_empty() {
            out.push_str(&crate::http::short_id(segment));
        } else {
            out.extend(segment.chars().take(100));
        }
        after_orders = segment == "orders";
    }
    out
}

/// A brand slug as the shop makes them: lower-case letters, digits and dashes.
pub fn is_slug(text: &str) -> bool {
    (1..=100).contains(&text.len())
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// `?q=x` for a router search string (which comes without its `?`), or nothing.
pub fn query_suffix(search: &str) -> String {
    let search = search.trim_start_matches('?');
    if search.is_empty() {
        String::new()
    } else {
        format!("?{search}")
    }
}

/// An absolute URL for a path of this site (relative when the host is unknown).
pub fn absolute(path: &str) -> String {
    format!("{}{path}", origin().unwrap_or_default())
}

/// The cookie that remembers the shopper's country.
pub const COUNTRY_COOKIE: &str = "storefront_country";

/// Remembers the country for a year (read by `/` to send the shopper back to it).
pub fn remember_country(code: &str) {
    let secure = if is_https() { "; Secure" } else { "" };
    append_cookie(&format!(
        "{COUNTRY_COOKIE}={code}; Path=/; Max-Age=31536000; SameSite=Lax{secure}"
    ));
}

/// The cookie that remembers the coin a shopper last chose, from brand to brand.
pub const COIN_COOKIE: &str = "storefront_coin";

/// The value of cookie `name` in a `Cookie` header.
pub fn cookie_value<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_local_paths_are_redirected_to() {
        assert!(is_safe_location("/US/amazon-com?coin=USDT"));
        for bad in [
            "/US/a\nb",
            "/US/\0",
            "//evil.example",
            "https://x",
            "/a b",
            "/é",
            "/\\evil.example",
            "/\\\\evil.example",
        ] {
            assert!(!is_safe_location(bad), "{bad:?}");
        }
        assert!(is_slug("amazon-com"));
        assert!(!is_slug("Amazon") && !is_slug("") && !is_slug("a\n"));
    }

    #[test]
    fn cookies_are_found_by_name() {
        let header = "storefront_country=VN; storefront_coin=USDT;other=1";
        assert_eq!(cookie_value(header, COIN_COOKIE), Some("USDT"));
        assert_eq!(cookie_value(header, COUNTRY_COOKIE), Some("VN"));
        assert_eq!(cookie_value(header, "missing"), None);
    }

    #[test]
    fn order_ids_are_cut_short_in_logs() {
        assert_eq!(
            redacted_path("/orders/f9d624ad-dc5e-4efd-9ecf-f8fb08a22677"),
            "/orders/f9d624ad…"
        );
        assert_eq!(
            redacted_path("/api/orders/f9d624ad-dc5e-4efd/subscribe"),
            "/api/orders/f9d624ad…/subscribe"
        );
        assert_eq!(redacted_path("/orders"), "/orders");
        assert_eq!(redacted_path("/US/amazon-com"), "/US/amazon-com");
    }
}
