//! The time left to pay, counted down each second from the server's clock (a reload asks the
//! server again, so the time survives reloads and wrong device clocks).
//!
//! Rendered on the server with the seconds left then (`data-seconds-left`); the order page's
//! island ticks every countdown on the page (`tick`), including one swapped in later.

use crate::i18n::{words::OrderText, Lang};
use leptos::prelude::*;

/// "29:05 left" ("Còn lại 29:05"), or `None` when the time is up.
pub fn time_left_text(lang: Lang, seconds: i64) -> Option<String> {
    (seconds > 0).then(|| OrderText(lang).time_left(seconds / 60, &format!("{:02}", seconds % 60)))
}

#[component]
pub fn Countdown(seconds_left: i64) -> impl IntoView {
    let lang = crate::render::lang();
    let t = OrderText(lang);
    let up = seconds_left <= 0;
    view! {
        <p class="countdown" data-seconds-left=seconds_left>
            <strong>{time_left_text(lang, seconds_left).unwrap_or_else(|| t.time_is_up().into())}</strong>
            <span hidden=!up>" " {t.window_closed()}</span>
        </p>
    }
}

/// Brings every countdown under `root` to the browser's clock: each counts from when the
/// browser first saw it (`data-deadline`, set here), not from the page's first load. When
/// the time is up, what only makes sense before it (`data-until-time-up`) is hidden.
#[cfg(feature = "hydrate")]
pub fn tick(root: &web_sys::Element, lang: Lang) {
    // Whole milliseconds: the page carries no float formatting for this.
    let now = crate::browser::now_ms() as i64;
    crate::browser::each(root, "[data-seconds-left]", |countdown| {
        let number = |name: &str| {
            countdown
                .get_attribute(name)
                .and_then(|value| value.parse::<i64>().ok())
        };
        let deadline = match number("data-deadline") {
            Some(deadline) => deadline,
            None => {
                let deadline = now + number("data-seconds-left").unwrap_or(0) * 1000;
                let _ = countdown.set_attribute("data-deadline", &deadline.to_string());
                deadline
            }
        };
        // Rounded up: "0:01 left" until the very end.
        let left = ((deadline - now + 999) / 1000).max(0);
        let text =
            time_left_text(lang, left).unwrap_or_else(|| OrderText(lang).time_is_up().into());
        crate::browser::set_text(&countdown, "strong", &text);
        crate::browser::set_hidden(&countdown, "span", left > 0);
        crate::browser::set_hidden(root, "[data-until-time-up]", left <= 0);
    });
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
