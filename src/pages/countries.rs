//! `/countries`: every country as a plain link, filtered by `?q=`. It is where the country
//! picker's form goes before hydration: a clear match goes straight to that country.

use crate::{domain::Country, i18n::words::BrowseText};
use leptos::{either::Either, prelude::*};
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

#[component]
pub fn CountriesPage() -> impl IntoView {
    let lang = crate::render::lang();
    let t = BrowseText(lang);
    let query = use_query_map().get_untracked().get("q").unwrap_or_default();
    if let Some(country) = Country::clear_match(&query) {
        crate::render::redirect(&lang.href(&format!("/{}", country.code)));
    }
    let hits = Country::search_in(&query, lang);
    let summary = match (query.trim().is_empty(), hits.len()) {
        (true, _) => t.all_countries_summary().to_string(),
        (false, 0) => t.no_country_matches_query(query.trim()),
        (false, 1) => t.one_country_matches_query(query.trim()),
        (false, n) => t.countries_match_query(n, query.trim()),
    };
    view! {
        <Title text=t.choose_your_country()/>
        <Meta name="description" content=t.countries_description()/>
        <section class="countries-page">
            <h1>{t.choose_your_country()}</h1>
            <form
                method="get"
                action=lang.href("/countries")
                role="search"
                aria-label=t.countries()
                class="countries-search"
            >
                <label for="countries-q">{t.search_countries()}</label>
                <input id="countries-q" type="search" name="q" value=query.clone()/>
                <button type="submit" class="button">{t.search()}</button>
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
    let lang = crate::render::lang();
    let t = BrowseText(lang);
    let mut groups: Vec<(char, Vec<&'static Country>)> = Vec::new();
    for country in countries {
        let letter = initial(country.name_in(lang));
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
        <nav class="letter-index" aria-label=t.countries_a_to_z()>
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
    let lang = crate::render::lang();
    view! {
        <ul class="country-list">
            {countries
                .into_iter()
                .map(|c| view! {
                    <li>
                        <a href=lang.href(&format!("/{}", c.code))>
                            <span class="flag" aria-hidden="true">{c.flag()}</span>
                            {c.name_in(lang)}
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
