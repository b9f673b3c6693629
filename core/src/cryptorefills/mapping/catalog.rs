//! The catalog's answers as the shop's types.

use super::{named, Missing};
use crate::cryptorefills::wire;
use crate::domain::{
    catalog::{checked_color, slugify},
    payment::{CoinOption, NetworkOption},
    product::DeliveryType,
    AmountRange, Brand, BrandDetails, Country, CountryCatalog, FeedSection, Logo, Money, Offer,
    PaymentVia, Product, ProductKind, Quote, SafeHtml,
};

pub fn payment_vias(vias: Vec<wire::PaymentVia>) -> Vec<PaymentVia> {
    vias.into_iter()
        .filter_map(|via| {
            Some(PaymentVia {
                name: named(via.name, "payment via")?,
                available: via.available.unwrap_or(true),
                coins: via.currencies.into_iter().filter_map(coin).collect(),
            })
        })
        .collect()
}

fn coin(currency: wire::Currency) -> Option<CoinOption> {
    Some(CoinOption {
        name: named(currency.name, "coin")?,
        threshold: currency.threshold,
        suspended: currency.is_suspended.unwrap_or(false),
        networks: currency
            .networks
            .into_iter()
            .filter_map(|n| {
                let contract = n.smart_contract.unwrap_or_default();
                Some(NetworkOption {
                    name: named(n.name, "network")?,
                    base_token: n.base_token,
                    threshold: n.threshold,
                    suspended: n.is_suspended.unwrap_or(false),
                    engine: n.smart_contract_engine.or(contract.engine),
                    chain_id: n.chain_id,
                    token_contract: contract.address,
                    token_decimals: contract.decimals.and_then(|d| u32::try_from(d).ok()),
                })
            })
            .collect(),
    })
}

/// A brand, or `None` when it has no name to show. `group` fills in what a
/// `categories[]` entry knows and the brand itself does not.
pub fn brand(raw: wire::Brand, group: Option<&wire::CategoryGroup>) -> Option<Brand> {
    let name = named(raw.brand.or_else(|| raw.family.clone()), "brand")?;
    let family = raw.family.unwrap_or_else(|| name.clone());
    let main_category = raw
        .category
        .or_else(|| group.and_then(|g| g.category.clone()));
    let kind_raw = raw
        .kind
        .or_else(|| group.and_then(|g| g.kind.clone()))
        .unwrap_or_else(|| "giftcard".to_string());
    let kind = ProductKind::classify(&kind_raw, main_category.as_deref(), &family);
    let mut categories: Vec<String> = main_category.into_iter().collect();
    for extra in raw.additional_categories {
        if !categories.contains(&extra) {
            categories.push(extra);
        }
    }
    Some(Brand {
        id: raw.brand_id.unwrap_or_else(|| slugify(&name)),
        slug: slugify(&name),
        logo: raw
            .logo_base_url
            .as_deref()
            .and_then(Logo::from_base_url)
            .or_else(|| raw.logo_url.as_deref().and_then(logo_from_full_url)),
        bg_color: raw.bg_color.as_deref().and_then(checked_color),
        price_from: raw.min.filter(|s| !s.trim().is_empty()),
        price_to: raw.max.filter(|s| !s.trim().is_empty()),
        in_stock: !raw.is_out_of_stock.unwrap_or(false),
        name,
        family,
        kind,
        categories,
    })
}

/// Without a base URL, the full `.webp` URL still gives the base (the variants share it).
fn logo_from_full_url(url: &str) -> Option<Logo> {
    let base = url
        .strip_suffix(".webp")
        .or_else(|| url.strip_suffix(".jpg"))?;
    Logo::from_base_url(base)
}

/// A country's catalog from `/v2/brands`: brands from `categories[]` and `all_brands`, merged.
pub fn catalog(country: Country, raw: wire::Brands) -> CountryCatalog {
    let mut brands: Vec<Brand> = Vec::new();
    for group in &raw.categories {
        for b in &group.brands {
            if let Some(b) = brand(b.clone(), Some(group)) {
                merge_brand(&mut brands, b);
            }
        }
    }
    for b in raw.all_brands.into_iter().filter_map(|b| brand(b, None)) {
        merge_brand(&mut brands, b);
    }
    // Popular brands at the top level, and in each category (as production's capture has
    // them), in that order, each once.
    let nested = raw.categories.iter().flat_map(|group| {
        group
            .popular_brands
            .iter()
            .map(move |b| (b.clone(), Some(group)))
    });
    let mut popular: Vec<String> = Vec::new();
    for (b, group) in raw
        .popular_brands
        .into_iter()
        .map(|b| (b, None))
        .chain(nested)
    {
        if let Some(b) = brand(b, group) {
            if !popular.contains(&b.id) {
                popular.push(b.id);
            }
        }
    }
    CountryCatalog::new(country, brands, popular)
}

/// Adds a brand, or, when it is already listed (it can stand in several places), adds the
/// categories the listed entry does not know yet.
fn merge_brand(brands: &mut Vec<Brand>, b: Brand) {
    match brands.iter_mut().find(|known| known.id == b.id) {
        Some(known) => {
            for c in b.categories {
                if !known.categories.contains(&c) {
                    known.categories.push(c);
                }
            }
        }
        None => brands.push(b),
    }
}

pub fn home_feed(raw: wire::Homepage) -> Vec<FeedSection> {
    raw.sections
        .into_iter()
        .filter_map(|s| {
            let brands: Vec<Brand> = s
                .brands
                .into_iter()
                .filter_map(|b| brand(b, None))
                .collect();
            let title = s.title.filter(|t| !t.trim().is_empty())?;
            (!brands.is_empty()).then_some(FeedSection { title, brands })
        })
        .collect()
}

/// A brand page from `/v5/products/country/{cc}`; `listed` is the brand as the catalog has
/// it (for the logo and range when the family omits them).
pub fn brand_details(
    listed: &Brand,
    families: Vec<wire::Family>,
    coin_asked: &str,
) -> BrandDetails {
    // Usually one family; the best match when several; none means nothing on sale.
    let family = families
        .into_iter()
        .max_by_key(|f| {
            let same_family = f.family.as_deref() == Some(listed.family.as_str());
            let same_brand = f.brand.as_deref() == Some(listed.name.as_str());
            (same_family, same_brand)
        })
        .unwrap_or_default();
    let rich = family.rich_description.unwrap_or_default();
    let mut brand = listed.clone();
    if let Some(out) = family.is_out_of_stock {
        brand.in_stock = !out;
    }
    let family_name = brand.family.clone();
    let mut unreadable_products = family.products.skipped;
    let products = family
        .products
        .items
        .into_iter()
        .enumerate()
        .filter_map(|(index, p)| match product(p, coin_asked) {
            Ok(product) => Some(product),
            Err(Missing(field)) => {
                unreadable_products += 1;
                tracing::warn!(
                    family = %family_name,
                    index,
                    path = field,
                    "skipped a product that lacks a field the shop needs"
                );
                None
            }
        })
        .collect();
    BrandDetails {
        brand,
        products,
        unreadable_products,
        description: rich
            .description
            .as_deref()
            .and_then(SafeHtml::sanitize_non_empty),
        how_to_redeem: rich
            .how_to_redeem
            .as_deref()
            .and_then(SafeHtml::sanitize_non_empty),
        terms: rich
            .term_and_conditions
            .or(family.product_tc)
            .as_deref()
            .and_then(SafeHtml::sanitize_non_empty),
    }
}

fn product(raw: wire::Product, coin_asked: &str) -> Result<Product, Missing> {
    let id = raw.product_id.ok_or(Missing("product_id"))?;
    let face = raw.face_value.unwrap_or_default();
    let face_amount = face.amount.unwrap_or_default();
    let currency = face
        .currency_code
        .clone()
        .or_else(|| raw.range.as_ref().and_then(|r| r.currency.clone()))
        .unwrap_or_else(|| "USD".to_string());
    let dynamic = raw.is_dynamic.unwrap_or(false)
        || face_amount.kind.as_deref() == Some("range")
        || (raw.range.is_some() && raw.denomination.is_none());
    let offer = if dynamic {
        let range = raw.range.unwrap_or_default();
        Offer::Range(AmountRange {
            min: range.min.or(face_amount.min).ok_or(Missing("range.min"))?,
            max: range.max.or(face_amount.max).ok_or(Missing("range.max"))?,
            step: range.step_size,
            currency: range.currency.unwrap_or(currency),
            default: range.default,
        })
    } else {
        let denomination = raw.denomination.ok_or(Missing("denomination"))?;
        let coin = raw.coin.unwrap_or_else(|| coin_asked.to_string());
        Offer::Fixed {
            label: raw
                .localized_denomination
                .filter(|l| !l.trim().is_empty())
                .unwrap_or_else(|| denomination.clone()),
            denomination,
            face_value: face_amount
                .price
                .or(face_amount.value)
                .map(|p| Money::new(p, currency)),
            price: raw.coin_amount.map(|a| Money::new(a, coin)),
        }
    };
    Ok(Product {
        id,
        offer,
        delivery: DeliveryType::from_wire(raw.delivery_type.as_deref().unwrap_or("by_email")),
    })
}

pub fn quote(raw: wire::Price, coin_asked: &str) -> Result<Quote, Missing> {
    Ok(Quote {
        product_id: raw.product_id.unwrap_or_default(),
        price: Money::new(
            raw.coin_amount.ok_or(Missing("coin_amount"))?,
            raw.coin.unwrap_or_else(|| coin_asked.to_string()),
        ),
    })
}
