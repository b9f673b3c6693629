//! The app's one error type: what went wrong for a page or a server function, the HTTP
//! status it maps to, and what a shopper reads about it.

use crate::web::lines::{line, Lines};
use crate::{
    domain::Problem,
    i18n::{
        words::{CommonText, ProblemsText},
        Lang,
    },
};
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, thiserror::Error, Serialize, Deserialize)]
pub enum AppError {
    /// A country, brand or order that does not exist.
    #[error("{0} not found")]
    NotFound(String),
    /// Upstream could not be reached or answered with an error, and no copy was at hand.
    #[error("the supplier is unavailable")]
    Unavailable,
    /// Upstream refused the call with a code that is not a problem the shopper can fix
    /// (`INVALID_REQUEST`, `NOT_SUPPORTED_COIN`, …); the code goes to the log.
    #[error("the supplier refused the request")]
    Upstream,
    /// Upstream asked us to slow down.
    #[error("too many requests")]
    Busy,
    /// This shopper asked for too much too fast; they may try again after this many seconds.
    #[error("too many requests from one shopper")]
    TooFast(u64),
    /// Input the shopper can fix, with the message to show them (in their language).
    #[error("{0}")]
    BadInput(String),
    /// A call whose arguments could not be read (a hand-made request, an old page): where
    /// it is made the shopper's language is not known, so its words are chosen when shown.
    #[error("the request could not be read")]
    Unreadable,
    /// Upstream found problems with an order (each keeps its code).
    #[error("the order has problems")]
    Problems(Vec<Problem>),
    /// The call between browser and server failed (network, decoding).
    #[error("request failed: {0}")]
    Transport(String),
    /// A request the shop refuses to act on (a form posted from another site).
    #[error("refused: {0}")]
    Forbidden(String),
    /// A request body far larger than any the shop reads.
    #[error("the request is too large")]
    TooLarge,
    /// The store that makes one click one order (Redis) can't be reached: no order is
    /// made that could be made twice.
    #[error("checkout is paused")]
    CheckoutPaused,
}

impl AppError {
    pub fn status(&self) -> u16 {
        match self {
            Self::NotFound(_) => 404,
            Self::Unreadable => 400,
            Self::Forbidden(_) => 403,
            Self::TooLarge => 413,
            Self::Unavailable | Self::Transport(_) | Self::CheckoutPaused => 503,
            Self::Upstream => 502,
            Self::Busy | Self::TooFast(_) => 429,
            Self::BadInput(_) | Self::Problems(_) => 422,
        }
    }

    /// A sentence for the shopper, in `lang`: never a raw error string. (`NotFound`,
    /// `BadInput` and `Forbidden` carry text their maker already wrote in the request's
    /// language.)
    pub fn shopper_message(&self, lang: Lang) -> String {
        let words = ProblemsText(lang);
        match self {
            Self::NotFound(what) if what.is_empty() => words.not_found_anything().into(),
            Self::NotFound(what) => words.not_found(what),
            Self::Unavailable => words.supplier_unavailable().into(),
            Self::Upstream => words.supplier_refused().into(),
            Self::Transport(_) => words.shop_unreachable().into(),
            Self::Busy => words.shop_busy().into(),
            Self::TooFast(1) => words.too_fast_one_second().into(),
            Self::TooFast(secs) => words.too_fast(*secs),
            Self::BadInput(message) | Self::Forbidden(message) => message.clone(),
            Self::Unreadable => words.request_unreadable().into(),
            Self::TooLarge => words.too_large().into(),
            Self::CheckoutPaused => words.checkout_paused().into(),
            Self::Problems(problems) => problems
                .iter()
                .map(|problem| problem.explained(lang))
                .collect::<Vec<_>>()
                .join(" "),
        }
    }

    /// A page's heading for the error, in `lang`.
    pub fn title(&self, lang: Lang) -> &'static str {
        let words = ProblemsText(lang);
        match self {
            Self::NotFound(_) => words.title_not_found(),
            Self::TooFast(_) | Self::Busy => words.title_wait(),
            Self::Forbidden(_) => words.title_forbidden(),
            Self::TooLarge => words.title_too_large(),
            Self::BadInput(_) | Self::Unreadable => words.title_unreadable(),
            Self::Unavailable | Self::Upstream | Self::Transport(_) => {
                CommonText(lang).something_went_wrong()
            }
            Self::CheckoutPaused => words.title_checkout_paused(),
            Self::Problems(_) => words.title_problems(),
        }
    }

    /// Whether trying the same thing again later may work.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            Self::Unavailable
                | Self::Upstream
                | Self::Busy
                | Self::TooFast(_)
                | Self::Transport(_)
                | Self::CheckoutPaused
        )
    }
}

impl FromServerFnError for AppError {
    // Lines of text, which the browser reads without a JSON reader (see `web::lines`).
    type Encoder = crate::web::lines::LinesText;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        // On the server this runs when a call's arguments can't be read: that is the
        // caller's fault (400, logged at INFO), not a server error (server_fn's 500).
        #[cfg(feature = "ssr")]
        if matches!(
            value,
            ServerFnErrorErr::Args(_)
                | ServerFnErrorErr::MissingArg(_)
                | ServerFnErrorErr::Deserialization(_)
        ) {
            tracing::info!(error = ?value, "a server function call with unreadable arguments");
            // The error sits below `render`, so it sets the status itself.
            if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
                response.set_status(http::StatusCode::BAD_REQUEST);
            }
            return Self::Unreadable;
        }
        Self::Transport(value.to_string())
    }
}

/// The error as the browser receives it: its kind, then what it carries (a problem a line).
impl Lines for AppError {
    fn to_lines(&self) -> String {
        let (kind, said) = match self {
            Self::NotFound(what) => ("not_found", what.clone()),
            Self::Unavailable => ("unavailable", String::new()),
            Self::Upstream => ("upstream", String::new()),
            Self::Busy => ("busy", String::new()),
            Self::TooFast(seconds) => ("too_fast", seconds.to_string()),
            Self::BadInput(message) => ("bad_input", message.clone()),
            Self::Unreadable => ("unreadable", String::new()),
            Self::Problems(problems) => {
                let lines = problems.iter().map(|p| format!("\n{}", line(p.fields())));
                return format!("problems{}", lines.collect::<String>());
            }
            Self::Transport(why) => ("transport", why.clone()),
            Self::Forbidden(why) => ("forbidden", why.clone()),
            Self::TooLarge => ("too_large", String::new()),
            Self::CheckoutPaused => ("checkout_paused", String::new()),
        };
        line([kind, said.as_str()])
    }

    fn from_lines(text: &str) -> Option<Self> {
        let mut lines = text.lines();
        let first = lines.next()?;
        let (kind, said) = first.split_once('\t').unwrap_or((first, ""));
        let said = said.to_string();
        Some(match kind {
            "not_found" => Self::NotFound(said),
            "unavailable" => Self::Unavailable,
            "upstream" => Self::Upstream,
            "busy" => Self::Busy,
            "too_fast" => Self::TooFast(said.parse().ok()?),
            "bad_input" => Self::BadInput(said),
            "unreadable" => Self::Unreadable,
            "problems" => Self::Problems(
                lines
                    .map(|l| {
                        let mut fields = l.splitn(4, '\t');
                        let mut next = || fields.next().unwrap_or_default();
                        Problem::from_fields([next(), next(), next(), next()])
                    })
                    .collect(),
            ),
            "transport" => Self::Transport(said),
            "forbidden" => Self::Forbidden(said),
            "too_large" => Self::TooLarge,
            "checkout_paused" => Self::CheckoutPaused,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_reaches_the_browser_as_it_left_the_server() {
        let problems = vec![
            Problem::with_details(
                "AMOUNT_LESS_THEN_MINIMUM_ALLOWED",
                Some("{\"min\":5}".into()),
            ),
            Problem::new("SOMETHING_NEW"),
        ];
        for error in [
            AppError::NotFound("brand x".into()),
            AppError::Unavailable,
            AppError::Upstream,
            AppError::Busy,
            AppError::TooFast(42),
            AppError::BadInput("Enter an amount\tfrom $5".into()),
            AppError::Unreadable,
            AppError::Problems(problems),
            AppError::Problems(Vec::new()),
            AppError::Transport("timed out".into()),
            AppError::Forbidden("cross-site".into()),
            AppError::TooLarge,
            AppError::CheckoutPaused,
        ] {
            let back = AppError::de(error.ser());
            let expected = match &error {
                // A tab can't travel inside a field: it arrives as a space.
                AppError::BadInput(_) => AppError::BadInput("Enter an amount from $5".into()),
                _ => error.clone(),
            };
            assert_eq!(back, expected);
        }
        // Unreadable bytes are an error still: the server's build calls them unreadable,
        // the browser's a failed call.
        for garbage in ["what is this", "too_fast\tsoon", ""] {
            let read = AppError::de(garbage.into());
            assert!(
                matches!(read, AppError::Unreadable | AppError::Transport(_)),
                "{garbage:?} read as {read:?}"
            );
        }
    }
}
