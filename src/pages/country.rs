//! `/{cc}`: a country's shop. The home feed above a grid of every brand, with search and
//! category filters (live once hydrated, a GET form before).

use super::not_found::NotFound;
use crate::{
    api::browse::{load_country_shop, CountryShop},
    components::{
        brand_card::BrandCard, brand_filter::BrandFilter, error_panel::ErrorPanel,
        skeleton::GridSkeleton,
    },
    domain::Country,
    render, web,
};
use leptos::{either::Either, prelude::*};
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::{use_location, use_params_map, use_query_map};
use std::collections::HashSet;

/// How many cards make the first row on the widest layout (their logos load eagerly).
const FIRST_ROW: usize = 6;

#[component]
pub fn CountryPage() -> impl IntoView {
    let code = use_params_map()
        .get_untracked()
        .get("cc")
        .unwrap_or_default();
    let Some(country) = Country::find(&code).copied() else {
        return Either::Left(
            view! { <NotFound what=format!("a country with the code “{code}”")/> },
        );
    };
    if code != country.code {
        render::redirect(&format!(
            "/{}{}",
            country.code,
            web::query_suffix(&use_location().search.get_untracked())
        ));
    }
    render::remember_country(country.code);
    let params = use_query_map().get_untracked();
    let query = crate::domain::catalog::capped_query(&params.get("q").unwrap_or_default());
    let category = params.get("category").filter(|c| !c.is_empty());
    let shop = Resource::new(|| (), move |_| load_country_shop(country.code.to_string()));
    let description = format!(
        "Buy gift cards, mobile top-ups and eSIMs for {} with USDC and other stablecoins.",
        country.name
    );

    Either::Right(view! {
        <Title text=format!("Gift cards in {}", country.name)/>
        <Meta name="description" content=description.clone()/>
        <Meta property="og:title" content=format!("Gift cards in {}", country.name)/>
        <Meta property="og:description" content=description/>
        <Meta property="og:url" content=render::absolute(&format!("/{}", country.code))/>
        <Link rel="canonical" href=render::absolute(&format!("/{}", country.code))/>
        <Suspense fallback=|| view! { <GridSkeleton/> }>
            {move || {
                let (query, category) = (query.clone(), category.clone());
                Suspend::new(async move {
                    match shop.await {
                        Ok(shop) => Either::Left(view! { <CountryShopView shop query category/> }),
                        Err(error) => Either::Right(view! {
                            <ErrorPanel error heading=format!("The shop for {} can't open right now", country.name)/>
                        }),
                    }
                })
            }}
        </Suspense>
    })
}

#[component]
fn CountryShopView(shop: CountryShop, query: String, category: Option<String>) -> impl IntoView {
    let CountryShop {
        catalog,
        feed,
        payment,
    } = shop;
    let trust = trust_line(&payment);
    let country = catalog.country;
    let category = category.filter(|c| catalog.categories.iter().any(|k| &k.slug == c));
    let filtering = !query.trim().is_empty() || category.is_some();
    // Found brands first, name matches before topic matches; the rest stay, hidden, for
    // the search island to show again.
    let found = catalog.filtered(&query, category.as_deref());
    let matching: HashSet<String> = found.iter().map(|(b, _)| b.id.clone()).collect();
    let mut order: Vec<String> = found.iter().map(|(b, _)| b.id.clone()).collect();
    drop(found);
    order.extend(
        catalog
            .brands
            .iter()
            .filter(|b| !matching.contains(&b.id))
            .map(|b| b.id.clone()),
    );
    let og_image = feed
        .iter()
        .flat_map(|s| s.brands.iter())
        .chain(catalog.brands.iter())
        .find_map(|b| b.logo.as_ref())
        .map(|logo| logo.url(Some("500x318"), "jpg"));
    let grid_first = feed.is_empty() || filtering;

    let feed_view = feed
        .into_iter()
        .enumerate()
        .map(|(index, section)| {
            let heading_id = format!("feed-{index}");
            let labelled_by = heading_id.clone();
            view! {
                <section class="feed-section" aria-labelledby=labelled_by>
                    <h2 id=heading_id>{section.title}</h2>
                    <ul class="brand-row">
                        {section
                            .brands
                            .into_iter()
                            .enumerate()
                            .map(|(i, brand)| view! { <BrandCard brand country eager=index == 0 && i < FIRST_ROW/> })
                            .collect_view()}
                    </ul>
                </section>
            }
        })
        .collect_view();

    let total = catalog.brands.len();
    let shown = matching.len();
    let placeholder = catalog
        .brands
        .iter()
        .filter(|b| b.in_stock)
        .take(3)
        .map(|b| b.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
        + "…";
    let mut brands: Vec<(usize, crate::domain::Brand)> =
        catalog.brands.into_iter().enumerate().collect();
    let place: std::collections::HashMap<&str, usize> = order
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i))
        .collect();
    brands.sort_by_key(|(_, b)| place.get(b.id.as_str()).copied());
    let grid = brands
        .into_iter()
        .enumerate()
        .map(|(place, (index, brand))| {
            let hidden = !matching.contains(&brand.id);
            view! {
                <BrandCard brand country filterable=true hidden index eager=grid_first && place < FIRST_ROW/>
            }
        })
        .collect_view();

    view! {
        {og_image.map(|url| view! { <Meta property="og:image" content=url/> })}
        <div class="page-heading">
            <h1>
                <span class="flag" aria-hidden="true">{country.flag()}" "</span>
                <span class="flag-code" aria-hidden="true">{country.code}</span>
                "Gift cards, top-ups and eSIMs in " {country.name}
            </h1>
            <ul class="trust-line" aria-label="How buying works">
                <li>"Codes arrive by email within minutes of payment"</li>
                <li>"Refunded if an order can't be delivered"</li>
                <li>{trust}</li>
            </ul>
        </div>
        <BrandFilter
            country=country.code.to_string()
            categories=catalog.categories
            query=query
            category=category
            total=total
            shown=shown
            placeholder=placeholder
        >
            <div class="home-feed" data-home-feed="" hidden=filtering>
                // Keyboard users need not tab through the feed's cards, which repeat below.
                <a class="skip-inline" href="#all-brands-heading">"Skip to all brands"</a>
                {feed_view}
            </div>
            <section class="all-brands" aria-labelledby="all-brands-heading" data-all-brands="" hidden=shown == 0>
                <h2 id="all-brands-heading">"All brands"</h2>
                <ul class="brand-grid">{grid}</ul>
            </section>
        </BrandFilter>
    }
}

/// "Pay with USDC, USDT or DAI on Solana, Base, Ethereum or Polygon": what can be used now.
fn trust_line(payment: &[crate::api::browse::CoinChoice]) -> String {
    let usable: Vec<&crate::api::browse::CoinChoice> =
        payment.iter().filter(|c| c.usable()).collect();
    let coins: Vec<&str> = usable.iter().map(|c| c.name.as_str()).collect();
    let mut networks: Vec<&str> = Vec::new();
    for network in usable
        .iter()
        .flat_map(|c| c.networks.iter())
        .filter(|n| !n.suspended)
    {
        if !networks.contains(&network.name.as_str()) {
            networks.push(network.name.as_str());
        }
    }
    let list = |items: &[&str]| match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    };
    match (coins.is_empty(), networks.is_empty()) {
        (true, _) => "Pay with stablecoins".to_string(),
        (false, true) => format!("Pay with {}", list(&coins)),
        (false, false) => format!("Pay with {} on {}", list(&coins), list(&networks)),
    }
}
