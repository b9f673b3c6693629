//! `/{cc}/{brand-slug}`: one brand. Its amounts priced in the chosen coin, a custom amount
//! when it has a range, and what upstream says about it (sanitised).

use super::not_found::NotFound;
use crate::domain::problem::ProblemField;
use crate::{
    api::browse::{
        load_brand_page, quote_custom_amount, BrandPageData, CustomAmountQuote, CustomChoice,
        FixedChoice,
    },
    api::checkout::CUSTOM,
    components::{
        brand_card::{BrandCard, BrandLogo},
        buy_form::{BuyForm, BuyOffer},
        error_panel::ErrorPanel,
        rich_text::RichText,
        shopper_details::{FormStatus, ShopperDetails},
        skeleton::BrandSkeleton,
    },
    domain::{BrandDetails, Country, ProductKind},
    error::AppError,
    i18n::{
        words::{BrowseText, BuyText},
        Lang,
    },
    render, web,
};
use leptos::{
    either::{Either, EitherOf3},
    prelude::*,
};
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::{use_location, use_params_map, use_query_map};

/// "Amazon.com gift card", "AT&T mobile top-up", "Airalo data plans" (each language puts
/// the brand where it goes: "Thẻ quà tặng Amazon.com").
fn title(lang: Lang, details: &BrandDetails) -> String {
    let (t, name) = (BuyText(lang), &details.brand.name);
    match details.brand.kind {
        ProductKind::GiftCard | ProductKind::Other(_) => t.gift_card_title(name),
        ProductKind::MobileTopUp => t.top_up_title(name),
        ProductKind::Esim => t.esim_title(name),
    }
}

fn kind_note(lang: Lang, kind: &ProductKind) -> Option<&'static str> {
    let t = BuyText(lang);
    match kind {
        ProductKind::MobileTopUp => Some(t.top_up_note()),
        ProductKind::Esim => Some(t.esim_note()),
        ProductKind::GiftCard | ProductKind::Other(_) => None,
    }
}

/// Schema.org Product with an AggregateOffer, as JSON safe to put in a `<script>`.
fn structured_data(lang: Lang, details: &BrandDetails, page_url: &str) -> Option<String> {
    let (low, high) = details.price_bounds()?;
    let value = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Product",
        "name": title(lang, details),
        "brand": {"@type": "Brand", "name": details.brand.name},
        "image": details.brand.logo.as_ref().map(|l| l.url(Some("500x318"), "jpg")),
        "url": page_url,
        "offers": {
            "@type": "AggregateOffer",
            "lowPrice": low.amount.normalize().to_string(),
            "highPrice": high.amount.normalize().to_string(),
            "priceCurrency": low.currency,
            "offerCount": details.products.len(),
            "availability": if details.brand.in_stock { "https://schema.org/InStock" } else { "https://schema.org/OutOfStock" },
        },
    });
    // `<` never appears raw, so the JSON cannot close the script element.
    Some(value.to_string().replace('<', "\\u003c"))
}

/// The buy form's starting state from the URL: a product on offer (an unknown or outdated one
/// falls back to the first amount), and the custom amount typed (else the range's start);
/// its words in `lang`.
fn offer(lang: Lang, data: &BrandPageData, requested: Option<String>, amount: String) -> BuyOffer {
    let t = BuyText(lang);
    let returned = data.checkout.returned.as_ref();
    let said = |field| returned.and_then(|r| r.message_for(field));
    let details = &data.details;
    let fixed = FixedChoice::all(details, lang);
    let custom = CustomChoice::of(details, lang);
    // `?amount=50` names a fixed amount when one has that face value, else a custom amount.
    let by_amount = || {
        let typed = amount.trim();
        if typed.is_empty() {
            return None;
        }
        fixed
            .iter()
            .find(|f| f.amount.as_deref() == Some(typed))
            .map(|f| f.product_id.clone())
            .or_else(|| custom.as_ref().map(|_| CUSTOM.to_string()))
    };
    let selected = requested
        .filter(|id| {
            (id == CUSTOM && custom.is_some()) || fixed.iter().any(|f| &f.product_id == id)
        })
        .or_else(by_amount);
    let amount = match (&custom, amount.trim().is_empty()) {
        (Some(c), true) => c.start.clone(),
        _ => amount,
    };
    BuyOffer {
        country: data.country.code.to_string(),
        slug: details.brand.slug.clone(),
        coin: data.coin.clone(),
        network: data.network.clone(),
        payment: data.payment.clone(),
        heading: details.brand.kind.choose_heading(lang).to_string(),
        fixed,
        custom,
        in_stock: details.brand.in_stock,
        selected,
        amount,
        quote: None,
        amount_message: said(ProblemField::Amount),
        payment_message: said(ProblemField::Payment),
        buy_label: returned.and_then(|r| {
            let price = r
                .confirm_price
                .as_ref()
                .map(|price| t.buy_for(&price.display));
            price.or_else(|| {
                r.confirm_phone
                    .as_ref()
                    .map(|number| t.yes_top_up(&number.display))
            })
        }),
    }
}

#[component]
pub fn BrandPage() -> impl IntoView {
    let lang = render::lang();
    let params = use_params_map().get_untracked();
    let code = params.get("cc").unwrap_or_default();
    let slug = params.get("brand").unwrap_or_default();
    let Some(country) = Country::find(&code).copied() else {
        return Either::Left(view! { <NotFound what=BrowseText(lang).country_with_code(&code)/> });
    };
    if code != country.code && web::is_slug(&slug) {
        render::redirect(&lang.href(&format!(
            "/{}/{slug}{}",
            country.code,
            web::query_suffix(&use_location().search.get_untracked())
        )));
    }
    render::remember_country(country.code);
    let query = use_query_map().get_untracked();
    let (coin, network) = (query.get("coin"), query.get("network"));
    let form = query.get("form");
    let selected = query.get("product").filter(|p| !p.is_empty());
    let amount = query.get("amount").unwrap_or_default();
    // One resource holds the page and, when the offer starts on a custom amount, its price:
    // a server call awaited inside `Suspend` would run again each time Suspense re-checks
    // its children (spending the shopper's quote limit twice) and could leave the
    // server-side render waiting.
    let page = Resource::new(|| (), {
        let slug = slug.clone();
        let (selected, amount) = (selected.clone(), amount.clone());
        move |_| {
            let (slug, selected, amount) = (slug.clone(), selected.clone(), amount.clone());
            let (coin, network, form) = (coin.clone(), network.clone(), form.clone());
            async move {
                let data =
                    load_brand_page(country.code.to_string(), slug.clone(), coin, network, form)
                        .await?;
                let offer = offer(lang, &data, selected, amount);
                let quote = if offer.wants_custom_price() {
                    let answer = quote_custom_amount(
                        country.code.to_string(),
                        slug,
                        offer.amount.clone(),
                        data.coin.clone(),
                    )
                    .await;
                    Some(match answer {
                        Ok(CustomAmountQuote::Priced { price, .. }) => Ok(price),
                        Ok(CustomAmountQuote::Refused { message }) => Err(message),
                        Err(error) => Err(error.shopper_message(lang)),
                    })
                } else {
                    None
                };
                Ok::<_, AppError>((data, quote))
            }
        }
    });

    Either::Right(view! {
        <Suspense fallback=|| view! { <BrandSkeleton/> }>
            {move || {
                let (selected, amount) = (selected.clone(), amount.clone());
                Suspend::new(async move {
                    match page.await {
                        Ok((data, quote)) => {
                            // A custom amount shows its price from the start (and, without
                            // JavaScript, the form asks the server for it).
                            let mut offer = offer(lang, &data, selected, amount);
                            offer.quote = quote;
                            EitherOf3::A(view! { <BrandView data offer/> })
                        }
                        Err(AppError::NotFound(what)) => EitherOf3::B(view! { <NotFound what/> }),
                        Err(error) => EitherOf3::C(view! {
                            <ErrorPanel error heading=BuyText(lang).brand_unavailable()/>
                        }),
                    }
                })
            }}
        </Suspense>
    })
}

#[component]
fn BrandView(data: BrandPageData, offer: BuyOffer) -> impl IntoView {
    let lang = render::lang();
    let t = BuyText(lang);
    let BrandPageData {
        country,
        details,
        checkout,
        alternatives,
        ..
    } = data;
    let instead = (!alternatives.is_empty()).then(|| {
        view! {
            <div class="notice alternatives" role="note">
                <p>{t.try_these_instead()}</p>
                <ul class="brand-row">
                    {alternatives
                        .into_iter()
                        .map(|brand| view! { <BrandCard brand country/> })
                        .collect_view()}
                </ul>
            </div>
        }
    });
    let kind = details.brand.kind.clone();
    let heading = title(lang, &details);
    let country_name = country.name_in(lang);
    let shop = lang.href(&format!("/{}", country.code));
    let path = lang.href(&format!("/{}/{}", country.code, details.brand.slug));
    let page_url = render::absolute(&path);
    let json_ld = structured_data(lang, &details, &page_url);
    let og_image = details
        .brand
        .logo
        .as_ref()
        .map(|l| l.url(Some("500x318"), "jpg"));
    let prices = details.brand.price_range(lang).unwrap_or_default();
    let description = t
        .brand_description(&heading, country_name, &prices)
        .trim_end()
        .to_string();
    let note = kind_note(lang, &details.brand.kind);
    let unavailable = details.is_unavailable();
    let BrandDetails {
        brand,
        description: about,
        how_to_redeem,
        terms,
        ..
    } = details;

    view! {
        <Title text=format!("{heading} · {country_name}")/>
        <Meta name="description" content=description.clone()/>
        <Meta property="og:type" content="product"/>
        <Meta property="og:title" content=heading.clone()/>
        <Meta property="og:description" content=description/>
        {og_image.map(|url| view! { <Meta property="og:image" content=url/> })}
        <Meta property="og:url" content=page_url.clone()/>
        <Link rel="canonical" href=page_url/>
        <nav class="breadcrumb" aria-label=t.breadcrumb()>
            <a href=shop.clone()>{t.all_brands_in(country_name)}</a>
        </nav>
        <article class="brand-page">
            <header class="brand-hero">
                <BrandLogo brand=brand.clone() eager=true/>
                <div class="brand-hero-text">
                    <h1>{heading}</h1>
                    {brand.price_range(lang).map(|p| view! { <p class="brand-price">{p}</p> })}
                    {(!brand.in_stock).then(|| view! { <p class="badge">{t.out_of_stock()}</p> })}
                    {note.map(|n| view! { <p class="kind-note">{n}</p> })}
                </div>
            </header>
            <section class="buy" id="buy" aria-labelledby="buy-heading">
                <h2 id="buy-heading">{t.buy_heading()}</h2>
                {instead}
                {if unavailable {
                    Either::Left(view! {
                        <div class="notice" role="status">
                            <p><strong>{t.not_available_now(&brand.name)}</strong></p>
                            <p>
                                {t.try_later_or()}
                                <a href=shop>{t.choose_another_brand()}</a> "."
                            </p>
                        </div>
                    })
                } else {
                    Either::Right(view! {
                        <FormStatus form=checkout.clone()/>
                        <BuyForm offer>
                            <ShopperDetails form=checkout kind/>
                        </BuyForm>
                    })
                }}
            </section>
            {about.map(|html| view! {
                <section aria-labelledby="about-heading">
                    <h2 id="about-heading">{t.about_brand(&brand.name)}</h2>
                    <RichText html/>
                </section>
            })}
            {how_to_redeem.map(|html| view! {
                <section aria-labelledby="redeem-heading">
                    <h2 id="redeem-heading">{t.how_to_redeem()}</h2>
                    <RichText html/>
                </section>
            })}
            {terms.map(|html| view! {
                <section aria-labelledby="terms-heading">
                    <h2 id="terms-heading">{t.terms_and_conditions()}</h2>
                    <RichText html/>
                </section>
            })}
        </article>
        {json_ld.map(|json| view! { <script type="application/ld+json" inner_html=json></script> })}
    }
}
