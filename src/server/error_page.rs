//! The page a handler answers with when it refuses or fails: the error's status, heading and
//! message (`AppError`), "Nothing was ordered or charged" where it matters, and a way on.
//! Pages the app renders show errors through `ErrorPanel`; this is for the handlers around it.
//! It is written in the request's language (`Lang::of_path` of its path).

use crate::{
    error::AppError,
    i18n::{
        words::{CommonText, ProblemsText},
        Lang,
    },
};
use axum::{
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use std::sync::OnceLock;

/// The stylesheet's address, set once at start (a page before the router knows it has none).
static STYLESHEET: OnceLock<String> = OnceLock::new();

pub fn use_stylesheet(href: &str) {
    let _ = STYLESHEET.set(href.to_string());
}

/// The error page with a way back other than the shop's home.
pub struct ErrorPage {
    pub error: AppError,
    /// The request's language: the page's words, and where its way back leads.
    pub lang: Lang,
    /// `Nothing was ordered or charged.` and the like, in `lang`.
    pub reassurance: Option<&'static str>,
    /// Where the way back leads (already in `lang`), and its label in `lang`.
    pub back: (String, &'static str),
}

impl ErrorPage {
    /// The page in `lang` (`Lang::of_path` of the request's path), leading back to the
    /// shop in that language.
    pub fn new(error: AppError, lang: Lang) -> Self {
        Self {
            error,
            lang,
            reassurance: None,
            back: (lang.href("/"), CommonText(lang).back_to_shop()),
        }
    }

    /// For a request that could have ordered something.
    pub fn nothing_ordered(mut self) -> Self {
        self.reassurance = Some(ProblemsText(self.lang).nothing_ordered());
        self
    }

    /// Another sentence of reassurance than `nothing_ordered`'s (written in `self.lang`).
    pub fn reassure(mut self, text: &'static str) -> Self {
        self.reassurance = Some(text);
        self
    }

    /// Another way back: `href` already in `self.lang` (`lang.href(…)`), and its label.
    pub fn back_to(mut self, href: String, label: &'static str) -> Self {
        self.back = (href, label);
        self
    }
}

impl IntoResponse for ErrorPage {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let css = STYLESHEET.get().map_or_else(String::new, |href| {
            format!("<link rel=\"stylesheet\" href=\"{}\">", escape_html(href))
        });
        let reassurance = self
            .reassurance
            .map(|text| format!("<p>{}</p>", escape_html(text)))
            .unwrap_or_default();
        let page = format!(
            "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <meta name=\"color-scheme\" content=\"light dark\">\
             <title>{title}</title>{css}</head>\
             <body><main id=\"main\"><section class=\"error-panel\" role=\"alert\">\
             <h1>{title}</h1><p>{message}</p>{reassurance}\
             <p><a class=\"button\" href=\"{back}\">{back_label}</a></p>\
             </section></main></body></html>",
            lang = self.lang.code(),
            title = escape_html(self.error.title(self.lang)),
            message = escape_html(&self.error.shopper_message(self.lang)),
            back = escape_html(&self.back.0),
            back_label = escape_html(self.back.1),
        );
        let mut response = (
            status,
            [
                (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                (header::CACHE_CONTROL, "no-store"),
                (
                    header::CONTENT_SECURITY_POLICY,
                    "default-src 'none'; style-src 'self'; base-uri 'none'; \
                     frame-ancestors 'none'; form-action 'self'",
                ),
            ],
            page,
        )
            .into_response();
        let retry_after = match self.error {
            AppError::TooFast(secs) => Some(secs),
            AppError::CheckoutPaused => Some(30),
            _ => None,
        };
        if let Some(secs) = retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}

/// Text for HTML: the five characters that could end an element or attribute, escaped.
fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}
