//! What a shopper sees when a page can't load: a sentence, and a way to try again.

use crate::error::AppError;
use crate::i18n::words::{CommonText, PagesText};
use leptos::prelude::*;

/// Sets the response status from the error and offers a retry when one can help. The retry
/// is a plain GET form, so it works before (and without) hydration; it has no action, so it
/// asks again for this very page, in its language.
#[component]
pub fn ErrorPanel(error: AppError, #[prop(into)] heading: String) -> impl IntoView {
    crate::render::set_status(error.status());
    let lang = crate::render::lang();
    let t = PagesText(lang);
    let retry = error.is_retryable();
    view! {
        <section class="error-panel" role="alert">
            <h1>{heading}</h1>
            <p>{error.shopper_message(lang)}</p>
            {retry.then(|| view! {
                <form method="get">
                    <button type="submit" class="button">{t.try_again()}</button>
                </form>
            })}
            <p>
                <a href=lang.href("/countries")>{t.choose_another_country()}</a>
                " · "
                <a href=lang.href("/help")>{CommonText(lang).help()}</a>
            </p>
        </section>
    }
}
