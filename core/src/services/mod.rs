//! The shop's services (server only): its state and what it holds. The stores, the order
//! feed and the rate limits are the seams where a store shared by several instances plugs in.

pub mod checkout_key;
pub mod checkout_store;
pub mod content_policy;
pub mod order_feed;
pub mod order_lookups;
pub mod qr;
pub mod rate_limit;
pub mod shared_store;
pub mod shopper_address;
pub mod site;
pub mod state;
pub mod stream_slots;

pub use state::{leptos_options, AppState, StartError};
