//! The HTML shell, the router and the layout every page shares.

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
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

pub fn shell(options: LeptosOptions) -> impl IntoView {
    crate::render::announce_nonce();
    view! {
        <!DOCTYPE html>
        <html lang="en">
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
    let shop_name = crate::render::shop_info().name;
    view! {
        <Title formatter=move |text: String| format!("{text} · {shop_name}")/>
        <Router>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <SiteHeader/>
            <main id="main" tabindex="-1">
                <ErrorBoundary fallback=|_errors| view! { <SomethingWentWrong/> }>
                    <Routes fallback=|| view! { <NotFound/> }>
                        <Route path=path!("/countries") view=CountriesPage ssr=SsrMode::Async/>
                        <Route path=path!("/orders") view=RecentOrdersPage/>
                        <Route path=path!("/help") view=HelpPage/>
                        <Route path=path!("/terms") view=TermsPage/>
                        <Route path=path!("/privacy") view=PrivacyPage/>
                        <Route path=path!("/refunds") view=RefundsPage/>
                        <Route path=path!("/orders/:order_id") view=OrderPage ssr=SsrMode::Async/>
                        <Route path=path!("/:cc") view=CountryPage ssr=SsrMode::Async/>
                        <Route path=path!("/:cc/:brand") view=BrandPage ssr=SsrMode::Async/>
                    </Routes>
                </ErrorBoundary>
            </main>
            <SiteFooter/>
            <HydrationMarker/>
        </Router>
    }
}

/// What the error boundary shows: never the raw error, always a way on.
#[component]
fn SomethingWentWrong() -> impl IntoView {
    crate::render::set_status(500);
    view! {
        <section class="error-panel" role="alert">
            <h1>"Something went wrong"</h1>
            <p>"This page hit a problem on our side. Reloading usually helps."</p>
            <form method="get"><button type="submit" class="button">"Reload"</button></form>
            <p><a href="/">"Back to the shop"</a></p>
        </section>
    }
}
