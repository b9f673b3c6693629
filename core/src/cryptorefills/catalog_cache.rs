//! The catalog as pages read it: client calls behind per-country caches, so browsing costs
//! upstream one call per few minutes, not one per page view. A cached answer is shared by
//! every shopper, so its call carries none's address or browser (`Shopper::shared`).

use super::{
    cache::{CachePolicy, SwrCache},
    ApiError, Client, Shopper,
};
use crate::domain::{BrandDetails, Country, CountryCatalog, FeedSection, PaymentVia, Quote};
use rust_decimal::Decimal;
use std::time::Duration;

/// Brands, feeds and payment options change rarely; prices move with the coin's fee.
const CATALOG_POLICY: CachePolicy = CachePolicy {
    fresh_for: Duration::from_secs(300),
    retry_failed_after: Duration::from_secs(15),
    max_entries: 2_000,
};
const PRODUCTS_POLICY: CachePolicy = CachePolicy {
    fresh_for: Duration::from_secs(60),
    retry_failed_after: Duration::from_secs(15),
    max_entries: 10_000,
};

/// A country's brands and coins don't depend on the language (those calls take no `lang`):
/// their keys hold `DEFAULT_LANG`, one copy for every language's pages. The feed (section
/// titles) and a brand's products (description, instructions) come in the shopper's
/// language: their keys hold the shopper's.
type CountryKey = (&'static str, &'static str);
type ProductsKey = (&'static str, String, String, &'static str);
type QuoteKey = (&'static str, String, Decimal, String);

#[derive(Clone)]
pub struct Catalog {
    client: Client,
    brands: SwrCache<CountryKey, CountryCatalog>,
    feeds: SwrCache<CountryKey, Vec<FeedSection>>,
    products: SwrCache<ProductsKey, BrandDetails>,
    /// By country: the call names the shopper's country (`X-Country-ISO-Code`), and
    /// upstream may offer each its own coins.
    payment_vias: SwrCache<CountryKey, Vec<PaymentVia>>,
    quotes: SwrCache<QuoteKey, Quote>,
}

impl Catalog {
    pub fn new(client: Client) -> Self {
        Self::with_policies(client, CATALOG_POLICY, PRODUCTS_POLICY)
    }

    /// With other freshness rules (tests use short ones).
    pub fn with_policies(client: Client, catalog: CachePolicy, products: CachePolicy) -> Self {
        Self {
            client,
            brands: SwrCache::new("brands", catalog),
            feeds: SwrCache::new("homepage", catalog),
            products: SwrCache::new("products", products),
            payment_vias: SwrCache::new("payment_vias", catalog),
            quotes: SwrCache::new("quotes", products),
        }
    }

    /// The client behind the caches, for calls that are never cached (orders).
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Every brand the country's shop sells.
    pub async fn country(
        &self,
        country: Country,
        shopper: &Shopper,
    ) -> Result<CountryCatalog, ApiError> {
        let (client, shopper) = (self.client.clone(), shopper.shared());
        self.brands
            .get((country.code, super::DEFAULT_LANG), move || async move {
                client.brands(country, &shopper).await
            })
            .await
    }

    /// The curated feed; empty when upstream has none for the country.
    pub async fn home_feed(
        &self,
        country: Country,
        shopper: &Shopper,
    ) -> Result<Vec<FeedSection>, ApiError> {
        let (client, shopper) = (self.client.clone(), shopper.shared());
        self.feeds
            .get((country.code, shopper.lang), move || async move {
                client.homepage(country, &shopper).await
            })
            .await
    }

    /// One brand's page, found by its slug in the country's catalog; `None` when the country
    /// does not sell it.
    pub async fn brand(
        &self,
        country: Country,
        slug: &str,
        coin: &str,
        shopper: &Shopper,
    ) -> Result<Option<BrandDetails>, ApiError> {
        let catalog = self.country(country, shopper).await?;
        let Some(brand) = catalog.brand_by_slug(slug).cloned() else {
            return Ok(None);
        };
        let key = (
            country.code,
            brand.family.clone(),
            coin.to_string(),
            shopper.lang,
        );
        let (client, shopper, coin) = (self.client.clone(), shopper.shared(), coin.to_string());
        self.products
            .get(key, move || async move {
                client.products(&brand, country, &coin, &shopper).await
            })
            .await
            .map(Some)
    }

    /// The price of a custom amount: as fresh as product prices, shared by shoppers who
    /// look at the same amount (the brand page prices its starting amount for everyone).
    pub async fn custom_price(
        &self,
        brand_name: &str,
        country: Country,
        amount: Decimal,
        coin: &str,
        shopper: &Shopper,
    ) -> Result<Quote, ApiError> {
        let key = (
            country.code,
            brand_name.to_string(),
            amount.normalize(),
            coin.to_string(),
        );
        let (client, shopper, brand_name, coin) = (
            self.client.clone(),
            shopper.shared(),
            brand_name.to_string(),
            coin.to_string(),
        );
        self.quotes
            .get(key, move || async move {
                client
                    .price(&brand_name, country, amount, &coin, &shopper)
                    .await
            })
            .await
    }

    /// Goes up whenever what a country's page shows (its brands and feed, the payment
    /// options) is fetched anew: a page rendered at an older generation may be out of date.
    /// 0 until all three were fetched once.
    pub fn generation_for(&self, code: &'static str) -> u64 {
        let key = (code, super::DEFAULT_LANG);
        let versions = [
            self.brands.version_of(&key),
            self.feeds.version_of(&key),
            self.payment_vias.version_of(&key),
        ];
        if versions.contains(&0) {
            0
        } else {
            versions.iter().sum()
        }
    }

    /// The countries whose page the catalog holds (brands fetched at least once).
    pub fn countries_held(&self) -> Vec<&'static str> {
        self.brands
            .keys()
            .into_iter()
            .filter(|(_, lang)| *lang == super::DEFAULT_LANG)
            .map(|(code, _)| code)
            .collect()
    }

    /// Fetches a country's page anew (another instance has a newer copy): its pages are
    /// served from the copy at hand until the new one is filed, then rendered again.
    pub async fn refresh_country(&self, country: Country) {
        let key = (country.code, super::DEFAULT_LANG);
        self.brands.expire(&key);
        self.payment_vias.expire(&key);
        let shopper = Shopper {
            country: Some(country),
            ..Shopper::default()
        };
        // Each call answers at once with the copy at hand and starts the fetch.
        let _ = self.country(country, &shopper).await;
        let _ = self.payment_vias(&shopper).await;
        // The feed in each language a page was shown in here (not the others).
        let held = self.feeds.keys();
        for lang in crate::i18n::Lang::ALL {
            let key = (country.code, lang.code());
            if !held.contains(&key) {
                continue;
            }
            self.feeds.expire(&key);
            let shopper = Shopper {
                lang: lang.code(),
                ..shopper.clone()
            };
            let _ = self.home_feed(country, &shopper).await;
        }
    }

    pub async fn payment_vias(&self, shopper: &Shopper) -> Result<Vec<PaymentVia>, ApiError> {
        let key = (shopper.country.map_or("", |c| c.code), super::DEFAULT_LANG);
        let (client, shopper) = (self.client.clone(), shopper.shared());
        self.payment_vias
            .get(
                key,
                move || async move { client.payment_vias(&shopper).await },
            )
            .await
    }
}
