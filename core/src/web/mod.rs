//! Plain helpers about addresses, shared by every layer and both builds: what a local
//! path, a slug or an order id may look like and how an id is written in logs; the
//! cookies (`cookies`), what a request prefers (`preferences`) and what the server
//! functions answer in (JSON, `json_text`; lines of text, `lines`).

pub mod cookies;
pub mod json_text;
pub mod lines;
pub mod preferences;

pub use cookies::{cookie_value, COIN_COOKIE, COUNTRY_COOKIE};

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

/// A query value percent-encoded (letters, digits and `-._~` stay; a space is `+`), for
/// building `?q=` and `?to=` links.
pub fn encode_query_value(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(byte as char)
            }
            b' ' => out.push('+'),
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
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
            out.push_str(&crate::web::short_id(segment));
        } else {
            out.extend(segment.chars().take(100));
        }
        after_orders = segment == "orders";
    }
    out
}

/// An order id as upstream issues them (UUIDs; the guide's example is `ord_abc123xyz`):
/// 1 to 64 letters, digits, `-` and `_`. Anything else is never sent upstream.
pub fn is_order_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
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

/// `https://api.example.com:8443` from any URL: scheme, host and port, nothing else.
#[cfg(feature = "ssr")]
pub fn public_origin(url: &url::Url) -> String {
    let host = url.host_str().unwrap_or("?");
    match url.port() {
        Some(port) => format!("{}://{host}:{port}", url.scheme()),
        None => format!("{}://{host}", url.scheme()),
    }
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

    #[test]
    fn order_ids_are_checked_before_anything_is_sent() {
        for good in ["ord_abc123xyz", "f9d624ad-dc5e-4efd-9ecf-f8fb08a22677", "a"] {
            assert!(is_order_id(good), "{good}");
        }
        for bad in ["", "../x", "a b", "a%2F", "ä", &"x".repeat(65), "id?x=1"] {
            assert!(!is_order_id(bad), "{bad}");
        }
    }
}
