//! Server functions the pages and islands call. Their bodies run on the server only; the
//! browser gets a stub that calls them over HTTP.

pub mod browse;
pub mod checkout;
pub mod order;

#[cfg(feature = "ssr")]
mod context;
