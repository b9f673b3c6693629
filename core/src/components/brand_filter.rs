//! Search and category chips over a country's server-rendered brand grid. The island
//! toggles `hidden` on the cards it wraps (it cannot re-render them). Before hydration the
//! same form is a plain GET that the server filters.

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

#[island]
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
    // Attributes carry the first values into the server's HTML (for the page before, or
    // without, hydration); properties keep the live ones.
    let (initial_query, initial_category) = (query.clone(), category.clone());
    let query = RwSignal::new(query);
    let category = RwSignal::new(category);
    let shown = RwSignal::new(shown);
    let root = NodeRef::<html::Div>::new();

    let apply = move || {
        let Some(root) = root.get_untracked() else {
            return;
        };
        let (q, c) = (query.get_untracked(), category.get_untracked());
        let count = crate::browser::filter_cards(&root, &q, c.as_deref());
        shown.set(count);
        let filtering = !q.trim().is_empty() || c.is_some();
        crate::browser::set_hidden(&root, "[data-home-feed]", filtering);
        crate::browser::set_hidden(&root, "[data-all-brands]", count == 0);
        crate::browser::replace_query(&[("q", q.trim()), ("category", c.as_deref().unwrap_or(""))]);
    };
    let clear = move |event: ev::MouseEvent| {
        event.prevent_default();
        query.set(String::new());
        category.set(None);
        apply();
    };
    let filtering = move || !query.read().trim().is_empty() || category.read().is_some();
    let all_href = lang.href(&format!("/{country}"));
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
            let current = initial_category == slug;
            view! { <a class="chip" href=href aria-current=current.then_some("page")>{label}</a> }
        })
        .collect_view();
    let labels = categories.clone();
    let nothing_found = move || {
        let q = query.get();
        let q = q.trim();
        let in_category = category.get().and_then(|slug| {
            labels
                .iter()
                .find(|(s, _)| *s == slug)
                .map(|(_, label)| label.clone())
        });
        match (q.is_empty(), in_category) {
            (true, Some(label)) => t.no_brands_in(&label),
            (true, None) => t.no_brands_yet().to_string(),
            (false, Some(label)) => t.no_brands_in_match(&label, q),
            (false, None) => t.no_brands_match(q),
        }
    };

    view! {
        <form
            class="brand-filter"
            method="get"
            action=all_href.clone()
            role="search"
            aria-label=t.brands()
            on:submit=move |event: ev::SubmitEvent| {
                event.prevent_default();
                apply();
            }
        >
            <div class="search-row">
                <label for="brand-search">{t.search_brands()}</label>
                <input
                    id="brand-search"
                    type="search"
                    name="q"
                    autocomplete="off"
                    placeholder=placeholder
                    value=initial_query
                    prop:value=move || query.get()
                    on:input=move |event| {
                        query.set(event_target_value(&event));
                        apply();
                    }
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
                    <input
                        type="radio"
                        name="category"
                        value=""
                        checked=initial_category.is_none()
                        prop:checked=move || category.read().is_none()
                        on:change=move |_| {
                            category.set(None);
                            apply();
                        }
                    />
                    <span>{t.all()}</span>
                </label>
                {categories
                    .clone()
                    .into_iter()
                    .map(|(slug, label)| {
                        let initially = initial_category.as_deref() == Some(slug.as_str());
                        let is_checked = {
                            let slug = slug.clone();
                            move || category.read().as_deref() == Some(slug.as_str())
                        };
                        view! {
                            <label class="chip">
                                <input
                                    type="radio"
                                    name="category"
                                    value=slug.clone()
                                    checked=initially
                                    prop:checked=is_checked
                                    on:change=move |_| {
                                        category.set(Some(slug.clone()));
                                        apply();
                                    }
                                />
                                <span>{label}</span>
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <p class="filter-summary" role="status" aria-live="polite">
                {move || summary(shown.get(), total, lang)}
            </p>
        </form>
        <div class="empty-state" hidden=move || shown.get() != 0>
            <p>{nothing_found}</p>
            <a href=all_href.clone() on:click=clear>{t.show_all_brands()}</a>
        </div>
        <div class="filter-results" node_ref=root data-filtering=move || filtering().to_string()>
            {children()}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::summary;
    use crate::i18n::Lang;

    #[test]
    fn the_summary_counts_what_shows() {
        assert_eq!(summary(49, 49, Lang::En), "49 brands");
        assert_eq!(summary(1, 49, Lang::En), "1 of 49 brands");
        assert_eq!(summary(0, 49, Lang::En), "0 of 49 brands");
        assert_eq!(summary(49, 49, Lang::Vi), "49 thương hiệu");
        assert_eq!(summary(3, 49, Lang::Vi), "3/49 thương hiệu");
    }
}
