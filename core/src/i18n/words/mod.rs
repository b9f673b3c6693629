//! Every word a shopper reads, by area. Each area is a `words!` list (see `super::declare`).

mod browse;
mod buy;
mod common;
mod order;
mod pages;
mod problems;
mod sandbox;

pub use browse::BrowseText;
pub use buy::BuyText;
pub use common::CommonText;
pub use order::OrderText;
pub use pages::PagesText;
pub use problems::ProblemsText;
pub use sandbox::SandboxText;

/// Every area's words, for the tests.
#[cfg(test)]
pub const ALL: &[(&str, &[super::declare::Word])] = &[
    ("browse", browse::WORDS),
    ("buy", buy::WORDS),
    ("common", common::WORDS),
    ("order", order::WORDS),
    ("pages", pages::WORDS),
    ("problems", problems::WORDS),
    ("sandbox", sandbox::WORDS),
];
