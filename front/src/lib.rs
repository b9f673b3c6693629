//! The WASM the browser loads: `storefront-core` built for the browser (`hydrate`). Its
//! exports, `hydrate` and one hydration function per island, are the library's own
//! `#[wasm_bindgen]` items; linking that crate into this cdylib is what exports them.

pub use storefront_core::hydrate;
