//! Server functions for browsing: a country's shop, a brand's page, a custom amount's price.

mod answers;

use super::checkout::CheckoutForm;
use crate::{
    domain::{
        money::{coin_display, denomination_amount},
        BrandDetails, Country, CountryCatalog, FeedSection, Money, Offer,
    },
    error::AppError,
    i18n::{format::fiat, words::BuyText, Lang},
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

#[server(output = crate::web::json_text::PostJsonText)]
pub async fn load_country_shop(code: String) -> Result<CountryShop, AppError> {
    context::answer("load_country_shop", country_shop(&code).await)
}

#[cfg(feature = "ssr")]
async fn country_shop(code: &str) -> Result<CountryShop, AppError> {
    let here = context::in_country(code).await?;
    let (country, catalog) = (here.country, &here.state.catalog);
    let brands = catalog.country(country, &here.shopper).await?;
    // The feed is a nicety: without it the shop still sells.
    let feed = match catalog.home_feed(country, &here.shopper).await {
        Ok(feed) => feed,
        Err(error) => {
            tracing::warn!(%error, country = country.code, "home feed unavailable");
            crate::render::mark_degraded();
            Vec::new()
        }
    };
    // Upstream's curated rows, else one row of its popular brands.
    let popular = || brands.popular_brands();
    let feed = match feed.is_empty() {
        false => feed,
        true => Some(popular())
            .filter(|popular| !popular.is_empty())
            .map(|brands| FeedSection {
                title: "popular".into(),
                brands,
            })
            .into_iter()
            .collect(),
    };
    Ok(CountryShop {
        payment: here.payment().await,
        catalog: brands,
        feed,
    })
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

/// A coin as the buy form offers it; a suspended one is shown, but can't be chosen.
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

    /// The network a shopper starts on (the shop's one rule, in `domain::payment`).
    pub fn preferred_network(&self, asked: Option<&str>) -> Option<&NetworkChoice> {
        crate::domain::payment::preferred_network(
            &self.networks,
            asked,
            |n| &n.name,
            |n| !n.suspended,
        )
    }
}

#[server(output = crate::web::json_text::PostJsonText)]
pub async fn load_brand_page(
    code: String,
    slug: String,
    coin: Option<String>,
    network: Option<String>,
    form: Option<String>,
) -> Result<BrandPageData, AppError> {
    let page = brand_page(&code, &slug, coin, network, form).await;
    context::answer("load_brand_page", page)
}

#[cfg(feature = "ssr")]
async fn brand_page(
    code: &str,
    slug: &str,
    coin: Option<String>,
    network: Option<String>,
    form: Option<String>,
) -> Result<BrandPageData, AppError> {
    use super::checkout::recipient::{dialling_code, example_number};
    use crate::domain::{payment::DEFAULT_COIN, ProductKind};
    let here = context::in_country(code).await?;
    let (country, state) = (here.country, &here.state);
    let payment = here.payment().await;
    // The URL's coin, else the one the shopper chose last time (a cookie); an unknown or
    // paused coin falls back to the first usable one.
    let asked = coin.or_else(|| context::cookie(crate::web::COIN_COOKIE));
    let usable = || payment.iter().filter(|p| p.usable());
    let chosen = asked
        .and_then(|asked| usable().find(|p| p.name.eq_ignore_ascii_case(asked.trim())))
        .or_else(|| usable().next());
    let coin = chosen.map_or_else(|| DEFAULT_COIN.to_string(), |c| c.name.clone());
    let network = chosen
        .and_then(|c| c.preferred_network(network.as_deref()))
        .map(|n| n.name.clone())
        .unwrap_or_default();
    let details = here.brand(slug, &coin).await?;
    let top_up = details.brand.kind == ProductKind::MobileTopUp;
    let returned = match form {
        Some(token) => state.returned_forms.get(&token).await,
        None => None,
    };
    let checkout = CheckoutForm {
        returned,
        dialling_code: top_up.then(|| dialling_code(country)).flatten(),
        example_phone: top_up.then(|| example_number(country)).flatten(),
        newsletter_from: state.config.shop.newsletter_from.clone(),
    };
    let alternatives = if details.brand.in_stock {
        Vec::new()
    } else {
        state
            .catalog
            .country(country, &here.shopper)
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

/// A fixed amount as the buy form shows it.
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
    /// "From $5.00 to $500.00", in the page's language.
    pub hint: String,
}

impl FixedChoice {
    /// The brand's fixed amounts, priced in the coin the details were asked in; an amount
    /// of money reads as `lang` writes money ("25,00 US$"), a plan as upstream named it in
    /// the shopper's language ("1 GB 7 ngày").
    pub fn all(details: &BrandDetails, lang: crate::i18n::Lang) -> Vec<Self> {
        details
            .fixed_products()
            .filter_map(|p| match &p.offer {
                Offer::Fixed {
                    denomination,
                    label,
                    price,
                    face_value,
                } => Some(Self {
                    product_id: p.id.clone(),
                    label: match face_value {
                        Some(money) if denomination_amount(denomination).is_some() => {
                            crate::i18n::format::fiat(lang, money)
                        }
                        _ => label.clone(),
                    },
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
    /// The brand's custom amount, its hint in `lang`.
    pub fn of(details: &BrandDetails, lang: Lang) -> Option<Self> {
        let (_, range) = details.range()?;
        let show = |amount| fiat(lang, &Money::new(amount, range.currency.clone()));
        Some(Self {
            hint: BuyText(lang).amount_range(&show(range.min), &show(range.max)),
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

/// A brand's fixed amounts priced in another coin (the buy form switches coins in place).
#[server(output = crate::web::lines::PostLines)]
pub async fn load_coin_prices(
    code: String,
    slug: String,
    coin: String,
) -> Result<Vec<FixedChoice>, AppError> {
    context::answer("load_coin_prices", coin_prices(&code, &slug, &coin).await)
}

#[cfg(feature = "ssr")]
async fn coin_prices(code: &str, slug: &str, coin: &str) -> Result<Vec<FixedChoice>, AppError> {
    let here = context::in_country(code).await?;
    let coin = here.usable_coin(coin).await?;
    Ok(FixedChoice::all(
        &here.brand(slug, &coin).await?,
        crate::render::lang(),
    ))
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
#[server(output = crate::web::lines::PostLines)]
pub async fn quote_custom_amount(
    code: String,
    slug: String,
    amount: String,
    coin: String,
) -> Result<CustomAmountQuote, AppError> {
    let quote = custom_amount_quote(&code, &slug, &amount, &coin).await;
    context::answer("quote_custom_amount", quote)
}

#[cfg(feature = "ssr")]
async fn custom_amount_quote(
    code: &str,
    slug: &str,
    amount: &str,
    coin: &str,
) -> Result<CustomAmountQuote, AppError> {
    context::rate_limit(crate::services::rate_limit::Cost::Quote).await?;
    match price_custom_amount(code, slug, amount, coin).await {
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
    let here = context::in_country(code).await?;
    let lang = crate::render::lang();
    let words = crate::i18n::words::ProblemsText(lang);
    if amount.len() > 32 {
        return Err(AppError::BadInput(
            crate::domain::money::AmountError::NotANumber.message(lang),
        ));
    }
    let amount = crate::domain::money::parse_amount(amount)
        .map_err(|e| AppError::BadInput(e.message(lang)))?;
    // Only a coin the shop takes right now reaches upstream (or the cache's keys).
    let coin = here.usable_coin(coin).await?;
    let details = here.brand(slug, &coin).await?;
    let (_, range) = details
        .range()
        .ok_or_else(|| AppError::BadInput(words.fixed_amounts_only().into()))?;
    range
        .check(lang, amount)
        .map_err(|e| AppError::BadInput(e.message(lang)))?;
    let quote = here
        .state
        .catalog
        .custom_price(
            &details.brand.name,
            here.country,
            amount,
            &coin,
            &here.shopper,
        )
        .await
        .map_err(|error| match error.status() {
            Some(400 | 422) => AppError::BadInput(words.amount_not_priced().into()),
            _ => error.into(),
        })?;
    Ok(CustomAmountQuote::Priced {
        product_id: quote.product_id,
        price: coin_display(quote.price.amount, &quote.price.currency),
    })
}
