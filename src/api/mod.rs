//! Server functions the pages and islands call. Their bodies run on the server only; the
//! browser gets a stub that calls them over HTTP.

pub mod catalog;
pub mod checkout;
pub mod live;
pub mod orders;

#[cfg(feature = "ssr")]
mod context;
#[cfg(feature = "ssr")]
pub mod lookups;
