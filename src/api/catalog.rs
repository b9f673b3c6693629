//! Server functions for browsing: a country's shop, a brand's page, a custom amount's price.

use super::checkout::CheckoutForm;
use crate::{
    domain::{
        money::coin_display, BrandDetails, Country, CountryCatalog, FeedSection, Money, Offer,
    },
    error::AppError,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use super::context;

/// A country's shop: every brand, and the feed shown above them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CountryShop {
    pub catalog: CountryCatalog,
    /// Upstream's curated rows, or one row of its popular brands when it has none.
    pub feed: Vec<FeedSection>,
    /// The coins a shopper can pay with, and their networks (for the trust line).
    pub payment: Vec<CoinChoice>,
}

#[server]
pub async fn load_country_shop(code: String) -> Result<CountryShop, AppError> {
    crate::api::context::answer("load_country_shop", async move {
        let country = context::country(&code)?;
        let state = context::state()?;
        let shopper = context::shopper(Some(country)).await;
        let catalog = state.catalog.country(country, &shopper).await?;
        // The feed is a nicety: without it the shop still sells.
        let feed = match state.catalog.home_feed(country, &shopper).await {
            Ok(feed) => feed,
            Err(error) => {
                tracing::warn!(%error, country = country.code, "home feed unavailable; showing popular brands");
            crate::http::mark_degraded();
                Vec::new()
            }
        };
        let feed = if feed.is_empty() {
            let popular = catalog.popular_brands();
            if popular.is_empty() {
                Vec::new()
            } else {
                vec![FeedSection {
                    title: "Popular".into(),
                    brands: popular,
                }]
            }
        } else {
            feed
        };
        let payment = context::payment_choices(&state, &shopper).await;
    Ok(CountryShop {
        catalog,
        feed,
        payment,
    })
    }.await)
}

/// A brand's page in one coin and network, with the coins (and their networks) a shopper
/// may switch to, and the checkout part of its form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BrandPageData {
    pub country: Country,
    pub details: BrandDetails,
    pub coin: String,
    pub network: String,
    pub payment: Vec<CoinChoice>,
    pub checkout: CheckoutForm,
    /// For a brand out of stock: two in stock of the same category, to try instead.
    pub alternatives: Vec<crate::domain::Brand>,
}

/// A coin as the picker offers it; a suspended one is shown, but can't be chosen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoinChoice {
    pub name: String,
    pub suspended: bool,
    pub networks: Vec<NetworkChoice>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkChoice {
    pub name: String,
    pub suspended: bool,
    /// The guide's advice: USDC on Solana has the lowest fees.
    pub lowest_fee: bool,
    /// What sending on this network usually costs the shopper (their wallet's fee), when it
    /// runs to dollars: "about $1 to $5", and that in cents for comparing with a price.
    pub fee: Option<(u32, String)>,
}

impl CoinChoice {
    pub fn usable(&self) -> bool {
        !self.suspended && self.networks.iter().any(|n| !n.suspended)
    }

    /// The network a shopper starts on: the one asked for when it can be used, else the
    /// lowest-fee one, else the first that works.
    pub fn start_network(&self, asked: Option<&str>) -> Option<&NetworkChoice> {
        let usable = || self.networks.iter().filter(|n| !n.suspended);
        asked
            .and_then(|a| usable().find(|n| n.name.eq_ignore_ascii_case(a)))
            .or_else(|| usable().find(|n| n.lowest_fee))
            .or_else(|| usable().next())
    }
}

#[server]
pub async fn load_brand_page(
    code: String,
    slug: String,
    coin: Option<String>,
    network: Option<String>,
    form: Option<String>,
) -> Result<BrandPageData, AppError> {
    crate::api::context::answer(
        "load_brand_page",
        async move {
            use super::checkout::recipient::{dialling_code, example_number};
            let country = context::country(&code)?;
            let state = context::state()?;
            let shopper = context::shopper(Some(country)).await;
            let payment = context::payment_choices(&state, &shopper).await;
            // The URL's coin, else the one the shopper chose last time (a cookie); an unknown or
            // paused coin falls back to the first usable one.
            let coin = match coin {
                Some(coin) => Some(coin),
                None => context::cookie(crate::http::COIN_COOKIE),
            };
            let chosen = coin
                .and_then(|c| {
                    payment
                        .iter()
                        .find(|p| p.usable() && p.name.eq_ignore_ascii_case(&c))
                })
                .or_else(|| payment.iter().find(|p| p.usable()));
            let coin = chosen
                .map(|c| c.name.clone())
                .unwrap_or_else(|| crate::domain::payment::DEFAULT_COIN.to_string());
            let network = chosen
                .and_then(|c| c.start_network(network.as_deref()))
                .map(|n| n.name.clone())
                .unwrap_or_default();
            let details = state
                .catalog
                .brand(country, &slug, &coin, &shopper)
                .await?
                .ok_or_else(|| context::brand_not_found(&slug, country))?;
            let checkout = CheckoutForm {
                returned: form.and_then(|token| state.returned_forms.get(&token)),
                dialling_code: (details.brand.kind == crate::domain::ProductKind::MobileTopUp)
                    .then(|| dialling_code(country))
                    .flatten(),
                example_phone: (details.brand.kind == crate::domain::ProductKind::MobileTopUp)
                    .then(|| example_number(country))
                    .flatten(),
                newsletter_from: state.config.shop.newsletter_from.clone(),
            };
            let alternatives = if details.brand.in_stock {
                Vec::new()
            } else {
                state
                    .catalog
                    .country(country, &shopper)
                    .await
                    .map(|catalog| catalog.alternatives_to(&details.brand, 2))
                    .unwrap_or_default()
            };
            Ok(BrandPageData {
                country,
                details,
                alternatives,
                coin,
                network,
                payment,
                checkout,
            })
        }
        .await,
    )
}

/// A fixed amount as the amount picker shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FixedChoice {
    pub product_id: String,
    /// "$25", "1 GB 7 days".
    pub label: String,
    /// The face value as a plain number ("25"), for readable URLs (`?amount=25`).
    pub amount: Option<String>,
    /// "25.53 USDC", when upstream priced it.
    pub price: Option<String>,
}

/// A custom amount's bounds as the input needs them (the server checks amounts).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CustomChoice {
    pub currency: String,
    pub min: String,
    pub max: String,
    pub step: String,
    /// What the input starts with.
    pub start: String,
    /// "From $5 to $500".
    pub hint: String,
}

impl FixedChoice {
    /// The brand's fixed amounts, priced in the coin the details were asked in.
    pub fn all(details: &BrandDetails) -> Vec<Self> {
        details
            .fixed_products()
            .filter_map(|p| match &p.offer {
                Offer::Fixed {
                    label,
                    price,
                    face_value,
                    ..
                } => Some(Self {
                    product_id: p.id.clone(),
                    label: label.clone(),
                    amount: face_value
                        .as_ref()
                        .map(|f| f.amount.normalize().to_string()),
                    price: price.as_ref().map(|p| coin_display(p.amount, &p.currency)),
                }),
                Offer::Range(_) => None,
            })
            .collect()
    }
}

impl CustomChoice {
    pub fn of(details: &BrandDetails) -> Option<Self> {
        let (_, range) = details.range()?;
        let show = |amount| Money::new(amount, range.currency.clone()).display();
        Some(Self {
            hint: format!("From {} to {}", show(range.min), show(range.max)),
            currency: range.currency.clone(),
            min: range.min.normalize().to_string(),
            max: range.max.normalize().to_string(),
            step: range
                .step
                .map_or_else(|| "0.01".to_string(), |s| s.normalize().to_string()),
            start: range.starting_amount().normalize().to_string(),
        })
    }
}

/// A brand's fixed amounts priced in another coin (the picker switches coins in place).
#[server]
pub async fn load_coin_prices(
    code: String,
    slug: String,
    coin: String,
) -> Result<Vec<FixedChoice>, AppError> {
    crate::api::context::answer(
        "load_coin_prices",
        async move {
            let country = context::country(&code)?;
            let state = context::state()?;
            let shopper = context::shopper(Some(country)).await;
            let payment = context::payment_choices(&state, &shopper).await;
            context::usable_coin(&payment, &coin)?;
            let details = state
                .catalog
                .brand(country, &slug, &coin, &shopper)
                .await?
                .ok_or_else(|| context::brand_not_found(&slug, country))?;
            Ok(FixedChoice::all(&details))
        }
        .await,
    )
}

/// What the shop says of a custom amount, as the browser shows it: text, not decimals, so
/// the amount logic (and its code size) stays on the server.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum CustomAmountQuote {
    /// "102.10 USDC".
    Priced { product_id: String, price: String },
    /// The amount can't be bought; the message goes next to the input.
    Refused { message: String },
}

/// The price, in `coin`, of a custom amount of a brand, or why that amount can't be bought
/// (checked against the brand's range here). A refused amount is an answer, not a failure.
#[server]
pub async fn quote_custom_amount(
    code: String,
    slug: String,
    amount: String,
    coin: String,
) -> Result<CustomAmountQuote, AppError> {
    crate::api::context::answer(
        "quote_custom_amount",
        async move {
            context::rate_limit(crate::server::rate_limit::Cost::Quote).await?;
            match price_custom_amount(&code, &slug, &amount, &coin).await {
                Err(AppError::BadInput(message)) => Ok(CustomAmountQuote::Refused { message }),
                other => other,
            }
        }
        .await,
    )
}

#[cfg(feature = "ssr")]
async fn price_custom_amount(
    code: &str,
    slug: &str,
    amount: &str,
    coin: &str,
) -> Result<CustomAmountQuote, AppError> {
    let country = context::country(code)?;
    if amount.len() > 32 {
        return Err(AppError::BadInput(
            crate::domain::money::AmountError::NotANumber.to_string(),
        ));
    }
    let amount = crate::domain::money::parse_amount(amount)
        .map_err(|e| AppError::BadInput(e.to_string()))?;
    let state = context::state()?;
    let shopper = context::shopper(Some(country)).await;
    // Only a coin the shop takes right now reaches upstream (or the cache's keys).
    let payment = context::payment_choices(&state, &shopper).await;
    context::usable_coin(&payment, coin)?;
    let details = state
        .catalog
        .brand(country, slug, coin, &shopper)
        .await?
        .ok_or_else(|| context::brand_not_found(slug, country))?;
    let (_, range) = details
        .range()
        .ok_or_else(|| AppError::BadInput("This brand sells fixed amounts only.".into()))?;
    range
        .check(amount)
        .map_err(|e| AppError::BadInput(e.to_string()))?;
    let quote = state
        .catalog
        .custom_price(&details.brand.name, country, amount, coin, &shopper)
        .await
        .map_err(|error| match error.status() {
            Some(400 | 422) => AppError::BadInput(
                "That amount can't be priced right now. Try another amount.".into(),
            ),
            _ => error.into(),
        })?;
    Ok(CustomAmountQuote::Priced {
        product_id: quote.product_id,
        price: coin_display(quote.price.amount, &quote.price.currency),
    })
}
