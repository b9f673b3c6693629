//! `/orders`: the orders placed on this device, from the browser's own storage.

use crate::{
    components::recent_orders::RecentOrders,
    i18n::words::{CommonText, OrderText},
};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

#[component]
pub fn RecentOrdersPage() -> impl IntoView {
    let lang = crate::render::lang();
    let (common, t) = (CommonText(lang), OrderText(lang));
    view! {
        <Title text=common.your_orders()/>
        <Meta name="robots" content="noindex"/>
        <section class="recent-page" aria-labelledby="recent-heading">
            <h1 id="recent-heading">{common.your_orders()}</h1>
            <p class="hint">{t.recent_intro()}</p>
            <RecentOrders/>
        </section>
    }
}
