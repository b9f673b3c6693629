//! How a live view stays live through a flaky network, as plain rules the browser applies
//! (and the server, when it reopens upstream): exponential backoff with jitter, and when to
//! give up on the stream and poll instead.

use crate::i18n::{words::OrderText, Lang};
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// 1 s, doubling, at most 30 s; each delay spread by up to ±20 % so that many pages cut at
/// once don't all come back at the same instant.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Backoff {
    pub first: Duration,
    pub max: Duration,
}

impl Default for Backoff {
    fn default() -> Self {
        Self {
            first: Duration::from_secs(1),
            max: Duration::from_secs(30),
        }
    }
}

impl Backoff {
    /// The wait after the `retry`-th failure in a row (0 for the first); `unit` is a random
    /// number in [0, 1) that picks the jitter.
    pub fn delay(&self, retry: u32, unit: f64) -> Duration {
        let base = self
            .first
            .saturating_mul(1u32.checked_shl(retry.min(16)).unwrap_or(u32::MAX))
            .min(self.max);
        let spread = 0.8 + 0.4 * unit.clamp(0.0, 1.0);
        base.mul_f64(spread).min(self.max)
    }
}

/// Where a page gets its updates from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Channel {
    /// The event stream is open (or opening).
    Stream,
    /// Waiting to reopen the stream after a failure.
    Reconnecting,
    /// The stream failed too often (or the browser has none): ask every few seconds.
    Polling,
    /// A final state: nothing more will come.
    Done,
}

/// The page's connection rules: reconnect with backoff, poll after three failures in a row,
/// go back to the stream when polling sees it could work, stop for good at a final state.
#[derive(Clone, Debug, PartialEq)]
pub struct ReconnectPolicy {
    pub backoff: Backoff,
    /// Stream failures in a row.
    pub failures: u32,
    pub channel: Channel,
}

/// How often the polling fallback asks.
pub const POLL_EVERY: Duration = Duration::from_secs(5);
/// Failures in a row after which the page polls instead.
pub const FAILURES_BEFORE_POLLING: u32 = 3;

impl Default for ReconnectPolicy {
    fn default() -> Self {
        Self {
            backoff: Backoff::default(),
            failures: 0,
            channel: Channel::Stream,
        }
    }
}

impl ReconnectPolicy {
    /// A page in a browser without `EventSource` polls from the start.
    pub fn without_streams() -> Self {
        Self {
            channel: Channel::Polling,
            ..Self::default()
        }
    }

    /// A good message: the count of failures starts again.
    pub fn on_message(&mut self, is_final: bool) {
        self.failures = 0;
        if is_final {
            self.channel = Channel::Done;
        } else if self.channel == Channel::Reconnecting {
            self.channel = Channel::Stream;
        }
    }

    /// The stream failed; returns how long to wait before reopening it, or `None` when the
    /// page should poll instead (or is done).
    pub fn on_stream_error(&mut self, unit: f64) -> Option<Duration> {
        if self.channel == Channel::Done {
            return None;
        }
        self.failures += 1;
        if self.failures >= FAILURES_BEFORE_POLLING {
            self.channel = Channel::Polling;
            return None;
        }
        self.channel = Channel::Reconnecting;
        Some(self.backoff.delay(self.failures - 1, unit))
    }

    /// A poll answered: polling found the server reachable again, so the stream gets another
    /// chance (unless the order is final).
    pub fn on_poll_answer(&mut self, is_final: bool) {
        if is_final {
            self.channel = Channel::Done;
            return;
        }
        self.failures = 0;
        self.channel = Channel::Stream;
    }

    /// What the page says about its connection, in `lang` (announced politely to screen
    /// readers).
    pub fn status_text(&self, lang: Lang, reconnect_in: Option<Duration>) -> String {
        let t = OrderText(lang);
        match self.channel {
            Channel::Stream => t.live().into(),
            Channel::Reconnecting => match reconnect_in {
                Some(wait) => t.reconnecting_in(wait.as_secs().max(1)),
                None => t.reconnecting().into(),
            },
            Channel::Polling => t.checking_every(POLL_EVERY.as_secs()),
            Channel::Done => t.up_to_date().into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_one_second_to_thirty_with_jitter() {
        let b = Backoff::default();
        let middle: Vec<u64> = (0..7).map(|n| b.delay(n, 0.5).as_millis() as u64).collect();
        assert_eq!(middle, [1000, 2000, 4000, 8000, 16000, 30000, 30000]);
        assert_eq!(b.delay(0, 0.0), Duration::from_millis(800));
        assert_eq!(b.delay(0, 1.0), Duration::from_millis(1200));
        assert!(
            b.delay(5, 1.0) <= Duration::from_secs(30),
            "never above the cap"
        );
        assert_eq!(b.delay(u32::MAX, 0.5), Duration::from_secs(30));
    }

    #[test]
    fn three_failures_in_a_row_switch_to_polling() {
        let mut p = ReconnectPolicy::default();
        assert_eq!(p.on_stream_error(0.5), Some(Duration::from_secs(1)));
        assert_eq!(p.channel, Channel::Reconnecting);
        assert_eq!(p.on_stream_error(0.5), Some(Duration::from_secs(2)));
        assert_eq!(p.on_stream_error(0.5), None);
        assert_eq!(p.channel, Channel::Polling);
        assert_eq!(p.status_text(Lang::En, None), "Checking every 5 s");
        assert_eq!(p.status_text(Lang::Vi, None), "Kiểm tra mỗi 5 giây");
    }

    #[test]
    fn a_good_message_resets_the_count() {
        let mut p = ReconnectPolicy::default();
        p.on_stream_error(0.5);
        p.on_stream_error(0.5);
        p.on_message(false);
        assert_eq!((p.failures, p.channel), (0, Channel::Stream));
        assert_eq!(
            p.on_stream_error(0.5),
            Some(Duration::from_secs(1)),
            "from one second again"
        );
    }

    #[test]
    fn polling_goes_back_to_the_stream_and_final_states_stop_everything() {
        let mut p = ReconnectPolicy::without_streams();
        assert_eq!(p.channel, Channel::Polling);
        p.on_poll_answer(false);
        assert_eq!(p.channel, Channel::Stream);
        p.on_message(true);
        assert_eq!(p.channel, Channel::Done);
        assert_eq!(
            p.on_stream_error(0.5),
            None,
            "nothing reopens after a final state"
        );
        assert_eq!(p.status_text(Lang::En, None), "Up to date");
    }

    #[test]
    fn the_status_says_when_it_reconnects() {
        let mut p = ReconnectPolicy::default();
        let wait = p.on_stream_error(0.5);
        assert_eq!(p.status_text(Lang::En, wait), "Reconnecting in 1 s");
        assert_eq!(p.status_text(Lang::Vi, wait), "Kết nối lại sau 1 giây");
    }
}
