//! The 404 page, with a real 404 status.

use crate::i18n::words::{CommonText, PagesText};
use leptos::prelude::*;
use leptos_meta::Title;

/// `what` names what was missing, already in the page's language ("that order").
#[component]
pub fn NotFound(#[prop(optional, into)] what: Option<String>) -> impl IntoView {
    crate::render::set_status(404);
    let lang = crate::render::lang();
    let t = PagesText(lang);
    let message = what.filter(|what| !what.is_empty()).map_or_else(
        || t.no_page_here().to_string(),
        |what| t.could_not_find(&what),
    );
    view! {
        <Title text=t.page_not_found()/>
        <section class="not-found">
            <h1>{t.page_not_found()}</h1>
            <p>{message}</p>
            <p>
                <a class="button" href=lang.href("/")>{t.go_to_shop()}</a>
                {t.or()}
                <a href=lang.href("/countries")>{t.choose_a_country()}</a>
            </p>
            <p><a href=lang.href("/help")>{CommonText(lang).help()}</a></p>
        </section>
    }
}
