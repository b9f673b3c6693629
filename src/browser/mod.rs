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

/// `; Secure` on a page served over HTTPS, as the server sets its cookies.
fn secure_flag() -> &'static str {
    let https = window().and_then(|w| w.location().protocol().ok());
    if https.as_deref() == Some("https:") {
        "; Secure"
    } else {
        ""
    }
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
/// Cards carry `data-search` (`Brand::search_text`) and `data-categories`.
pub fn filter_cards(root: &Element, query: &str, category: Option<&str>) -> usize {
    let query = crate::domain::country::compact(query);
    let Ok(cards) = root.query_selector_all("[data-brand-card]") else {
        return 0;
    };
    let mut shown = 0;
    for i in 0..cards.length() {
        let Some(card) = cards.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let text = card.get_attribute("data-search").unwrap_or_default();
        let categories = card.get_attribute("data-categories").unwrap_or_default();
        let visible = text.contains(&query)
            && category.is_none_or(|c| categories.split(' ').any(|bc| bc == c));
        let _ = card.toggle_attribute_with_force("hidden", !visible);
        shown += usize::from(visible);
    }
    shown
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
