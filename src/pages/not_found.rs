//! The 404 page, with a real 404 status.

use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFound(#[prop(optional, into)] what: Option<String>) -> impl IntoView {
    crate::render::set_status(404);
    let message = what.map_or_else(
        || "There is no page at this address.".to_string(),
        |what| format!("We couldn't find {what}."),
    );
    view! {
        <Title text="Page not found"/>
        <section class="not-found">
            <h1>"Page not found"</h1>
            <p>{message}</p>
            <p>
                <a class="button" href="/">"Go to the shop"</a>
                " or "
                <a href="/countries">"choose a country"</a>
            </p>
            <p><a href="/help">"Help"</a></p>
        </section>
    }
}
