//! How calls to the partner API travel: the partner and shopper headers, timeouts, one
//! retry for idempotent GETs, no redirects, and error bodies turned into `ApiError`.

use super::{
    answers::{decode, error_for_status, error_from_body, order_answer, redirect_host},
    wire, ApiError, Client, Shopper,
};
use futures::StreamExt;
use reqwest::{
    header::{HeaderMap, HeaderName, HeaderValue, CONTENT_TYPE, USER_AGENT},
    Method, RequestBuilder,
};
use serde::{de::DeserializeOwned, Serialize};
use std::time::Duration;
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
        let path = &crate::web::redacted_path(path);
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
