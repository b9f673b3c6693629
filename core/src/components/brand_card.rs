//! A brand card: the logo (webp in three sizes, jpg fallback), the name and the price range,
//! all one link to the brand's page.

use crate::{
    domain::{Brand, Country},
    i18n::words::BrowseText,
};
use leptos::prelude::*;

/// How wide a card is at each breakpoint (matches the grid in main.css).
const CARD_SIZES: &str = "(min-width: 1200px) 200px, (min-width: 720px) 28vw, 45vw";

#[component]
pub fn BrandLogo(brand: Brand, eager: bool) -> impl IntoView {
    let style = brand
        .bg_color
        .as_ref()
        .map(|color| format!("background-color: {color}"));
    let picture = brand.logo.clone().map(|logo| {
        view! {
            <picture>
                <source type="image/webp" srcset=logo.webp_srcset() sizes=CARD_SIZES/>
                <img
                    src=logo.url(Some("300x190"), "jpg")
                    width="300"
                    height="190"
                    alt=brand.name.clone()
                    loading=if eager { "eager" } else { "lazy" }
                    decoding="async"
                />
            </picture>
        }
    });
    let fallback = brand.logo.is_none().then(|| {
        view! { <span class="logo-fallback" role="img" aria-label=brand.name.clone()>{initials(&brand.name)}</span> }
    });
    view! { <div class="brand-logo" style=style>{picture}{fallback}</div> }
}

fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .take(3)
        .collect::<String>()
        .to_uppercase()
}

/// `filterable` cards (the grid's) carry what the search island reads; the feed's do not.
#[component]
pub fn BrandCard(
    brand: Brand,
    country: Country,
    #[prop(default = false)] eager: bool,
    #[prop(default = false)] filterable: bool,
    #[prop(default = false)] hidden: bool,
    /// The card's place in the shop's order (the search island restores it).
    #[prop(optional)]
    index: Option<usize>,
) -> impl IntoView {
    let lang = crate::render::lang();
    let t = BrowseText(lang);
    let href = lang.href(&format!("/{}/{}", country.code, brand.slug));
    let price = brand.price_range(lang);
    let out_of_stock = !brand.in_stock;
    let search = filterable.then(|| brand.name_terms().join(" "));
    let topics = filterable.then(|| brand.topic_terms().join(" "));
    let categories = filterable.then(|| brand.categories.join(" "));
    let index = filterable.then_some(index).flatten();
    view! {
        <li
            class="brand-card"
            class:out-of-stock=out_of_stock
            data-brand-card=filterable.then_some("")
            data-search=search
            data-topics=topics
            data-categories=categories
            data-index=index
            hidden=hidden
        >
            <a class="brand-link" href=href>
                <BrandLogo brand=brand.clone() eager/>
                // The logo's alt already names the brand for screen readers.
                <span class="brand-name" aria-hidden="true">{brand.name.clone()}</span>
                {price.map(|p| view! { <span class="brand-price">{p}</span> })}
                {out_of_stock.then(|| view! { <span class="badge">{t.out_of_stock()}</span> })}
            </a>
        </li>
    }
}
