//! The shop's building blocks, one concept each. `#[island]`s hydrate in the browser; the
//! rest render on the server only.

pub mod amount_picker;
pub mod brand_card;
pub mod brand_filter;
pub mod checkout_fields;
pub mod copy_button;
pub mod countdown;
pub mod country_picker;
pub mod error_panel;
pub mod hydration_marker;
pub mod layout;
pub mod order_status;
pub mod recent_orders;
pub mod rich_text;
pub mod skeleton;
