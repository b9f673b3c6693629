//! Types both sides share: what the shop sells, what a shopper buys, and what can go wrong.

pub mod catalog;
pub mod checkout;
pub mod country;
pub mod html;
pub mod money;
pub mod order;
pub mod order_status;
pub mod payment;
pub mod payment_uri;
pub mod problem;
pub mod product;
pub mod search;
pub mod shop;

pub use catalog::{Brand, Category, CountryCatalog, FeedSection, Logo, ProductKind};
pub use country::Country;
pub use html::SafeHtml;
pub use money::Money;
pub use order::{Order, OrderEvent, OrderState};
pub use payment::PaymentVia;
pub use problem::Problem;
pub use product::{AmountRange, BrandDetails, Offer, Product, Quote};
