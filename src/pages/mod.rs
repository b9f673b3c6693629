//! One file per route.

pub mod brand;
pub mod countries;
pub mod country;
pub mod help;
pub mod not_found;
pub mod order;
pub mod policies;
pub mod recent;
