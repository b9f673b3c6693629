//! The country picker: a combobox that filters the 233 countries as you type, fully usable
//! by keyboard (ARIA combobox with a listbox). Before hydration it is a plain form that
//! sends the typed text to `/countries`, which picks the country or lists the matches.

use crate::domain::Country;
use leptos::{ev, prelude::*};

const INPUT_ID: &str = "country-search";
const LISTBOX_ID: &str = "country-options";

fn option_id(code: &str) -> String {
    format!("country-option-{code}")
}

#[island]
pub fn CountryPicker(current: Option<String>) -> impl IntoView {
    let current = current.and_then(|c| Country::find(&c).copied());
    let query = RwSignal::new(String::new());
    let open = RwSignal::new(false);
    let active = RwSignal::new(0usize);
    let matches = Memo::new(move |_| Country::search(&query.read()));

    let choose = move |country: Country| {
        open.set(false);
        crate::browser::remember_country(country.code);
        crate::browser::go_to(&format!("/{}", country.code));
    };
    let choose_active = move || {
        let list = matches.get_untracked();
        if let Some(country) = list.get(active.get_untracked()).or(list.first()) {
            choose(**country);
        }
    };
    let move_active = move |step: isize| {
        let len = matches.with_untracked(Vec::len);
        if len == 0 {
            return;
        }
        open.set(true);
        let next = (active.get_untracked() as isize + step).rem_euclid(len as isize) as usize;
        active.set(next);
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
        "Enter" if open.get_untracked() => {
            event.prevent_default();
            choose_active();
        }
        "Escape" => {
            if open.get_untracked() {
                event.prevent_default();
                open.set(false);
            } else {
                query.set(String::new());
            }
        }
        _ => {}
    };

    let active_descendant = move || {
        open.get()
            .then(|| matches.with(|m| m.get(active.get()).map(|c| option_id(c.code))))
            .flatten()
    };
    let status = move || {
        if !open.get() {
            return String::new();
        }
        match matches.with(Vec::len) {
            0 => "No country matches".to_string(),
            1 => "1 country matches".to_string(),
            n => format!("{n} countries match"),
        }
    };
    let placeholder = current.map_or_else(
        || "Type a country".to_string(),
        |c| format!("{} {}", c.flag(), c.name),
    );

    view! {
        <form
            class="country-picker"
            action="/countries"
            method="get"
            on:submit=move |event: ev::SubmitEvent| {
                event.prevent_default();
                choose_active();
            }
        >
            <label for=INPUT_ID class="picker-label">"Country"</label>
            <div class="combobox">
                <input
                    id=INPUT_ID
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
                    prop:value=move || query.get()
                    on:input=move |event| {
                        query.set(event_target_value(&event));
                        active.set(0);
                        open.set(true);
                    }
                    on:focus=move |_| open.set(true)
                    on:blur=move |_| open.set(false)
                    on:keydown=on_keydown
                />
                <button type="submit" class="picker-go">"Go"</button>
                <Show when=move || open.get()>
                    <ul id=LISTBOX_ID role="listbox" aria-label="Countries" class="listbox">
                        {move || {
                            matches
                                .get()
                                .into_iter()
                                .enumerate()
                                .map(|(index, country)| {
                                    let country = *country;
                                    let selected = move || (active.get() == index).to_string();
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
                                            <span class="country-name">{country.name}</span>
                                            <span class="country-code">{country.code}</span>
                                        </li>
                                    }
                                })
                                .collect_view()
                        }}
                    </ul>
                </Show>
            </div>
            <p class="visually-hidden" role="status" aria-live="polite">{status}</p>
        </form>
    }
}
