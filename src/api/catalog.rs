//! Server functions for browsing: a country's shop, a brand's page, a custom amount's price.

use crate::{
    domain::{BrandDetails, Country, CountryCatalog, FeedSection, Money, Offer},
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
}

#[server]
pub async fn load_country_shop(code: String) -> Result<CountryShop, AppError> {
    let country = context::country(&code)?;
    let state = context::state()?;
    let shopper = context::shopper(Some(country)).await;
    let catalog = state.catalog.country(country, &shopper).await?;
    // The feed is a nicety: without it the shop still sells.
    let feed = match state.catalog.home_feed(country, &shopper).await {
        Ok(feed) => feed,
        Err(error) => {
            tracing::warn!(%error, country = country.code, "home feed unavailable; showing popular brands");
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
    Ok(CountryShop { catalog, feed })
}

/// A brand's page in one coin, with the coins a shopper may switch to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BrandPageData {
    pub country: Country,
    pub details: BrandDetails,
    pub coin: String,
    pub coins: Vec<String>,
}

#[server]
pub async fn load_brand_page(
    code: String,
    slug: String,
    coin: Option<String>,
) -> Result<BrandPageData, AppError> {
    let country = context::country(&code)?;
    let state = context::state()?;
    let shopper = context::shopper(Some(country)).await;
    let coins = context::usable_coins(&state, &shopper).await;
    // An unknown coin in the URL falls back to the first one rather than failing the page.
    let coin = coin
        .filter(|c| coins.iter().any(|known| known.eq_ignore_ascii_case(c)))
        .map(|c| c.to_ascii_uppercase())
        .or_else(|| coins.first().cloned())
        .unwrap_or_else(|| crate::domain::payment::DEFAULT_COIN.to_string());
    let details = state
        .catalog
        .brand(country, &slug, &coin, &shopper)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("“{slug}” in {}", country.name)))?;
    Ok(BrandPageData {
        country,
        details,
        coin,
        coins,
    })
}

/// A fixed amount as the amount picker shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FixedChoice {
    pub product_id: String,
    /// "$25", "1 GB 7 days".
    pub label: String,
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
                Offer::Fixed { label, price, .. } => Some(Self {
                    product_id: p.id.clone(),
                    label: label.clone(),
                    price: price.as_ref().map(Money::display),
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
    let country = context::country(&code)?;
    let state = context::state()?;
    let shopper = context::shopper(Some(country)).await;
    let coins = context::usable_coins(&state, &shopper).await;
    if !coins.contains(&coin) {
        return Err(AppError::BadInput(format!(
            "{coin} can't be used to pay right now."
        )));
    }
    let details = state
        .catalog
        .brand(country, &slug, &coin, &shopper)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("“{slug}” in {}", country.name)))?;
    Ok(FixedChoice::all(&details))
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
    match price_custom_amount(&code, &slug, &amount, &coin).await {
        Err(AppError::BadInput(message)) => Ok(CustomAmountQuote::Refused { message }),
        other => other,
    }
}

#[cfg(feature = "ssr")]
async fn price_custom_amount(
    code: &str,
    slug: &str,
    amount: &str,
    coin: &str,
) -> Result<CustomAmountQuote, AppError> {
    let country = context::country(code)?;
    let amount = crate::domain::money::parse_amount(amount)
        .map_err(|e| AppError::BadInput(e.to_string()))?;
    let state = context::state()?;
    let shopper = context::shopper(Some(country)).await;
    let details = state
        .catalog
        .brand(country, slug, coin, &shopper)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("“{slug}” in {}", country.name)))?;
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
        price: quote.price.display(),
    })
}
