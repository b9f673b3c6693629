//! `/orders`: the orders placed on this device, from the browser's own storage.

use crate::components::recent_orders::RecentOrders;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

#[component]
pub fn RecentOrdersPage() -> impl IntoView {
    view! {
        <Title text="Your orders"/>
        <Meta name="robots" content="noindex"/>
        <section class="recent-page" aria-labelledby="recent-heading">
            <h1 id="recent-heading">"Your orders"</h1>
            <p class="hint">"Orders placed on this device. The order link in your email works on any device."</p>
            <RecentOrders/>
        </section>
    }
}
