//! `/terms`, `/privacy` and `/refunds`: the shop's own policies, used unless the partner
//! links their own (`STOREFRONT_TERMS_URL` and the like). Three routes of one kind: short
//! pages of text that name the shop and its supplier.

use crate::i18n::words::{CommonText, PagesText};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn TermsPage() -> impl IntoView {
    let lang = crate::render::lang();
    let t = PagesText(lang);
    let shop = crate::render::shop_info().name;
    view! {
        <Title text=CommonText(lang).terms()/>
        <article class="text-page">
            <h1>{t.terms_heading()}</h1>
            <p>{t.terms_intro(&shop)}</p>
            <h2>{t.prices_heading()}</h2>
            <p>{t.prices_text()}</p>
            <h2>{t.delivery_heading()}</h2>
            <p>{t.delivery_text()}</p>
            <h2>{t.using_heading()}</h2>
            <p>{t.using_text()}</p>
            <h2>{t.undeliverable_heading()}</h2>
            <p>
                {t.undeliverable_before()}
                <a href=lang.href("/refunds")>{t.refund_policy_link()}</a>
                {t.undeliverable_after()}
            </p>
        </article>
    }
}

#[component]
pub fn PrivacyPage() -> impl IntoView {
    let lang = crate::render::lang();
    let t = PagesText(lang);
    let shop = crate::render::shop_info().name;
    view! {
        <Title text=CommonText(lang).privacy()/>
        <article class="text-page">
            <h1>{t.privacy_heading()}</h1>
            <p>{t.privacy_intro(&shop)}</p>
            <h2>{t.for_an_order_heading()}</h2>
            <p>{t.for_an_order_text()}</p>
            <h2>{t.in_your_browser_heading()}</h2>
            <p>{t.in_your_browser_text()}</p>
            <h2>{t.newsletter_heading()}</h2>
            <p>{t.newsletter_text()}</p>
        </article>
    }
}

#[component]
pub fn RefundsPage() -> impl IntoView {
    let lang = crate::render::lang();
    let t = PagesText(lang);
    let support = crate::render::shop_info().support_href(lang, None);
    view! {
        <Title text=CommonText(lang).refunds()/>
        <article class="text-page">
            <h1>{t.refund_policy_heading()}</h1>
            <ul>
                <li>{t.refund_undeliverable()}</li>
                <li>{t.refund_late_or_short()}</li>
                <li>{t.refund_delivered()}</li>
            </ul>
            <p>
                {t.refund_contact_before()}
                <a href=support>{t.contact_support_link()}</a>
                {t.refund_contact_after()}
            </p>
        </article>
    }
}
