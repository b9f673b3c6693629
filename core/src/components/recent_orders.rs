//! The orders placed on this device (kept in the browser's localStorage: id, brand, amount,
//! time; at most 20), so a shopper who closed the tab gets back to an order. No account, and
//! nothing about them leaves the browser.

use crate::{
    domain::OrderState,
    i18n::{words::OrderText, Lang},
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Where the list lives in localStorage.
pub const STORAGE_KEY: &str = "storefront_recent_orders";
/// How many orders the device remembers.
pub const KEEP: usize = 20;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentOrder {
    pub id: String,
    /// "Amazon.com · $25"; empty when its items have no name.
    pub what: String,
    /// Epoch seconds when it was first seen on this device.
    pub at: i64,
    /// Where it stood when last seen, as upstream names the state ("Done",
    /// "WaitingForPayment"), so the list says it in the language it is read in. Lists kept
    /// before that hold the English words, which are shown as they are.
    #[serde(default)]
    pub status: Option<String>,
    /// What it costs ("25.53 USDC").
    #[serde(default)]
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

/// The stored list; anything that doesn't read is an empty list, never an error.
pub fn parse(stored: Option<&str>) -> Vec<RecentOrder> {
    stored
        .and_then(|text| serde_json::from_str(text).ok())
        .unwrap_or_default()
}

#[cfg(feature = "hydrate")]
pub mod storage {
    use super::*;

    fn local() -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok()?
    }

    pub fn load() -> Vec<RecentOrder> {
        let stored = local().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
        parse(stored.as_deref())
    }

    pub fn save(order: RecentOrder) {
        let (Some(storage), Ok(text)) = (local(), serde_json::to_string(&remember(load(), order)))
        else {
            return;
        };
        let _ = storage.set_item(STORAGE_KEY, &text);
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

    #[test]
    fn a_broken_store_is_an_empty_list() {
        assert!(parse(None).is_empty());
        assert!(parse(Some("not json")).is_empty());
        assert_eq!(parse(Some(r#"[{"id":"a","what":"x","at":5}]"#)).len(), 1);
    }
}
