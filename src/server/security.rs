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

/// What a page may load, built once from the configuration.
#[derive(Clone, Debug)]
pub struct SecurityPolicy {
    /// `img-src`: this shop, `data:` (inline QR codes) and the API's and logos' hosts.
    img_src: String,
    /// `connect-src` besides `'self'`: the live-reload socket under `cargo leptos watch`.
    connect_extra: String,
    /// Shoppers reach the shop over HTTPS: browsers are told to keep to it.
    https: bool,
}

impl SecurityPolicy {
    /// `api_origin` serves order QR pictures (and, in the sandbox, the logos);
    /// `image_hosts` are the logos' CDN; `reload_port` is set only under `cargo leptos watch`.
    pub fn new(
        api_origin: &str,
        image_hosts: &[String],
        reload_port: Option<u32>,
        https: bool,
    ) -> Self {
        let mut img_src = vec!["'self'".to_string(), "data:".into(), api_origin.into()];
        for host in image_hosts {
            if !img_src.contains(host) {
                img_src.push(host.clone());
            }
        }
        Self {
            img_src: img_src.join(" "),
            connect_extra: reload_port
                .map(|port| format!(" ws://localhost:{port} ws://127.0.0.1:{port}"))
                .unwrap_or_default(),
            https,
        }
    }

    /// The policy of a page kept for every shopper: its inline scripts are allowed by their
    /// hashes (`'sha256-…'`), which stay true however many times the bytes are sent.
    pub fn for_hashes(&self, hashes: &[String]) -> String {
        self.policy(&hashes.join(" "))
    }

    /// The policy of a page whose inline scripts carry `nonce`.
    pub fn for_page(&self, nonce: &str) -> String {
        // The nonce is Leptos's (base64): anything else would end the directive early.
        let nonce: String = nonce
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=' | '-' | '_'))
            .collect();
        self.policy(&format!("'nonce-{nonce}'"))
    }

    fn policy(&self, inline: &str) -> String {
        format!(
            "default-src 'self'; script-src 'self' {inline} 'wasm-unsafe-eval'; \
             style-src 'self'; style-src-attr 'unsafe-inline'; img-src {}; \
             connect-src 'self'{}; font-src 'self'; object-src 'none'; base-uri 'none'; \
             frame-ancestors 'none'; form-action 'self'",
            self.img_src, self.connect_extra
        )
    }
}

/// For responses that are not pages (JSON, files, redirects, plain-text errors): nothing
/// may run or be framed.
const NOT_A_PAGE: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/// Features no page of a shop needs (the copy buttons' clipboard writes need none of them).
const PERMISSIONS: &str = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), \
     bluetooth=(), serial=(), hid=(), midi=(), magnetometer=(), gyroscope=(), \
     accelerometer=()";

/// Adds the security headers to every response; a page's policy names the nonce the page
/// announced (`crate::http::PAGE_NONCE_HEADER`, removed here).
pub async fn headers(
    State(policy): State<std::sync::Arc<SecurityPolicy>>,
    request: Request,
    next: Next,
) -> Response {
    let request_is_server_fn = request.uri().path().starts_with("/api/");
    let private = is_private(&request);
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if private {
        // An order, or what a shopper typed: never kept by a browser's or a proxy's cache.
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if policy.https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    // For the page cache, outside this layer; a server function's answer never shows it.
    if request_is_server_fn {
        headers.remove(crate::http::DEGRADED_HEADER);
    }
    if let Some(nonce) = headers.remove(crate::http::PAGE_NONCE_HEADER) {
        if let Ok(value) = HeaderValue::from_str(&policy.for_page(nonce.to_str().unwrap_or(""))) {
            headers.insert(header::CONTENT_SECURITY_POLICY, value);
        }
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
    response
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_may_run_only_our_scripts() {
        let policy = SecurityPolicy::new(
            "https://api.cryptorefills.com",
            &["https://cdn.cryptorefills.com".into()],
            None,
            true,
        );
        let csp = policy.for_page("abc123+/=");
        assert!(csp.contains("script-src 'self' 'nonce-abc123+/=' 'wasm-unsafe-eval';"));
        for directive in [
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
            "form-action 'self'",
            "img-src 'self' data: https://api.cryptorefills.com https://cdn.cryptorefills.com;",
        ] {
            assert!(csp.contains(directive), "{directive} in {csp}");
        }
        assert!(!csp.contains("unsafe-eval'") || csp.contains("'wasm-unsafe-eval'"));
        assert!(
            !csp.contains("ws://"),
            "no live-reload socket outside watch"
        );
    }

    #[test]
    fn a_nonce_cannot_end_the_directive() {
        let policy = SecurityPolicy::new("http://127.0.0.1:3000", &[], Some(3001), false);
        let csp = policy.for_page("x'; script-src *");
        assert!(csp.contains("'nonce-xscript-src'"), "{csp}");
        assert!(csp.contains("connect-src 'self' ws://localhost:3001 ws://127.0.0.1:3001;"));
    }
}
