//! The one error every client call returns, keeping what upstream said.

use crate::domain::Problem;
use std::time::Duration;

#[derive(Debug, Clone, thiserror::Error)]
pub enum ApiError {
    /// Validation problems, several at once, whether they came with 200 or 4xx.
    #[error("upstream found problems with the order: {}", codes(.problems))]
    Problems { status: u16, problems: Vec<Problem> },
    /// An HTTP-level error `{status, detail}`; `detail` is a code such as `SUSPENDED_COIN`.
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
            | Self::Status { status, .. } => Some(*status),
            Self::RateLimited { .. } => Some(429),
            Self::Transport(_) | Self::Timeout(_) | Self::Decode { .. } => None,
        }
    }

    pub fn is_not_found(&self) -> bool {
        self.status() == Some(404)
    }

    /// Every problem code upstream named: validation problems and an HTTP-level `detail`.
    pub fn problems(&self) -> Vec<Problem> {
        match self {
            Self::Problems { problems, .. } => problems.clone(),
            Self::Detail {
                detail, details, ..
            } if looks_like_code(detail) => vec![Problem {
                code: detail.clone(),
                details: details.as_ref().map(|d| d.to_string()),
            }],
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

/// `SUSPENDED_COIN` is a code; "Bad Request" is not.
fn looks_like_code(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
}
