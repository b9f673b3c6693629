//! Search and category chips over a country's server-rendered brand grid. The server renders
//! all of it; the island around it toggles `hidden` on the cards and updates the count and
//! the "nothing found" note in place. Before hydration the same form is a plain GET that the
//! server filters.

use crate::i18n::{words::BrowseText, Lang};
use leptos::{ev, html, prelude::*};

fn summary(shown: usize, total: usize, lang: Lang) -> String {
    let t = BrowseText(lang);
    if shown == total {
        t.brands_all(total)
    } else {
        t.brands_shown(shown, total)
    }
}

/// What "nothing found" says for this query in this category (its label), if any.
fn nothing_found(query: &str, category: Option<&str>, lang: Lang) -> String {
    let t = BrowseText(lang);
    let query = query.trim();
    match (query.is_empty(), category) {
        (true, Some(label)) => t.no_brands_in(label),
        (true, None) => t.no_brands_yet().to_string(),
        (false, Some(label)) => t.no_brands_in_match(label, query),
        (false, None) => t.no_brands_match(query),
    }
}

/// The filter as a page places it: the form, the "nothing found" note and the cards, all
/// rendered here on the server; the island around them only listens (`BrandFilterIsland`).
#[component]
pub fn BrandFilter(
    country: String,
    /// Each chip's slug and its label in the page's language, written by the server (the
    /// labels are words the browser need not carry).
    categories: Vec<(String, String)>,
    query: String,
    category: Option<String>,
    total: usize,
    shown: usize,
    /// "Amazon, Netflix, Steam…": names from this country's own grid.
    placeholder: String,
    children: Children,
) -> impl IntoView {
    let lang = crate::render::lang();
    let t = BrowseText(lang);
    let all_href = lang.href(&format!("/{country}"));
    let label_of = |slug: &str| {
        categories
            .iter()
            .find(|(s, _)| s == slug)
            .map(|(_, label)| label.as_str())
    };
    let empty_note = nothing_found(&query, category.as_deref().and_then(label_of), lang);
    let category_links = std::iter::once((None, t.all().to_string()))
        .chain(
            categories
                .iter()
                .map(|(slug, label)| (Some(slug.clone()), label.clone())),
        )
        .map(|(slug, label)| {
            let href = match &slug {
                Some(slug) => lang.href(&format!("/{country}?category={slug}")),
                None => all_href.clone(),
            };
            let current = category == slug;
            view! { <a class="chip" href=href aria-current=current.then_some("page")>{label}</a> }
        })
        .collect_view();
    let radios = categories
        .iter()
        .map(|(slug, label)| {
            let checked = category.as_deref() == Some(slug.as_str());
            view! {
                <label class="chip">
                    <input type="radio" name="category" value=slug.clone() checked=checked/>
                    <span>{label.clone()}</span>
                </label>
            }
        })
        .collect_view();

    view! {
        <BrandFilterIsland>
            <form
                class="brand-filter"
                method="get"
                action=all_href.clone()
                role="search"
                aria-label=t.brands()
            >
                <div class="search-row">
                    <label for="brand-search">{t.search_brands()}</label>
                    <input
                        id="brand-search"
                        type="search"
                        name="q"
                        autocomplete="off"
                        placeholder=placeholder
                        value=query
                    />
                    <button type="submit" class="button">{t.search()}</button>
                </div>
                // Without JavaScript a chip can't filter until "Search" is pressed: links instead.
                <nav class="chips no-script" aria-label=t.categories()>
                    {category_links}
                </nav>
                <fieldset class="chips script-only">
                    <legend>{t.category()}</legend>
                    <label class="chip">
                        <input type="radio" name="category" value="" checked=category.is_none()/>
                        <span>{t.all()}</span>
                    </label>
                    {radios}
                </fieldset>
                <p class="filter-summary" role="status" aria-live="polite" data-total=total.to_string()>
                    {summary(shown, total, lang)}
                </p>
            </form>
            <div class="empty-state" hidden=shown != 0>
                <p>{empty_note}</p>
                <a href=all_href data-show-all="">{t.show_all_brands()}</a>
            </div>
            <div class="filter-results">{children()}</div>
        </BrandFilterIsland>
    }
}

/// Listens to the server-rendered filter inside it and shows the cards that match, with
/// the count and the "nothing found" note to go with them. It renders nothing of its own
/// but the element that listens: what it changes it changes in place, so its WASM is the
/// handlers, not a second copy of the form's view, and it takes no props (props are JSON,
/// and with no island on a country's page taking any, the WASM every first visit loads has
/// no JSON reader: `scripts/bench bundle`).
#[island]
fn BrandFilterIsland(children: Children) -> impl IntoView {
    let lang = crate::render::lang();
    let root = NodeRef::<html::Div>::new();
    let apply = move || {
        let Some(root) = root.get_untracked() else {
            return;
        };
        let query = crate::browser::field_value(&root, "#brand-search");
        let category =
            crate::browser::checked_radio(&root, "category").filter(|(slug, _)| !slug.is_empty());
        let slug = category.as_ref().map(|(slug, _)| slug.as_str());
        let count = crate::browser::filter_cards(&root, &query, slug);
        let total = crate::browser::attribute_in(&root, ".filter-summary", "data-total")
            .and_then(|total| total.parse().ok())
            .unwrap_or(count);
        crate::browser::set_text(&root, ".filter-summary", &summary(count, total, lang));
        let label = category.as_ref().map(|(_, label)| label.as_str());
        crate::browser::set_text(&root, ".empty-state p", &nothing_found(&query, label, lang));
        crate::browser::set_hidden(&root, ".empty-state", count != 0);
        let filtering = !query.trim().is_empty() || slug.is_some();
        crate::browser::set_hidden(&root, "[data-home-feed]", filtering);
        crate::browser::set_hidden(&root, "[data-all-brands]", count == 0);
        crate::browser::replace_query(&[("q", query.trim()), ("category", slug.unwrap_or(""))]);
    };
    // Clicks and keys bubble up to here; so do the form's submit and its fields' changes.
    let on_click = move |event: ev::MouseEvent| {
        let Some(root) = root.get_untracked() else {
            return;
        };
        if crate::browser::event_target_matches(&event, "[data-show-all]") {
            event.prevent_default();
            crate::browser::set_field_value(&root, "#brand-search", "");
            crate::browser::check_radio(&root, "category", "");
            apply();
        }
    };
    view! {
        <div
            class="brand-filter-island"
            node_ref=root
            on:input=move |_| apply()
            on:change=move |_| apply()
            on:submit=move |event: ev::SubmitEvent| {
                event.prevent_default();
                apply();
            }
            on:click=on_click
        >
            {children()}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::{nothing_found, summary};
    use crate::i18n::Lang;

    #[test]
    fn the_summary_counts_what_shows() {
        assert_eq!(summary(49, 49, Lang::En), "49 brands");
        assert_eq!(summary(1, 49, Lang::En), "1 of 49 brands");
        assert_eq!(summary(0, 49, Lang::En), "0 of 49 brands");
        assert_eq!(summary(49, 49, Lang::Vi), "49 thương hiệu");
        assert_eq!(summary(3, 49, Lang::Vi), "3/49 thương hiệu");
    }

    #[test]
    fn nothing_found_names_the_query_and_the_category() {
        let gaming = Some("Gaming");
        for lang in [Lang::En, Lang::Vi] {
            let in_gaming = nothing_found("", gaming, lang);
            assert!(in_gaming.contains("Gaming"), "{in_gaming}");
            let matching = nothing_found("  zzz ", None, lang);
            assert!(
                matching.contains("zzz") && !matching.contains(" zzz "),
                "{matching}"
            );
            let both = nothing_found("zzz", gaming, lang);
            assert!(both.contains("zzz") && both.contains("Gaming"), "{both}");
            assert!(!nothing_found(" ", None, lang).is_empty());
        }
    }
}
