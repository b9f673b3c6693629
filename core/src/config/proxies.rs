//! Which proxies may tell us the shopper's address (`X-Forwarded-For`): the networks the
//! partner configures in `STOREFRONT_TRUSTED_PROXIES`, by default only this machine.

use std::{fmt, net::IpAddr};

/// A list of networks (`10.0.0.0/8`, `2001:db8::/32`, or single addresses).
#[derive(Clone, PartialEq, Eq)]
pub struct TrustedProxies(Vec<(IpAddr, u8)>);

impl Default for TrustedProxies {
    /// Loopback only: a proxy on this machine.
    fn default() -> Self {
        Self(vec![
            (IpAddr::from([127, 0, 0, 0]), 8),
            (IpAddr::from([0u16, 0, 0, 0, 0, 0, 0, 1]), 128),
        ])
    }
}

impl fmt::Debug for TrustedProxies {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.0.iter().map(|(ip, bits)| format!("{ip}/{bits}")))
            .finish()
    }
}

impl TrustedProxies {
    /// `"10.0.0.0/8, 2001:db8::/32, 192.0.2.7"`; `none` (or an empty text) trusts nobody.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut networks = Vec::new();
        if text.trim().eq_ignore_ascii_case("none") {
            return Ok(Self(networks));
        }
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (ip, bits) = match part.split_once('/') {
                Some((ip, bits)) => (ip, Some(bits)),
                None => (part, None),
            };
            let ip: IpAddr = ip
                .parse()
                .map_err(|_| format!("`{part}` is not an address or a network"))?;
            let max = if ip.is_ipv4() { 32 } else { 128 };
            let bits = match bits {
                None => max,
                Some(bits) => bits
                    .parse::<u8>()
                    .ok()
                    .filter(|b| *b <= max)
                    .ok_or_else(|| format!("`{part}` has a prefix length outside 0..={max}"))?,
            };
            networks.push((ip, bits));
        }
        Ok(Self(networks))
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        self.0
            .iter()
            .any(|(net, bits)| in_network(ip, canonical(*net), *bits))
    }

    /// The shopper's address: the peer's, unless the peer is a trusted proxy; then the
    /// rightmost address in `X-Forwarded-For` that is not a trusted proxy (the leftmost ones
    /// are whatever the client claimed, and anyone can claim anything).
    pub fn client_ip(&self, peer: IpAddr, forwarded_for: Option<&str>) -> IpAddr {
        if !self.contains(peer) {
            return peer;
        }
        let Some(chain) = forwarded_for else {
            return peer;
        };
        let mut shopper = peer;
        for hop in chain.rsplit(',') {
            let Some(ip) = parse_hop(hop) else {
                // Garbage in the chain: trust nothing to its left.
                return shopper;
            };
            shopper = ip;
            if !self.contains(ip) {
                return ip;
            }
        }
        shopper
    }
}

/// One `X-Forwarded-For` entry: an address, or an address with a port as some proxies
/// write them (`192.0.2.1:5123`, `[2001:db8::1]:5123`).
fn parse_hop(hop: &str) -> Option<IpAddr> {
    let hop = hop.trim();
    if let Ok(ip) = hop.parse() {
        return Some(ip);
    }
    if let Some(rest) = hop.strip_prefix('[') {
        let (ip, port) = rest.split_once(']')?;
        return (port.is_empty() || port.strip_prefix(':')?.parse::<u16>().is_ok())
            .then(|| ip.parse().ok())
            .flatten();
    }
    let (ip, port) = hop.split_once(':')?;
    port.parse::<u16>().ok()?;
    ip.parse::<std::net::Ipv4Addr>().ok().map(IpAddr::V4)
}

/// IPv4-mapped IPv6 addresses (`::ffff:192.0.2.1`) compare as the IPv4 address they are.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

fn in_network(ip: IpAddr, net: IpAddr, bits: u8) -> bool {
    match (ip, net) {
        (IpAddr::V4(a), IpAddr::V4(b)) => prefix_eq(
            u128::from(u32::from(a)) << 96,
            u128::from(u32::from(b)) << 96,
            bits,
        ),
        (IpAddr::V6(a), IpAddr::V6(b)) => prefix_eq(u128::from(a), u128::from(b), bits),
        _ => false,
    }
}

fn prefix_eq(a: u128, b: u128, bits: u8) -> bool {
    if bits == 0 {
        return true;
    }
    let mask = u128::MAX << (128 - u32::from(bits.min(128)));
    a & mask == b & mask
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap_or(IpAddr::from([0, 0, 0, 0]))
    }

    #[test]
    fn networks_of_both_families_parse_and_match() {
        let trusted = TrustedProxies::parse("10.0.0.0/8, 2001:db8::/32, 192.0.2.7").expect("valid");
        assert!(trusted.contains(ip("10.1.2.3")));
        assert!(!trusted.contains(ip("11.0.0.1")));
        assert!(trusted.contains(ip("2001:db8:1::5")));
        assert!(!trusted.contains(ip("2001:db9::5")));
        assert!(trusted.contains(ip("192.0.2.7")));
        assert!(!trusted.contains(ip("192.0.2.8")));
        assert!(trusted.contains(ip("::ffff:10.0.0.9")), "IPv4-mapped");
        assert!(TrustedProxies::parse("").expect("empty").0.is_empty());
        assert!(TrustedProxies::parse("none").expect("none").0.is_empty());
        for bad in ["10.0.0.0/33", "nope", "::/129", "10.0.0.0/x"] {
            assert!(TrustedProxies::parse(bad).is_err(), "{bad}");
        }
        assert!(TrustedProxies::default().contains(ip("127.0.0.1")));
        assert!(TrustedProxies::default().contains(ip("::1")));
        assert!(
            !TrustedProxies::default().contains(ip("10.0.0.1")),
            "private is not trusted by default"
        );
    }

    #[test]
    fn the_rightmost_untrusted_address_is_the_shoppers() {
        let trusted = TrustedProxies::parse("10.0.0.0/8").expect("valid");
        // A spoofed first entry, then the real client, then our own load balancer.
        let chain = Some("1.1.1.1, 203.0.113.9, 10.0.0.2");
        assert_eq!(trusted.client_ip(ip("10.0.0.1"), chain), ip("203.0.113.9"));
        // From an untrusted peer the header means nothing.
        assert_eq!(
            trusted.client_ip(ip("198.51.100.7"), chain),
            ip("198.51.100.7")
        );
        // Garbage stops the walk.
        assert_eq!(
            trusted.client_ip(ip("10.0.0.1"), Some("203.0.113.9, junk, 10.0.0.2")),
            ip("10.0.0.2")
        );
        assert_eq!(trusted.client_ip(ip("10.0.0.1"), None), ip("10.0.0.1"));
    }

    #[test]
    fn entries_with_ports_are_addresses_too() {
        let trusted = TrustedProxies::parse("10.0.0.0/8").expect("valid");
        assert_eq!(
            trusted.client_ip(ip("10.0.0.1"), Some("1.1.1.1, 203.0.113.9:5123")),
            ip("203.0.113.9")
        );
        assert_eq!(
            trusted.client_ip(ip("10.0.0.1"), Some("[2001:db8::9]:443, 10.0.0.2:80")),
            ip("2001:db8::9")
        );
        assert_eq!(parse_hop("[2001:db8::9]"), Some(ip("2001:db8::9")));
        for bad in ["203.0.113.9:", "203.0.113.9:x", "[::1]x", "host:80"] {
            assert_eq!(parse_hop(bad), None, "{bad}");
        }
    }
}
