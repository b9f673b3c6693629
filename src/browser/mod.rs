//! Browser-side helpers for islands: navigation, the URL, cookies and the DOM of
//! server-rendered HTML. They only ever run in the browser (from event handlers and
//! effects); the server compiles them for type-checking and never calls them.

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

/// `; Secure` on a page served over HTTPS, as the server sets its cookies.
fn secure_flag() -> &'static str {
    let https = window().and_then(|w| w.location().protocol().ok());
    if https.as_deref() == Some("https:") {
        "; Secure"
    } else {
        ""
    }
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
        .filter_map(|tag| tag.split(['-', '_']).nth(1).map(str::to_ascii_uppercase))
        .filter(|region| region.len() == 2)
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
        let _ = document.set_cookie(&format!(
            "{}={code}; Path=/; Max-Age=31536000; SameSite=Lax{}",
            crate::http::COUNTRY_COOKIE,
            secure_flag()
        ));
    }
}

/// Remembers the coin for the next brand page (the server reads it when the URL names none).
pub fn remember_coin(coin: &str) {
    if let Some(document) = document().and_then(|d| d.dyn_into::<HtmlDocument>().ok()) {
        let _ = document.set_cookie(&format!(
            "{}={coin}; Path=/; Max-Age=31536000; SameSite=Lax{}",
            crate::http::COIN_COOKIE,
            secure_flag()
        ));
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
    let before: Vec<Element> = placed.iter().map(|(_, _, card)| card.clone()).collect();
    placed.sort_by_key(|(found, order, _)| (found.is_none(), *found, *order));
    // Cards move only when the order changed. The server-rendered cards are not owned by
    // the island's reactive view, so they may be moved.
    let moved = placed
        .iter()
        .zip(&before)
        .any(|((_, _, card), was)| card != was);
    if moved {
        for (_, _, card) in &placed {
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

/// Keeps the active option of a listbox in view while arrowing through it.
pub fn scroll_into_view(id: &str) {
    if let Some(el) = document().and_then(|d| d.get_element_by_id(id)) {
        let options = ScrollIntoViewOptions::new();
        options.set_block(ScrollLogicalPosition::Nearest);
        el.scroll_into_view_with_scroll_into_view_options(&options);
    }
}
