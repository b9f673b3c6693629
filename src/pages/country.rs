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
    i18n::{words::BrowseText, Lang},
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
    let lang = render::lang();
    let t = BrowseText(lang);
    let code = use_params_map()
        .get_untracked()
        .get("cc")
        .unwrap_or_default();
    let Some(country) = Country::find(&code).copied() else {
        return Either::Left(view! { <NotFound what=t.country_with_code(&code)/> });
    };
    if code != country.code {
        render::redirect(&lang.href(&format!(
            "/{}{}",
            country.code,
            web::query_suffix(&use_location().search.get_untracked())
        )));
    }
    render::remember_country(country.code);
    let params = use_query_map().get_untracked();
    let query = crate::domain::catalog::capped_query(&params.get("q").unwrap_or_default());
    let category = params.get("category").filter(|c| !c.is_empty());
    let shop = Resource::new(|| (), move |_| load_country_shop(country.code.to_string()));
    let description = t.shop_description(country.name_in(lang));
    let page_url = render::absolute(&lang.href(&format!("/{}", country.code)));

    Either::Right(view! {
        <Title text=t.shop_title(country.name_in(lang))/>
        <Meta name="description" content=description.clone()/>
        <Meta property="og:title" content=t.shop_title(country.name_in(lang))/>
        <Meta property="og:description" content=description/>
        <Meta property="og:url" content=page_url.clone()/>
        <Link rel="canonical" href=page_url/>
        <Suspense fallback=|| view! { <GridSkeleton/> }>
            {move || {
                let (query, category) = (query.clone(), category.clone());
                Suspend::new(async move {
                    match shop.await {
                        Ok(shop) => Either::Left(view! { <CountryShopView shop query category/> }),
                        Err(error) => Either::Right(view! {
                            <ErrorPanel error heading=t.shop_unavailable(country.name_in(lang))/>
                        }),
                    }
                })
            }}
        </Suspense>
    })
}

#[component]
fn CountryShopView(shop: CountryShop, query: String, category: Option<String>) -> impl IntoView {
    let lang = render::lang();
    let t = BrowseText(lang);
    let CountryShop {
        catalog,
        feed,
        payment,
    } = shop;
    let trust = trust_line(&payment, lang);
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
                    <h2 id=heading_id>{section.heading(lang)}</h2>
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
                {t.shop_heading(country.name_in(lang))}
            </h1>
            <ul class="trust-line" aria-label=t.how_buying_works()>
                <li>{t.codes_by_email()}</li>
                <li>{t.refunded_if_undelivered()}</li>
                <li>{trust}</li>
            </ul>
        </div>
        <BrandFilter
            country=country.code.to_string()
            categories=catalog.categories.iter().map(|c| (c.slug.clone(), c.label(lang))).collect()
            query=query
            category=category
            total=total
            shown=shown
            placeholder=placeholder
        >
            <div class="home-feed" data-home-feed="" hidden=filtering>
                // Keyboard users need not tab through the feed's cards, which repeat below.
                <a class="skip-inline" href="#all-brands-heading">{t.skip_to_all_brands()}</a>
                {feed_view}
            </div>
            <section class="all-brands" aria-labelledby="all-brands-heading" data-all-brands="" hidden=shown == 0>
                <h2 id="all-brands-heading">{t.all_brands()}</h2>
                <ul class="brand-grid">{grid}</ul>
            </section>
        </BrandFilter>
    }
}

/// "Pay with USDC, USDT or DAI on Solana, Base, Ethereum or Polygon": what can be used now.
fn trust_line(payment: &[crate::api::browse::CoinChoice], lang: Lang) -> String {
    let t = BrowseText(lang);
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
        [rest @ .., last] => t.list_or(&rest.join(", "), last),
    };
    match (coins.is_empty(), networks.is_empty()) {
        (true, _) => t.pay_with_stablecoins().to_string(),
        (false, true) => t.pay_with(&list(&coins)),
        (false, false) => t.pay_with_on(&list(&coins), &list(&networks)),
    }
}
