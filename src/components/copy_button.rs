//! A button that copies a value (an amount, an address, a code) and says that it did. The
//! value itself stays on the page as selectable text, for browsers without JavaScript.

use leptos::prelude::*;
use std::time::Duration;

#[derive(Clone, Copy, PartialEq)]
enum Copied {
    Not,
    Yes,
    Failed,
}

/// `what` names the value for screen readers ("Copy the amount").
#[island(lazy)]
pub fn CopyButton(text: String, what: String) -> impl IntoView {
    let state = RwSignal::new(Copied::Not);
    let label = format!("Copy {what}");
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
                Copied::Not => "Copy",
                Copied::Yes => "Copied ✓",
                Copied::Failed => "Select and copy",
            }}
        </button>
        <span class="visually-hidden" role="status" aria-live="polite">
            {move || match state.get() {
                Copied::Yes => format!("Copied {what}"),
                Copied::Failed => "Copying failed: select the text and copy it".to_string(),
                Copied::Not => String::new(),
            }}
        </span>
    }
}
