//! storefront-core: every layer of the shop below its pages. The pages, the shell and the
//! server are the `storefront` package's (`../src`); the browser's WASM is this crate built
//! with `hydrate` (`../front`).
//!
//! Imports run one way, from the top down; a module names its own layer and the layers
//! below it, never one above (`tests/layers.rs` checks every `crate::` path). Layers 8 to 10
//! (`pages`, `app`, `server`) are in `../src`, and this crate cannot name them at all.
//!
//! | layer | modules | what they hold |
//! |---|---|---|
//! | 7 | `components` | the building blocks, islands among them |
//! | 6 | `api` | server functions and the data types they return; the checkout's posted form |
//! | 5 | `render` | what a page being rendered tells its response and reads of its request |
//! | 4 | `services` | the state, the stores, the order feed, the limits (ssr) |
//! | 3 | `config` | the environment, read once (ssr) |
//! | 2 | `cryptorefills`, `sandbox` | the API client and its imitation (ssr) |
//! | 1 | `error`, `browser` | the app's error; what islands do to the browser |
//! | 0 | `domain`, `i18n`, `web` | types both sides share; the two languages and their words; plain helpers on paths and cookies |

#![recursion_limit = "256"]

pub mod api;
pub mod browser;
pub mod components;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod render;
pub mod web;

#[cfg(feature = "ssr")]
pub mod config;
#[cfg(feature = "ssr")]
pub mod cryptorefills;
#[cfg(feature = "ssr")]
pub mod sandbox;
#[cfg(feature = "ssr")]
pub mod services;

/// The browser entry point: the page's loader calls it once, then hydrates each island.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
