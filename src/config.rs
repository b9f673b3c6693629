//! The environment, read once at start into a typed `Config`; a bad value stops the server
//! with a message that says which variable and what would be right.

use crate::{
    domain::{shop::ShopInfo, Country},
    sandbox,
    server::proxies::TrustedProxies,
};
use std::{fmt, time::Duration};
use url::Url;

/// Where the catalog and orders come from.
#[derive(Clone, PartialEq)]
pub enum Upstream {
    /// The embedded sandbox under `/sandbox/api` of this very server.
    Sandbox,
    Remote {
        url: Url,
        partner_id: String,
        app_version: String,
    },
}

/// What logs and `/healthz` say: the scheme and host only, never a user, password, path or
/// query that the URL may carry.
impl fmt::Display for Upstream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Sandbox => f.write_str("embedded sandbox"),
            Self::Remote { url, .. } => f.write_str(&public_origin(url)),
        }
    }
}

/// The partner id is a credential: `Debug` output (logs, panics) never shows it.
impl fmt::Debug for Upstream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Sandbox => f.write_str("Sandbox"),
            Self::Remote {
                url, app_version, ..
            } => f
                .debug_struct("Remote")
                .field("url", &public_origin(url))
                .field("partner_id", &"<redacted>")
                .field("app_version", app_version)
                .finish(),
        }
    }
}

/// `https://api.example.com:8443` from any URL: scheme, host and port, nothing else.
pub fn public_origin(url: &Url) -> String {
    let host = url.host_str().unwrap_or("?");
    match url.port() {
        Some(port) => format!("{}://{host}:{port}", url.scheme()),
        None => format!("{}://{host}", url.scheme()),
    }
}

#[derive(Clone, Debug)]
pub struct Config {
    pub upstream: Upstream,
    pub default_country: Country,
    pub connect_timeout: Duration,
    pub timeout: Duration,
    /// How long an order's event stream from upstream may say nothing (upstream sends a
    /// comment every 15 s) before it counts as dead and is opened again.
    pub stream_idle: Duration,
    /// Used when `upstream` is the sandbox (and by `storefront sandbox`).
    pub sandbox: sandbox::Settings,
    /// Sent as `acquisition.utm_source` with every order.
    pub utm_source: String,
    /// Proxies whose `X-Forwarded-For` is believed (default: this machine only).
    pub trusted_proxies: TrustedProxies,
    /// How long a page, a server function or the checkout may take (event streams excepted).
    pub request_timeout: Duration,
    /// Requests served at once; past it the server answers 503 at once rather than queueing.
    pub max_concurrent_requests: usize,
    /// How long a client may take to send a request's headers (a slow client can't hold a
    /// connection open by dribbling them).
    pub header_read_timeout: Duration,
    /// Where shoppers reach the shop (`STOREFRONT_PUBLIC_URL`): canonical URLs, `og:url`,
    /// JSON-LD and whether cookies are `Secure`. Unset: the address the server listens on.
    pub public_url: Option<Url>,
    /// Hosts pictures may come from besides this shop and the API (brand logos' CDN).
    pub image_hosts: Vec<String>,
    /// Per shopper IP, a minute: custom-amount quotes, and checkout attempts.
    pub quotes_per_minute: u32,
    pub orders_per_minute: u32,
    /// Per shopper IP, a minute: orders looked up at upstream (order pages, polls, new
    /// event streams); a made-up order id costs the partner's quota too.
    pub order_lookups_per_minute: u32,
    /// Event streams one shopper IP may hold open at once (and a quarter of that, at least
    /// two, for one order).
    pub streams_per_shopper: u32,
    /// How long one event stream stays open before the server ends it (the page reconnects
    /// at once, as after any cut).
    pub stream_lifetime: Duration,
    /// How long a client may take to send a request's body.
    pub body_read_timeout: Duration,
    /// Requests one shopper IP may have in flight at once (event streams count until their
    /// headers are sent).
    pub requests_per_shopper: u32,
    /// The shop's name, its newsletter's owner and where shoppers get help.
    pub shop: ShopInfo,
}

/// The longest any configured duration may be (a day): larger ones would overflow the
/// timers they set.
const MAX_SECS: u64 = 86_400;

/// Where production's brand logos live (`logo_base_url`).
pub const DEFAULT_IMAGE_HOSTS: &str = "https://cdn.cryptorefills.com";

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ConfigError {
    #[error("{name} is required when CR_API_URL is set: {hint}")]
    Missing {
        name: &'static str,
        hint: &'static str,
    },
    #[error("{name}={value:?} is not valid: {expected}")]
    Invalid {
        name: &'static str,
        value: String,
        expected: String,
    },
}

/// The app version sent to the sandbox when none is configured.
const SANDBOX_APP_VERSION: &str = concat!("storefront-", env!("CARGO_PKG_VERSION"));

impl Config {
    /// Reads the process environment (after `.env`, which `main` loads).
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads configuration through `lookup`; blank values count as unset.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let var = |name: &str| {
            lookup(name)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };

        let upstream = match var("CR_API_URL") {
            None => Upstream::Sandbox,
            Some(raw) => Upstream::Remote {
                url: api_url(&raw)?,
                partner_id: var("CR_PARTNER_ID").ok_or(ConfigError::Missing {
                    name: "CR_PARTNER_ID",
                    hint: "your partner id, sent as X-Cr-Application (see your Cryptorefills account page)",
                })?,
                app_version: var("CR_APP_VERSION").ok_or(ConfigError::Missing {
                    name: "CR_APP_VERSION",
                    hint: "your app version, sent as X-Cr-Version (for example 1.0.0)",
                })?,
            },
        };

        let default_country = match var("STOREFRONT_DEFAULT_COUNTRY") {
            None => Country::find("US").copied().ok_or(ConfigError::Invalid {
                name: "STOREFRONT_DEFAULT_COUNTRY",
                value: "US".into(),
                expected: "a supported country".into(),
            })?,
            Some(code) => Country::find(&code).copied().ok_or(ConfigError::Invalid {
                name: "STOREFRONT_DEFAULT_COUNTRY",
                value: code,
                expected: "a two-letter code of a supported country, like US or VN".into(),
            })?,
        };

        let secs =
            |name: &'static str, default: u64, allow_zero: bool| -> Result<u64, ConfigError> {
                match var(name) {
                    None => Ok(default),
                    Some(raw) => raw
                        .parse::<u64>()
                        .ok()
                        .filter(|n| (allow_zero || *n > 0) && *n <= MAX_SECS)
                        .ok_or(ConfigError::Invalid {
                            name,
                            value: raw,
                            expected: if allow_zero {
                                format!("a whole number of seconds, from 0 to {MAX_SECS}")
                            } else {
                                format!("a whole number of seconds, from 1 to {MAX_SECS}")
                            },
                        }),
                }
            };

        // A count: of requests a minute, or of things at once.
        let per_minute = |name: &'static str, default: u32| -> Result<u32, ConfigError> {
            match var(name) {
                None => Ok(default),
                Some(raw) => raw
                    .parse::<u32>()
                    .ok()
                    .filter(|n| (1..=100_000).contains(n))
                    .ok_or(ConfigError::Invalid {
                        name,
                        value: raw,
                        expected: "a whole number from 1 to 100000".into(),
                    }),
            }
        };

        let mut sandbox = sandbox::Settings::default();
        let pay_after = secs("SANDBOX_PAY_AFTER_SECS", 20, true)?;
        sandbox.timings.pay_after = (pay_after > 0).then(|| Duration::from_secs(pay_after));
        sandbox.timings.deliver_after =
            Duration::from_secs(secs("SANDBOX_DELIVER_AFTER_SECS", 5, true)?);
        sandbox.heartbeat = Duration::from_secs(secs("SANDBOX_HEARTBEAT_SECS", 15, false)?);
        sandbox.public_url = match var("SANDBOX_PUBLIC_URL") {
            None => None,
            Some(raw) => Some(
                parse_url("SANDBOX_PUBLIC_URL", &raw)
                    .map(|u| u.as_str().trim_end_matches('/').to_string())?,
            ),
        };

        Ok(Self {
            upstream,
            default_country,
            connect_timeout: Duration::from_secs(secs("CR_CONNECT_TIMEOUT_SECS", 5, false)?),
            timeout: Duration::from_secs(secs("CR_TIMEOUT_SECS", 15, false)?),
            stream_idle: Duration::from_secs(secs("CR_STREAM_IDLE_SECS", 45, false)?),
            sandbox,
            utm_source: utm_source(var("STOREFRONT_UTM_SOURCE"))?,
            request_timeout: Duration::from_secs(secs("STOREFRONT_REQUEST_TIMEOUT_SECS", 30, false)?),
            max_concurrent_requests: usize::try_from(secs(
                "STOREFRONT_MAX_CONCURRENT_REQUESTS",
                1024,
                false,
            )?)
            .unwrap_or(usize::MAX),
            header_read_timeout: Duration::from_secs(secs(
                "STOREFRONT_HEADER_READ_TIMEOUT_SECS",
                10,
                false,
            )?),
            public_url: match var("STOREFRONT_PUBLIC_URL") {
                None => None,
                Some(raw) => Some(public_url(&raw)?),
            },
            image_hosts: image_hosts(
                var("STOREFRONT_IMAGE_HOSTS").unwrap_or_else(|| DEFAULT_IMAGE_HOSTS.into()),
            )?,
            quotes_per_minute: per_minute("STOREFRONT_QUOTES_PER_MINUTE", 60)?,
            orders_per_minute: per_minute("STOREFRONT_ORDERS_PER_MINUTE", 20)?,
            order_lookups_per_minute: per_minute("STOREFRONT_ORDER_LOOKUPS_PER_MINUTE", 120)?,
            streams_per_shopper: per_minute("STOREFRONT_STREAMS_PER_SHOPPER", 20)?,
            stream_lifetime: Duration::from_secs(secs("STOREFRONT_STREAM_LIFETIME_SECS", 600, false)?),
            body_read_timeout: Duration::from_secs(secs(
                "STOREFRONT_BODY_READ_TIMEOUT_SECS",
                10,
                false,
            )?),
            requests_per_shopper: per_minute("STOREFRONT_REQUESTS_PER_SHOPPER", 32)?,
            shop: shop_info(&var)?,
            trusted_proxies: match var("STOREFRONT_TRUSTED_PROXIES") {
                None => TrustedProxies::default(),
                Some(raw) => TrustedProxies::parse(&raw).map_err(|why| ConfigError::Invalid {
                    name: "STOREFRONT_TRUSTED_PROXIES",
                    value: raw,
                    expected: format!("comma-separated addresses or networks, like 10.0.0.0/8, 2001:db8::/32 ({why})"),
                })?,
            },
        })
    }

    /// The partner id and app version the client sends (fixed ones for the sandbox).
    pub fn credentials(&self) -> (String, String) {
        match &self.upstream {
            Upstream::Sandbox => ("storefront-sandbox".into(), SANDBOX_APP_VERSION.into()),
            Upstream::Remote {
                partner_id,
                app_version,
                ..
            } => (partner_id.clone(), app_version.clone()),
        }
    }
}

/// The partner's words about their shop (`STOREFRONT_SHOP_NAME`, …), each checked.
fn shop_info(var: &dyn Fn(&str) -> Option<String>) -> Result<ShopInfo, ConfigError> {
    let text = |name: &'static str, default: &str| -> Result<String, ConfigError> {
        let value = var(name).unwrap_or_else(|| default.to_string());
        if value.chars().count() > 60 || value.chars().any(char::is_control) {
            return Err(ConfigError::Invalid {
                name,
                value,
                expected: "a name of up to 60 characters on one line".into(),
            });
        }
        Ok(value)
    };
    let name = text("STOREFRONT_SHOP_NAME", "Storefront")?;
    let newsletter_from = text("STOREFRONT_NEWSLETTER_FROM", &name)?;
    let support_email =
        match var("STOREFRONT_SUPPORT_EMAIL") {
            None => None,
            Some(raw) => Some(crate::domain::checkout::check_email(&raw).map_err(|_| {
                ConfigError::Invalid {
                    name: "STOREFRONT_SUPPORT_EMAIL",
                    value: raw.clone(),
                    expected: "an email address, like support@shop.example.com".into(),
                }
            })?),
        };
    let page = |name: &'static str| -> Result<Option<String>, ConfigError> {
        var(name)
            .map(|raw| {
                parse_url(name, &raw)
                    .ok()
                    .filter(|url| url.scheme() == "https" || is_loopback(url))
                    .map(|url| url.to_string())
                    .ok_or(ConfigError::Invalid {
                        name,
                        value: raw,
                        expected: "an https:// address of the page".into(),
                    })
            })
            .transpose()
    };
    Ok(ShopInfo {
        name,
        newsletter_from,
        support_email,
        terms_url: page("STOREFRONT_TERMS_URL")?,
        privacy_url: page("STOREFRONT_PRIVACY_URL")?,
        refunds_url: page("STOREFRONT_REFUNDS_URL")?,
    })
}

/// `acquisition.utm_source`: a short label of letters, digits, `-`, `_` and `.`.
fn utm_source(raw: Option<String>) -> Result<String, ConfigError> {
    let Some(raw) = raw else {
        return Ok("storefront".into());
    };
    let fine = raw.len() <= 64
        && raw
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    if !fine {
        return Err(ConfigError::Invalid {
            name: "STOREFRONT_UTM_SOURCE",
            value: raw,
            expected: "up to 64 letters, digits, '-', '_' or '.', like my_shop".into(),
        });
    }
    Ok(raw)
}

fn parse_url(name: &'static str, raw: &str) -> Result<Url, ConfigError> {
    let invalid = || ConfigError::Invalid {
        name,
        value: raw.to_string(),
        expected: "an http(s) URL such as https://api.cryptorefills.com".into(),
    };
    let url = Url::parse(raw).map_err(|_| invalid())?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err(invalid());
    }
    Ok(url)
}

/// The upstream URL: the partner id travels in its headers, so it must be `https://`, unless
/// the API is on this very machine (a local sandbox or proxy). No user or password either:
/// they would be sent along too, and shown wherever the URL is.
fn api_url(raw: &str) -> Result<Url, ConfigError> {
    let url = parse_url("CR_API_URL", raw)?;
    let refuse = |expected: &str| ConfigError::Invalid {
        name: "CR_API_URL",
        value: public_origin(&url),
        expected: expected.into(),
    };
    if url.scheme() != "https" && !is_loopback(&url) {
        return Err(refuse(
            "an https:// URL: the partner id would cross the network unencrypted over http:// \
             (http:// is allowed only for localhost, 127.0.0.0/8 and [::1])",
        ));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(refuse(
            "a URL without a user or password in it (the partner id is sent as a header)",
        ));
    }
    Ok(url)
}

/// The shop's own address as shoppers type it: an http(s) origin, nothing after the host.
fn public_url(raw: &str) -> Result<Url, ConfigError> {
    let url = parse_url("STOREFRONT_PUBLIC_URL", raw)?;
    let plain = url.username().is_empty()
        && url.password().is_none()
        && url.path() == "/"
        && url.query().is_none()
        && url.fragment().is_none();
    if !plain {
        return Err(ConfigError::Invalid {
            name: "STOREFRONT_PUBLIC_URL",
            value: raw.to_string(),
            expected:
                "the shop's origin only, like https://shop.example.com (no path, query or user)"
                    .into(),
        });
    }
    Ok(url)
}

/// `https://a.example, https://b.example:8443`: origins for the pages' `img-src`.
fn image_hosts(raw: String) -> Result<Vec<String>, ConfigError> {
    if raw.eq_ignore_ascii_case("none") {
        return Ok(Vec::new());
    }
    raw.split(',')
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(|part| {
            Url::parse(part)
                .ok()
                .filter(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
                .map(|u| public_origin(&u))
                .ok_or_else(|| ConfigError::Invalid {
                    name: "STOREFRONT_IMAGE_HOSTS",
                    value: raw.clone(),
                    expected: "comma-separated origins like https://cdn.example.com, or none"
                        .into(),
                })
        })
        .collect()
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|name| vars.get(name).cloned())
    }

    #[test]
    fn nothing_set_means_the_sandbox_and_the_us() {
        let c = config(&[]).expect("defaults are valid");
        assert_eq!(c.upstream, Upstream::Sandbox);
        assert_eq!(c.default_country.code, "US");
        assert_eq!(c.sandbox.timings.pay_after, Some(Duration::from_secs(20)));
        assert_eq!(c.sandbox.timings.deliver_after, Duration::from_secs(5));
    }

    #[test]
    fn a_real_upstream_needs_both_credentials() {
        let missing = config(&[("CR_API_URL", "https://api.cryptorefills.com")]);
        assert!(matches!(
            missing,
            Err(ConfigError::Missing {
                name: "CR_PARTNER_ID",
                ..
            })
        ));
        let missing = config(&[
            ("CR_API_URL", "https://api.cryptorefills.com"),
            ("CR_PARTNER_ID", "p"),
        ]);
        assert!(matches!(
            missing,
            Err(ConfigError::Missing {
                name: "CR_APP_VERSION",
                ..
            })
        ));
        let ok = config(&[
            ("CR_API_URL", "https://api.cryptorefills.com"),
            ("CR_PARTNER_ID", "p"),
            ("CR_APP_VERSION", "1.0"),
        ]);
        assert!(matches!(
            ok.map(|c| c.upstream),
            Ok(Upstream::Remote { .. })
        ));
    }

    #[test]
    fn bad_values_name_the_variable() {
        let bad = config(&[("CR_API_URL", "ftp://x")])
            .err()
            .map(|e| e.to_string());
        assert!(bad.is_some_and(|m| m.contains("CR_API_URL")));
        let bad = config(&[("STOREFRONT_DEFAULT_COUNTRY", "XX")])
            .err()
            .map(|e| e.to_string());
        assert!(bad.is_some_and(|m| m.contains("STOREFRONT_DEFAULT_COUNTRY")));
        let bad = config(&[("CR_TIMEOUT_SECS", "0")])
            .err()
            .map(|e| e.to_string());
        assert!(bad.is_some_and(|m| m.contains("CR_TIMEOUT_SECS")));
        assert!(config(&[("SANDBOX_PAY_AFTER_SECS", "soon")]).is_err());
        let huge = config(&[(
            "STOREFRONT_HEADER_READ_TIMEOUT_SECS",
            "18446744073709551615",
        )]);
        assert!(huge.is_err_and(|e| e.to_string().contains("from 1 to 86400")));
        let bad = config(&[("STOREFRONT_TRUSTED_PROXIES", "10.0.0.0/40")])
            .err()
            .map(|e| e.to_string());
        assert!(bad.is_some_and(|m| m.contains("STOREFRONT_TRUSTED_PROXIES")));
    }

    fn remote(url: &str) -> Result<Config, ConfigError> {
        config(&[
            ("CR_API_URL", url),
            ("CR_PARTNER_ID", "secret-partner-42"),
            ("CR_APP_VERSION", "1.0"),
        ])
    }

    #[test]
    fn the_partner_id_travels_over_https_only() {
        let refused = remote("http://api.cryptorefills.com")
            .err()
            .map(|e| e.to_string());
        assert!(
            refused
                .as_deref()
                .is_some_and(|m| m.contains("CR_API_URL") && m.contains("https://")),
            "{refused:?}"
        );
        for local in [
            "http://localhost:9000/api",
            "http://127.0.0.1:9000",
            "http://127.8.0.1",
            "http://[::1]:8080",
        ] {
            assert!(remote(local).is_ok(), "{local}");
        }
        assert!(
            remote("http://10.0.0.5").is_err(),
            "a private address is still the network"
        );
        assert!(remote("https://user:pw@api.cryptorefills.com").is_err());
    }

    #[test]
    fn debug_and_display_never_show_the_partner_id() -> Result<(), ConfigError> {
        let c = remote("https://api.cryptorefills.com:8443/v?token=abc")?;
        let debug = format!("{c:?}");
        assert!(!debug.contains("secret-partner-42"), "{debug}");
        assert!(debug.contains("<redacted>"), "{debug}");
        assert_eq!(c.upstream.to_string(), "https://api.cryptorefills.com:8443");
        Ok(())
    }

    #[test]
    fn the_public_url_is_an_origin() {
        let c = config(&[("STOREFRONT_PUBLIC_URL", "https://shop.example.com")]);
        assert_eq!(
            c.ok().and_then(|c| c.public_url).map(|u| public_origin(&u)),
            Some("https://shop.example.com".into())
        );
        for bad in [
            "shop.example.com",
            "https://shop.example.com/en",
            "https://u:p@shop.example.com",
            "ftp://shop.example.com",
        ] {
            let error = config(&[("STOREFRONT_PUBLIC_URL", bad)]).err();
            assert!(
                error.is_some_and(|e| e.to_string().contains("STOREFRONT_PUBLIC_URL")),
                "{bad}"
            );
        }
    }

    #[test]
    fn image_hosts_and_rate_limits_are_checked() {
        let c = config(&[(
            "STOREFRONT_IMAGE_HOSTS",
            "https://a.example/x, http://b.example:81",
        )]);
        assert_eq!(
            c.map(|c| c.image_hosts),
            Ok(vec![
                "https://a.example".to_string(),
                "http://b.example:81".to_string()
            ])
        );
        assert!(config(&[("STOREFRONT_IMAGE_HOSTS", "'unsafe-inline'")]).is_err());
        assert_eq!(
            config(&[]).map(|c| (c.quotes_per_minute, c.orders_per_minute)),
            Ok((60, 20))
        );
        assert!(config(&[("STOREFRONT_QUOTES_PER_MINUTE", "0")]).is_err());
        assert!(config(&[("STOREFRONT_ORDERS_PER_MINUTE", "many")]).is_err());
    }

    #[test]
    fn the_shop_describes_itself() {
        let c = config(&[
            ("STOREFRONT_SHOP_NAME", "Gift Haven"),
            ("STOREFRONT_SUPPORT_EMAIL", "help@gifthaven.example"),
            ("STOREFRONT_TERMS_URL", "https://gifthaven.example/terms"),
        ])
        .expect("valid");
        assert_eq!(c.shop.name, "Gift Haven");
        assert_eq!(c.shop.newsletter_from, "Gift Haven", "the shop's own news");
        assert_eq!(c.shop.terms_href(), "https://gifthaven.example/terms");
        assert_eq!(c.shop.privacy_href(), "/privacy");
        assert_eq!(
            c.shop.support_href(Some("abc")),
            "mailto:help@gifthaven.example?subject=Order%20abc"
        );
        assert_eq!(
            config(&[]).map(|c| c.shop.support_href(None)),
            Ok("/help#contact".to_string())
        );
        assert!(config(&[("STOREFRONT_SUPPORT_EMAIL", "nope")]).is_err());
        assert!(config(&[("STOREFRONT_TERMS_URL", "http://example.com/terms")]).is_err());
    }

    #[test]
    fn zero_pay_after_means_only_the_control_endpoint_pays() {
        let c = config(&[
            ("SANDBOX_PAY_AFTER_SECS", "0"),
            ("STOREFRONT_DEFAULT_COUNTRY", "vn"),
        ]);
        let c = c.expect("valid");
        assert_eq!(c.sandbox.timings.pay_after, None);
        assert_eq!(c.default_country.code, "VN");
    }
}
