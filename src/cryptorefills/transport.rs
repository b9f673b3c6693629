//! How calls to the partner API travel: the partner and shopper headers, timeouts, one
//! retry for idempotent GETs, no redirects, and error bodies turned into `ApiError`.

use super::{
    mapping,
    sse::{SseItem, SseParser},
    wire, ApiError, Client, Shopper,
};
use crate::domain::{OrderEvent, Problem};
use futures::{stream, Stream, StreamExt};
use reqwest::{
    header::{HeaderMap, HeaderName, HeaderValue, CONTENT_TYPE, LOCATION, RETRY_AFTER, USER_AGENT},
    Method, RequestBuilder, StatusCode,
};
use serde::{de::DeserializeOwned, Serialize};
use std::{collections::VecDeque, pin::Pin, time::Duration};
use tokio::time::Instant;
use url::Url;

/// The longest `Retry-After` a GET waits out before retrying; past it the caller gets the error.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(5);

impl Client {
    /// The base URL (which may carry a path, like `/sandbox/api`) plus encoded segments.
    pub(super) fn url(&self, segments: &[&str], query: &[(&str, &str)]) -> Url {
        let mut url = self.settings.base_url.clone();
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop_if_empty().extend(segments);
        }
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(query);
        }
        url
    }

    pub(super) fn headers(&self, shopper: &Shopper) -> HeaderMap {
        let mut headers = HeaderMap::new();
        let mut put = |name: &'static str, value: &str| {
            if let Ok(value) = HeaderValue::from_str(value) {
                headers.insert(HeaderName::from_static(name), value);
            }
        };
        put("x-cr-application", &self.settings.partner_id);
        put("x-cr-version", &self.settings.app_version);
        if let Some(country) = shopper.country {
            put("x-country-iso-code", country.code);
        }
        if let Some(ip) = shopper.ip {
            put("x-forwarded-for", &ip.to_string());
        }
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        if let Some(agent) = shopper
            .user_agent
            .as_deref()
            .and_then(|a| HeaderValue::from_str(a).ok())
        {
            headers.insert(USER_AGENT, agent);
        }
        headers
    }

    /// An idempotent GET: one retry (after a little jitter) on a network or gateway failure,
    /// and one after a short `Retry-After` on 429.
    pub(super) async fn get<T: DeserializeOwned>(
        &self,
        endpoint: &'static str,
        url: Url,
        shopper: &Shopper,
    ) -> Result<T, ApiError> {
        let mut retried = false;
        loop {
            let request = self
                .http
                .get(url.clone())
                .headers(self.headers(shopper))
                .timeout(self.settings.timeout);
            let outcome = match self.execute(endpoint, request, url.path(), shopper).await {
                Ok(response) => error_for_status(response, self.settings.timeout).await,
                Err(e) => Err(e),
            };
            let response = match outcome {
                Err(e) if !retried && e.is_retryable() => {
                    tokio::time::sleep(Duration::from_millis(fastrand::u64(100..400))).await;
                    retried = true;
                    continue;
                }
                Err(ApiError::RateLimited {
                    retry_after: Some(wait),
                }) if !retried && wait <= MAX_RETRY_AFTER => {
                    tokio::time::sleep(wait).await;
                    retried = true;
                    continue;
                }
                other => other?,
            };
            let bytes = read_body(endpoint, response, self.settings.timeout).await?;
            return decode(endpoint, &bytes);
        }
    }

    /// A POST about an order (never retried: creating an order twice is worse than failing
    /// once). Problems come with 200 or 4xx, in an object or as a bare array; an answer
    /// that carries problems is those problems, whatever else it holds.
    pub(super) async fn post_order<B, T>(
        &self,
        endpoint: &'static str,
        method: Method,
        url: Url,
        body: &B,
        shopper: &Shopper,
    ) -> Result<T, ApiError>
    where
        B: Serialize,
        T: DeserializeOwned + wire::CarriesProblems,
    {
        let request = self
            .http
            .request(method, url.clone())
            .headers(self.headers(shopper))
            .timeout(self.settings.timeout)
            .json(body);
        let response = self.execute(endpoint, request, url.path(), shopper).await?;
        let status = response.status();
        let bytes = read_body(endpoint, response, self.settings.timeout).await?;
        if !status.is_success() {
            return Err(error_from_body(status, None, &bytes));
        }
        order_answer(endpoint, status.as_u16(), &bytes)
    }

    /// Sends and logs: one line per upstream call with its status and latency.
    pub(super) async fn execute(
        &self,
        endpoint: &'static str,
        request: RequestBuilder,
        path: &str,
        shopper: &Shopper,
    ) -> Result<reqwest::Response, ApiError> {
        if let Ok(mut calls) = self.calls.lock() {
            *calls.entry(endpoint).or_default() += 1;
        }
        if let Some(ip) = shopper.ip {
            self.by_shopper.count(ip);
        }
        // The path may hold an order id, a bearer link to the order: logged cut short.
        let path = &crate::http::redacted_path(path);
        let started = Instant::now();
        let result = request.send().await;
        let latency_ms = started.elapsed().as_millis() as u64;
        match result {
            Ok(response) if response.status().is_redirection() => {
                let status = response.status().as_u16();
                let host = redirect_host(&response);
                tracing::warn!(target: "upstream", endpoint, path, status, %host, latency_ms, "upstream redirected; not followed");
                Err(ApiError::Redirected { status, host })
            }
            Ok(response) => {
                tracing::info!(
                    target: "upstream",
                    endpoint,
                    path,
                    status = response.status().as_u16(),
                    latency_ms,
                    "upstream call"
                );
                Ok(response)
            }
            Err(error) => {
                tracing::warn!(target: "upstream", endpoint, path, latency_ms, %error, "upstream call failed");
                Err(transport_error(error, self.settings.timeout))
            }
        }
    }
}

pub(super) fn transport_error(error: reqwest::Error, timeout: Duration) -> ApiError {
    if error.is_timeout() {
        ApiError::Timeout(timeout)
    } else {
        // The innermost cause says what happened ("Connection refused"), the top one only
        // that sending failed.
        let mut cause: &dyn std::error::Error = &error;
        while let Some(next) = cause.source() {
            cause = next;
        }
        ApiError::Transport(cause.to_string())
    }
}

/// The most of a successful answer that is read. A country's whole catalog is well under
/// 1 MiB in production; anything past this is not an answer the shop can use, and reading
/// it would let upstream (or whoever answers in its place) fill the server's memory.
pub const MAX_BODY: usize = 8 * 1024 * 1024;

/// A successful answer's body, up to `MAX_BODY` bytes (the request's timeout covers the
/// body too, so one that never ends is a timeout).
async fn read_body(
    endpoint: &'static str,
    response: reqwest::Response,
    timeout: Duration,
) -> Result<bytes::Bytes, ApiError> {
    let too_large = || ApiError::Decode {
        endpoint,
        path: ".".into(),
        message: format!("the answer is larger than {} MiB", MAX_BODY / (1024 * 1024)),
    };
    if response
        .content_length()
        .is_some_and(|length| length > MAX_BODY as u64)
    {
        return Err(too_large());
    }
    let mut body = bytes::BytesMut::new();
    let mut chunks = response.bytes_stream();
    while let Some(chunk) = chunks.next().await {
        let chunk = chunk.map_err(|e| {
            if e.is_timeout() {
                ApiError::Timeout(timeout)
            } else if e.is_decode() {
                ApiError::Decode {
                    endpoint,
                    path: ".".into(),
                    message: e.to_string(),
                }
            } else {
                transport_error(e, timeout)
            }
        })?;
        if body.len() + chunk.len() > MAX_BODY {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

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
fn redirect_host(response: &reqwest::Response) -> String {
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

/// Parses an event stream body into order events; ends after `stop` or when upstream closes.
/// Upstream sends a comment every 15 s: a stream that says nothing for `idle` is a
/// connection that died without closing (a half-open one), and ends with a timeout error
/// so that it is opened again.
pub(super) fn event_stream(
    response: reqwest::Response,
    idle: Duration,
) -> impl Stream<Item = Result<OrderEvent, ApiError>> {
    struct State {
        body: Pin<Box<dyn Stream<Item = reqwest::Result<bytes::Bytes>> + Send>>,
        parser: SseParser,
        ready: VecDeque<Result<OrderEvent, ApiError>>,
        stopped: bool,
    }
    let state = State {
        body: Box::pin(response.bytes_stream()),
        parser: SseParser::default(),
        ready: VecDeque::new(),
        stopped: false,
    };
    stream::unfold(state, move |mut state| async move {
        loop {
            if let Some(item) = state.ready.pop_front() {
                return Some((item, state));
            }
            if state.stopped {
                return None;
            }
            let next = tokio::time::timeout(idle, state.body.next()).await;
            let chunk = match next {
                Ok(Some(Ok(chunk))) => chunk,
                Ok(Some(Err(e))) => {
                    state.stopped = true;
                    return Some((Err(ApiError::Transport(e.to_string())), state));
                }
                Ok(None) => return None,
                Err(_) => {
                    state.stopped = true;
                    return Some((Err(ApiError::Timeout(idle)), state));
                }
            };
            for item in state.parser.feed(&chunk) {
                let SseItem::Event { event, data, .. } = item else {
                    continue;
                };
                match event.as_str() {
                    "stop" => {
                        let payload: wire::StopPayload =
                            serde_json::from_str(&data).unwrap_or_default();
                        state.ready.push_back(Ok(OrderEvent::Stop {
                            error: payload.error,
                        }));
                        state.stopped = true;
                        break;
                    }
                    "message" => state.ready.push_back(
                        decode::<wire::Order>("order_events", data.as_bytes()).and_then(|raw| {
                            mapping::order(raw)
                                .map(|order| OrderEvent::Update(Box::new(order)))
                                .map_err(|m| decode_missing("order_events", m))
                        }),
                    ),
                    _ => {}
                }
            }
        }
    })
}
