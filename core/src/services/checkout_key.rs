//! The checkout's idempotency key: minted by the server only, bound to the browser that
//! received it, and combined with what is being ordered.
//!
//! Each view of a brand page gives the browser a fresh random key in an HttpOnly,
//! SameSite=Lax cookie (never in the page, the URL or a redirect), so another site or
//! another shopper can neither read nor plant it. An order is kept under the key *and* a
//! fingerprint of the draft: the same draft again with the same key (a double click, a
//! resubmitted form) is the same order; a different draft (the shopper went Back and
//! changed the amount or the coin) is a new one; another browser's key never matches.

use crate::domain::checkout::OrderDraft;
use axum::http::{HeaderMap, HeaderValue};
use sha2::{Digest, Sha256};

/// The cookie's name over plain HTTP (development, tests).
pub const COOKIE: &str = "storefront_checkout";
/// Over HTTPS: the `__Host-` prefix makes the browser refuse the cookie unless it is
/// `Secure`, for this host only and for the whole site, so a sibling subdomain can't set it.
pub const SECURE_COOKIE: &str = "__Host-storefront_checkout";

/// How long a brand page's key stays with the browser: a page left open over lunch still
/// deduplicates its double clicks.
const MAX_AGE_SECS: u32 = 3 * 60 * 60;

fn cookie_name(https: bool) -> &'static str {
    if https {
        SECURE_COOKIE
    } else {
        COOKIE
    }
}

/// The `Set-Cookie` value that gives a browser `key`.
pub fn set_cookie(key: &str, https: bool) -> HeaderValue {
    let keep = crate::web::cookies::Keep {
        max_age_secs: u64::from(MAX_AGE_SECS),
        http_only: true,
        secure: https,
    };
    let value = crate::web::cookies::set_cookie(cookie_name(https), key, keep);
    // A key is hex: the value is always a valid header.
    HeaderValue::from_str(&value).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// The key this browser was given, when it sent one that looks like ours.
pub fn from_headers(headers: &HeaderMap, https: bool) -> Option<String> {
    let name = cookie_name(https);
    crate::web::cookies::request_cookie(headers, name)
        .filter(|key| super::checkout_store::is_token(key))
        .map(str::to_string)
}

/// What an order is kept under: the browser's key and the draft's fingerprint, hashed
/// together (the store never holds the key itself).
pub fn order_key(browser_key: &str, draft: &OrderDraft) -> String {
    let mut hash = Sha256::new();
    hash.update(browser_key.as_bytes());
    hash.update([0]);
    hash.update(fingerprint(draft));
    hex(&hash.finalize())
}

/// A digest of everything that makes the order what it is. Serialised from the domain
/// type, so a field added to the draft is part of it without anyone remembering to.
fn fingerprint(draft: &OrderDraft) -> [u8; 32] {
    let canonical = serde_json::to_vec(draft).unwrap_or_default();
    Sha256::digest(canonical).into()
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::new(), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{
        checkout::{AmountChoice, DraftItem},
        Country, ProductKind,
    };
    use rust_decimal::Decimal;

    fn draft(amount: u32, coin: &str) -> OrderDraft {
        OrderDraft {
            email: "me@example.com".into(),
            coin: coin.into(),
            network: "Solana".into(),
            items: vec![DraftItem {
                brand_name: "Spotify".into(),
                country: Country::find("US").copied().expect("US"),
                kind: ProductKind::GiftCard,
                amount: AmountChoice::Custom(crate::domain::Money::new(
                    Decimal::from(amount),
                    "USD".to_string(),
                )),
                beneficiary: "me@example.com".into(),
            }],
            coupon: None,
            newsletter: false,
        }
    }

    #[test]
    fn one_key_and_one_draft_make_one_order_key() {
        let key = "0123456789abcdef0123456789abcdef";
        assert_eq!(
            order_key(key, &draft(10, "USDC")),
            order_key(key, &draft(10, "USDC")),
            "a double click"
        );
        assert_ne!(
            order_key(key, &draft(10, "USDC")),
            order_key(key, &draft(50, "USDT")),
            "Back, another amount and coin: another order"
        );
        assert_ne!(
            order_key(key, &draft(10, "USDC")),
            order_key("fedcba9876543210fedcba9876543210", &draft(10, "USDC")),
            "another browser's key"
        );
    }

    #[test]
    fn the_cookie_is_read_back_by_its_own_name_only() {
        let key = "0123456789abcdef0123456789abcdef";
        let mut headers = HeaderMap::new();
        headers.insert(
            axum::http::header::COOKIE,
            HeaderValue::from_str(&format!("a=b; {COOKIE}={key}")).expect("header"),
        );
        assert_eq!(from_headers(&headers, false).as_deref(), Some(key));
        assert_eq!(
            from_headers(&headers, true),
            None,
            "over HTTPS only the __Host- cookie counts"
        );
        headers.insert(
            axum::http::header::COOKIE,
            HeaderValue::from_static("storefront_checkout=not-a-key"),
        );
        assert_eq!(from_headers(&headers, false), None);
        let set = set_cookie(key, true);
        let set = set.to_str().expect("ascii");
        assert!(set.starts_with("__Host-storefront_checkout="), "{set}");
        for attribute in ["HttpOnly", "SameSite=Lax", "Secure", "Path=/"] {
            assert!(set.contains(attribute), "{attribute} in {set}");
        }
    }
}
