//! A country's shop page, and a brand's page, are the same for every shopper of that
//! country until the catalog changes, so each is rendered once per catalog version (and at
//! least once a minute) and kept compressed (brotli, gzip and plain): a browser's request
//! is then answered from memory, like a static file.
//!
//! What would vary per request is kept out of the kept bytes:
//! - the CSP nonce Leptos puts on inline scripts: a kept page's policy allows its inline
//!   scripts by their SHA-256 hashes instead (the nonce attribute is then inert);
//! - the search and category (`?q=`, `?category=`) and a brand page's choices (`?coin=`,
//!   `?amount=`, a returned form): requests with them are rendered as before, never kept;
//! - cookies: a brand page reads the coin the shopper chose last (part of the key); the
//!   cookie a page sets (the country) is the same for all; the brand page's checkout key,
//!   the one part that is the shopper's own, is a cookie added outside this layer
//!   (`fresh_checkout_key`), to kept pages too.
//!
//! An order's page (`/orders/{id}`) is kept for a second: everyone with its link sees the
//! same order, and a thousand views a second then cost one render.
//!
//! Over 400 lines because the keying rules, the render-once protocol and their unit tests
//! belong together; the compression and CSP hashing helpers are small.

use crate::services::content_policy::SecurityPolicy;
use crate::{cryptorefills::catalog_cache::Catalog, domain::Country};
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
/// Pages kept at once (a brand page kept is about 25 KB in its three encodings, an order's
/// about 45 KB); past it, pages past their use go first, then the oldest. Coin cookies are
/// the shopper's to write and order ids many, so keys are bounded here.
const MAX_KEPT: usize = 1_000;
/// An order's page is kept for a second (the look-up it shows is that old at most), and
/// served while another request renders it only if it is younger than this.
const ORDER_FRESH_FOR: Duration = Duration::from_secs(1);
const ORDER_STALE_AT_MOST: Duration = Duration::from_secs(3);

/// What a kept page is filed under: its path (and, for a brand page, the coin chosen last),
/// the country whose catalog generation it shows, if any, and how long it stays current.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct PageKey {
    page: String,
    country: Option<&'static str>,
    fresh_for: Duration,
    /// How old a copy may be to be answered while another request renders a new one.
    stale_at_most: Duration,
}

impl PageKey {
    fn catalog_page(page: String, country: &'static str) -> Self {
        Self {
            page,
            country: Some(country),
            fresh_for: MAX_AGE,
            stale_at_most: Duration::MAX,
        }
    }
}

#[derive(Clone)]
struct KeptPage {
    made: Instant,
    generation: u64,
    headers: HeaderMap,
    identity: Bytes,
    br: Bytes,
    gzip: Bytes,
}

type RenderLock = Arc<tokio::sync::Mutex<()>>;

/// A handle of one `Arc`: the middleware's state is cloned for every request.
#[derive(Clone)]
pub struct PageCache(Arc<CacheParts>);

pub struct CacheParts {
    pages: Mutex<HashMap<PageKey, Arc<KeptPage>>>,
    /// One render at a time per page: the others wait for it rather than render (and
    /// compress) the same page 64 times when it expires under load.
    renders: Mutex<HashMap<PageKey, RenderLock>>,
    catalog: Catalog,
    security: Arc<SecurityPolicy>,
}

impl std::ops::Deref for PageCache {
    type Target = CacheParts;

    fn deref(&self) -> &CacheParts {
        &self.0
    }
}

impl PageCache {
    pub fn new(catalog: Catalog, security: Arc<SecurityPolicy>) -> Self {
        Self(Arc::new(CacheParts {
            pages: Mutex::default(),
            renders: Mutex::default(),
            catalog,
            security,
        }))
    }

    /// The kept page, and whether it is still current (same catalog generation for its
    /// country, younger than `MAX_AGE`).
    fn get(&self, key: &PageKey) -> Option<(Arc<KeptPage>, bool)> {
        let pages = self.pages.lock().unwrap_or_else(|p| p.into_inner());
        let page = pages.get(key)?;
        let same_catalog = key
            .country
            .is_none_or(|code| page.generation == self.catalog.generation_for(code));
        let current = same_catalog && page.made.elapsed() < key.fresh_for;
        Some((page.clone(), current))
    }

    fn render_lock(&self, key: &PageKey) -> RenderLock {
        self.renders
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .entry(key.clone())
            .or_default()
            .clone()
    }

    /// Forgets `key`'s render lock once no render holds or waits for it, so that locks
    /// don't pile up for pages that were never kept.
    fn release_render(&self, key: &PageKey) {
        let mut renders = self.renders.lock().unwrap_or_else(|p| p.into_inner());
        if renders
            .get(key)
            .is_some_and(|lock| Arc::strong_count(lock) == 1)
        {
            renders.remove(key);
        }
    }

    /// Order `id` changed at `heard` (its live stream said so): its pages kept from before
    /// then are stale. They are still answered while one request renders the order anew
    /// (as any stale page is), and the page the viewers' live status asks for next shows
    /// the change.
    pub fn order_changed(&self, id: &str, heard: Instant) {
        let mut pages = self.pages.lock().unwrap_or_else(|p| p.into_inner());
        let Some(stale) = Instant::now().checked_sub(ORDER_FRESH_FOR) else {
            return;
        };
        for lang in crate::i18n::Lang::ALL {
            let key = order_key(lang.prefix(), id);
            if let Some(page) = pages.get_mut(&key) {
                if page.made < heard && page.made > stale {
                    Arc::make_mut(page).made = stale;
                }
            }
        }
    }

    fn keep(&self, key: PageKey, page: KeptPage) {
        let mut pages = self.pages.lock().unwrap_or_else(|p| p.into_inner());
        if pages.len() >= MAX_KEPT && !pages.contains_key(&key) {
            pages.retain(|key, page| page.made.elapsed() < key.fresh_for.max(key.stale_at_most));
        }
        if pages.len() >= MAX_KEPT && !pages.contains_key(&key) {
            let oldest = pages
                .iter()
                .min_by_key(|(_, page)| page.made)
                .map(|(key, _)| key.clone());
            if let Some(oldest) = oldest {
                pages.remove(&oldest);
            }
        }
        pages.insert(key, Arc::new(page));
    }
}

/// A render under way for `key`: when it ends, however it ends, its lock is let go and
/// forgotten if no one else wants it.
struct Rendering {
    cache: PageCache,
    key: PageKey,
    guard: Option<tokio::sync::OwnedMutexGuard<()>>,
}

impl Drop for Rendering {
    fn drop(&mut self) {
        self.guard.take();
        self.cache.release_render(&self.key);
    }
}

fn order_key(lang_prefix: &str, id: &str) -> PageKey {
    PageKey {
        page: format!("{lang_prefix}orders/{id}"),
        country: None,
        fresh_for: ORDER_FRESH_FOR,
        stale_at_most: ORDER_STALE_AT_MOST,
    }
}

/// Query parameters that don't change a page (campaign tags).
fn is_tracking(key: &str) -> bool {
    key.starts_with("utm_") || matches!(key, "gclid" | "fbclid" | "ref")
}

/// `/US`, a country's shop without a search or category, and `/US/amazon-com`, a brand's
/// page without a choice in its query (other parameters, like `utm_source`, don't change
/// the page): what the request's page is kept under, when it is one.
fn keepable(request: &Request) -> Option<PageKey> {
    if request.method() != Method::GET {
        return None;
    }
    // Each language's page is its own (`/vi/US` is kept apart from `/US`).
    let lang = crate::i18n::Lang::of_path(request.uri().path());
    let lang_prefix = lang.prefix();
    let path = crate::i18n::Lang::strip(request.uri().path());
    let mut segments = path.strip_prefix('/')?.split('/');
    let (code, slug) = (segments.next()?, segments.next());
    if segments.next().is_some() {
        return None;
    }
    let tracking_only = || {
        request.uri().query().is_none_or(|query| {
            url::form_urlencoded::parse(query.as_bytes()).all(|(key, _)| is_tracking(&key))
        })
    };
    // `/orders/{id}`: the same for everyone who has its link, for a second.
    if code == "orders" {
        return slug
            .filter(|id| crate::web::is_order_id(id) && tracking_only())
            .map(|id| order_key(lang_prefix, id));
    }
    let country = Country::find(code)?;
    // Only the canonical spelling: `/us` redirects to `/US`.
    if country.code != code {
        return None;
    }
    let mut query = request
        .uri()
        .query()
        .map(|query| url::form_urlencoded::parse(query.as_bytes()))
        .into_iter()
        .flatten();
    match slug {
        None => {
            let searches = query
                .any(|(key, value)| (key == "q" || key == "category") && !value.trim().is_empty());
            (!searches).then(|| {
                PageKey::catalog_page(format!("{lang_prefix}{}", country.code), country.code)
            })
        }
        Some(slug) if crate::web::is_slug(slug) && query.all(|(key, _)| is_tracking(&key)) => {
            // The coin chosen last decides the prices shown; a value that could not be a
            // coin's name is one the page ignores too.
            let coin =
                crate::web::cookies::request_cookie(request.headers(), crate::web::COIN_COOKIE)
                    .filter(|coin| {
                        (1..=12).contains(&coin.len())
                            && coin.bytes().all(|b| b.is_ascii_alphanumeric())
                    })
                    .map(str::to_ascii_uppercase)
                    .unwrap_or_default();
            Some(PageKey::catalog_page(
                format!("{lang_prefix}{}/{slug}?coin={coin}", country.code),
                country.code,
            ))
        }
        Some(_) => None,
    }
}

/// The layer, outermost: answers kept pages from memory (past logging and the other
/// layers, like a static file), and keeps what it renders. Every response passes through
/// it, so it is the one place the degraded mark is taken off: browsers never see it.
pub async fn serve(State(cache): State<PageCache>, request: Request, next: Next) -> Response {
    let mut response = page(cache, request, next).await;
    response
        .headers_mut()
        .remove(crate::render::DEGRADED_HEADER);
    response
}

async fn page(cache: PageCache, request: Request, next: Next) -> Response {
    let Some(key) = keepable(&request) else {
        return next.run(request).await;
    };
    let encoding = preferred_encoding(request.headers());
    let kept = cache.get(&key);
    if let Some((page, true)) = &kept {
        return answer(page, encoding);
    }
    // One request renders the page for everyone; none waits for it. While it renders, the
    // others get the page kept before (stale by at most one render), or, when there is none
    // yet, are rendered as usual, through the layers that limit load.
    let Ok(guard) = cache.render_lock(&key).try_lock_owned() else {
        return match kept {
            Some((page, _)) if page.made.elapsed() < key.stale_at_most => answer(&page, encoding),
            _ => next.run(request).await,
        };
    };
    let _rendering = Rendering {
        cache: cache.clone(),
        key: key.clone(),
        guard: Some(guard),
    };
    // Read before rendering: a refresh that lands during the render makes this page stale.
    let generation = key
        .country
        .map_or(0, |code| cache.catalog.generation_for(code));
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
        .contains_key(crate::render::DEGRADED_HEADER);
    if !is_page || degraded {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(html) = axum::body::to_bytes(body, MAX_PAGE).await else {
        tracing::warn!(
            page = %key.page,
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
    let generation = match key.country {
        Some(code) if generation == 0 => cache.catalog.generation_for(code),
        _ => generation,
    };
    // The page tells its time (an order's time left) as of its render: so does its `Date`.
    if let Ok(date) = HeaderValue::from_str(&httpdate::fmt_http_date(std::time::SystemTime::now()))
    {
        parts.headers.insert(header::DATE, date);
    }
    let page = KeptPage {
        made: Instant::now(),
        generation,
        headers: parts.headers,
        identity,
        br,
        gzip,
    };
    let response = answer(&page, encoding);
    cache.keep(key, page);
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
    fn an_order_page_is_kept_for_a_second() {
        let id = "4b0c9736-3a8c-47f9-9113-6149a35cd89a";
        let key = keepable(&request(&format!("/orders/{id}"))).expect("kept");
        assert_eq!(key.page, format!("orders/{id}"));
        assert_eq!(key.fresh_for, ORDER_FRESH_FOR);
        assert!(keepable(&request(&format!("/orders/{id}?utm_source=mail"))).is_some());
        for other in [
            "/orders",
            "/orders/not%20an%20id",
            &format!("/orders/{id}/x"),
        ] {
            assert_eq!(keepable(&request(other)), None, "{other}");
        }
    }

    fn kept_as(path: &str) -> Option<String> {
        keepable(&request(path)).map(|key| key.page)
    }

    #[test]
    fn only_plain_country_and_brand_pages_are_kept() {
        assert_eq!(kept_as("/US").as_deref(), Some("US"));
        assert_eq!(kept_as("/VN").as_deref(), Some("VN"));
        assert_eq!(kept_as("/US?utm_source=mail&q=").as_deref(), Some("US"));
        assert_eq!(
            kept_as("/US/amazon-com?utm_campaign=x").as_deref(),
            Some("US/amazon-com?coin=")
        );
        // Each language's bytes are kept apart.
        assert_eq!(kept_as("/vi/VN").as_deref(), Some("/viVN"));
        assert_eq!(
            kept_as("/vi/US/amazon-com").as_deref(),
            Some("/viUS/amazon-com?coin=")
        );
        assert_eq!(kept_as("/vi/orders/abc").as_deref(), Some("/viorders/abc"));
        assert_eq!(kept_as("/VI").as_deref(), Some("VI"));
        for other in [
            "/us",
            "/US?q=amazon",
            "/US?category=gaming",
            "/US/amazon-com?coin=USDT",
            "/US/amazon-com?amount=25",
            "/US/amazon-com?form=abc",
            "/US/amazon-com/x",
            "/us/amazon-com",
            "/US/Amazon%20com",
            "/XX",
            "/",
            "/orders",
            "/orders/abc?after=pay",
            "/vi",
            "/vi/vn",
            "/vi/VN?q=x",
        ] {
            assert_eq!(kept_as(other), None, "{other}");
        }
        let mut post = request("/US");
        *post.method_mut() = Method::POST;
        assert_eq!(keepable(&post), None);
    }

    #[test]
    fn a_brand_page_is_kept_per_coin_chosen_last() {
        let with_coin = |cookie: &str| {
            let mut request = request("/US/amazon-com");
            if let Ok(value) = HeaderValue::from_str(cookie) {
                request.headers_mut().insert(header::COOKIE, value);
            }
            keepable(&request).map(|key| key.page)
        };
        assert_eq!(
            with_coin("storefront_coin=usdt").as_deref(),
            Some("US/amazon-com?coin=USDT")
        );
        assert_eq!(
            with_coin("a=1; storefront_coin=BTC").as_deref(),
            Some("US/amazon-com?coin=BTC")
        );
        for junk in [
            "storefront_coin=%3Cscript%3E",
            "storefront_coin=AVERYLONGCOINNAMEINDEED",
        ] {
            assert_eq!(
                with_coin(junk).as_deref(),
                Some("US/amazon-com?coin="),
                "{junk}"
            );
        }
    }
}
