//! Faults a test can switch on, each for the calls whose path starts with its `path` (so
//! tests running at once each fault their own order): the next N calls fail with a status,
//! calls are slowed down, event streams are cut after a while without `stop`, or stay open
//! and say nothing at all (a half-open connection).

use serde::Deserialize;
use std::{
    sync::{Arc, Mutex, MutexGuard},
    time::Duration,
};

/// `POST /sandbox/api/__control/faults` takes one of these (fields may be combined).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct FaultRequest {
    /// A prefix of the path (and query) under the sandbox root, like `/v2/brands` or
    /// `/v2/brands?country_code=AQ`; none means every call.
    pub path: Option<String>,
    /// Fail the next `times` calls (default 1) with this status.
    pub status: Option<u16>,
    pub times: Option<u32>,
    /// Seconds for a `Retry-After` header on the failures (use with 429).
    pub retry_after: Option<u64>,
    /// Delay every call to the path by this long.
    pub latency_ms: Option<u64>,
    /// End event streams this long after they start, without `event: stop`.
    pub cut_streams_after_ms: Option<u64>,
    /// Event streams stay open and send nothing (no events, no heartbeats), as a connection
    /// that died half-open does.
    pub silent_streams: bool,
}

/// Faults held at once, and the longest delay one may add: the control endpoint must not be
/// a way to fill memory or hold connections for ever.
const MAX_FAULTS: usize = 100;
const MAX_DELAY_MS: u64 = 60_000;

#[derive(Debug, Clone)]
struct Failure {
    prefix: String,
    status: u16,
    remaining: u32,
    retry_after: Option<u64>,
}

#[derive(Debug, Default)]
struct State {
    failures: Vec<Failure>,
    latencies: Vec<(String, Duration)>,
    cut_streams: Vec<(String, Duration)>,
    silent_streams: Vec<String>,
}

impl State {
    fn len(&self) -> usize {
        self.failures.len()
            + self.latencies.len()
            + self.cut_streams.len()
            + self.silent_streams.len()
    }
}

/// What happens to one event stream.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct StreamFault {
    pub cut_after: Option<Duration>,
    pub silent: bool,
}

/// What the middleware should do to one call.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Injection {
    pub delay: Duration,
    /// Fail with this status (and this `Retry-After`).
    pub fail: Option<(u16, Option<u64>)>,
}

#[derive(Clone, Default)]
pub struct Faults {
    state: Arc<Mutex<State>>,
}

impl Faults {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn add(&self, request: FaultRequest) -> Result<(), String> {
        let prefix = request.path.unwrap_or_default();
        if prefix.len() > 512 {
            return Err("path must be at most 512 characters".into());
        }
        for (name, ms) in [
            ("latency_ms", request.latency_ms),
            ("cut_streams_after_ms", request.cut_streams_after_ms),
        ] {
            if ms.is_some_and(|ms| ms > MAX_DELAY_MS) {
                return Err(format!("{name} must be at most {MAX_DELAY_MS} (a minute)"));
            }
        }
        let mut state = self.lock();
        if state.len() >= MAX_FAULTS {
            return Err(format!(
                "at most {MAX_FAULTS} faults at once: clear them (DELETE) first"
            ));
        }
        if let Some(status) = request.status {
            if !(400..=599).contains(&status) {
                return Err(format!("status {status} is not an error status"));
            }
            state.failures.push(Failure {
                prefix: prefix.clone(),
                status,
                remaining: request.times.unwrap_or(1),
                retry_after: request.retry_after,
            });
        }
        if let Some(ms) = request.latency_ms {
            state
                .latencies
                .push((prefix.clone(), Duration::from_millis(ms)));
        }
        if let Some(ms) = request.cut_streams_after_ms {
            state
                .cut_streams
                .push((prefix.clone(), Duration::from_millis(ms)));
        }
        if request.silent_streams {
            state.silent_streams.push(prefix);
        }
        Ok(())
    }

    pub fn clear(&self) {
        *self.lock() = State::default();
    }

    /// Clears the faults added for exactly `path`, leaving the others.
    pub fn clear_path(&self, path: &str) {
        let mut state = self.lock();
        state.failures.retain(|f| f.prefix != path);
        state.latencies.retain(|(prefix, _)| prefix != path);
        state.cut_streams.retain(|(prefix, _)| prefix != path);
        state.silent_streams.retain(|prefix| prefix != path);
    }

    /// What to do to a call to `path` (with its query); counts the failure it hands out.
    pub fn for_call(&self, path: &str) -> Injection {
        let mut state = self.lock();
        let delay = state
            .latencies
            .iter()
            .filter(|(prefix, _)| path.starts_with(prefix.as_str()))
            .map(|(_, d)| *d)
            .sum();
        let fail = state
            .failures
            .iter_mut()
            .find(|f| f.remaining > 0 && path.starts_with(f.prefix.as_str()))
            .map(|f| {
                f.remaining -= 1;
                (f.status, f.retry_after)
            });
        state.failures.retain(|f| f.remaining > 0);
        Injection { delay, fail }
    }

    /// What to do to an event stream at `path`.
    pub fn for_stream(&self, path: &str) -> StreamFault {
        let state = self.lock();
        let matches = |prefix: &String| path.starts_with(prefix.as_str());
        StreamFault {
            cut_after: state
                .cut_streams
                .iter()
                .filter(|(prefix, _)| matches(prefix))
                .map(|(_, after)| *after)
                .min(),
            silent: state.silent_streams.iter().any(matches),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_count_down_and_match_by_prefix() {
        let faults = Faults::default();
        let add = faults.add(FaultRequest {
            path: Some("/v2/brands".into()),
            status: Some(503),
            times: Some(2),
            ..Default::default()
        });
        assert!(add.is_ok());
        assert_eq!(faults.for_call("/v3/payment_vias").fail, None);
        assert_eq!(faults.for_call("/v2/brands").fail, Some((503, None)));
        assert_eq!(faults.for_call("/v2/brands").fail, Some((503, None)));
        assert_eq!(faults.for_call("/v2/brands").fail, None);
    }

    #[test]
    fn latency_applies_until_cleared() {
        let faults = Faults::default();
        let _ = faults.add(FaultRequest {
            latency_ms: Some(300),
            ..Default::default()
        });
        assert_eq!(faults.for_call("/any").delay, Duration::from_millis(300));
        faults.clear();
        assert_eq!(faults.for_call("/any"), Injection::default());
    }

    #[test]
    fn faults_are_bounded() {
        let faults = Faults::default();
        let slow = |ms| FaultRequest {
            latency_ms: Some(ms),
            ..Default::default()
        };
        assert!(faults.add(slow(MAX_DELAY_MS + 1)).is_err());
        for _ in 0..MAX_FAULTS {
            assert_eq!(faults.add(slow(1)), Ok(()));
        }
        let full = faults.add(slow(1));
        assert!(full.is_err_and(|why| why.contains("at most 100")));
        faults.clear();
        assert_eq!(faults.add(slow(1)), Ok(()));
    }

    #[test]
    fn stream_faults_apply_to_their_path_only() {
        let faults = Faults::default();
        let _ = faults.add(FaultRequest {
            path: Some("/v5/orders/a/".into()),
            silent_streams: true,
            ..Default::default()
        });
        let _ = faults.add(FaultRequest {
            path: Some("/v5/orders/b/".into()),
            cut_streams_after_ms: Some(400),
            ..Default::default()
        });
        assert!(faults.for_stream("/v5/orders/a/subscribe").silent);
        assert_eq!(
            faults.for_stream("/v5/orders/c/subscribe"),
            StreamFault::default()
        );
        assert_eq!(
            faults.for_stream("/v5/orders/b/subscribe").cut_after,
            Some(Duration::from_millis(400))
        );
        faults.clear_path("/v5/orders/b/");
        assert_eq!(faults.for_stream("/v5/orders/b/subscribe").cut_after, None);
        assert!(
            faults.for_stream("/v5/orders/a/subscribe").silent,
            "another's stays"
        );
    }

    #[test]
    fn only_error_statuses_can_be_injected() {
        let faults = Faults::default();
        let add = faults.add(FaultRequest {
            status: Some(200),
            ..Default::default()
        });
        assert!(add.is_err());
    }
}
