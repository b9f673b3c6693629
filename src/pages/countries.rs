//! `/countries`: every country as a plain link, filtered by `?q=`. It is where the country
//! picker's form goes before hydration: a clear match goes straight to that country.

use crate::domain::Country;
use leptos::{either::Either, prelude::*};
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

#[component]
pub fn CountriesPage() -> impl IntoView {
    let query = use_query_map().get_untracked().get("q").unwrap_or_default();
    if let Some(country) = Country::clear_match(&query) {
        crate::render::redirect(&format!("/{}", country.code));
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
            {if query.trim().is_empty() {
                Either::Left(view! { <ByLetter countries=hits/> })
            } else {
                Either::Right(view! { <CountryList countries=hits/> })
            }}
        </section>
    }
}

/// Every country under its first letter, with an A–Z index to jump by.
#[component]
fn ByLetter(countries: Vec<&'static Country>) -> impl IntoView {
    let mut groups: Vec<(char, Vec<&'static Country>)> = Vec::new();
    for country in countries {
        let letter = initial(country.name);
        match groups.last_mut() {
            Some((last, members)) if *last == letter => members.push(country),
            _ => groups.push((letter, vec![country])),
        }
    }
    let index = groups
        .iter()
        .map(|(letter, _)| view! { <li><a href=format!("#countries-{letter}")>{letter.to_string()}</a></li> })
        .collect_view();
    let sections = groups
        .into_iter()
        .map(|(letter, members)| {
            let id = format!("countries-{letter}");
            let labelled_by = id.clone();
            view! {
                <section class="letter-group" aria-labelledby=labelled_by>
                    <h2 id=id>{letter.to_string()}</h2>
                    <CountryList countries=members/>
                </section>
            }
        })
        .collect_view();
    view! {
        <nav class="letter-index" aria-label="Countries from A to Z">
            <ul>{index}</ul>
        </nav>
        {sections}
    }
}

/// The first letter a country is listed under ("Åland Islands" under A).
fn initial(name: &str) -> char {
    crate::domain::country::fold(name)
        .chars()
        .next()
        .map_or('#', |c| c.to_ascii_uppercase())
}

#[component]
fn CountryList(countries: Vec<&'static Country>) -> impl IntoView {
    view! {
        <ul class="country-list">
            {countries
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
    }
}

#[cfg(test)]
mod tests {
    use super::initial;

    #[test]
    fn countries_are_listed_under_their_unaccented_initial() {
        assert_eq!(initial("Åland Islands"), 'A');
        assert_eq!(initial("Côte d'Ivoire"), 'C');
        assert_eq!(initial("zambia"), 'Z');
    }
}
