//! The order page's parts as the server renders them (each marked `data-live`): fetched
//! again when the order moves, and put in place of the ones shown where the server's
//! changed. The page element (`data-order`) carries what the browser needs to know: the
//! order's id, its state and `data-revision` (`OrderStatus::revision`).

use crate::{
    browser::each,
    components::recent_orders::{storage, RecentOrder},
    domain::order_status::revision,
};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::Element;

/// The order page as shown.
pub struct Page {
    element: Element,
    /// Each part's HTML as the server last rendered it, by name: a part is replaced when the
    /// server's changes, not because the browser changed it (the countdown, a copy button).
    /// (A list: a handful of parts, and no hashing code in the page's WASM.)
    parts: Vec<(String, String)>,
}

/// The order page's element under `root` (the page itself, or a page fetched again).
fn page_under(root: &Element) -> Option<Element> {
    root.query_selector("[data-order]").ok().flatten()
}

pub fn revision_of(page: &Element) -> String {
    page.get_attribute("data-revision").unwrap_or_default()
}

impl Page {
    pub fn under(root: &Element) -> Option<Self> {
        let element = page_under(root)?;
        let mut parts = Vec::new();
        each(&element, "[data-live]", |part| {
            let name = part.get_attribute("data-live").unwrap_or_default();
            parts.push((name, part.inner_html()));
        });
        Some(Self { element, parts })
    }

    pub fn element(&self) -> &Element {
        &self.element
    }

    pub fn id(&self) -> String {
        self.element.get_attribute("data-order").unwrap_or_default()
    }

    pub fn revision(&self) -> String {
        revision_of(&self.element)
    }

    pub fn is_final(&self) -> bool {
        self.element.has_attribute("data-final")
    }

    /// Says how the page keeps up (live, reconnecting, polling) in its status region.
    pub fn say(&self, text: &str) {
        each(&self.element, ".connection", |status| {
            // The same words again would be said again.
            if status.text_content().as_deref() == Some(text) {
                return;
            }
            status.set_text_content(Some(text));
            // The dot only beside words.
            let _ = status
                .class_list()
                .toggle_with_force("connection-on", !text.trim().is_empty());
        });
    }

    /// Puts the parts of `new` (the page fetched again) in place: each part's attributes
    /// (`hidden`), and its content where the server's changed; then the page's own facts.
    pub fn take_parts(&mut self, new: &Element) {
        let document = self.element.owner_document();
        let focused = || document.as_ref().and_then(|d| d.active_element());
        let mut focus_lost = false;
        each(new, "[data-live]", |part| {
            let name = part.get_attribute("data-live").unwrap_or_default();
            let Ok(Some(shown)) = self
                .element
                .query_selector(&format!("[data-live=\"{name}\"]"))
            else {
                return;
            };
            same_attributes(&shown, &part);
            let html = part.inner_html();
            let known = match self.parts.iter().position(|(known, _)| *known == name) {
                Some(index) => index,
                None => {
                    self.parts.push((name, String::new()));
                    self.parts.len() - 1
                }
            };
            if self.parts[known].1 != html {
                let had_focus = focused().is_some_and(|f| shown != f && shown.contains(Some(&f)));
                shown.set_inner_html(&html);
                focus_lost |= had_focus;
                self.parts[known].1 = html;
            }
        });
        // The focus was in a part that went (a copy button in the payment details): it goes
        // to the heading, which says what changed, rather than to the top of the page.
        if focus_lost {
            if let Some(heading) = self
                .element
                .query_selector("h1")
                .ok()
                .flatten()
                .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = heading.focus();
            }
        }
        for name in ["data-revision", "data-state", "data-final"] {
            let _ = match new.get_attribute(name) {
                Some(value) => self.element.set_attribute(name, &value),
                None => self.element.remove_attribute(name),
            };
        }
        self.remember_here();
    }

    /// Adds the order to this device's recent orders: the state as upstream names it, which
    /// the list shows in the language of the page it is read on.
    pub fn remember_here(&self) {
        let attribute = |name: &str| self.element.get_attribute(name);
        storage::save(RecentOrder {
            id: self.id(),
            // No name: the list says "Order" in its own language.
            what: attribute("data-what").unwrap_or_default(),
            at: (js_sys::Date::now() / 1000.0) as i64,
            status: attribute("data-state"),
            price: attribute("data-price"),
        });
    }
}

/// Gives `shown` the attributes of `new`, and only those.
fn same_attributes(shown: &Element, new: &Element) {
    for name in shown
        .get_attribute_names()
        .iter()
        .filter_map(|n| n.as_string())
    {
        if !new.has_attribute(&name) {
            let _ = shown.remove_attribute(&name);
        }
    }
    for name in new
        .get_attribute_names()
        .iter()
        .filter_map(|n| n.as_string())
    {
        let value = new.get_attribute(&name).unwrap_or_default();
        if shown.get_attribute(&name).as_deref() != Some(value.as_str()) {
            let _ = shown.set_attribute(&name, &value);
        }
    }
}

/// What the server answered when asked for the page again.
pub enum Fetched {
    /// The page as rendered now (its element marked `data-order`).
    Page(Element),
    /// Upstream knows no such order.
    Missing,
    /// No answer, or one that is not the page: ask again later.
    Failed,
}

/// The page, as the server renders it now (the same address, so the same language).
pub async fn fetch() -> Fetched {
    match fetch_page().await {
        Ok(Some(page)) => Fetched::Page(page),
        Ok(None) => Fetched::Missing,
        Err(_) => Fetched::Failed,
    }
}

async fn fetch_page() -> Result<Option<Element>, JsValue> {
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    let init = web_sys::RequestInit::new();
    init.set_cache(web_sys::RequestCache::NoStore);
    let answer =
        JsFuture::from(window.fetch_with_str_and_init(&window.location().pathname()?, &init))
            .await?
            .dyn_into::<web_sys::Response>()?;
    if answer.status() == 404 {
        return Ok(None);
    }
    if !answer.ok() {
        return Err(JsValue::NULL);
    }
    let text = JsFuture::from(answer.text()?)
        .await?
        .as_string()
        .unwrap_or_default();
    let document =
        web_sys::DomParser::new()?.parse_from_string(&text, web_sys::SupportedType::TextHtml)?;
    let root = document.document_element().ok_or(JsValue::NULL)?;
    // An answer without the order (an error page) is no answer.
    page_under(&root).map(Some).ok_or(JsValue::NULL)
}

/// An update from the event stream (`OrderStatus` as JSON), as far as the page reads it:
/// read with the browser's own JSON, since all it needs is the id and the revision.
pub struct Update {
    pub id: String,
    pub state: String,
    pub revision: String,
}

impl Update {
    pub fn read(text: &str) -> Option<Self> {
        let value = js_sys::JSON::parse(text).ok()?;
        let get = |value: &JsValue, key: &str| js_sys::Reflect::get(value, &key.into()).ok();
        let id = get(&value, "id")?.as_string()?;
        let state = get(&value, "state")?;
        // A state upstream added since is `{"Unknown": "…"}`.
        let state = state
            .as_string()
            .or_else(|| get(&state, "Unknown")?.as_string())?;
        let due = get(&value, "due").and_then(|due| due.as_string());
        let deliveries = get(&value, "deliveries")?
            .dyn_into::<js_sys::Array>()
            .ok()?;
        let delivered = deliveries
            .iter()
            .filter(|delivery| get(delivery, "goods").is_some_and(|goods| goods.is_object()))
            .count();
        Some(Self {
            revision: revision(&state, due.as_deref(), delivered),
            id,
            state,
        })
    }
}
