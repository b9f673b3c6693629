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
                <HydrationScripts options islands=true/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
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
