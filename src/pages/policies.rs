//! `/terms`, `/privacy` and `/refunds`: the shop's own policies, used unless the partner
//! links their own (`STOREFRONT_TERMS_URL` and the like). Three routes of one kind: short
//! pages of text that name the shop and its supplier.

use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn TermsPage() -> impl IntoView {
    let shop = crate::render::shop_info().name;
    view! {
        <Title text="Terms"/>
        <article class="text-page">
            <h1>"Terms of sale"</h1>
            <p>{format!("{shop} sells digital gift cards, mobile top-ups and eSIMs supplied by Cryptorefills, paid with cryptocurrencies.")}</p>
            <h2>"Prices and payment"</h2>
            <p>"Prices are in the coin you choose and include the shop's fees; your wallet's network fee is yours. An order must be paid in full, on the network chosen, within 30 minutes of ordering."</p>
            <h2>"Delivery"</h2>
            <p>"Codes are delivered to the email address given and on the order's page, usually within minutes of the payment. Top-ups go to the phone number given; check it before confirming: a top-up can't be taken back."</p>
            <h2>"Using the goods"</h2>
            <p>"Each brand's own terms apply to its cards (shown on its page). A delivered code is like cash: keep it safe."</p>
            <h2>"When an order can't be delivered"</h2>
            <p>"It is refunded, as the " <a href="/refunds">"refund policy"</a> " says."</p>
        </article>
    }
}

#[component]
pub fn PrivacyPage() -> impl IntoView {
    let shop = crate::render::shop_info().name;
    view! {
        <Title text="Privacy"/>
        <article class="text-page">
            <h1>"Privacy notice"</h1>
            <p>{format!("{shop} has no accounts. Here is what it uses, and why.")}</p>
            <h2>"For an order"</h2>
            <p>"Your email address (and the recipient's email or phone number) go to our supplier, Cryptorefills, who delivers the order and emails you about it. With each request the supplier also receives your IP address and browser name, to prevent fraud."</p>
            <h2>"In your browser"</h2>
            <p>"Cookies remember your country, the coin you last chose, and a random key that stops a double click from ordering twice. The list under Your orders is kept in your browser's storage and never leaves it."</p>
            <h2>"Newsletter"</h2>
            <p>"Only if you tick the box when ordering."</p>
        </article>
    }
}

#[component]
pub fn RefundsPage() -> impl IntoView {
    let support = crate::render::shop_info().support_href(None);
    view! {
        <Title text="Refunds"/>
        <article class="text-page">
            <h1>"Refund policy"</h1>
            <ul>
                <li>"An order that can't be delivered (out of stock, the brand refused it) is refunded in full."</li>
                <li>"A payment that arrives after the 30 minutes, or short and never completed, is refunded."</li>
                <li>"A delivered code can't be refunded: it is as good as cash once you have it."</li>
            </ul>
            <p>"For an expired or short-paid order, "
               <a href=support>"contact support"</a>
               " with the order number and your transaction: support arranges the refund with you."</p>
        </article>
    }
}
