//! The frame around every page: header (shop name, country picker) and footer.

use super::country_picker::CountryPicker;
use crate::{
    domain::Country,
    i18n::{words::CommonText, Lang},
};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The country of the page being shown, from the first segment of its path (after the
/// language's prefix).
fn country_in_path(path: &str) -> Option<Country> {
    let path = Lang::strip(path);
    let first = path.trim_start_matches('/').split('/').next()?;
    Country::find(first).copied()
}

#[component]
pub fn SiteHeader() -> impl IntoView {
    // A page outside a country (an order, help) shows the country the shopper chose last.
    let location = use_location();
    let path = location.pathname.get_untracked();
    let lang = crate::render::lang();
    let t = CommonText(lang);
    let country = country_in_path(&path).or_else(|| {
        crate::render::request_cookie(crate::web::COUNTRY_COOKIE)
            .and_then(|code| Country::find(&code).copied())
    });
    let home = lang.href(&country.map_or_else(|| "/".to_string(), |c| format!("/{}", c.code)));
    let shop = crate::render::shop_info();
    // The router's `search` comes without its `?`.
    let search = location.search.get_untracked();
    let here = match search.trim_start_matches('?') {
        "" => path.clone(),
        query => format!("{path}?{query}"),
    };
    view! {
        <header class="site-header">
            <a class="shop-name" href=home>
                <span class="shop-mark" aria-hidden="true">"◆"</span>
                {shop.name}
            </a>
            <a class="header-link" href=lang.href("/orders")>{t.orders_short()}</a>
            <LanguageSwitch lang here/>
            <CountryPicker current=country/>
        </header>
    }
}

/// Links to this very page in the other languages. Each goes through `/language/{code}`,
/// which remembers the choice (a cookie `/` reads) and sends the shopper on: plain links,
/// so it works before and without JavaScript, and pages stay cacheable.
#[component]
fn LanguageSwitch(lang: Lang, here: String) -> impl IntoView {
    let page = Lang::strip(&here).into_owned();
    view! {
        <nav class="language-switch" aria-label=CommonText(lang).language()>
            {Lang::ALL
                .into_iter()
                .filter(move |other| *other != lang)
                .map(|other| {
                    let href = switch_href(other, &page);
                    view! {
                        <a class="header-link" href=href hreflang=other.code() lang=other.code()>
                            {other.autonym()}
                        </a>
                    }
                })
                .collect_view()}
        </nav>
    }
}

/// `/language/vi?to=%2FVN%2Fshopee`: the switch to `lang` that lands on `page` (a path
/// without a language prefix).
pub fn switch_href(lang: Lang, page: &str) -> String {
    format!(
        "/language/{}?to={}",
        lang.code(),
        crate::web::encode_query_value(page)
    )
}

#[component]
pub fn SiteFooter() -> impl IntoView {
    let shop = crate::render::shop_info();
    let lang = crate::render::lang();
    let t = CommonText(lang);
    view! {
        <footer class="site-footer">
            <p>{t.footer_about(&shop.name)}</p>
            <nav aria-label=t.footer_nav()>
                <a href=lang.href("/help")>{t.help()}</a>
                <a href=lang.href("/countries")>{t.all_countries()}</a>
                <a href=lang.href("/orders")>{t.your_orders()}</a>
                <a href=shop.terms_href(lang)>{t.terms()}</a>
                <a href=shop.privacy_href(lang)>{t.privacy()}</a>
                <a href=shop.refunds_href(lang)>{t.refunds()}</a>
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
        assert_eq!(country_in_path("/vi/VN/shopee").map(|c| c.code), Some("VN"));
        assert_eq!(country_in_path("/vi").map(|c| c.code), None);
        assert_eq!(country_in_path("/VI").map(|c| c.code), Some("VI"));
    }

    #[test]
    fn the_switch_keeps_the_page() {
        assert_eq!(
            switch_href(Lang::Vi, "/US/amazon?x=1&y=2"),
            "/language/vi?to=%2FUS%2Famazon%3Fx%3D1%26y%3D2"
        );
    }
}
