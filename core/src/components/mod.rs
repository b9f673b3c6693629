//! The shop's building blocks, one concept each. `#[island]`s hydrate in the browser; the
//! rest render on the server only.

pub mod brand_card;
pub mod brand_filter;
pub mod buy_form;
pub mod copy_button;
pub mod countdown;
pub mod country_picker;
pub mod error_panel;
pub mod hydration_marker;
pub mod layout;
pub mod order_status;
pub mod recent_orders;
pub mod rich_text;
pub mod shopper_details;
pub mod skeleton;
