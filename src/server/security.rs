//! What the browser is told it may do with our pages: the Content-Security-Policy and the
//! other security headers on every response.
//!
//! Pages carry Leptos's per-request nonce on each inline script (hydration and resources),
//! so the policy of a page names that nonce and nothing else inline; every other response
//! gets a policy that allows no script at all.

use axum::{
    extract::{Request, State},
    http::{header, HeaderName, HeaderValue},
    middleware::Next,
    response::Response,
};

/// For responses that are not pages (JSON, files, redirects, plain-text errors): nothing
/// may run or be framed.
const NOT_A_PAGE: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/// Features no page of a shop needs (the copy buttons' clipboard writes need none of them).
/// Not `bluetooth`: Chromium knows no such policy feature and warned of it in the console of
/// every page (Web Bluetooth is asked for by a script, which the page's policy already rules).
const PERMISSIONS: &str = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), \
     serial=(), hid=(), midi=(), magnetometer=(), gyroscope=(), accelerometer=()";

/// Adds the security headers to every response; a page's policy names the nonce the page
/// announced (`crate::render::PAGE_NONCE_HEADER`, removed here).
pub async fn headers(
    State(policy): State<std::sync::Arc<crate::services::content_policy::SecurityPolicy>>,
    request: Request,
    next: Next,
) -> Response {
    let private = is_private(&request);
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if private {
        // An order, or what a shopper typed: never kept by a browser's or a proxy's cache.
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if let Some(nonce) = headers.remove(crate::render::PAGE_NONCE_HEADER) {
        if let Ok(value) = HeaderValue::from_str(&policy.for_page(nonce.to_str().unwrap_or(""))) {
            headers.insert(header::CONTENT_SECURITY_POLICY, value);
        }
    }
    add_headers(headers, &policy);
    response
}

/// The headers every response carries that it does not set itself: HSTS over HTTPS, and
/// for what is not a page, a policy that lets nothing run (a page's was set above).
pub fn add_headers(
    headers: &mut axum::http::HeaderMap,
    policy: &crate::services::content_policy::SecurityPolicy,
) {
    if policy.https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    let defaults: [(HeaderName, &'static str); 5] = [
        (header::CONTENT_SECURITY_POLICY, NOT_A_PAGE),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "strict-origin-when-cross-origin"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (HeaderName::from_static("permissions-policy"), PERMISSIONS),
    ];
    for (name, value) in defaults {
        headers
            .entry(name)
            .or_insert(HeaderValue::from_static(value));
    }
}

/// Pages about one shopper: an order (its page, its polls, the checkout's answers) and a
/// brand page showing a form given back (`?form=`, what was typed).
fn is_private(request: &Request) -> bool {
    let path = request.uri().path();
    let returned_form = request
        .uri()
        .query()
        .is_some_and(|q| q.split('&').any(|pair| pair.starts_with("form=")));
    path.starts_with("/orders/") || path.starts_with("/checkout") || returned_form
}
