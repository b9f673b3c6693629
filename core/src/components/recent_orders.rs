//! The orders placed on this device (kept in the browser's localStorage: id, brand, amount,
//! time; at most 20), so a shopper who closed the tab gets back to an order. No account, and
//! nothing about them leaves the browser.

use crate::{
    domain::OrderState,
    i18n::{words::OrderText, Lang},
};
use leptos::prelude::*;

/// Where the list lives in localStorage.
pub const STORAGE_KEY: &str = "storefront_recent_orders";
/// How many orders the device remembers.
pub const KEEP: usize = 20;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecentOrder {
    pub id: String,
    /// "Amazon.com · $25"; empty when its items have no name.
    pub what: String,
    /// Epoch seconds when it was first seen on this device.
    pub at: i64,
    /// Where it stood when last seen, as upstream names the state ("Done",
    /// "WaitingForPayment"), so the list says it in the language it is read in. Lists kept
    /// before that hold the English words, which are shown as they are.
    pub status: Option<String>,
    /// What it costs ("25.53 USDC").
    pub price: Option<String>,
}

/// The list with `order` first (once, its status and price brought up to date, its first
/// time kept), at most `KEEP` long.
pub fn remember(mut list: Vec<RecentOrder>, order: RecentOrder) -> Vec<RecentOrder> {
    let known = list.iter().position(|o| o.id == order.id);
    let order = match known {
        Some(index) => RecentOrder {
            at: list.remove(index).at,
            ..order
        },
        None => order,
    };
    list.insert(0, order);
    list.truncate(KEEP);
    list
}

/// The list as stored, read and written with the browser's own JSON (a page that keeps the
/// list carries no JSON library for it): an array of objects with these fields, as earlier
/// versions of the shop wrote them too.
#[cfg(feature = "hydrate")]
pub mod storage {
    use super::*;
    use wasm_bindgen::{JsCast, JsValue};

    fn local() -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok()?
    }

    fn field(object: &JsValue, name: &str) -> Option<JsValue> {
        js_sys::Reflect::get(object, &name.into())
            .ok()
            .filter(|value| !value.is_undefined() && !value.is_null())
    }

    fn read(object: &JsValue) -> Option<RecentOrder> {
        let text = |name: &str| field(object, name).and_then(|value| value.as_string());
        Some(RecentOrder {
            id: text("id")?,
            what: text("what")?,
            at: field(object, "at")?.as_f64()? as i64,
            status: text("status"),
            price: text("price"),
        })
    }

    fn written(order: &RecentOrder) -> JsValue {
        let object = js_sys::Object::new();
        let set = |name: &str, value: JsValue| {
            let _ = js_sys::Reflect::set(&object, &name.into(), &value);
        };
        set("id", order.id.as_str().into());
        set("what", order.what.as_str().into());
        set("at", (order.at as f64).into());
        set(
            "status",
            order.status.as_deref().map_or(JsValue::NULL, Into::into),
        );
        set(
            "price",
            order.price.as_deref().map_or(JsValue::NULL, Into::into),
        );
        object.into()
    }

    /// The stored list; anything that doesn't read is left out, never an error.
    pub fn load() -> Vec<RecentOrder> {
        local()
            .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
            .and_then(|text| js_sys::JSON::parse(&text).ok())
            .and_then(|list| list.dyn_into::<js_sys::Array>().ok())
            .map(|list| list.iter().filter_map(|o| read(&o)).collect())
            .unwrap_or_default()
    }

    pub fn save(order: RecentOrder) {
        let list: js_sys::Array = remember(load(), order).iter().map(written).collect();
        let (Some(storage), Ok(text)) = (local(), js_sys::JSON::stringify(&list)) else {
            return;
        };
        let _ = storage.set_item(STORAGE_KEY, &String::from(text));
    }
}

/// The list, filled in the browser once the page is live (the server can't know it).
#[island(lazy)]
pub fn RecentOrders() -> impl IntoView {
    let lang = crate::render::lang();
    let t = OrderText(lang);
    let orders = RwSignal::new(None::<Vec<RecentOrder>>);
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| orders.set(Some(storage::load())));
    view! {
        <p class="no-script">{t.recent_without_js()}</p>
        {move || match orders.get() {
            None => view! { <p class="hint needs-js">{t.recent_looking()}</p> }.into_any(),
            Some(list) if list.is_empty() => view! {
                <p>{t.recent_none()}</p>
            }
            .into_any(),
            Some(list) => view! {
                <ul class="recent-orders">
                    {list
                        .into_iter()
                        .map(|o| {
                            let what = if o.what.is_empty() { t.an_order().to_string() } else { o.what };
                            let status = o.status.map(|s| OrderState::from_wire(&s).label(lang).to_string());
                            let short: String = o.id.chars().take(8).collect();
                            view! {
                                <li>
                                    <a href=lang.href(&format!("/orders/{}", o.id))>{what}</a>
                                    <span class="recent-facts">
                                        {o.price.map(|p| view! { <span>{p}</span> })}
                                        <span>{date_text(lang, o.at)}</span>
                                        {status.map(|s| view! { <span class="recent-status">{s}</span> })}
                                        <span class="hint">{t.recent_order(&short)}</span>
                                    </span>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
            .into_any(),
        }}
    }
}

/// The day an order was placed, as the page's language writes dates (the browser's Intl,
/// asked for the page's language rather than its own).
fn date_text(lang: Lang, at: i64) -> String {
    #[cfg(feature = "hydrate")]
    {
        let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at as f64 * 1000.0));
        String::from(date.to_locale_date_string(lang.code(), &wasm_bindgen::JsValue::UNDEFINED))
    }
    // The server never lists them (it can't see the browser's storage).
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = lang;
        crate::browser::local_date(at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(id: &str) -> RecentOrder {
        RecentOrder {
            id: id.into(),
            what: format!("Brand · {id}"),
            at: 1,
            status: None,
            price: None,
        }
    }

    #[test]
    fn the_newest_comes_first_once_and_the_list_stays_short() {
        let mut list = Vec::new();
        for i in 0..25 {
            list = remember(list, order(&i.to_string()));
        }
        assert_eq!(list.len(), KEEP);
        assert_eq!(list[0].id, "24");
        let done = RecentOrder {
            status: Some("Done".into()),
            at: 99,
            ..order("20")
        };
        let list = remember(list, done);
        assert_eq!(list[0].id, "20");
        assert_eq!(
            list[0].status.as_deref(),
            Some("Done"),
            "brought up to date"
        );
        assert_eq!(list[0].at, 1, "first seen stays");
        assert_eq!(list.iter().filter(|o| o.id == "20").count(), 1);
    }
}
