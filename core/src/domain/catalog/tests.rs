//! Slugs, kinds, colours, logos, labels and the grid's order.

use super::*;

fn brand(id: &str, in_stock: bool, categories: &[&str]) -> Brand {
    Brand {
        id: id.into(),
        name: id.to_uppercase(),
        family: id.into(),
        slug: slugify(id),
        kind: ProductKind::GiftCard,
        categories: categories.iter().map(|c| c.to_string()).collect(),
        logo: None,
        bg_color: None,
        price_from: Some("$5".into()),
        price_to: Some("$500".into()),
        in_stock,
    }
}

#[test]
fn slugs_are_lowercase_words_joined_by_dashes() {
    assert_eq!(slugify("Amazon.com"), "amazon-com");
    assert_eq!(slugify("  Café Zoë & Co. "), "cafe-zoe-co");
    assert_eq!(slugify("eSIM"), "esim");
    assert_eq!(slugify("7-Eleven"), "7-eleven");
}

#[test]
fn kinds_follow_upstream_kind_and_category() {
    assert_eq!(
        ProductKind::classify("giftcard", None, "Amazon"),
        ProductKind::GiftCard
    );
    assert_eq!(
        ProductKind::classify("mobile_recharge", Some("e-sim"), "eSIM"),
        ProductKind::Esim
    );
    assert_eq!(
        ProductKind::classify("mobile_recharge", Some("mobile_credits"), "Viettel"),
        ProductKind::MobileTopUp
    );
    assert_eq!(
        ProductKind::classify("flight", None, "X"),
        ProductKind::Other("flight".into())
    );
}

#[test]
fn out_of_stock_goes_last_and_duplicates_once() {
    let us = Country::find("US").copied().expect("US is a country");
    let catalog = CountryCatalog::new(
        us,
        vec![
            brand("a", false, &["food"]),
            brand("b", true, &["food", "travel"]),
            brand("b", true, &["food"]),
            brand("c", true, &["games"]),
        ],
        vec!["c".into(), "zz".into()],
    );
    let ids: Vec<_> = catalog.brands.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(ids, ["b", "c", "a"]);
    assert_eq!(catalog.categories[0].slug, "food");
    assert_eq!(catalog.categories[0].brand_count, 2);
    assert_eq!(catalog.categories[0].label(Lang::En), "Food");
    assert_eq!(catalog.categories[0].label(Lang::Vi), "Ẩm thực");
    assert_eq!(catalog.popular_brands().len(), 1);
    assert_eq!(catalog.filtered("", Some("travel")).len(), 1);
    // "a" is out of stock: "b" shares its main category; nothing else is in stock there.
    let a = catalog
        .brands
        .iter()
        .find(|b| b.id == "a")
        .cloned()
        .expect("a");
    let instead: Vec<String> = catalog
        .alternatives_to(&a, 2)
        .into_iter()
        .map(|b| b.id)
        .collect();
    assert_eq!(instead, ["b"]);
    assert_eq!(catalog.filtered("c", None).len(), 1);
    assert_eq!(catalog.brand_by_slug("B").map(|b| b.id.as_str()), Some("b"));
    // A search past the cap reads as its first 100 characters.
    let long = format!("c{}", "x".repeat(200));
    assert_eq!(capped_query(&long).chars().count(), MAX_QUERY_CHARS);
    assert_eq!(catalog.filtered(&long, None).len(), 0);
}

#[test]
fn colours_must_be_hex() {
    assert_eq!(checked_color("#FFF").as_deref(), Some("#FFF"));
    assert_eq!(checked_color(" #12ab34 ").as_deref(), Some("#12ab34"));
    assert_eq!(checked_color("red"), None);
    assert_eq!(checked_color("#fff;background:url(x)"), None);
}

#[test]
fn logos_only_from_http_urls() {
    let logo = Logo::from_base_url("https://cdn.example/logos/amazon-com");
    assert_eq!(
        logo.map(|l| l.url(Some("300x190"), "webp")).as_deref(),
        Some("https://cdn.example/logos/amazon-com_300x190.webp")
    );
    assert!(Logo::from_base_url("javascript:alert(1)").is_none());
    assert!(Logo::from_base_url("https://x/\"onerror=").is_none());
}

#[test]
fn a_plans_days_read_in_the_shoppers_language() {
    assert_eq!(plan_in(Lang::Vi, "1 GB 7 days"), "1 GB 7 ngày");
    assert_eq!(plan_in(Lang::Vi, "500 MB 1 day"), "500 MB 1 ngày");
    assert_eq!(plan_in(Lang::En, "1 GB 7 days"), "1 GB 7 days");
    assert_eq!(plan_in(Lang::Vi, "$5"), "$5");
    assert_eq!(plan_in(Lang::Vi, "Unlimited days"), "Unlimited days");
}

#[test]
fn labels_read_well() {
    assert_eq!(category_label("e-commerce", Lang::En), "E-commerce");
    assert_eq!(category_label("mobile_credits", Lang::En), "Mobile credits");
    assert_eq!(category_label("food_and_drink", Lang::En), "Food and drink");
    assert_eq!(category_label("gaming", Lang::En), "Gaming");
    assert_eq!(
        category_label("mobile_credits", Lang::Vi),
        "Nạp tiền điện thoại"
    );
    assert_eq!(category_label("gaming", Lang::Vi), "Trò chơi");
    // A slug the shop has no words for reads as itself in every language.
    assert_eq!(category_label("food_and_drink", Lang::Vi), "Food and drink");
}

#[test]
fn kinds_are_named_in_the_page_language() {
    assert_eq!(ProductKind::GiftCard.noun(Lang::En), "gift card");
    assert_eq!(ProductKind::Esim.noun(Lang::Vi), "gói eSIM");
    assert_eq!(
        ProductKind::MobileTopUp.choose_heading(Lang::En),
        "Choose a top-up"
    );
    assert_eq!(
        ProductKind::GiftCard.choose_heading(Lang::Vi),
        "Chọn mệnh giá"
    );
}
