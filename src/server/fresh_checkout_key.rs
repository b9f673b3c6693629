//! Gives every view of a brand page a fresh checkout key, in a cookie the page's scripts
//! can't read (`crate::services::checkout_key`). Outermost, so that a page answered from
//! memory gets one too: the key is the only part of a brand page that is the shopper's.

use crate::{domain::Country, services::checkout_key as key, web::is_slug};
use axum::{
    extract::{Request, State},
    http::{header, Method},
    middleware::Next,
    response::Response,
};

/// `/US/amazon-com` or `/vi/US/amazon-com`: a country and a slug, as the brand route
/// reads them.
fn is_brand_page(request: &Request) -> bool {
    if request.method() != Method::GET {
        return false;
    }
    // In either language: `/vi/US/amazon-com` too.
    let path = crate::i18n::Lang::strip(request.uri().path());
    let mut segments = path.trim_start_matches('/').split('/');
    matches!(
        (segments.next(), segments.next(), segments.next()),
        (Some(code), Some(slug), None) if Country::find(code).is_some() && is_slug(slug)
    )
}

/// The layer; `https` says whether shoppers reach the shop over HTTPS.
pub async fn give(State(https): State<bool>, request: Request, next: Next) -> Response {
    if !is_brand_page(&request) {
        return next.run(request).await;
    }
    let mut response = next.run(request).await;
    if response.status().is_success() {
        let fresh = crate::services::checkout_store::new_token();
        response
            .headers_mut()
            .append(header::SET_COOKIE, key::set_cookie(&fresh, https));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;

    fn get(path: &str) -> Request {
        Request::builder()
            .uri(path)
            .body(Body::empty())
            .unwrap_or_default()
    }

    #[test]
    fn only_brand_pages_get_a_key() {
        assert!(is_brand_page(&get("/US/amazon-com")));
        assert!(is_brand_page(&get("/vi/US/amazon-com")));
        assert!(is_brand_page(&get("/vn/shopee?coin=USDT")));
        for other in [
            "/US",
            "/US/amazon-com/x",
            "/orders/abc",
            "/XX/amazon",
            "/US/Amazon",
        ] {
            assert!(!is_brand_page(&get(other)), "{other}");
        }
    }
}
