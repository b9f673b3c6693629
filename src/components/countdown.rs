//! The time left to pay, counted down each second from the server's clock (a reload asks the
//! server again, so the time survives reloads and wrong device clocks).

use leptos::prelude::*;
use std::time::Duration;

/// "29:05 left", or `None` when the time is up.
pub fn time_left_text(seconds: i64) -> Option<String> {
    (seconds > 0).then(|| format!("{}:{:02} left", seconds / 60, seconds % 60))
}

#[island(lazy)]
pub fn Countdown(seconds_left: i64) -> impl IntoView {
    let left = RwSignal::new(seconds_left);
    Effect::new(move |_| {
        let started = crate::browser::now_ms();
        let tick = move || {
            let elapsed = ((crate::browser::now_ms() - started) / 1000.0) as i64;
            left.set((seconds_left - elapsed).max(0));
        };
        if let Ok(handle) = set_interval_with_handle(tick, Duration::from_secs(1)) {
            on_cleanup(move || handle.clear());
        }
    });
    view! {
        <p class="countdown">
            <strong>
                {move || time_left_text(left.get()).unwrap_or_else(|| "Time is up".into())}
            </strong>
            {move || (left.get() <= 0).then(|| view! {
                <span>" The payment window has closed: don't send coins now. The order will expire."</span>
            })}
        </p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_left_reads_as_minutes_and_seconds() {
        assert_eq!(time_left_text(1800).as_deref(), Some("30:00 left"));
        assert_eq!(time_left_text(65).as_deref(), Some("1:05 left"));
        assert_eq!(time_left_text(0), None);
        assert_eq!(time_left_text(-5), None);
    }
}
