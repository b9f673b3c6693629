//! The app's one error type: what went wrong for a page or a server function, the HTTP
//! status it maps to, and what a shopper reads about it.

use crate::domain::Problem;
use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
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
    /// Input the shopper can fix, with the message to show them.
    #[error("{0}")]
    BadInput(String),
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
            Self::Forbidden(_) => 403,
            Self::TooLarge => 413,
            Self::Unavailable | Self::Transport(_) | Self::CheckoutPaused => 503,
            Self::Upstream => 502,
            Self::Busy | Self::TooFast(_) => 429,
            Self::BadInput(_) | Self::Problems(_) => 422,
        }
    }

    /// A sentence for the shopper: never a raw error string.
    pub fn shopper_message(&self) -> String {
        match self {
            Self::NotFound(what) => format!("We couldn't find {what}."),
            Self::Unavailable => {
                "We can't reach our supplier right now. Please try again in a moment.".into()
            }
            Self::Upstream => "Our supplier couldn't handle this request. Please try again, or choose another amount or payment method.".into(),
            Self::Transport(_) => {
                "We couldn't reach the shop. Check your connection and try again.".into()
            }
            Self::Busy => {
                "The shop is very busy right now. Please try again in a few seconds.".into()
            }
            Self::TooFast(secs) => format!(
                "That was a lot of tries in a short time. Please wait {secs} second{} and try again.",
                if *secs == 1 { "" } else { "s" }
            ),
            Self::BadInput(message) | Self::Forbidden(message) => message.clone(),
            Self::TooLarge => "What was sent is far longer than any order needs, so it was not read.".into(),
            Self::CheckoutPaused => "Checkout is paused for a moment while the shop reconnects. Nothing was ordered or charged: please try again in a minute.".into(),
            Self::Problems(problems) => problems
                .iter()
                .map(Problem::explained)
                .collect::<Vec<_>>()
                .join(" "),
        }
    }

    /// A page's heading for the error.
    pub fn title(&self) -> &'static str {
        match self {
            Self::NotFound(_) => "Page not found",
            Self::TooFast(_) | Self::Busy => "Please wait a moment",
            Self::Forbidden(_) => "This form came from another site",
            Self::TooLarge => "This form is too large",
            Self::BadInput(_) => "This request could not be read",
            Self::Unavailable | Self::Upstream | Self::Transport(_) => "Something went wrong",
            Self::CheckoutPaused => "Checkout is paused for a moment",
            Self::Problems(_) => "This order can't be placed",
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
    type Encoder = JsonEncoding;

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
            return Self::BadInput("The request could not be read.".into());
        }
        Self::Transport(value.to_string())
    }
}
