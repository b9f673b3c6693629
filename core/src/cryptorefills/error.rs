//! The one error every client call returns, keeping what upstream said.

use crate::domain::Problem;
use crate::error::AppError;
use std::time::Duration;

#[derive(Debug, Clone, thiserror::Error)]
pub enum ApiError {
    /// Validation problems, several at once, whether they came with 200 or 4xx.
    #[error("upstream found problems with the order: {}", codes(.problems))]
    Problems { status: u16, problems: Vec<Problem> },
    /// HTTP 404, whatever the body says (`ORDER_NOT_FOUND`, `NOT_AVAILABLE_PRODUCT`, …).
    #[error("upstream has no such thing ({})", .code.as_deref().unwrap_or("404"))]
    NotFound { code: Option<String> },
    /// An HTTP-level error `{status, detail}` whose code is not a problem with the order
    /// (`INVALID_REQUEST`, `NOT_SUPPORTED_COIN`, …): our request or upstream is at fault.
    #[error("upstream answered {status} {detail}")]
    Detail {
        status: u16,
        detail: String,
        details: Option<serde_json::Value>,
    },
    /// A generic `{message}` error.
    #[error("upstream answered {status}: {message}")]
    Message { status: u16, message: String },
    /// A failed call whose body said nothing we recognise.
    #[error("upstream answered {status}")]
    Status { status: u16, body: String },
    /// HTTP 429, with how long upstream asked us to wait.
    #[error("upstream asked us to slow down (retry after {retry_after:?})")]
    RateLimited { retry_after: Option<Duration> },
    /// Upstream answered with a redirect, which the client never follows: the partner id
    /// must not travel to another host.
    #[error("upstream redirected ({status}) to {host}; redirects are not followed")]
    Redirected { status: u16, host: String },
    /// The call never got an answer (DNS, refused, reset).
    #[error("could not reach upstream: {0}")]
    Transport(String),
    #[error("upstream did not answer within {0:?}")]
    Timeout(Duration),
    /// The answer came, but a field of it could not be read.
    #[error("could not read upstream's answer to {endpoint} at `{path}`: {message}")]
    Decode {
        endpoint: &'static str,
        path: String,
        message: String,
    },
}

fn codes(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| p.code.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

impl ApiError {
    /// The HTTP status upstream answered with, when there was an answer.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Problems { status, .. }
            | Self::Detail { status, .. }
            | Self::Message { status, .. }
            | Self::Status { status, .. }
            | Self::Redirected { status, .. } => Some(*status),
            Self::NotFound { .. } => Some(404),
            Self::RateLimited { .. } => Some(429),
            Self::Transport(_) | Self::Timeout(_) | Self::Decode { .. } => None,
        }
    }

    pub fn is_not_found(&self) -> bool {
        self.status() == Some(404)
    }

    /// The problems upstream found with the order (none for any other error).
    pub fn problems(&self) -> Vec<Problem> {
        match self {
            Self::Problems { problems, .. } => problems.clone(),
            _ => Vec::new(),
        }
    }

    /// Worth one more try for an idempotent call: the network or a gateway failed.
    pub(super) fn is_retryable(&self) -> bool {
        match self {
            Self::Transport(_) => true,
            other => matches!(other.status(), Some(502..=504)),
        }
    }
}

/// Upstream's errors as the shop reports them; the details go to the log, not the shopper.
impl From<ApiError> for AppError {
    fn from(error: ApiError) -> Self {
        let problems = error.problems();
        if !problems.is_empty() {
            return AppError::Problems(problems);
        }
        match error {
            ApiError::RateLimited { .. } => AppError::Busy,
            // The page names what is missing, in its language.
            ApiError::NotFound { .. } => AppError::NotFound(String::new()),
            // A code that is not the shopper's to fix: our request or upstream is at fault.
            e @ (ApiError::Detail { .. } | ApiError::Message { .. })
                if e.status().is_some_and(|s| s < 500) =>
            {
                tracing::warn!(error = %e, "upstream refused the call");
                AppError::Upstream
            }
            e @ (ApiError::Redirected { .. } | ApiError::Decode { .. }) => {
                tracing::error!(error = %e, "upstream answered in a way the shop cannot use");
                AppError::Unavailable
            }
            e => {
                tracing::warn!(error = %e, "upstream call failed");
                AppError::Unavailable
            }
        }
    }
}
