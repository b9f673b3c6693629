//! Every variable read, defaulted, or refused with its name.

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
    assert_eq!(c.api, ApiSource::Sandbox);
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
    assert!(matches!(ok.map(|c| c.api), Ok(ApiSource::Remote { .. })));
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
    assert_eq!(c.api.to_string(), "https://api.cryptorefills.com:8443");
    Ok(())
}

#[test]
fn the_public_url_is_an_origin() {
    let c = config(&[("STOREFRONT_PUBLIC_URL", "https://shop.example.com")]);
    assert_eq!(
        c.ok()
            .and_then(|c| c.public_url)
            .map(|u| crate::web::public_origin(&u)),
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
    assert_eq!(
        c.shop.terms_href(crate::i18n::Lang::En),
        "https://gifthaven.example/terms"
    );
    assert_eq!(c.shop.privacy_href(crate::i18n::Lang::En), "/privacy");
    assert_eq!(
        c.shop.support_href(crate::i18n::Lang::En, Some("abc")),
        "mailto:help@gifthaven.example?subject=Order%20abc"
    );
    assert_eq!(
        config(&[]).map(|c| c.shop.support_href(crate::i18n::Lang::En, None)),
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

#[test]
fn redis_is_optional_and_its_password_never_shown() {
    assert_eq!(config(&[]).map(|c| c.redis).ok(), Some(None));
    let c = config(&[("STOREFRONT_REDIS_URL", "redis://:s3cret@10.0.0.5:6380/2")])
        .expect("a Redis URL");
    let redis = c.redis.expect("set");
    assert_eq!(redis.to_string(), "redis://10.0.0.5:6380/2");
    assert!(!format!("{redis:?}").contains("s3cret"));
    for bad in [
        "localhost:6379",
        "http://127.0.0.1:6379",
        "redis://",
        "redis://h/x",
    ] {
        let refused = config(&[("STOREFRONT_REDIS_URL", bad)])
            .err()
            .map(|e| e.to_string());
        assert!(
            refused
                .as_deref()
                .is_some_and(|m| m.contains("STOREFRONT_REDIS_URL")),
            "{bad}: {refused:?}"
        );
    }
}
