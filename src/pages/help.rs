//! `/help`: how buying works and what to do when something goes wrong, written for a
//! shopper paying with crypto for the first time, and how to reach support.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

#[component]
pub fn HelpPage() -> impl IntoView {
    let shop = crate::render::shop_info();
    let contact = match shop.support_email.clone() {
        Some(email) => view! {
            <p>
                "Write to " <a href=format!("mailto:{email}")>{email.clone()}</a>
                ". Put your order number in the subject (it is on the order's page and in the email about it): we answer faster."
            </p>
        }
        .into_any(),
        None => view! {
            <p>
                "Reply to the email you received about your order: it goes to the supplier's support team, who handle every order of this shop. "
                "Put your order number in it."
            </p>
        }
        .into_any(),
    };
    view! {
        <Title text="Help"/>
        <Meta name="description" content="How buying gift cards, top-ups and eSIMs with stablecoins works, and what to do when something goes wrong."/>
        <article class="text-page">
            <h1>"Help"</h1>
            <nav aria-label="On this page" class="text-page-index">
                <a href="#how">"How buying works"</a>
                <a href="#paying">"Paying"</a>
                <a href="#problems">"When something goes wrong"</a>
                <a href="#contact">"Contact support"</a>
            </nav>

            <section id="how" aria-labelledby="how-heading">
                <h2 id="how-heading">"How buying works"</h2>
                <ol>
                    <li>"Choose your country, a brand and an amount."</li>
                    <li>"Choose the coin you pay with (USDC, USDT…) and the network you send it on."</li>
                    <li>"Enter your email: the code goes there, and to the order's page."</li>
                    <li>"Send the exact amount to the address shown, within 30 minutes."</li>
                    <li>"The order's page moves by itself: payment received, delivering, done. Gift card codes usually arrive within minutes of the payment."</li>
                </ol>
            </section>

            <section id="paying" aria-labelledby="paying-heading">
                <h2 id="paying-heading">"Paying"</h2>
                <h3>"Which network should I choose?"</h3>
                <p>"The one your wallet or exchange can send on. Solana and Base cost a cent or less to send; Ethereum (ETH Mainnet) and Tron can cost a dollar or more, which matters on a small card. Coins sent on another network than the one you chose are lost."</p>
                <h3>"Does the price include fees?"</h3>
                <p>"The price includes the shop's fees. Your wallet or exchange adds its own network fee when you send. If your exchange takes its fee out of the amount it sends, add the fee, so that the exact amount arrives."</p>
                <h3>"How long do I have?"</h3>
                <p>"30 minutes from ordering. The order's page shows the time left. Don't send coins after the time is up: the order expires."</p>
            </section>

            <section id="problems" aria-labelledby="problems-heading">
                <h2 id="problems-heading">"When something goes wrong"</h2>
                <h3>"I sent too little"</h3>
                <p>"The order's page says what arrived and what is still due. Send the rest to the same address before the time runs out. If it doesn't arrive in time, what you sent is refunded."</p>
                <h3>"I sent too late"</h3>
                <p>"An expired order is not delivered. Contact support with the order number and the transaction: the payment is refunded."</p>
                <h3>"The order failed"</h3>
                <p>"No goods were sent. If you paid, the payment is refunded. The order's page has a button to order the same again."</p>
                <h3>"I can't find my code"</h3>
                <p>"It is on the order's page (keep its address, or find it under "
                   <a href="/orders">"Your orders"</a>
                   " on the device you ordered from) and in the email about the order. Check your spam folder."</p>
                <p>
                    "More in the " <a href=shop.refunds_href()>"refund policy"</a> ", the "
                    <a href=shop.terms_href()>"terms"</a> " and the "
                    <a href=shop.privacy_href()>"privacy notice"</a> "."
                </p>
            </section>

            <section id="contact" aria-labelledby="contact-heading">
                <h2 id="contact-heading">"Contact support"</h2>
                {contact}
            </section>
        </article>
    }
}
