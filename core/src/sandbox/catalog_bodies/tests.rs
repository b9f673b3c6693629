//! Stable ids, and the language of a family's texts: Vietnamese for `lang=vi` where
//! upstream has it, English for the brands it lacks and for any other language.

use super::*;
use crate::sandbox::{brands, networks, text::Lang};

#[test]
fn ids_are_stable_and_uuid_shaped() {
    let id = stable_id(&["US", "Amazon.com"]);
    assert_eq!(id, stable_id(&["US", "Amazon.com"]));
    assert_ne!(id, stable_id(&["GB", "Amazon.com"]));
    assert_eq!(id.len(), 36);
    assert_eq!(id.matches('-').count(), 4);
}

/// The one family `GET /v5/products/country/{cc}?family_name=…&coin=USDC` answers, in `lang`.
fn family(cc: &str, name: &str, lang: Lang) -> Value {
    let country = brands::country(cc).unwrap_or_else(|| panic!("{cc} is a country"));
    let brand = country
        .family(name)
        .unwrap_or_else(|| panic!("{name} is sold in {cc}"));
    let coin = networks::coin("USDC").expect("USDC");
    let network = coin.network(None).expect("USDC's default network");
    products(&country, brand, coin, network, "http://sandbox", lang)[0].clone()
}

fn text<'a>(family: &'a Value, field: &str) -> &'a str {
    family["rich_description"][field]
        .as_str()
        .unwrap_or_default()
}

/// Each country the sandbox sells in with a full catalog, and one of the small catalog.
const COUNTRIES: [&str; 9] = ["US", "GB", "DE", "FR", "VN", "BR", "IN", "NG", "AX"];

#[test]
fn brands_the_end_to_end_tests_buy_are_described_in_vietnamese() {
    // What end2end/tests buy or open: a gift card, custom amounts, top-ups, eSIMs.
    let bought = [
        ("US", "Amazon.com", "Thẻ quà tặng Amazon.com"),
        ("US", "Airbnb", "Thẻ quà tặng Airbnb"),
        ("US", "Hotels.com", "Thẻ quà tặng Hotels.com"),
        ("US", "Steam", "Thẻ quà tặng Steam"),
        ("US", "Nintendo eShop", "Thẻ quà tặng Nintendo eShop"),
        ("US", "T-Mobile", "Nạp tiền di động T-Mobile"),
        ("US", "AT&T", "Nạp tiền di động AT&T"),
        ("DE", "Telekom", "Nạp tiền di động Telekom"),
        ("VN", "Viettel", "Nạp tiền di động Viettel"),
        ("US", "eSIM", "Gói dữ liệu eSIM"),
        ("VN", "eSIM", "Gói dữ liệu eSIM"),
    ];
    for (cc, name, lead) in bought {
        let (vi, en) = (family(cc, name, Lang::Vi), family(cc, name, Lang::En));
        let about = format!("{name} in {cc}");
        assert_eq!(text(&vi, "locale"), "vi", "{about}");
        assert_eq!(text(&en, "locale"), "en", "{about}");
        assert!(text(&vi, "description").contains(lead), "{about}");
        for field in ["description", "how_to_redeem", "term_and_conditions"] {
            assert!(!text(&vi, field).is_empty(), "{about}: {field}");
            assert_ne!(text(&vi, field), text(&en, field), "{about}: {field}");
        }
        // The same hostile HTML as in English: the shop must disarm it in every language.
        assert!(text(&vi, "description").contains("<script>"), "{about}");
        assert!(
            text(&vi, "term_and_conditions").contains("javascript:"),
            "{about}"
        );
        assert_eq!(vi["product_tc"], "Xem điều khoản bên dưới.", "{about}");
    }
    let vn_mobile = family("VN", "Viettel", Lang::Vi);
    assert!(text(&vn_mobile, "description").contains("tại Việt Nam"));
    let shopee = family("VN", "Shopee", Lang::Vi);
    assert!(text(&shopee, "how_to_redeem").contains("trang đổi thẻ Shopee"));
    assert!(text(&shopee, "how_to_redeem").contains("Nhập mã thẻ."));
}

#[test]
fn every_brand_has_vietnamese_but_the_few_upstream_lacks() {
    let mut english_only: Vec<&str> = Vec::new();
    for cc in COUNTRIES {
        let country = brands::country(cc).expect("a country");
        for brand in country.brands {
            let locale = family(cc, brand.name, Lang::Vi)["rich_description"]["locale"].clone();
            let expected = if brand.english_only { "en" } else { "vi" };
            assert_eq!(locale, expected, "{} in {cc}", brand.name);
            if brand.english_only && !english_only.contains(&brand.name) {
                english_only.push(brand.name);
            }
        }
    }
    english_only.sort_unstable();
    assert_eq!(english_only, ["Garena", "Razer Gold"]);
}

#[test]
fn brands_lacking_vietnamese_are_served_in_english() {
    for (cc, name) in [("VN", "Garena"), ("US", "Razer Gold"), ("AX", "Razer Gold")] {
        let vi = family(cc, name, Lang::Vi);
        assert_eq!(text(&vi, "locale"), "en", "{name} in {cc}");
        assert_eq!(vi["product_tc"], "See the terms below.", "{name} in {cc}");
        assert_eq!(vi, family(cc, name, Lang::En), "{name} in {cc}");
    }
}

#[test]
fn any_language_but_vietnamese_is_english() {
    for lang in [
        Some("fr"),
        Some("en"),
        Some(""),
        Some("zz-ZZ"),
        Some("vie"),
        None,
    ] {
        for (cc, name) in [("US", "Amazon.com"), ("VN", "eSIM"), ("VN", "Viettel")] {
            let asked = family(cc, name, Lang::from_param(lang));
            assert_eq!(
                asked,
                family(cc, name, Lang::En),
                "{name} in {cc}, lang {lang:?}"
            );
            assert_eq!(text(&asked, "locale"), "en");
        }
    }
}

#[test]
fn plans_are_named_in_vietnamese_and_keyed_as_upstream_keys_them() {
    let vi = family("VN", "eSIM", Lang::Vi);
    let first = &vi["products"][0];
    assert_eq!(first["denomination"], "1 GB 7 days");
    assert_eq!(first["localized_denomination"], "1 GB 7 ngày");
    assert_eq!(vi["min"], "1 GB 7 ngày");
    assert_eq!(vi["max"], "20 GB 30 ngày");
    let en = family("VN", "eSIM", Lang::En);
    assert_eq!(en["products"][0]["localized_denomination"], "1 GB 7 days");
    // Amounts read as their currency writes them, whatever the language.
    let cards = family("VN", "Shopee", Lang::Vi);
    assert_eq!(cards["products"][0]["denomination"], "100000 VND");
    assert_eq!(cards["products"][0]["localized_denomination"], "100.000 ₫");
    // The brand lists take no `lang`: their plans stay English.
    let country = brands::country("VN").expect("VN");
    let listed = super::brands(&country, "http://sandbox");
    let esim = listed["all_brands"]
        .as_array()
        .and_then(|all| all.iter().find(|b| b["brand"] == "eSIM"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(esim["min"], "1 GB 7 days");
}
