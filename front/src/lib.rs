//! The WASM the browser loads: the shop's library built for the browser (`hydrate`). Its
//! exports, `hydrate` and one hydration function per island, are the library's own
//! `#[wasm_bindgen]` items; linking the library into this cdylib is what exports them.

pub use storefront::hydrate;
