//! The browser build's helpers (see `browser`).

use crate::web::cookies::{set_cookie, Keep, COIN_COOKIE, COUNTRY_COOKIE};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlDocument, ScrollIntoViewOptions, ScrollLogicalPosition, Url};

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

fn document() -> Option<web_sys::Document> {
    window()?.document()
}

/// Tells tests (and anyone curious) that every island on the page is live.
pub fn mark_hydrated() {
    if let Some(root) = document().and_then(|d| d.document_element()) {
        let _ = root.set_attribute("data-hydrated", "true");
    }
}

/// Whether this browser draws flag emoji in colour. Windows draws two letters instead, and
/// a Linux without an emoji font draws boxes; then `<html data-no-flag-emoji>` makes the
/// pages show the country's code in a badge instead (see `.flag-code`).
pub fn note_flag_emoji_support() {
    use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
    let draws_colour = || -> Option<bool> {
        let canvas: HtmlCanvasElement =
            document()?.create_element("canvas").ok()?.dyn_into().ok()?;
        canvas.set_width(24);
        canvas.set_height(24);
        let context: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        context.set_font("20px sans-serif");
        context.set_text_baseline("top");
        context.fill_text("\u{1F1FA}\u{1F1F8}", 0.0, 0.0).ok()?;
        let pixels = context.get_image_data(0.0, 0.0, 24.0, 24.0).ok()?.data();
        // Letters and boxes come out in the (black) fill colour; a flag has colours.
        Some(
            pixels
                .chunks(4)
                .any(|p| p[3] > 0 && (p[0] != p[1] || p[1] != p[2])),
        )
    };
    if draws_colour() == Some(false) {
        if let Some(root) = document().and_then(|d| d.document_element()) {
            let _ = root.set_attribute("data-no-flag-emoji", "");
        }
    }
}

/// Whether the page came over HTTPS: its cookies are then `Secure`, as the server's are.
fn is_https() -> bool {
    window()
        .and_then(|w| w.location().protocol().ok())
        .is_some_and(|protocol| protocol == "https:")
}

/// The regions of the browser's languages, by preference: `vi-VN, en-US` -> VN, US.
pub fn language_regions() -> Vec<String> {
    // Islands run this while rendering, on the server too, where there is no browser.
    if !cfg!(target_arch = "wasm32") {
        return Vec::new();
    }
    let Some(window) = window() else {
        return Vec::new();
    };
    window
        .navigator()
        .languages()
        .iter()
        .filter_map(|tag| tag.as_string())
        .filter_map(|tag| crate::web::preferences::region(&tag))
        .collect()
}

/// A full navigation: islands have no client router, and the server renders every page.
pub fn go_to(url: &str) {
    if let Some(window) = window() {
        let _ = window.location().assign(url);
    }
}

/// Remembers the country the way the server does (`/` reads it).
pub fn remember_country(code: &str) {
    if let Some(document) = document().and_then(|d| d.dyn_into::<HtmlDocument>().ok()) {
        let _ = document.set_cookie(&set_cookie(COUNTRY_COOKIE, code, Keep::choice(is_https())));
    }
}

/// Remembers the coin for the next brand page (the server reads it when the URL names none).
pub fn remember_coin(coin: &str) {
    if let Some(document) = document().and_then(|d| d.dyn_into::<HtmlDocument>().ok()) {
        let _ = document.set_cookie(&set_cookie(COIN_COOKIE, coin, Keep::choice(is_https())));
    }
}

/// The current URL with `params` set (empty values removed), as a path and query.
pub fn current_url_with(params: &[(&str, &str)]) -> Option<String> {
    let href = window()?.location().href().ok()?;
    let url = Url::new(&href).ok()?;
    let search = url.search_params();
    for (key, value) in params {
        if value.is_empty() {
            search.delete(key);
        } else {
            search.set(key, value);
        }
    }
    url.set_search(&String::from(search.to_string()));
    Some(format!("{}{}", url.pathname(), url.search()))
}

/// Puts the filter in the address bar without a navigation, so a reload or a shared link
/// shows the same brands.
pub fn replace_query(params: &[(&str, &str)]) {
    let (Some(window), Some(url)) = (window(), current_url_with(params)) else {
        return;
    };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// Shows the brand cards under `root` that match, hides the rest; returns how many show.
/// Cards carry `data-search` (name words), `data-topics` and `data-categories` (`domain::search`
/// holds the rule, the server's too), and `data-index`, their place in the shop's order.
pub fn filter_cards(root: &Element, query: &str, category: Option<&str>) -> usize {
    use crate::domain::search::{rank, words, Rank};
    let query = words(&crate::domain::catalog::capped_query(query));
    let Ok(cards) = root.query_selector_all("[data-brand-card]") else {
        return 0;
    };
    let terms = |card: &Element, name: &str| -> Vec<String> {
        card.get_attribute(name)
            .unwrap_or_default()
            .split(' ')
            .map(str::to_string)
            .collect()
    };
    // (rank, shop order, card): found ones first, name matches before topic matches.
    let mut placed: Vec<(Option<Rank>, usize, Element)> = Vec::new();
    for i in 0..cards.length() {
        let Some(card) = cards.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let categories = card.get_attribute("data-categories").unwrap_or_default();
        let in_category = category.is_none_or(|c| categories.split(' ').any(|bc| bc == c));
        let found = in_category
            .then(|| {
                rank(
                    &query,
                    &terms(&card, "data-search"),
                    &terms(&card, "data-topics"),
                )
            })
            .flatten();
        let _ = card.toggle_attribute_with_force("hidden", found.is_none());
        let order = card
            .get_attribute("data-index")
            .and_then(|i| i.parse().ok())
            .unwrap_or(i as usize);
        placed.push((found, order, card));
    }
    let arranged = crate::domain::search::show_order(&placed);
    // Cards move only when the order changed. The server-rendered cards are not owned by
    // the island's reactive view, so they may be moved.
    let moved = arranged
        .iter()
        .zip(&placed)
        .any(|(&at, (_, _, was))| placed[at].2 != *was);
    if moved {
        for &at in &arranged {
            let card = &placed[at].2;
            if let Some(parent) = card.parent_node() {
                let _ = parent.append_child(card);
            }
        }
    }
    placed
        .iter()
        .filter(|(found, _, _)| found.is_some())
        .count()
}

/// The attribute `name` of the element with id `id`, as the server's HTML has it. Islands
/// read what they start from this way rather than as props (see `components::country_picker`).
pub fn attribute(id: &str, name: &str) -> Option<String> {
    document()?.get_element_by_id(id)?.get_attribute(name)
}

/// The first element under `root` that matches `selector`.
fn find(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).ok().flatten()
}

/// The attribute `name` of the first element under `root` that matches `selector`.
pub fn attribute_in(root: &Element, selector: &str, name: &str) -> Option<String> {
    find(root, selector)?.get_attribute(name)
}

/// What the field `selector` under `root` holds now.
pub fn field_value(root: &Element, selector: &str) -> String {
    find(root, selector)
        .and_then(|field| field.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|field| field.value())
        .unwrap_or_default()
}

pub fn set_field_value(root: &Element, selector: &str, value: &str) {
    if let Some(field) =
        find(root, selector).and_then(|field| field.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        field.set_value(value);
    }
}

/// The radio button named `name` under `root` that is checked now: its value and its
/// label's text.
pub fn checked_radio(root: &Element, name: &str) -> Option<(String, String)> {
    let input = find(root, &format!("input[type=radio][name={name}]:checked"))?;
    let label = input
        .closest("label")
        .ok()
        .flatten()
        .and_then(|label| label.text_content())
        .unwrap_or_default();
    let value = input.dyn_into::<web_sys::HtmlInputElement>().ok()?.value();
    Some((value, label.trim().to_string()))
}

/// Checks the radio button named `name` under `root` whose value is `value`.
pub fn check_radio(root: &Element, name: &str, value: &str) {
    let Ok(inputs) = root.query_selector_all(&format!("input[type=radio][name={name}]")) else {
        return;
    };
    for i in 0..inputs.length() {
        if let Some(input) = inputs
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            input.set_checked(input.value() == value);
        }
    }
}

/// Replaces the text of the first element under `root` that matches `selector`.
pub fn set_text(root: &Element, selector: &str, text: &str) {
    if let Some(element) = find(root, selector) {
        element.set_text_content(Some(text));
    }
}

/// The text of the first element under `root` that matches `selector`.
pub fn text_in(root: &Element, selector: &str) -> String {
    find(root, selector)
        .and_then(|element| element.text_content())
        .unwrap_or_default()
}

/// Whether `event` happened on an element matching `selector` or inside one.
pub fn event_target_matches(event: &web_sys::Event, selector: &str) -> bool {
    event
        .target()
        .and_then(|target| target.dyn_into::<Element>().ok())
        .and_then(|element| element.closest(selector).ok().flatten())
        .is_some()
}

/// Hides or shows every element under `root` that matches `selector`.
pub fn set_hidden(root: &Element, selector: &str, hidden: bool) {
    if let Ok(nodes) = root.query_selector_all(selector) {
        for i in 0..nodes.length() {
            if let Some(el) = nodes.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                let _ = el.toggle_attribute_with_force("hidden", hidden);
            }
        }
    }
}

/// Runs `f` on every element under `root` that matches `selector` (browser-only code calls
/// it directly, so the server's build has no stand-in).
pub fn each(root: &Element, selector: &str, mut f: impl FnMut(Element)) {
    if let Ok(nodes) = root.query_selector_all(selector) {
        for i in 0..nodes.length() {
            if let Some(el) = nodes.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                f(el);
            }
        }
    }
}

/// Sets (`Some`) or removes (`None`) the attribute `name` of every element under `root`
/// that matches `selector`.
pub fn set_attribute(root: &Element, selector: &str, name: &str, value: Option<&str>) {
    each(root, selector, |el| {
        let _ = match value {
            Some(value) => el.set_attribute(name, value),
            None => el.remove_attribute(name),
        };
    });
}

/// Replaces the text of every element under `root` that matches `selector`.
pub fn set_text_all(root: &Element, selector: &str, text: &str) {
    each(root, selector, |el| el.set_text_content(Some(text)));
}

/// Adds (`on`) or removes the class `class` on every element under `root` that matches.
pub fn set_class(root: &Element, selector: &str, class: &str, on: bool) {
    each(root, selector, |el| {
        let _ = el.class_list().toggle_with_force(class, on);
    });
}

/// Checks or unchecks every radio button or box under `root` that matches `selector`.
pub fn set_checked(root: &Element, selector: &str, checked: bool) {
    each(root, selector, |el| {
        if let Ok(input) = el.dyn_into::<web_sys::HtmlInputElement>() {
            input.set_checked(checked);
        }
    });
}

/// The name and value of the field `event` happened on.
pub fn event_field(event: &web_sys::Event) -> Option<(String, String)> {
    let input = event
        .target()?
        .dyn_into::<web_sys::HtmlInputElement>()
        .ok()?;
    Some((input.name(), input.value()))
}

/// Keeps the active option of a listbox in view while arrowing through it.
pub fn scroll_into_view(id: &str) {
    if let Some(el) = document().and_then(|d| d.get_element_by_id(id)) {
        let options = ScrollIntoViewOptions::new();
        options.set_block(ScrollLogicalPosition::Nearest);
        el.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

/// Puts `text` on the clipboard; `failed` runs when the browser refuses (no permission,
/// no secure context). `false` when there is no window to ask.
pub fn copy_text(text: &str, failed: impl FnOnce() + 'static) -> bool {
    let Some(window) = window() else {
        return false;
    };
    // The clipboard answers with a promise; its refusal is caught by this handler rather
    // than awaited in Rust.
    let failed = wasm_bindgen::closure::Closure::once(move |_: wasm_bindgen::JsValue| failed());
    let _ = window
        .navigator()
        .clipboard()
        .write_text(text)
        .catch(&failed);
    // Handed to the browser, which calls it at most once.
    failed.forget();
    true
}

/// The browser's clock, in milliseconds since the epoch.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// The day of `at` (epoch seconds), as the browser's language writes dates.
pub fn local_date(at: i64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at as f64 * 1000.0));
    String::from(date.to_locale_date_string("default", &wasm_bindgen::JsValue::UNDEFINED))
}
