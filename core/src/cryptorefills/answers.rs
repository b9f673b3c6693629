//! What the partner API answered, read: error statuses and their bodies as `ApiError`
//! (problems, codes, `Retry-After`, redirects), order answers that carry problems with a
//! 200, and bodies decoded with the endpoint named when they don't fit.

use super::{mapping, wire, ApiError};
use crate::domain::Problem;
use futures::StreamExt;
use reqwest::{
    header::{LOCATION, RETRY_AFTER},
    StatusCode,
};
use serde::de::DeserializeOwned;
use std::time::Duration;

/// Passes a successful response on; turns any other into the error its body describes.
pub(super) async fn error_for_status(
    response: reqwest::Response,
    timeout: Duration,
) -> Result<reqwest::Response, ApiError> {
    let status = response.status();
    if status.is_success() {
        return Ok(response);
    }
    let retry_after = response
        .headers()
        .get(RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(Duration::from_secs);
    let body = error_body(response, timeout).await;
    Err(error_from_body(status, retry_after, &body))
}

/// The most of an error body that is read: error bodies are small; a huge or endless one is
/// cut, so it can neither hold a task nor fill memory.
const MAX_ERROR_BODY: usize = 64 * 1024;

/// An error response's body, read within `timeout` and up to `MAX_ERROR_BODY` bytes.
async fn error_body(response: reqwest::Response, timeout: Duration) -> Vec<u8> {
    let mut body = Vec::new();
    let mut chunks = response.bytes_stream();
    let read = async {
        while let Some(Ok(chunk)) = chunks.next().await {
            let room = MAX_ERROR_BODY - body.len();
            body.extend_from_slice(&chunk[..chunk.len().min(room)]);
            if body.len() >= MAX_ERROR_BODY {
                break;
            }
        }
    };
    let _ = tokio::time::timeout(timeout, read).await;
    body
}

/// The error a failed call's body describes: by status first (429 and 404 mean what they
/// mean whatever the body says), then by code. Only codes that are problems with the order
/// become problems; any other code is upstream's error, shown to shoppers neutrally.
pub(super) fn error_from_body(
    status: StatusCode,
    retry_after: Option<Duration>,
    body: &[u8],
) -> ApiError {
    let status_code = status.as_u16();
    if status == StatusCode::TOO_MANY_REQUESTS {
        return ApiError::RateLimited { retry_after };
    }
    let parsed = wire::ErrorBody::read(body);
    let code = parsed.detail.filter(|d| !d.trim().is_empty());
    if status == StatusCode::NOT_FOUND {
        return ApiError::NotFound {
            code: code.or(parsed.message),
        };
    }
    let problems = mapping::problems(parsed.problems);
    if !problems.is_empty() {
        return ApiError::Problems {
            status: status_code,
            problems,
        };
    }
    if let Some(detail) = code {
        if Problem::new(detail.as_str()).is_known() {
            return ApiError::Problems {
                status: status_code,
                problems: vec![Problem::with_details(
                    detail,
                    parsed.more_details.map(|d| d.to_string()),
                )],
            };
        }
        return ApiError::Detail {
            status: status_code,
            detail,
            details: parsed.more_details,
        };
    }
    if let Some(message) = parsed.message.filter(|m| !m.is_empty()) {
        return ApiError::Message {
            status: status_code,
            message,
        };
    }
    ApiError::Status {
        status: status_code,
        body: String::from_utf8_lossy(&body[..body.len().min(200)]).into_owned(),
    }
}

/// A successful answer about an order: the order (or validation), unless it carries problems.
pub(super) fn order_answer<T>(
    endpoint: &'static str,
    status: u16,
    bytes: &[u8],
) -> Result<T, ApiError>
where
    T: DeserializeOwned + wire::CarriesProblems,
{
    let value: serde_json::Value = decode(endpoint, bytes)?;
    if value.is_array() {
        let problems = mapping::problems(wire::problem_list(value));
        if problems.is_empty() {
            return Err(ApiError::Decode {
                endpoint,
                path: ".".into(),
                message: "a list without problems where an object was expected".into(),
            });
        }
        return Err(ApiError::Problems { status, problems });
    }
    let mut answer: T = serde_path_to_error::deserialize(value).map_err(|e| ApiError::Decode {
        endpoint,
        path: e.path().to_string(),
        message: e.into_inner().to_string(),
    })?;
    let problems = mapping::problems(answer.take_problems());
    if !problems.is_empty() {
        return Err(ApiError::Problems { status, problems });
    }
    Ok(answer)
}

/// The host a redirect points at (relative locations resolve against the call's URL).
pub(super) fn redirect_host(response: &reqwest::Response) -> String {
    response
        .headers()
        .get(LOCATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|location| response.url().join(location).ok())
        .and_then(|target| target.host_str().map(str::to_string))
        .unwrap_or_else(|| "an unnamed location".into())
}

/// Decodes JSON, naming the path of the field that broke when it fails.
pub(super) fn decode<T: DeserializeOwned>(
    endpoint: &'static str,
    bytes: &[u8],
) -> Result<T, ApiError> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|e| ApiError::Decode {
        endpoint,
        path: e.path().to_string(),
        message: e.into_inner().to_string(),
    })
}

pub(super) fn decode_missing(endpoint: &'static str, missing: mapping::Missing) -> ApiError {
    ApiError::Decode {
        endpoint,
        path: missing.0.to_string(),
        message: "missing".into(),
    }
}
