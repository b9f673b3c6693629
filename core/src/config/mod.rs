//! The environment, read once at start into a typed `Config`; a bad value stops the server
//! with a message that says which variable and what would be right.

pub mod proxies;
#[cfg(test)]
mod tests;
mod values;

use crate::{
    domain::{shop::ShopInfo, Country},
    sandbox,
};
use proxies::TrustedProxies;
use std::{fmt, time::Duration};
use url::Url;
use values::{api_url, image_hosts, parse_url, public_url, redis_url, shop_info, utm_source};

/// Where the catalog and orders come from.
#[derive(Clone, PartialEq)]
pub enum ApiSource {
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
impl fmt::Display for ApiSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Sandbox => f.write_str("embedded sandbox"),
            Self::Remote { url, .. } => f.write_str(&crate::web::public_origin(url)),
        }
    }
}

/// The partner id is a credential: `Debug` output (logs, panics) never shows it.
impl fmt::Debug for ApiSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Sandbox => f.write_str("Sandbox"),
            Self::Remote {
                url, app_version, ..
            } => f
                .debug_struct("Remote")
                .field("url", &crate::web::public_origin(url))
                .field("partner_id", &"<redacted>")
                .field("app_version", app_version)
                .finish(),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Config {
    pub api: ApiSource,
    pub default_country: Country,
    pub connect_timeout: Duration,
    pub timeout: Duration,
    /// How long an order's event stream from upstream may say nothing (upstream sends a
    /// comment every 15 s) before it counts as dead and is opened again.
    pub stream_idle: Duration,
    /// Used when `api` is the sandbox (and by `storefront sandbox`).
    pub sandbox: sandbox::SandboxSettings,
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
    /// Where several instances keep what they share (`STOREFRONT_REDIS_URL`); unset, each
    /// keeps its own in memory.
    pub redis: Option<RedisUrl>,
}

/// `redis://[:password@]host[:port][/db]`. Its `Debug` and `Display` leave the password out.
#[derive(Clone, PartialEq, Eq)]
pub struct RedisUrl(Url);

impl RedisUrl {
    pub fn url(&self) -> &Url {
        &self.0
    }

    /// `url` as logs may show it: scheme, host, port and database only.
    pub fn shown(url: &Url) -> String {
        let host = url.host_str().unwrap_or_default();
        match url.port() {
            Some(port) => format!("redis://{host}:{port}{}", url.path()),
            None => format!("redis://{host}{}", url.path()),
        }
    }
}

impl fmt::Display for RedisUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&Self::shown(&self.0))
    }
}

impl fmt::Debug for RedisUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RedisUrl({self})")
    }
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

        let api = match var("CR_API_URL") {
            None => ApiSource::Sandbox,
            Some(raw) => ApiSource::Remote {
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

        let mut sandbox = sandbox::SandboxSettings::default();
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
            api,
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
            redis: match var("STOREFRONT_REDIS_URL") {
                None => None,
                Some(raw) => Some(RedisUrl(redis_url(&raw)?)),
            },
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
        match &self.api {
            ApiSource::Sandbox => ("storefront-sandbox".into(), SANDBOX_APP_VERSION.into()),
            ApiSource::Remote {
                partner_id,
                app_version,
                ..
            } => (partner_id.clone(), app_version.clone()),
        }
    }
}
