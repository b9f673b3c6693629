//! `/countries`: every country as a plain link, filtered by `?q=`. It is where the country
//! picker's form goes before hydration: a clear match goes straight to that country.

use crate::domain::Country;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

#[component]
pub fn CountriesPage() -> impl IntoView {
    let query = use_query_map().get_untracked().get("q").unwrap_or_default();
    if let Some(country) = Country::clear_match(&query) {
        crate::http::redirect(&format!("/{}", country.code));
    }
    let hits = Country::search(&query);
    let summary = match (query.trim().is_empty(), hits.len()) {
        (true, _) => "All 233 countries we sell in.".to_string(),
        (false, 0) => format!("No country matches “{}”.", query.trim()),
        (false, 1) => format!("1 country matches “{}”.", query.trim()),
        (false, n) => format!("{n} countries match “{}”.", query.trim()),
    };
    view! {
        <Title text="Choose your country"/>
        <Meta name="description" content="Gift cards, mobile top-ups and eSIMs for 233 countries, paid with stablecoins."/>
        <section class="countries-page">
            <h1>"Choose your country"</h1>
            <form method="get" action="/countries" role="search" aria-label="Countries" class="countries-search">
                <label for="countries-q">"Search countries"</label>
                <input id="countries-q" type="search" name="q" value=query.clone()/>
                <button type="submit" class="button">"Search"</button>
            </form>
            <p role="status">{summary}</p>
            <ul class="country-list">
                {hits
                    .into_iter()
                    .map(|c| view! {
                        <li>
                            <a href=format!("/{}", c.code)>
                                <span class="flag" aria-hidden="true">{c.flag()}</span>
                                {c.name}
                                <span class="country-code">{c.code}</span>
                            </a>
                        </li>
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
