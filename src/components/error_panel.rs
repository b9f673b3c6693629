//! What a shopper sees when a page can't load: a sentence, and a way to try again.

use crate::error::AppError;
use leptos::prelude::*;

/// Sets the response status from the error and offers a retry when one can help. The retry
/// is a plain GET form, so it works before (and without) hydration.
#[component]
pub fn ErrorPanel(error: AppError, #[prop(into)] heading: String) -> impl IntoView {
    crate::render::set_status(error.status());
    let retry = error.is_retryable();
    view! {
        <section class="error-panel" role="alert">
            <h1>{heading}</h1>
            <p>{error.shopper_message()}</p>
            {retry.then(|| view! {
                <form method="get">
                    <button type="submit" class="button">"Try again"</button>
                </form>
            })}
            <p>
                <a href="/countries">"Choose another country"</a>
                " · "
                <a href="/help">"Help"</a>
            </p>
        </section>
    }
}
