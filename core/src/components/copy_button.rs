//! A button that copies a value (an amount, an address, a code) and says that it did. The
//! value itself stays on the page as selectable text, for browsers without JavaScript.
//!
//! Rendered on the server with what it copies in `data-copy`; one listener on the page
//! (`clicked`, from the order page's island) makes every copy button live, including those
//! in parts the page swaps in later.

use crate::i18n::words::OrderText;
use leptos::prelude::*;

/// `what` names the value for screen readers ("Copy the amount"), in the page's language
/// (one of `OrderText`'s `copy_*` names).
#[component]
pub fn CopyButton(text: String, what: String) -> impl IntoView {
    let t = OrderText(crate::render::lang());
    view! {
        <button
            type="button"
            class="button small copy-button needs-js"
            aria-label=t.copy_what(&what)
            data-copy=text
            data-copied=t.copied_what(&what)
        >
            {t.copy()}
        </button>
        <span class="visually-hidden" role="status" aria-live="polite"></span>
    }
}

/// Copies the value of the copy button `event` happened on, if any: the button says
/// "Copied ✓" for three seconds and the status region after it says what was copied (or,
/// when the browser refuses, to select and copy by hand).
#[cfg(feature = "hydrate")]
pub fn clicked(event: &web_sys::Event, t: OrderText) {
    use std::time::Duration;
    use wasm_bindgen::JsCast;
    let Some(button) = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .and_then(|element| element.closest("button[data-copy]").ok().flatten())
    else {
        return;
    };
    let text = button.get_attribute("data-copy").unwrap_or_default();
    let said = button.next_element_sibling();
    let say = move |button: &web_sys::Element, label: &str, status: &str| {
        button.set_text_content(Some(label));
        if let Some(said) = &said {
            said.set_text_content(Some(status));
        }
    };
    let failed = {
        let (button, say) = (button.clone(), say.clone());
        move || say(&button, t.select_and_copy(), t.copy_failed())
    };
    if !crate::browser::copy_text(&text, failed.clone()) {
        failed();
        return;
    }
    let copied = button.get_attribute("data-copied").unwrap_or_default();
    say(&button, t.copied(), &copied);
    set_timeout(move || say(&button, t.copy(), ""), Duration::from_secs(3));
}
