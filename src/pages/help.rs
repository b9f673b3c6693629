//! `/help`: how buying works and what to do when something goes wrong, written for a
//! shopper paying with crypto for the first time, and how to reach support.

use crate::i18n::words::{CommonText, PagesText};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

#[component]
pub fn HelpPage() -> impl IntoView {
    let lang = crate::render::lang();
    let t = PagesText(lang);
    let common = CommonText(lang);
    let shop = crate::render::shop_info();
    let contact = match shop.support_email.clone() {
        Some(email) => view! {
            <p>
                {t.write_to()} <a href=format!("mailto:{email}")>{email.clone()}</a>
                {t.write_to_after()}
            </p>
        }
        .into_any(),
        None => view! { <p>{t.reply_to_order_email()}</p> }.into_any(),
    };
    view! {
        <Title text=common.help()/>
        <Meta name="description" content=t.help_description()/>
        <article class="text-page">
            <h1>{common.help()}</h1>
            <nav aria-label=t.on_this_page() class="text-page-index">
                <a href="#how">{t.how_buying_works()}</a>
                <a href="#paying">{t.paying()}</a>
                <a href="#problems">{t.when_something_goes_wrong()}</a>
                <a href="#contact">{t.contact_support()}</a>
            </nav>

            <section id="how" aria-labelledby="how-heading">
                <h2 id="how-heading">{t.how_buying_works()}</h2>
                <ol>
                    <li>{t.step_choose()}</li>
                    <li>{t.step_coin()}</li>
                    <li>{t.step_email()}</li>
                    <li>{t.step_send()}</li>
                    <li>{t.step_follow()}</li>
                </ol>
            </section>

            <section id="paying" aria-labelledby="paying-heading">
                <h2 id="paying-heading">{t.paying()}</h2>
                <h3>{t.which_network_question()}</h3>
                <p>{t.which_network_answer()}</p>
                <h3>{t.fees_question()}</h3>
                <p>{t.fees_answer()}</p>
                <h3>{t.time_question()}</h3>
                <p>{t.time_answer()}</p>
            </section>

            <section id="problems" aria-labelledby="problems-heading">
                <h2 id="problems-heading">{t.when_something_goes_wrong()}</h2>
                <h3>{t.too_little_question()}</h3>
                <p>{t.too_little_answer()}</p>
                <h3>{t.too_late_question()}</h3>
                <p>{t.too_late_answer()}</p>
                <h3>{t.failed_question()}</h3>
                <p>{t.failed_answer()}</p>
                <h3>{t.no_code_question()}</h3>
                <p>
                    {t.no_code_answer_before()}
                    <a href=lang.href("/orders")>{common.your_orders()}</a>
                    {t.no_code_answer_after()}
                </p>
                <p>
                    {t.more_in()} <a href=shop.refunds_href(lang)>{t.refund_policy_link()}</a>
                    {t.list_then()} <a href=shop.terms_href(lang)>{t.terms_link()}</a>
                    {t.list_last()} <a href=shop.privacy_href(lang)>{t.privacy_notice_link()}</a>
                    {t.more_in_after()}
                </p>
            </section>

            <section id="contact" aria-labelledby="contact-heading">
                <h2 id="contact-heading">{t.contact_support()}</h2>
                {contact}
            </section>
        </article>
    }
}
