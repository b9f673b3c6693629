//! Who a request comes from, as upstream wants to know (IP and user agent).

use crate::{cryptorefills::Shopper, domain::Country};
use axum::http::{header, HeaderMap};
use std::net::{IpAddr, SocketAddr};

/// The shopper behind a request. `X-Forwarded-For` counts only when the request came
/// through a proxy on this machine or a private network; anyone else could forge it.
pub fn from_request(
    headers: &HeaderMap,
    peer: Option<SocketAddr>,
    country: Option<Country>,
) -> Shopper {
    let peer_ip = peer.map(|p| p.ip());
    let behind_proxy = peer_ip.is_none_or(|ip| match ip {
        IpAddr::V4(v4) => v4.is_loopback() || v4.is_private(),
        IpAddr::V6(v6) => v6.is_loopback(),
    });
    let forwarded = behind_proxy
        .then(|| {
            headers
                .get("x-forwarded-for")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.split(',').next())
                .and_then(|first| first.trim().parse::<IpAddr>().ok())
        })
        .flatten();
    Shopper {
        country,
        ip: forwarded.or(peer_ip),
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

    #[test]
    fn forwarded_for_is_trusted_only_from_a_local_proxy() {
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            HeaderValue::from_static("203.0.113.9, 10.0.0.1"),
        );
        headers.insert(header::USER_AGENT, HeaderValue::from_static("Firefox"));
        let local = from_request(
            &headers,
            Some(SocketAddr::from(([127, 0, 0, 1], 5000))),
            None,
        );
        assert_eq!(local.ip, Some(IpAddr::from([203, 0, 113, 9])));
        assert_eq!(local.user_agent.as_deref(), Some("Firefox"));
        let remote = from_request(
            &headers,
            Some(SocketAddr::from(([198, 51, 100, 7], 5000))),
            None,
        );
        assert_eq!(remote.ip, Some(IpAddr::from([198, 51, 100, 7])));
    }
}
