//! Placeholders shaped like what is loading, so the page never goes blank.

use crate::i18n::words::BrowseText;
use leptos::prelude::*;

/// A grid of grey cards while a country's brands load.
#[component]
pub fn GridSkeleton() -> impl IntoView {
    let t = BrowseText(crate::render::lang());
    view! {
        <div class="skeleton-grid" aria-busy="true" aria-label=t.loading_brands()>
            {(0..12).map(|_| view! { <div class="skeleton skeleton-card"></div> }).collect_view()}
        </div>
    }
}

/// A brand page's outline while it loads.
#[component]
pub fn BrandSkeleton() -> impl IntoView {
    let t = BrowseText(crate::render::lang());
    view! {
        <div class="brand-skeleton" aria-busy="true" aria-label=t.loading_brand()>
            <div class="skeleton skeleton-hero"></div>
            <div class="skeleton skeleton-line"></div>
            <div class="skeleton skeleton-line short"></div>
        </div>
    }
}
