//! The HTML shell, the router and the layout every page shares.

use crate::i18n::{words::CommonText, Lang};
use crate::{
    components::{
        hydration_marker::HydrationMarker,
        layout::{SiteFooter, SiteHeader},
    },
    pages::{
        brand::BrandPage,
        countries::CountriesPage,
        country::CountryPage,
        help::HelpPage,
        not_found::NotFound,
        order::OrderPage,
        policies::{PrivacyPage, RefundsPage, TermsPage},
        recent::RecentOrdersPage,
    },
};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, Link, MetaTags, Title};
use leptos_router::{
    any_nested_route::IntoAnyNestedRoute,
    components::{Outlet, ParentRoute, Route, Router, Routes},
    path, SsrMode,
};

pub fn shell(options: LeptosOptions) -> impl IntoView {
    crate::render::announce_nonce();
    let lang = crate::render::lang();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light dark"/>
                <link rel="icon" type="image/svg+xml" href="/assets/favicon.svg"/>
                <HashedStylesheet options=options.clone() id="style"/>
                <AutoReload options=options.clone()/>
                <IdleHydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// Leptos's island scripts without their two hints (`modulepreload` of the JS, `preload` of
/// the WASM). Islands hydrate when the browser is idle anyway; the hints fetched 130 KB at
/// high priority before the first paint, taking the bandwidth of the stylesheet, the text
/// and the first logos on a slow phone (and Lighthouse counted the WASM in the LCP).
#[component]
fn IdleHydrationScripts(options: LeptosOptions) -> impl IntoView {
    let scripts = view! { <HydrationScripts options islands=true/> }.to_html();
    leptos::tachys::html::InertElement::new(without_fetch_hints(&scripts))
}

/// `html` without its `<link rel="preload">` and `<link rel="modulepreload">` tags.
fn without_fetch_hints(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<link") {
        out.push_str(&rest[..start]);
        let tag_end = rest[start..]
            .find('>')
            .map_or(rest.len(), |end| start + end + 1);
        let tag = &rest[start..tag_end];
        if !(tag.contains("rel=\"preload\"") || tag.contains("rel=\"modulepreload\"")) {
            out.push_str(tag);
        }
        rest = &rest[tag_end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::without_fetch_hints;

    #[test]
    fn the_fetch_hints_go_and_the_script_stays() {
        let html = "<link rel=\"modulepreload\" href=\"/pkg/a.js\" crossorigin=\"n\">\
                    <link rel=\"preload\" href=\"/pkg/a.wasm\" as=\"fetch\">\
                    <link rel=\"icon\" href=\"/f.svg\">\
                    <script type=\"module\">go(1 > 0)</script>";
        assert_eq!(
            without_fetch_hints(html),
            "<link rel=\"icon\" href=\"/f.svg\"><script type=\"module\">go(1 > 0)</script>"
        );
        assert_eq!(without_fetch_hints("<link rel=\"preload\""), "");
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // The language is the path's (`/vi/…`); everything below reads it from context.
    let lang = crate::render::lang();
    provide_context(lang);
    let t = CommonText(lang);
    let shop_name = crate::render::shop_info().name;
    view! {
        <Title formatter=move |text: String| format!("{text} · {shop_name}")/>
        <LanguageAlternates/>
        <Router>
            <a class="skip-link" href="#main">{t.skip_to_content()}</a>
            <SiteHeader/>
            <main id="main" tabindex="-1">
                <ErrorBoundary fallback=|_errors| view! { <SomethingWentWrong/> }>
                    // The same pages under each language's prefix. Vietnamese first: `/vi/VN`
                    // is the Vietnamese shop of Vietnam, not the brand `VN` of the U.S. Virgin
                    // Islands (whose shop is `/VI`).
                    <Routes fallback=|| view! { <NotFound/> }>
                        <ParentRoute path=path!("/vi") view=Outlet>
                            <ShopRoutes/>
                        </ParentRoute>
                        <ShopRoutes/>
                    </Routes>
                </ErrorBoundary>
            </main>
            <SiteFooter/>
            <HydrationMarker/>
        </Router>
    }
}

/// Every page of the shop, by its path after the language's prefix.
///
/// Erased into one `AnyNestedRoute`: the debug build (`cargo leptos watch`) erases
/// components and then requires it of a transparent component's routes, which are a list
/// here (a release build took the list as it was, so only the watch build broke).
#[component(transparent)]
fn ShopRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <Route path=path!("/countries") view=CountriesPage ssr=SsrMode::Async/>
        <Route path=path!("/orders") view=RecentOrdersPage/>
        <Route path=path!("/help") view=HelpPage/>
        <Route path=path!("/terms") view=TermsPage/>
        <Route path=path!("/privacy") view=PrivacyPage/>
        <Route path=path!("/refunds") view=RefundsPage/>
        <Route path=path!("/orders/:order_id") view=OrderPage ssr=SsrMode::Async/>
        <Route path=path!("/:cc") view=CountryPage ssr=SsrMode::Async/>
        <Route path=path!("/:cc/:brand") view=BrandPage ssr=SsrMode::Async/>
    }
    .into_inner()
    .into_any_nested_route()
}

/// `<link rel="alternate" hreflang>` to this page in each language (and English as the
/// default), so search engines list each shopper the page in theirs.
#[component]
fn LanguageAlternates() -> impl IntoView {
    let path = crate::render::request_path().unwrap_or_else(|| "/".to_string());
    let path = path.split('?').next().unwrap_or("/");
    let page = Lang::strip(path).into_owned();
    let link = move |lang: Lang| crate::render::absolute(&lang.href(&page));
    let default = link(Lang::En);
    view! {
        {Lang::ALL
            .into_iter()
            .map(|lang| view! { <Link rel="alternate" hreflang=lang.code() href=link(lang)/> })
            .collect_view()}
        <Link rel="alternate" hreflang="x-default" href=default/>
    }
}

/// What the error boundary shows: never the raw error, always a way on.
#[component]
fn SomethingWentWrong() -> impl IntoView {
    crate::render::set_status(500);
    let lang = crate::render::lang();
    let t = CommonText(lang);
    view! {
        <section class="error-panel" role="alert">
            <h1>{t.something_went_wrong()}</h1>
            <p>{t.problem_on_our_side()}</p>
            <form method="get"><button type="submit" class="button">{t.reload()}</button></form>
            <p><a href=lang.href("/")>{t.back_to_shop()}</a></p>
        </section>
    }
}
