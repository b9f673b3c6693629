//! Each variable's own check: URLs (the API's over https unless on this machine, the
//! public one an origin), image hosts, the shop's words, the acquisition tag.

use super::ConfigError;
use crate::domain::shop::ShopInfo;
use url::Url;

/// The partner's words about their shop (`STOREFRONT_SHOP_NAME`, …), each checked.
pub(super) fn shop_info(var: &dyn Fn(&str) -> Option<String>) -> Result<ShopInfo, ConfigError> {
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
    let support_email = match var("STOREFRONT_SUPPORT_EMAIL") {
        None => None,
        Some(raw) => Some(
            crate::domain::checkout::check_email(crate::i18n::Lang::En, &raw).map_err(|_| {
                ConfigError::Invalid {
                    name: "STOREFRONT_SUPPORT_EMAIL",
                    value: raw.clone(),
                    expected: "an email address, like support@shop.example.com".into(),
                }
            })?,
        ),
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
pub(super) fn utm_source(raw: Option<String>) -> Result<String, ConfigError> {
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

pub(super) fn parse_url(name: &'static str, raw: &str) -> Result<Url, ConfigError> {
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
pub(super) fn api_url(raw: &str) -> Result<Url, ConfigError> {
    let url = parse_url("CR_API_URL", raw)?;
    let refuse = |expected: &str| ConfigError::Invalid {
        name: "CR_API_URL",
        value: crate::web::public_origin(&url),
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
pub(super) fn public_url(raw: &str) -> Result<Url, ConfigError> {
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
/// `redis://host:port/db`, with a password if the server wants one. Not `rediss://`: the
/// shop is built without TLS to Redis, which belongs on the same private network.
pub(super) fn redis_url(raw: &str) -> Result<Url, ConfigError> {
    let invalid = || ConfigError::Invalid {
        name: "STOREFRONT_REDIS_URL",
        value: raw.to_string(),
        expected: "redis://host:port or redis://host:port/db, like redis://127.0.0.1:6379".into(),
    };
    let url = Url::parse(raw).map_err(|_| invalid())?;
    let db_ok = matches!(url.path().trim_start_matches('/'), "")
        || url.path().trim_start_matches('/').parse::<u8>().is_ok();
    if url.scheme() != "redis" || url.host_str().is_none_or(str::is_empty) || !db_ok {
        return Err(invalid());
    }
    Ok(url)
}

pub(super) fn image_hosts(raw: String) -> Result<Vec<String>, ConfigError> {
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
                .map(|u| crate::web::public_origin(&u))
                .ok_or_else(|| ConfigError::Invalid {
                    name: "STOREFRONT_IMAGE_HOSTS",
                    value: raw.clone(),
                    expected: "comma-separated origins like https://cdn.example.com, or none"
                        .into(),
                })
        })
        .collect()
}

pub(super) fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}
