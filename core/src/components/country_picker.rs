//! The country picker: a combobox that filters the 233 countries as you type, fully usable
//! by keyboard (ARIA combobox with a listbox). Enter goes to the option picked with the
//! arrow keys, or to the country the text clearly names; otherwise to `/countries`, which
//! lists the matches. Before hydration it is a plain form that does the same on the server.

use crate::{
    domain::Country,
    i18n::{words::BrowseText, Lang},
};
use leptos::{ev, prelude::*};

const INPUT_ID: &str = "country-search";
const LISTBOX_ID: &str = "country-options";

fn option_id(code: &str) -> String {
    format!("country-option-{code}")
}

/// Where the text typed sends the shopper when no option was picked with the arrows (in
/// the page's language).
fn destination(query: &str, lang: Lang) -> Option<String> {
    let query = query.trim();
    if query.is_empty() {
        return None;
    }
    Some(match Country::clear_match(query) {
        Some(country) => lang.href(&format!("/{}", country.code)),
        None => lang.href(&format!(
            "/countries?q={}",
            crate::web::encode_query_value(query)
        )),
    })
}

/// The country the picker shows before anything is typed: the page's, or the one the
/// shopper chose last.
#[derive(Clone, Copy, Debug, PartialEq)]
struct PickerCountry(Option<Country>);

/// The picker as the header places it.
#[component]
pub fn CountryPicker(current: Option<Country>) -> impl IntoView {
    provide_context(PickerCountry(current));
    view! { <CountryPickerIsland/> }
}

/// The server's country is the header's (`CountryPicker` provides it); the browser reads it
/// back from the field's `data-country`, which the server wrote. Not island props: props are
/// JSON, and the JSON reader would be in the WASM of every page (see `brand_filter`).
fn current_country() -> Option<Country> {
    use_context::<PickerCountry>().map_or_else(
        || {
            crate::browser::attribute(INPUT_ID, "data-country")
                .and_then(|code| Country::find(&code).copied())
        },
        |PickerCountry(country)| country,
    )
}

#[island]
fn CountryPickerIsland() -> impl IntoView {
    let lang = crate::render::lang();
    let t = BrowseText(lang);
    let current = current_country();
    let query = RwSignal::new(String::new());
    // Until the shopper types, the field shows the current country as its text.
    let typed = RwSignal::new(false);
    let current_name = current
        .map(|c| c.name_in(lang).to_string())
        .unwrap_or_default();
    // Before anything is typed: the shopper's country, their browser's regions, the most
    // shopped, then the rest (read once, in the browser; the server renders no options).
    let first: Vec<String> = current
        .map(|c| c.code.to_string())
        .into_iter()
        .chain(crate::browser::language_regions())
        .collect();
    let open = RwSignal::new(false);
    // The option picked with the arrow keys; none until the shopper uses them.
    let active = RwSignal::new(None::<usize>);
    let matches = Memo::new(move |_| {
        let query = query.read();
        if query.trim().is_empty() {
            let first: Vec<&str> = first.iter().map(String::as_str).collect();
            Country::suggested_in(&first, lang)
        } else {
            Country::search_in(&query, lang)
        }
    });

    let go = move |url: &str| {
        open.set(false);
        crate::browser::go_to(url);
    };
    let choose = move |country: Country| {
        crate::browser::remember_country(country.code);
        go(&lang.href(&format!("/{}", country.code)));
    };
    let submit = move || {
        let picked = active
            .get_untracked()
            .and_then(|i| matches.with_untracked(|m| m.get(i).copied()));
        match picked {
            Some(country) => choose(*country),
            None => {
                if let Some(url) = destination(&query.get_untracked(), lang) {
                    go(&url);
                }
            }
        }
    };
    let move_active = move |step: isize| {
        let len = matches.with_untracked(Vec::len);
        if len == 0 {
            return;
        }
        open.set(true);
        let next = match active.get_untracked() {
            Some(i) => (i as isize + step).rem_euclid(len as isize) as usize,
            // From nothing, down starts at the shopper's country (when listed), up at the end.
            None if step > 0 => current
                .and_then(|c| matches.with_untracked(|m| m.iter().position(|x| x.code == c.code)))
                .unwrap_or(0),
            None => len - 1,
        };
        active.set(Some(next));
        if let Some(country) = matches.with_untracked(|m| m.get(next).copied()) {
            crate::browser::scroll_into_view(&option_id(country.code));
        }
    };
    let on_keydown = move |event: ev::KeyboardEvent| match event.key().as_str() {
        "ArrowDown" => {
            event.prevent_default();
            move_active(1);
        }
        "ArrowUp" => {
            event.prevent_default();
            move_active(-1);
        }
        "Escape" => {
            if open.get_untracked() {
                event.prevent_default();
                open.set(false);
                active.set(None);
            } else {
                query.set(String::new());
                typed.set(false);
            }
        }
        _ => {}
    };

    let active_descendant = move || {
        let index = active.get().filter(|_| open.get())?;
        matches.with(|m| m.get(index).map(|c| option_id(c.code)))
    };
    let status = move || {
        if !open.get() || query.read().trim().is_empty() {
            return String::new();
        }
        match matches.with(Vec::len) {
            0 => t.picker_no_match().to_string(),
            1 => t.picker_one_match().to_string(),
            n => t.picker_matches(n),
        }
    };
    let placeholder = current.map_or_else(|| t.type_a_country().to_string(), |_| String::new());
    let name_for_input = current_name.clone();
    let shown = {
        let current_name = current_name.clone();
        move || {
            if typed.get() {
                query.get()
            } else {
                current_name.clone()
            }
        }
    };

    view! {
        <form
            class="country-picker"
            action=lang.href("/countries")
            method="get"
            on:submit=move |event: ev::SubmitEvent| {
                event.prevent_default();
                submit();
            }
        >
            <label for=INPUT_ID class="picker-label">{t.country()}</label>
            <div class="combobox">
                <input
                    id=INPUT_ID
                    data-country=current.map(|c| c.code)
                    name="q"
                    type="text"
                    role="combobox"
                    autocomplete="off"
                    spellcheck="false"
                    aria-autocomplete="list"
                    aria-controls=LISTBOX_ID
                    aria-expanded=move || open.get().to_string()
                    aria-activedescendant=active_descendant
                    placeholder=placeholder
                    value=current_name
                    prop:value=shown
                    on:input=move |event| {
                        let value = event_target_value(&event);
                        // A tap can undo the focus's selection: what is typed after the
                        // country's name is the search, not the name with it.
                        let value = match value.strip_prefix(name_for_input.as_str()) {
                            Some(extra) if !typed.get_untracked() && !name_for_input.is_empty() => {
                                extra.to_string()
                            }
                            _ => value,
                        };
                        query.set(value);
                        typed.set(true);
                        active.set(None);
                        open.set(true);
                    }
                    on:focus=move |event: ev::FocusEvent| {
                        open.set(true);
                        // The current country's name is selected: typing replaces it.
                        if !typed.get_untracked() {
                            event_target::<leptos::web_sys::HtmlInputElement>(&event).select();
                        }
                    }
                    on:click=move |_| open.set(true)
                    on:blur=move |_| {
                        open.set(false);
                        active.set(None);
                        if query.get_untracked().trim().is_empty() {
                            typed.set(false);
                        }
                    }
                    on:keydown=on_keydown
                />
                <button type="submit" class="picker-go">{t.go()}</button>
                <ul
                    id=LISTBOX_ID
                    role="listbox"
                    aria-label=t.countries()
                    class="listbox"
                    hidden=move || !open.get()
                >
                    <Show when=move || open.get()>
                        {move || {
                            matches
                                .get()
                                .into_iter()
                                .enumerate()
                                .map(|(index, country)| {
                                    let country = *country;
                                    let selected = move || (active.get() == Some(index)).to_string();
                                    view! {
                                        <li
                                            id=option_id(country.code)
                                            role="option"
                                            class="option"
                                            aria-selected=selected
                                            // Keep the focus in the input, so blur does not close first.
                                            on:mousedown=|event| event.prevent_default()
                                            on:click=move |_| choose(country)
                                        >
                                            <span class="flag" aria-hidden="true">{country.flag()}</span>
                                            <span class="country-name">{country.name_in(lang)}</span>
                                            <span class="country-code">{country.code}</span>
                                        </li>
                                    }
                                })
                                .collect_view()
                        }}
                    </Show>
                </ul>
                <p class="listbox-empty" hidden=move || !open.get() || matches.with(|m| !m.is_empty())>
                    {t.picker_empty()}
                </p>
            </div>
            <p class="visually-hidden" role="status" aria-live="polite">{status}</p>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::destination;
    use crate::i18n::Lang;

    #[test]
    fn typed_text_goes_to_a_clear_country_or_to_the_list() {
        assert_eq!(destination("viet", Lang::En).as_deref(), Some("/VN"));
        assert_eq!(
            destination("united", Lang::En).as_deref(),
            Some("/countries?q=united")
        );
        assert_eq!(destination("côte d'", Lang::En).as_deref(), Some("/CI"));
        assert_eq!(
            destination("a&b", Lang::En).as_deref(),
            Some("/countries?q=a%26b")
        );
        assert_eq!(destination("  ", Lang::En), None);
    }

    #[test]
    fn vietnamese_pages_stay_vietnamese() {
        assert_eq!(destination("viet", Lang::Vi).as_deref(), Some("/vi/VN"));
        assert_eq!(
            destination("united", Lang::Vi).as_deref(),
            Some("/vi/countries?q=united")
        );
    }
}
