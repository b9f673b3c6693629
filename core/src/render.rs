//! What a page being rendered tells its HTTP response (status, cookies, a redirect) and
//! reads of its request and the shop (cookies, the public origin, the shop's name). On the
//! server it reaches the response; in the browser there is no response, so it does nothing.

#[cfg(feature = "ssr")]
mod imp {
    use axum::http::{header, HeaderValue, StatusCode};
    use leptos::prelude::use_context;
    use leptos_axum::ResponseOptions;

    pub fn set_status(code: u16) {
        if let (Some(response), Ok(status)) =
            (use_context::<ResponseOptions>(), StatusCode::from_u16(code))
        {
            response.set_status(status);
        }
    }

    pub fn append_cookie(cookie: &str) {
        if let (Some(response), Ok(value)) = (
            use_context::<ResponseOptions>(),
            HeaderValue::from_str(cookie),
        ) {
            response.append_header(header::SET_COOKIE, value);
        }
    }

    /// Redirects to `path` only when it can stand in a `Location` header as it is (callers
    /// build it from known values; anything else is refused here, never a panic).
    pub fn redirect(path: &str) {
        if crate::web::is_safe_location(path) {
            leptos_axum::redirect(path);
        } else {
            tracing::info!(path = %path.escape_debug(), "refused to redirect to an unsafe path");
        }
    }

    /// The shop's public origin (`STOREFRONT_PUBLIC_URL`, else the listen address), for
    /// absolute URLs: never the request's `Host`, which the client chooses.
    pub fn origin() -> Option<String> {
        use_context::<crate::services::AppState>().map(|state| state.public_origin.to_string())
    }

    /// The language of the page being rendered: the one `App` put in context (from the
    /// path), else the request's own path, else (a server function the browser called)
    /// the path of the page that called it.
    pub fn lang() -> crate::i18n::Lang {
        use crate::i18n::Lang;
        if let Some(lang) = use_context::<Lang>() {
            return lang;
        }
        let Some(parts) = use_context::<axum::http::request::Parts>() else {
            return Lang::default();
        };
        if parts.uri.path().starts_with("/api/") || parts.uri.path().starts_with("/_") {
            return parts
                .headers
                .get(header::REFERER)
                .and_then(|value| value.to_str().ok())
                .and_then(|referer| url::Url::parse(referer).ok())
                .map_or(Lang::default(), |url| Lang::of_path(url.path()));
        }
        Lang::of_path(parts.uri.path())
    }

    /// The path (and query) of the request being answered.
    pub fn request_path() -> Option<String> {
        let parts = use_context::<axum::http::request::Parts>()?;
        Some(
            parts
                .uri
                .path_and_query()
                .map_or_else(|| parts.uri.path().to_string(), |p| p.as_str().to_string()),
        )
    }

    /// The value of the current request's cookie `name`.
    pub fn request_cookie(name: &str) -> Option<String> {
        let parts = use_context::<axum::http::request::Parts>()?;
        crate::web::cookies::request_cookie(&parts.headers, name).map(str::to_string)
    }

    /// The partner's words about the shop (name, help), from the configuration.
    pub fn shop_info() -> crate::domain::shop::ShopInfo {
        use_context::<crate::services::AppState>()
            .map(|state| state.config.shop.clone())
            .unwrap_or_default()
    }

    /// Whether shoppers reach the shop over HTTPS (its cookies are then `Secure`).
    pub fn is_https() -> bool {
        use_context::<crate::services::AppState>()
            .is_some_and(|state| state.public_origin.starts_with("https://"))
    }

    /// Marks the page as rendered without part of what it shows (see `DEGRADED_HEADER`).
    pub fn mark_degraded() {
        if let Some(response) = use_context::<ResponseOptions>() {
            response.insert_header(
                axum::http::HeaderName::from_static(super::DEGRADED_HEADER),
                HeaderValue::from_static("1"),
            );
        }
    }

    /// Tells the security layer which nonce this page's inline scripts carry, so that its
    /// Content-Security-Policy allows them and nothing else.
    pub fn announce_nonce() {
        if let (Some(response), Some(nonce)) =
            (use_context::<ResponseOptions>(), leptos::nonce::use_nonce())
        {
            if let Ok(value) = HeaderValue::from_str(nonce.as_inner()) {
                response.insert_header(
                    axum::http::HeaderName::from_static(super::PAGE_NONCE_HEADER),
                    value,
                );
            }
        }
    }
}

#[cfg(not(feature = "ssr"))]
mod imp {
    pub fn set_status(_code: u16) {}
    pub fn append_cookie(_cookie: &str) {}
    pub fn redirect(_path: &str) {}
    pub fn origin() -> Option<String> {
        None
    }
    pub fn is_https() -> bool {
        false
    }
    pub fn shop_info() -> crate::domain::shop::ShopInfo {
        crate::domain::shop::ShopInfo::default()
    }
    pub fn request_cookie(_name: &str) -> Option<String> {
        None
    }
    pub fn announce_nonce() {}
    pub fn mark_degraded() {}
    pub fn request_path() -> Option<String> {
        None
    }

    /// In the browser: the page's `<html lang>`, which the server wrote from its path, read
    /// once (a page never changes it: the switch is a link to the other language's page).
    pub fn lang() -> crate::i18n::Lang {
        #[cfg(feature = "hydrate")]
        {
            use crate::i18n::Lang;
            thread_local! {
                static PAGE_LANG: Lang = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.document_element())
                    .and_then(|html| html.get_attribute("lang"))
                    .and_then(|code| Lang::from_code(&code))
                    .unwrap_or_default();
            }
            PAGE_LANG.with(|lang| *lang)
        }
        #[cfg(not(feature = "hydrate"))]
        crate::i18n::Lang::default()
    }
}

pub use imp::{
    announce_nonce, append_cookie, is_https, lang, mark_degraded, origin, redirect, request_cookie,
    request_path, set_status, shop_info,
};

/// Set by a page for the security layer, which takes it off the response.
pub const PAGE_NONCE_HEADER: &str = "x-storefront-page-nonce";

/// Set on a page rendered without part of what it shows (a failed feed or payment list):
/// the page cache doesn't keep it, and takes it off every response (`server::page_cache`).
pub const DEGRADED_HEADER: &str = "x-storefront-degraded";

/// An absolute URL for a path of this site (relative when the host is unknown).
pub fn absolute(path: &str) -> String {
    format!("{}{path}", origin().unwrap_or_default())
}

/// Remembers the country for a year (read by `/` to send the shopper back to it).
pub fn remember_country(code: &str) {
    use crate::web::cookies::{set_cookie, Keep, COUNTRY_COOKIE};
    append_cookie(&set_cookie(COUNTRY_COOKIE, code, Keep::choice(is_https())));
}
