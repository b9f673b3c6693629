//! Wire types -> domain types: defaults decided, HTML sanitised, required fields checked.
//! `catalog` maps what the shop shows (payment options, brands, products, prices),
//! `orders` what an order becomes (problems, validation, the order and its goods).

mod catalog;
mod orders;

#[cfg(test)]
pub use catalog::brand;
pub use catalog::{brand_details, catalog, home_feed, payment_vias, quote};
pub use orders::{order, problems, validated};

/// A field the shop cannot do without was missing: named for the decode error.
#[derive(Debug, PartialEq, Eq)]
pub struct Missing(pub &'static str);

/// A name the shop shows, or `None` (logged and counted) when upstream sent none.
pub(super) fn named(name: Option<String>, what: &'static str) -> Option<String> {
    let name = name.filter(|n| !n.trim().is_empty());
    if name.is_none() {
        crate::cryptorefills::tolerant::skip_element(what, "no name");
    }
    name
}

pub(super) fn non_empty(text: &Option<String>) -> Option<String> {
    text.clone().filter(|t| !t.trim().is_empty())
}

/// A picture's URL, only when it is a web address (never `javascript:` or `data:`).
pub(super) fn web_url(url: &Option<String>) -> Option<String> {
    url.clone()
        .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
}
