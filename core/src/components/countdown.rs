//! The time left to pay, counted down each second from the server's clock (a reload asks the
//! server again, so the time survives reloads and wrong device clocks).

use crate::i18n::{words::OrderText, Lang};
use leptos::prelude::*;
use std::time::Duration;

/// "29:05 left" ("Còn lại 29:05"), or `None` when the time is up.
pub fn time_left_text(lang: Lang, seconds: i64) -> Option<String> {
    (seconds > 0).then(|| OrderText(lang).time_left(seconds / 60, &format!("{:02}", seconds % 60)))
}

#[island(lazy)]
pub fn Countdown(seconds_left: i64) -> impl IntoView {
    let lang = crate::render::lang();
    let t = OrderText(lang);
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
                {move || time_left_text(lang, left.get()).unwrap_or_else(|| t.time_is_up().into())}
            </strong>
            {move || (left.get() <= 0).then(|| view! {
                <span>" " {t.window_closed()}</span>
            })}
        </p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_left_reads_as_minutes_and_seconds() {
        assert_eq!(
            time_left_text(Lang::En, 1800).as_deref(),
            Some("30:00 left")
        );
        assert_eq!(time_left_text(Lang::En, 65).as_deref(), Some("1:05 left"));
        assert_eq!(
            time_left_text(Lang::Vi, 65).as_deref(),
            Some("Còn lại 1:05")
        );
        assert_eq!(time_left_text(Lang::En, 0), None);
        assert_eq!(time_left_text(Lang::En, -5), None);
    }
}
