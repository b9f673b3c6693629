//! A country's shop page is the same for every shopper of that country until the catalog
//! changes, so it is rendered once per catalog version and kept compressed (brotli, gzip
//! and plain): a browser's request is then answered from memory, like a static file.
//!
//! What would vary per request is kept out of the kept bytes:
//! - the CSP nonce Leptos puts on inline scripts: a kept page's policy allows its inline
//!   scripts by their SHA-256 hashes instead (the nonce attribute is then inert);
//! - the search and category (`?q=`, `?category=`): requests with a query are rendered
//!   as before, never kept;
//! - cookies: the page reads none; the one it sets (the country) is the same for all.
//!   Brand pages carry a per-shopper idempotency key and are never kept.

use super::security::SecurityPolicy;
use crate::{cryptorefills::catalog::Catalog, domain::Country};
use axum::{
    body::Body,
    extract::{Request, State},
    http::{header, HeaderMap, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::Response,
};
use bytes::Bytes;
use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use super::assets::{preferred_encoding, Encoding};

/// A kept page is rendered again after this long even if the catalog did not say it
/// changed, so that rendering asks the catalog, whose stale copy then refreshes.
const MAX_AGE: Duration = Duration::from_secs(60);
/// A page larger than this is not kept (ours are about 100 KB).
const MAX_PAGE: usize = 4 * 1024 * 1024;

struct KeptPage {
    made: Instant,
    generation: u64,
    headers: HeaderMap,
    identity: Bytes,
    br: Bytes,
    gzip: Bytes,
}

type RenderLock = Arc<tokio::sync::Mutex<()>>;

#[derive(Clone)]
pub struct PageCache {
    pages: Arc<Mutex<HashMap<&'static str, Arc<KeptPage>>>>,
    /// One render at a time per page: the others wait for it rather than render (and
    /// compress) the same page 64 times when it expires under load.
    renders: Arc<Mutex<HashMap<&'static str, RenderLock>>>,
    catalog: Catalog,
    security: Arc<SecurityPolicy>,
}

impl PageCache {
    pub fn new(catalog: Catalog, security: Arc<SecurityPolicy>) -> Self {
        Self {
            pages: Arc::default(),
            renders: Arc::default(),
            catalog,
            security,
        }
    }

    /// The kept page, and whether it is still current (same catalog generation for its
    /// country, younger than `MAX_AGE`).
    fn get(&self, code: &'static str) -> Option<(Arc<KeptPage>, bool)> {
        let pages = self.pages.lock().unwrap_or_else(|p| p.into_inner());
        let page = pages.get(code)?;
        let current =
            page.generation == self.catalog.generation_for(code) && page.made.elapsed() < MAX_AGE;
        Some((page.clone(), current))
    }

    fn render_lock(&self, code: &'static str) -> Arc<tokio::sync::Mutex<()>> {
        self.renders
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .entry(code)
            .or_default()
            .clone()
    }

    fn keep(&self, code: &'static str, page: KeptPage) {
        self.pages
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(code, Arc::new(page));
    }
}

/// `/US`: a country's shop without a search or category (other parameters, like
/// `utm_source`, don't change the page); the country's code when the request is one.
fn keepable(request: &Request) -> Option<&'static str> {
    if request.method() != Method::GET {
        return None;
    }
    let searches = request.uri().query().is_some_and(|query| {
        url::form_urlencoded::parse(query.as_bytes())
            .any(|(key, value)| (key == "q" || key == "category") && !value.trim().is_empty())
    });
    if searches {
        return None;
    }
    let code = request.uri().path().strip_prefix('/')?;
    let country = Country::find(code)?;
    // Only the canonical spelling: `/us` redirects to `/US`.
    (country.code == code).then_some(country.code)
}

/// The layer, outermost: answers kept pages from memory (past logging and the other
/// layers, like a static file), and keeps what it renders.
pub async fn serve(State(cache): State<PageCache>, request: Request, next: Next) -> Response {
    let Some(code) = keepable(&request) else {
        return next.run(request).await;
    };
    let encoding = preferred_encoding(request.headers());
    let kept = cache.get(code);
    if let Some((page, true)) = &kept {
        return answer(page, encoding);
    }
    // One request renders the page for everyone; none waits for it. While it renders, the
    // others get the page kept before (stale by at most one render), or, when there is none
    // yet, are rendered as usual, through the layers that limit load.
    let Ok(_rendering) = cache.render_lock(code).try_lock_owned() else {
        return match kept {
            Some((page, _)) => answer(&page, encoding),
            None => next.run(request).await,
        };
    };
    // Read before rendering: a refresh that lands during the render makes this page stale.
    let generation = cache.catalog.generation_for(code);
    let (mut parts, body) = request.into_parts();
    // Rendered plain: this layer compresses, once.
    parts.headers.remove(header::ACCEPT_ENCODING);
    let response = next.run(Request::from_parts(parts, body)).await;
    let is_page = response.status() == StatusCode::OK
        && response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|t| t.starts_with("text/html"))
        && response
            .headers()
            .get(header::CONTENT_SECURITY_POLICY)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|csp| csp.contains("'nonce-"));
    // A page rendered without part of the catalog (the feed or the payment options failed)
    // is answered, never kept: the next request tries again.
    let degraded = response
        .headers()
        .contains_key(crate::http::DEGRADED_HEADER);
    if !is_page || degraded {
        let mut response = response;
        response.headers_mut().remove(crate::http::DEGRADED_HEADER);
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(html) = axum::body::to_bytes(body, MAX_PAGE).await else {
        tracing::warn!(
            country = code,
            "a page too large to keep; answered with an error"
        );
        return Response::builder()
            .status(StatusCode::INTERNAL_SERVER_ERROR)
            .body(Body::empty())
            .unwrap_or_default();
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    // Only the scripts this render wrote (they carry its nonce) are allowed: a script that
    // got into the page any other way stays blocked, kept or not.
    let nonce = parts
        .headers
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .and_then(nonce_of)
        .unwrap_or_default();
    let hashes = inline_script_hashes(&html, &nonce);
    if let Ok(policy) = HeaderValue::from_str(&cache.security.for_hashes(&hashes)) {
        parts
            .headers
            .insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    let identity = html.clone();
    let compressed = tokio::task::spawn_blocking(move || (brotli(&html), gzip(&html))).await;
    let Ok((br, gzip)) = compressed else {
        return answer_plain(parts.headers, identity);
    };
    // A render that fetched the catalog itself (the first one) filed that generation: the
    // page shows it.
    let generation = if generation == 0 {
        cache.catalog.generation_for(code)
    } else {
        generation
    };
    let page = KeptPage {
        made: Instant::now(),
        generation,
        headers: parts.headers,
        identity,
        br,
        gzip,
    };
    let response = answer(&page, encoding);
    cache.keep(code, page);
    response
}

fn answer(page: &KeptPage, encoding: Encoding) -> Response {
    let (body, content_encoding) = match encoding {
        Encoding::Brotli => (page.br.clone(), Some("br")),
        Encoding::Gzip => (page.gzip.clone(), Some("gzip")),
        Encoding::Identity => (page.identity.clone(), None),
    };
    let mut response = answer_plain(page.headers.clone(), body);
    let headers = response.headers_mut();
    if let Some(encoding) = content_encoding {
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
    }
    response
}

fn answer_plain(mut headers: HeaderMap, body: Bytes) -> Response {
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(body.len()));
    let mut response = Response::new(Body::from(body));
    *response.headers_mut() = headers;
    response
}

fn brotli(bytes: &[u8]) -> Bytes {
    let mut out = Vec::with_capacity(bytes.len() / 4);
    let params = ::brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    let _ = ::brotli::BrotliCompress(&mut &bytes[..], &mut out, &params);
    Bytes::from(out)
}

fn gzip(bytes: &[u8]) -> Bytes {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(bytes.len() / 3),
        flate2::Compression::best(),
    );
    let _ = encoder.write_all(bytes);
    Bytes::from(encoder.finish().unwrap_or_default())
}

/// The nonce a page's policy names (`'nonce-abc'` gives `abc`).
fn nonce_of(policy: &str) -> Option<String> {
    let start = policy.find("'nonce-")? + 7;
    let end = start + policy[start..].find('\'')?;
    Some(policy[start..end].to_string())
}

/// `'sha256-…'` of each inline script's text that carries `nonce`, as the browser hashes it.
pub fn inline_script_hashes(html: &[u8], nonce: &str) -> Vec<String> {
    let own = format!("nonce=\"{nonce}\"");
    use base64::Engine;
    use sha2::{Digest, Sha256};
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = find(rest, b"<script") {
        rest = &rest[start + 7..];
        let Some(tag_end) = find(rest, b">") else {
            break;
        };
        let tag = &rest[..tag_end];
        rest = &rest[tag_end + 1..];
        let Some(close) = find(rest, b"</script") else {
            break;
        };
        let text = &rest[..close];
        rest = &rest[close..];
        if find(tag, b"src=").is_some() || nonce.is_empty() || find(tag, own.as_bytes()).is_none() {
            continue;
        }
        let digest = Sha256::digest(text);
        let hash = format!(
            "'sha256-{}'",
            base64::engine::general_purpose::STANDARD.encode(digest)
        );
        if !hashes.contains(&hash) {
            hashes.push(hash);
        }
    }
    hashes
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_are_hashed_as_browsers_hash_them() {
        // echo -n 'alert(1)' | openssl dgst -sha256 -binary | base64
        let html = br#"<head><script src="/pkg/a.js"></script><script nonce="x">alert(1)</script>
            <SCRIPT type="module" nonce="x">alert(1)</SCRIPT><script nonce="x">let a = "</b>";</script>
            <script>alert(2)</script><script nonce="y">alert(3)</script></head>"#;
        let hashes = inline_script_hashes(html, "x");
        assert_eq!(
            hashes,
            [
                "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='",
                "'sha256-Meg2juF/3VIxQCBcrjm+dSX++0qJhKHT/qMKpT4XBSY='",
            ],
            "one hash per distinct text of the render's own scripts; external scripts, \
             scripts without the nonce and scripts with another have none"
        );
        assert!(inline_script_hashes(html, "").is_empty());
        assert_eq!(
            nonce_of("script-src 'self' 'nonce-x+/=' 'wasm-unsafe-eval'").as_deref(),
            Some("x+/=")
        );
    }

    fn request(path: &str) -> Request {
        Request::builder()
            .uri(path)
            .body(Body::empty())
            .unwrap_or_default()
    }

    #[test]
    fn only_plain_country_pages_are_kept() {
        assert_eq!(keepable(&request("/US")), Some("US"));
        assert_eq!(keepable(&request("/VN")), Some("VN"));
        assert_eq!(keepable(&request("/US?utm_source=mail&q=")), Some("US"));
        for other in [
            "/us",
            "/US?q=amazon",
            "/US?category=gaming",
            "/US/amazon-com",
            "/XX",
            "/",
            "/orders",
        ] {
            assert_eq!(keepable(&request(other)), None, "{other}");
        }
        let mut post = request("/US");
        *post.method_mut() = Method::POST;
        assert_eq!(keepable(&post), None);
    }
}
