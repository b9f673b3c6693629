//! One file per route.

pub mod brand;
pub mod countries;
pub mod country;
pub mod not_found;
pub mod order;
pub mod recent;
