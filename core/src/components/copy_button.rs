//! A button that copies a value (an amount, an address, a code) and says that it did. The
//! value itself stays on the page as selectable text, for browsers without JavaScript.

use crate::i18n::words::OrderText;
use leptos::prelude::*;
use std::time::Duration;

#[derive(Clone, Copy, PartialEq)]
enum Copied {
    Not,
    Yes,
    Failed,
}

/// `what` names the value for screen readers ("Copy the amount"), in the page's language
/// (one of `OrderText`'s `copy_*` names).
#[island(lazy)]
pub fn CopyButton(text: String, what: String) -> impl IntoView {
    let t = OrderText(crate::render::lang());
    let state = RwSignal::new(Copied::Not);
    let label = t.copy_what(&what);
    let copy = move |_| {
        if !crate::browser::copy_text(&text, move || state.set(Copied::Failed)) {
            state.set(Copied::Failed);
            return;
        }
        state.set(Copied::Yes);
        set_timeout(move || state.set(Copied::Not), Duration::from_secs(3));
    };
    view! {
        <button type="button" class="button small copy-button needs-js" aria-label=label on:click=copy>
            {move || match state.get() {
                Copied::Not => t.copy(),
                Copied::Yes => t.copied(),
                Copied::Failed => t.select_and_copy(),
            }}
        </button>
        <span class="visually-hidden" role="status" aria-live="polite">
            {move || match state.get() {
                Copied::Yes => t.copied_what(&what),
                Copied::Failed => t.copy_failed().to_string(),
                Copied::Not => String::new(),
            }}
        </span>
    }
}
