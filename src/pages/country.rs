//! `/{cc}`: a country's shop. The home feed above a grid of every brand, with search and
//! category filters (live once hydrated, a GET form before).

use super::not_found::NotFound;
use crate::{
    api::catalog::{load_country_shop, CountryShop},
    components::{
        brand_card::BrandCard, brand_filter::BrandFilter, error_panel::ErrorPanel,
        skeleton::GridSkeleton,
    },
    domain::Country,
    http,
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
        http::redirect(&format!(
            "/{}{}",
            country.code,
            http::query_suffix(&use_location().search.get_untracked())
        ));
    }
    http::remember_country(country.code);
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
        <Meta property="og:url" content=http::absolute(&format!("/{}", country.code))/>
        <Link rel="canonical" href=http::absolute(&format!("/{}", country.code))/>
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
    let CountryShop { catalog, feed } = shop;
    let country = catalog.country;
    let category = category.filter(|c| catalog.categories.iter().any(|k| &k.slug == c));
    let filtering = !query.trim().is_empty() || category.is_some();
    let matching: HashSet<String> = catalog
        .filtered(&query, category.as_deref())
        .map(|b| b.id.clone())
        .collect();
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
    let grid = catalog
        .brands
        .into_iter()
        .enumerate()
        .map(|(i, brand)| {
            let hidden = !matching.contains(&brand.id);
            view! {
                <BrandCard brand country filterable=true hidden eager=grid_first && i < FIRST_ROW/>
            }
        })
        .collect_view();

    view! {
        {og_image.map(|url| view! { <Meta property="og:image" content=url/> })}
        <div class="page-heading">
            <h1>
                <span class="flag" aria-hidden="true">{country.flag()}" "</span>
                "Gift cards, top-ups and eSIMs in " {country.name}
            </h1>
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
            <div class="home-feed" data-home-feed="" hidden=filtering>{feed_view}</div>
            <section class="all-brands" aria-labelledby="all-brands-heading" data-all-brands="" hidden=shown == 0>
                <h2 id="all-brands-heading">"All brands"</h2>
                <ul class="brand-grid">{grid}</ul>
            </section>
        </BrandFilter>
    }
}
