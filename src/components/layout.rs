//! The frame around every page: header (shop name, country picker) and footer.

use super::country_picker::CountryPicker;
use crate::domain::Country;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The country of the page being shown, from the first segment of its path.
fn country_in_path(path: &str) -> Option<Country> {
    let first = path.trim_start_matches('/').split('/').next()?;
    Country::find(first).copied()
}

#[component]
pub fn SiteHeader() -> impl IntoView {
    // A page outside a country (an order, help) shows the country the shopper chose last.
    let country = country_in_path(&use_location().pathname.get_untracked()).or_else(|| {
        crate::render::request_cookie(crate::web::COUNTRY_COOKIE)
            .and_then(|code| Country::find(&code).copied())
    });
    let home = country.map_or_else(|| "/".to_string(), |c| format!("/{}", c.code));
    let shop = crate::render::shop_info();
    view! {
        <header class="site-header">
            <a class="shop-name" href=home>
                <span class="shop-mark" aria-hidden="true">"◆"</span>
                {shop.name}
            </a>
            <a class="header-link" href="/orders">"Your orders"</a>
            <CountryPicker current=country.map(|c| c.code.to_string())/>
        </header>
    }
}

#[component]
pub fn SiteFooter() -> impl IntoView {
    let shop = crate::render::shop_info();
    view! {
        <footer class="site-footer">
            <p>
                {shop.name.clone()} " sells gift cards, mobile top-ups and eSIMs for stablecoins, "
                "supplied by Cryptorefills."
            </p>
            <nav aria-label="Footer">
                <a href="/help">"Help"</a>
                <a href="/countries">"All countries"</a>
                <a href="/orders">"Your orders"</a>
                <a href=shop.terms_href()>"Terms"</a>
                <a href=shop.privacy_href()>"Privacy"</a>
                <a href=shop.refunds_href()>"Refunds"</a>
            </nav>
        </footer>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_country_comes_from_the_first_segment() {
        assert_eq!(country_in_path("/vn/shopee").map(|c| c.code), Some("VN"));
        assert_eq!(country_in_path("/US").map(|c| c.code), Some("US"));
        assert!(country_in_path("/countries").is_none());
        assert!(country_in_path("/").is_none());
    }
}
