//! Checks a request passes before anything serves it: a method and target the shop
//! serves, a form posted from the shop's own pages, and a fair share of the server for
//! each shopper.

use crate::{
    config::proxies::TrustedProxies,
    error::AppError,
    i18n::{words::ProblemsText, Lang},
    services::shopper_address::client_ip,
};
use axum::{
    extract::{ConnectInfo, Request, State},
    http::{header, HeaderMap, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use std::{
    collections::HashMap,
    net::{IpAddr, SocketAddr},
    sync::{Arc, Mutex},
};

/// Methods the shop serves (DELETE only clears the sandbox's faults). Anything else, and a
/// target that is not a path (`CONNECT host:22`, `OPTIONS *`), is refused here, before a
/// handler that assumes a path sees it.
pub async fn refuse_unserved(request: Request, next: Next) -> Response {
    let served = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::POST | Method::DELETE
    );
    // The refusal is in the path's language; a target that is no path has none.
    let words = ProblemsText(Lang::of_path(request.uri().path()));
    if !served {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD, POST")],
            words.method_not_served(),
        )
            .into_response();
    }
    let is_path = request
        .uri()
        .path_and_query()
        .is_some_and(|p| p.path().starts_with('/'));
    if !is_path {
        return (StatusCode::BAD_REQUEST, words.not_a_path()).into_response();
    }
    next.run(request).await
}

/// Whether a state-changing request comes from the shop's own pages. Browsers say where a
/// request comes from in `Sec-Fetch-Site`; older ones send `Origin`, which must then be the
/// shop's. A request with neither is not a browser's form (curl, a test, a server) and
/// carries no shopper's cookies to abuse.
fn is_same_site(headers: &HeaderMap, public_origin: &str) -> bool {
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = text("sec-fetch-site") {
        return matches!(site, "same-origin" | "none");
    }
    match text("origin") {
        None => true,
        Some(origin) => {
            let own =
                text("host").map(|host| [format!("http://{host}"), format!("https://{host}")]);
            origin == public_origin || own.is_some_and(|own| own.contains(&origin.to_string()))
        }
    }
}

/// The settings `refuse_cross_site` needs.
#[derive(Clone)]
pub struct CrossSite {
    pub public_origin: Arc<str>,
    /// Paths under this prefix are an API for machines (the sandbox), not forms.
    pub api_prefix: &'static str,
}

/// Refuses a POST (or DELETE) sent by another site's page: a form there must not be able to
/// order, or push a sandbox order along, in a shopper's name.
pub async fn refuse_cross_site(
    State(settings): State<CrossSite>,
    request: Request,
    next: Next,
) -> Response {
    let changes_state = matches!(*request.method(), Method::POST | Method::DELETE);
    let is_api = request.uri().path().starts_with(settings.api_prefix);
    if !changes_state || is_api || is_same_site(request.headers(), &settings.public_origin) {
        return next.run(request).await;
    }
    tracing::info!(path = %request.uri().path(), "refused a form sent from another site");
    let lang = Lang::of_path(request.uri().path());
    let refusal = ProblemsText(lang).only_own_pages().into();
    super::error_page::ErrorPage::new(AppError::Forbidden(refusal), lang)
        .nothing_ordered()
        .into_response()
}

/// Requests in flight per shopper: one shopper's slow or endless requests can't take the
/// places every other shopper needs.
#[derive(Clone)]
pub struct InFlight {
    counts: Arc<Mutex<HashMap<IpAddr, u32>>>,
    max: u32,
    trusted: TrustedProxies,
}

/// Holds a shopper's place until dropped.
struct Place {
    counts: Arc<Mutex<HashMap<IpAddr, u32>>>,
    ip: IpAddr,
}

impl Drop for Place {
    fn drop(&mut self) {
        let mut counts = self.counts.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(count) = counts.get_mut(&self.ip) {
            *count -= 1;
            if *count == 0 {
                counts.remove(&self.ip);
            }
        }
    }
}

impl InFlight {
    pub fn new(max: u32, trusted: TrustedProxies) -> Self {
        Self {
            counts: Arc::default(),
            max,
            trusted,
        }
    }

    fn take(&self, ip: IpAddr) -> Option<Place> {
        let ip = crate::services::rate_limit::network_of(ip, false);
        let mut counts = self.counts.lock().unwrap_or_else(|p| p.into_inner());
        let count = counts.entry(ip).or_default();
        if *count >= self.max {
            return None;
        }
        *count += 1;
        Some(Place {
            counts: self.counts.clone(),
            ip,
        })
    }
}

/// The layer: past `max` requests in flight from one shopper, 503 at once.
pub async fn per_shopper(
    State(in_flight): State<InFlight>,
    request: Request,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| *addr);
    let Some(peer) = peer else {
        return next.run(request).await;
    };
    let ip = client_ip(request.headers(), peer, &in_flight.trusted);
    let Some(_place) = in_flight.take(ip) else {
        tracing::info!("a shopper has too many requests in flight");
        let words = ProblemsText(Lang::of_path(request.uri().path()));
        let mut response = (StatusCode::SERVICE_UNAVAILABLE, words.too_many_open()).into_response();
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("2"));
        return response;
    };
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn only_the_shops_own_pages_may_post() {
        let own = "https://shop.example.com";
        assert!(is_same_site(
            &headers(&[("sec-fetch-site", "same-origin")]),
            own
        ));
        assert!(is_same_site(&headers(&[("sec-fetch-site", "none")]), own));
        assert!(!is_same_site(
            &headers(&[("sec-fetch-site", "cross-site")]),
            own
        ));
        assert!(!is_same_site(
            &headers(&[("sec-fetch-site", "same-site")]),
            own
        ));
        assert!(is_same_site(
            &headers(&[("origin", "https://shop.example.com")]),
            own
        ));
        assert!(is_same_site(
            &headers(&[
                ("origin", "http://127.0.0.1:3000"),
                ("host", "127.0.0.1:3000")
            ]),
            own
        ));
        assert!(!is_same_site(
            &headers(&[
                ("origin", "https://evil.example"),
                ("host", "shop.example.com")
            ]),
            own
        ));
        assert!(!is_same_site(&headers(&[("origin", "null")]), own));
        assert!(is_same_site(&headers(&[]), own), "not a browser");
    }

    #[test]
    fn places_are_given_back() {
        let in_flight = InFlight::new(2, TrustedProxies::default());
        let ip = IpAddr::from([203, 0, 113, 7]);
        let a = in_flight.take(ip);
        let b = in_flight.take(ip);
        assert!(a.is_some() && b.is_some());
        assert!(in_flight.take(ip).is_none(), "a third at once");
        assert!(in_flight.take(IpAddr::from([203, 0, 113, 8])).is_some());
        drop(a);
        assert!(in_flight.take(ip).is_some(), "a place came back");
        drop(b);
    }
}
