//! storefront: a Leptos shop for gift cards, mobile top-ups and eSIMs paid with stablecoins,
//! selling through the Cryptorefills partner API (or its embedded sandbox).
//!
//! The pages render on the server; only the interactive parts (`#[island]`s) hydrate in the
//! browser, which keeps the first visit light.

#![recursion_limit = "256"]

pub mod api;
pub mod app;
pub mod browser;
pub mod components;
pub mod domain;
pub mod error;
pub mod http;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod config;
#[cfg(feature = "ssr")]
pub mod cryptorefills;
#[cfg(feature = "ssr")]
pub mod sandbox;
#[cfg(feature = "ssr")]
pub mod server;

/// The browser entry point: the page's loader calls it once, then hydrates each island.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
