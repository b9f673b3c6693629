//! Who a request comes from, as upstream wants to know: the address (behind trusted
//! proxies only) and the browser.

use crate::config::proxies::TrustedProxies;
use crate::{cryptorefills::Shopper, domain::Country};
use axum::http::{header, HeaderMap};
use std::net::{IpAddr, SocketAddr};

/// The shopper behind a request. `X-Forwarded-For` counts only when the request came
/// through a proxy the partner trusts (`STOREFRONT_TRUSTED_PROXIES`); anyone else could
/// forge it, and then the rightmost address that is not a trusted proxy is the shopper's.
pub fn from_request(
    headers: &HeaderMap,
    peer: Option<SocketAddr>,
    country: Option<Country>,
    trusted: &TrustedProxies,
) -> Shopper {
    Shopper {
        country,
        ip: peer.map(|p| client_ip(headers, p, trusted)),
        user_agent: headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(|v| v.chars().take(512).collect()),
        ..Shopper::default()
    }
}

/// The shopper's address (see `TrustedProxies::client_ip`). Every `X-Forwarded-For` line
/// counts, in order: a proxy that adds its own line after the client's (HAProxy's
/// `option forwardfor`) must not leave the client's own claim as the last word.
pub fn client_ip(headers: &HeaderMap, peer: SocketAddr, trusted: &TrustedProxies) -> IpAddr {
    let lines: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    let chain = (!lines.is_empty()).then(|| lines.join(","));
    trusted.client_ip(peer.ip(), chain.as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

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

    #[test]
    fn a_second_forwarded_for_line_is_read_after_the_first() {
        // The client claims an address; the proxy adds the real one on a line of its own.
        let mut headers = HeaderMap::new();
        headers.append("x-forwarded-for", HeaderValue::from_static("198.51.100.1"));
        headers.append("x-forwarded-for", HeaderValue::from_static("203.0.113.9"));
        let proxy = SocketAddr::from(([127, 0, 0, 1], 5000));
        assert_eq!(
            client_ip(&headers, proxy, &TrustedProxies::default()),
            IpAddr::from([203, 0, 113, 9])
        );
    }
}
