//! Who a request comes from, as upstream wants to know (IP and user agent).

use super::proxies::TrustedProxies;
use crate::{cryptorefills::Shopper, domain::Country};
use axum::http::{header, HeaderMap};
use std::net::SocketAddr;

/// The shopper behind a request. `X-Forwarded-For` counts only when the request came
/// through a proxy the partner trusts (`STOREFRONT_TRUSTED_PROXIES`); anyone else could
/// forge it, and then the rightmost address that is not a trusted proxy is the shopper's.
pub fn from_request(
    headers: &HeaderMap,
    peer: Option<SocketAddr>,
    country: Option<Country>,
    trusted: &TrustedProxies,
) -> Shopper {
    let forwarded_for = headers.get("x-forwarded-for").and_then(|v| v.to_str().ok());
    Shopper {
        country,
        ip: peer.map(|p| trusted.client_ip(p.ip(), forwarded_for)),
        user_agent: headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(|v| v.chars().take(512).collect()),
        ..Shopper::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;
    use std::net::IpAddr;

    #[test]
    fn forwarded_for_is_trusted_only_from_a_local_proxy() {
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            HeaderValue::from_static("203.0.113.9, 10.0.0.1"),
        );
        headers.insert(header::USER_AGENT, HeaderValue::from_static("Firefox"));
        let trusted = TrustedProxies::default();
        let local = from_request(
            &headers,
            Some(SocketAddr::from(([127, 0, 0, 1], 5000))),
            None,
            &trusted,
        );
        // 10.0.0.1 is not a trusted proxy by default: it is the nearest untrusted hop.
        assert_eq!(local.ip, Some(IpAddr::from([10, 0, 0, 1])));
        assert_eq!(local.user_agent.as_deref(), Some("Firefox"));
        let remote = from_request(
            &headers,
            Some(SocketAddr::from(([198, 51, 100, 7], 5000))),
            None,
            &trusted,
        );
        assert_eq!(remote.ip, Some(IpAddr::from([198, 51, 100, 7])));
    }
}
