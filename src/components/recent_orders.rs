//! The orders placed on this device (kept in the browser's localStorage: id, brand, amount,
//! time; at most 20), so a shopper who closed the tab gets back to an order. No account, and
//! nothing about them leaves the browser.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Where the list lives in localStorage.
pub const STORAGE_KEY: &str = "storefront_recent_orders";
/// How many orders the device remembers.
pub const KEEP: usize = 20;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentOrder {
    pub id: String,
    /// "Amazon.com · $25".
    pub what: String,
    /// Epoch seconds when it was first seen on this device.
    pub at: i64,
    /// Where it stood when last seen ("Done", "Waiting for your payment").
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
    let orders = RwSignal::new(None::<Vec<RecentOrder>>);
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| orders.set(Some(storage::load())));
    view! {
        <p class="no-script">"This list is kept in your browser and shows with JavaScript turned on. "
           "Each order's link is also in the email we sent you."</p>
        {move || match orders.get() {
            None => view! { <p class="hint needs-js">"Looking for orders placed on this device…"</p> }.into_any(),
            Some(list) if list.is_empty() => view! {
                <p>"No orders on this device yet. Orders you place here are listed for you to come back to."</p>
            }
            .into_any(),
            Some(list) => view! {
                <ul class="recent-orders">
                    {list
                        .into_iter()
                        .map(|o| view! {
                            <li>
                                <a href=format!("/orders/{}", o.id)>{o.what}</a>
                                <span class="recent-facts">
                                    {o.price.map(|p| view! { <span>{p}</span> })}
                                    <span>{date_text(o.at)}</span>
                                    {o.status.map(|s| view! { <span class="recent-status">{s}</span> })}
                                    <span class="hint">{format!("order {}", o.id.chars().take(8).collect::<String>())}</span>
                                </span>
                            </li>
                        })
                        .collect_view()}
                </ul>
            }
            .into_any(),
        }}
    }
}

/// The day an order was placed, as the browser's language writes dates.
fn date_text(at: i64) -> String {
    crate::browser::local_date(at)
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
