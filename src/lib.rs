//! storefront: a Leptos shop for gift cards, mobile top-ups and eSIMs paid with stablecoins,
//! selling through the Cryptorefills partner API (or its embedded sandbox).
//!
//! The pages render on the server; only the interactive parts (`#[island]`s) hydrate in the
//! browser, which keeps the first visit light.
//!
//! Imports run one way, from the top down; a module names its own layer and the layers
//! below it, never one above (`tests/layers.rs` checks every `crate::` path):
//!
//! | layer | modules | what they hold |
//! |---|---|---|
//! | 10 | `server` | the router, axum handlers and layers, start-up |
//! | 9 | `app` | the shell, the routes, the layout |
//! | 8 | `pages` | one file per route |
//! | 0–7 | the rest | `storefront-core` (`core/src/lib.rs` has their table), re-exported here |
//!
//! The layers below the pages are a crate of their own so that an edit to a page, the
//! developer's most common change, recompiles this crate's few thousand lines and not
//! twenty thousand (scripts/bench devloop). Only the server builds this package; the
//! browser's WASM is `storefront-core` built with `hydrate` (`front/`).

#![recursion_limit = "256"]

pub use storefront_core::{api, browser, components, domain, error, i18n, render, web};
#[cfg(feature = "ssr")]
pub use storefront_core::{config, cryptorefills, sandbox, services};

#[cfg(feature = "ssr")]
pub mod app;
#[cfg(feature = "ssr")]
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;
