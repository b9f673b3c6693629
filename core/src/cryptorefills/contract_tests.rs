//! The contract's JSON examples, decoded as the client decodes them, with numbers both as
//! strings and as numbers; and arbitrary JSON, which must never panic the decoder.
//!
//! Over 400 lines because it holds the contract's examples themselves, as JSON, next to
//! the test that reads each one: split, an example would sit apart from its check.

use super::{
    answers::{self, decode},
    mapping, wire, ApiError,
};
use crate::domain::problem::ProblemField;
use crate::domain::{Country, Offer, OrderState};
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::str::FromStr;

pub(super) fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap_or_default()
}

pub(super) fn us() -> Country {
    Country::find("US").copied().unwrap_or(Country {
        code: "US",
        name: "United States",
        name_vi: "Hoa Kỳ",
    })
}

const PAYMENT_VIAS: &str = r#"[{"name":"USER_WALLET","available":true,"logo_url":"x",
  "currencies":[{"name":"USDC","threshold":"10","is_suspended":false,"logo_url":"x",
    "networks":[{"name":"Solana","base_token":"SOL","threshold":"0.56","chain_id":null,
      "logo_url":"x","is_suspended":false,"smart_contract_engine":"SVM",
      "smart_contract":{"engine":"SVM","address":"EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v",
                        "decimals":6,"symbol":"USDC"}}]}]}]"#;

const BRAND: &str = r##"{"family":"Amazon.com","brand_id":"d18e3e04-1","brand":"Amazon.com",
 "logo_url":"https://cdn.cryptorefills.com/logos_v2/amazon-com.webp",
 "logo_base_url":"https://cdn.cryptorefills.com/logos_v2/amazon-com","bg_color":"#FFFFFF",
 "min":"$5","max":"$500","category":"e-commerce","additional_categories":["electronics"],
 "is_out_of_stock":false,"country_code":"US","kind":"giftcard","product_type":"physical",
 "brand_tags":[]}"##;

const PRODUCTS: &str = r##"[{"country_code":"US","kind":"giftcard","category":"e-commerce","family":"Amazon.com",
  "brand":"Amazon.com","brand_id":"d18e3e04-1","is_out_of_stock":false,"logo_url":"x",
  "logo_base_url":"https://cdn.cryptorefills.com/logos_v2/amazon-com","bg_color":"#FFF","default_denomination":"","product_tc":"tc",
  "rich_description":{"markup":"html","description":"<p>Shop <script>alert(1)</script>more</p>","how_to_redeem":"<b>Redeem</b>",
                       "term_and_conditions":"<p>Terms</p>","locale":"en","brand_url":"x"},
  "products":[
   {"product_id":"e20303ba-1","is_dynamic":false,"denomination":"10 USD",
    "localized_denomination":"$10","coin":"USDC","coin_amount":COIN_AMOUNT,
    "payment_method":"USDC-SOLANA","delivery_type":"by_email","points":"4",
    "face_value":{"currency_code":"USD","amount":{"type":"fixed","price":"10"}}},
   {"product_id":"356004d6-1","is_dynamic":true,
    "range":{"min":MIN,"max":500.0,"currency":"USD","step_size":1.0,"default":"500.0"},
    "coin":"USDC","payment_method":"USDC-SOLANA","delivery_type":"by_email",
    "face_value":{"currency_code":"USD","amount":{"type":"range","min":"5.00","max":"500.00"}}}]}]"##;

const ORDER: &str = r#"{"order_id":"f9d624ad-dc5e-4efd-9ecf-f8fb08a22677","created_at":CREATED,
 "wallet_address":"7xKXabc","payment_method":"USDC-SOLANA","network":"Solana","coin":"USDC",
 "coin_amount":COIN_AMOUNT,"original_price":"25.51",
 "qr_url":"https://api.cryptorefills.com/v3/qrs/f9d6","qr_text":"solana:7xKXabc?amount=25.51&spl-token=EPjF",
 "sent_coin_amount":"0","payment_state":"WalletCreated","payment_via":"USER_WALLET",
 "payment_requested_at":"1787679708","payment_id":"p","payment_value":25.0,
 "deliveries":[{"id":"d1","delivery_state":"WaitingForPayment","kind":"giftcard","deliverable":{"brand_name":"Amazon.com","localized_denomination":"$25"}}],
 "order_state":"WaitingForPayment","user":{"email":"a@example.com"}}"#;

#[test]
fn payment_vias_example() -> Result<(), super::ApiError> {
    let raw: Vec<wire::PaymentVia> = decode("payment_vias", PAYMENT_VIAS.as_bytes())?;
    let vias = mapping::payment_vias(raw);
    assert_eq!(vias[0].name, "USER_WALLET");
    let usdc = &vias[0].coins[0];
    assert_eq!(usdc.threshold, Some(dec("10")));
    assert_eq!(usdc.networks[0].threshold, Some(dec("0.56")));
    assert_eq!(usdc.networks[0].token_decimals, Some(6));
    assert_eq!(usdc.networks[0].engine.as_deref(), Some("SVM"));
    // The same with numbers where the example has strings.
    let numeric = PAYMENT_VIAS
        .replace(r#""threshold":"10""#, r#""threshold":10"#)
        .replace(r#""0.56""#, "0.56");
    let vias = mapping::payment_vias(decode("payment_vias", numeric.as_bytes())?);
    assert_eq!(vias[0].coins[0].threshold, Some(dec("10")));
    assert_eq!(vias[0].coins[0].networks[0].threshold, Some(dec("0.56")));
    Ok(())
}

#[test]
fn brands_from_either_place_and_null_categories() -> Result<(), super::ApiError> {
    let null_category = BRAND.replace(r#""category":"e-commerce""#, r#""category":null"#);
    let body = format!(
        r#"{{"country_code":"US","last_user_purchases":[],"suggestions":[],
            "categories":[{{"kind":"giftcard","category":"e-commerce","brands":[{BRAND}]}}],
            "all_brands":[{null_category}],"popular_brands":[{BRAND}]}}"#
    );
    let catalog = mapping::catalog(us(), decode("brands", body.as_bytes())?);
    assert_eq!(
        catalog.brands.len(),
        1,
        "the same brand in both places is listed once"
    );
    let brand = &catalog.brands[0];
    assert_eq!(brand.categories, ["e-commerce", "electronics"]);
    assert_eq!(brand.slug, "amazon-com");
    assert_eq!(
        brand.price_range(crate::i18n::Lang::En).as_deref(),
        Some("$5 – $500")
    );
    assert_eq!(catalog.popular, std::slice::from_ref(&brand.id));
    assert!(brand.logo.as_ref().is_some_and(|l| l
        .url(Some("300x190"), "webp")
        .ends_with("amazon-com_300x190.webp")));

    // Only all_brands, with a null category and numbers for min/max.
    let only_all = format!(
        r#"{{"all_brands":[{}],"categories":null}}"#,
        null_category.replace(r#""min":"$5""#, r#""min":5"#)
    );
    let catalog = mapping::catalog(us(), decode("brands", only_all.as_bytes())?);
    assert_eq!(catalog.brands.len(), 1);
    assert!(catalog.brands[0]
        .categories
        .contains(&"electronics".to_string()));
    assert_eq!(catalog.brands[0].price_from.as_deref(), Some("5"));
    Ok(())
}

#[test]
fn popular_brands_nested_in_categories_make_the_popular_row() -> Result<(), super::ApiError> {
    // The shape of production's capture: each category holds its own `popular_brands`.
    let body = br#"{"country_code":"US","categories":[
        {"kind":"giftcard","category":"gaming","brands":[
            {"family":"Steam","brand_id":"s1","brand":"Steam","category":"gaming"},
            {"family":"Xbox","brand_id":"x1","brand":"Xbox","category":"gaming"}],
         "popular_brands":[{"family":"Steam","brand_id":"s1","brand":"Steam"}]},
        {"kind":"giftcard","category":"e-commerce","brands":[
            {"family":"Amazon.com","brand_id":"a1","brand":"Amazon.com"}],
         "popular_brands":[{"family":"Amazon.com","brand_id":"a1","brand":"Amazon.com"},
                           {"family":"Steam","brand_id":"s1","brand":"Steam"}]}]}"#;
    let raw: wire::Brands = decode("brands", body)?;
    let catalog = mapping::catalog(us(), raw);
    let popular: Vec<String> = catalog
        .popular_brands()
        .into_iter()
        .map(|b| b.name)
        .collect();
    assert_eq!(popular, ["Steam", "Amazon.com"], "each once, in order");
    Ok(())
}

#[test]
fn the_homepage_reads_in_each_layout_the_decoder_accepts() -> Result<(), super::ApiError> {
    let brand = r#"{"family":"Steam","brand_id":"s1","brand":"Steam"}"#;
    for body in [
        format!(r#"{{"sections":[{{"title":"Trending","brands":[{brand}]}}]}}"#),
        format!(r#"[{{"name":"Trending","items":[{brand}]}}]"#),
        format!(r#"{{"Trending":[{brand}],"country_code":"US"}}"#),
    ] {
        let raw: wire::Homepage = decode("homepage", body.as_bytes())?;
        let feed = mapping::home_feed(raw);
        assert_eq!(feed.len(), 1, "{body}");
        assert_eq!(feed[0].title, "Trending", "{body}");
        assert_eq!(feed[0].brands[0].name, "Steam", "{body}");
    }
    Ok(())
}

#[test]
fn one_broken_brand_does_not_sink_the_list() -> Result<(), super::ApiError> {
    let broken = BRAND.replace(r#""is_out_of_stock":false"#, r#""is_out_of_stock":{"x":1}"#);
    let body = format!(
        r#"{{"all_brands":[{broken},{}]}}"#,
        BRAND.replace("d18e3e04-1", "other")
    );
    let catalog = mapping::catalog(us(), decode("brands", body.as_bytes())?);
    assert_eq!(catalog.brands.len(), 1);
    Ok(())
}

#[test]
fn products_example_in_both_number_forms() -> Result<(), super::ApiError> {
    let listed = mapping::catalog(
        us(),
        decode(
            "brands",
            format!(r#"{{"all_brands":[{BRAND}]}}"#).as_bytes(),
        )?,
    )
    .brands
    .remove(0);
    for (coin_amount, min) in [
        (r#""10.21""#, "5.0"),
        ("10.21", r#""5.00""#),
        ("10.21", r#"{"amount":5,"currency":"USD"}"#),
    ] {
        let body = PRODUCTS
            .replace("COIN_AMOUNT", coin_amount)
            .replace("MIN", min);
        let families: Vec<wire::Family> = decode("products", body.as_bytes())?;
        let details = mapping::brand_details(&listed, families, "USDC");
        assert_eq!(details.products.len(), 2);
        match &details.products[0].offer {
            Offer::Fixed {
                denomination,
                label,
                price,
                face_value,
            } => {
                assert_eq!(denomination, "10 USD");
                assert_eq!(label, "$10");
                assert_eq!(price.as_ref().map(|p| p.amount), Some(dec("10.21")));
                assert_eq!(face_value.as_ref().map(|f| f.amount), Some(dec("10")));
            }
            other => panic!("fixed product expected, got {other:?}"),
        }
        let (_, range) = details
            .range()
            .ok_or_else(|| answers::decode_missing("products", mapping::Missing("range")))?;
        assert_eq!(
            (range.min, range.max, range.step),
            (dec("5"), dec("500"), Some(dec("1")))
        );
        let description = details
            .description
            .as_ref()
            .map(|d| d.as_str().to_string())
            .unwrap_or_default();
        assert!(
            description.contains("Shop") && !description.contains("script"),
            "{description}"
        );
    }
    Ok(())
}

#[test]
fn order_example_in_both_number_forms() -> Result<(), super::ApiError> {
    for (created, amount) in [(r#""1787679708""#, r#""25.51""#), ("1787679708", "25.51")] {
        let body = ORDER
            .replace("CREATED", created)
            .replace("COIN_AMOUNT", amount);
        let order = mapping::order(decode("order", body.as_bytes())?)
            .map_err(|m| answers::decode_missing("order", m))?;
        assert_eq!(order.created_at, 1_787_679_708);
        assert_eq!(order.payment.amount, dec("25.51"));
        assert_eq!(order.state, OrderState::WaitingForPayment);
        assert_eq!(
            order.payment.received, None,
            "a zero sent amount is nothing received"
        );
        assert_eq!(order.deliveries[0].label.as_deref(), Some("$25"));
        assert_eq!(order.payment_window_left(1_787_679_708 + 60), 29 * 60);
    }
    Ok(())
}

#[test]
fn validation_problems_keep_every_code() -> Result<(), super::ApiError> {
    let body = r#"{"problems":[{"problem":"OUT_OF_STOCK","moreDetails":{"brand":"x"}},{"problem":"KYC_PENDING"}],"coin":null}"#;
    let raw: wire::Validation = decode("validate_order", body.as_bytes())?;
    let problems = mapping::problems(raw.problems);
    let codes: Vec<_> = problems.iter().map(|p| p.code.as_str()).collect();
    assert_eq!(codes, ["OUT_OF_STOCK", "KYC_PENDING"]);
    assert!(problems[0].details.is_some());
    let fine: wire::Validation = decode(
        "validate_order",
        br#"{"coin":"USDC","coin_amount":"25.51","problems":null}"#,
    )?;
    assert!(fine.problems.is_empty());
    Ok(())
}

#[test]
fn decode_errors_name_the_field() {
    let body = ORDER
        .replace("CREATED", r#""soon""#)
        .replace("COIN_AMOUNT", "1");
    match decode::<wire::Order>("order", body.as_bytes()) {
        Err(super::ApiError::Decode { path, .. }) => assert_eq!(path, "created_at"),
        other => panic!("a decode error was expected, got {other:?}"),
    }
    let body = PRODUCTS
        .replace("COIN_AMOUNT", r#""abc""#)
        .replace("MIN", "5");
    // A bad product is dropped from its list (and logged) rather than failing the page.
    let families: Vec<wire::Family> = decode("products", body.as_bytes()).unwrap_or_default();
    assert_eq!(families[0].products.items.len(), 1);
    assert_eq!(families[0].products.skipped, 1, "and counted");
}

/// The brand page of the contract's Amazon.com from `families`.
fn amazon_details(families: Vec<wire::Family>) -> Result<crate::domain::BrandDetails, ApiError> {
    let brands = format!(r#"{{"all_brands":[{BRAND}]}}"#);
    let mut catalog = mapping::catalog(us(), decode("brands", brands.as_bytes())?);
    let listed = catalog.brands.remove(0);
    Ok(mapping::brand_details(&listed, families, "USDC"))
}

#[test]
fn every_amount_form_reaches_every_money_field() -> Result<(), ApiError> {
    let forms = [
        r#""10""#,
        "10",
        "10.0",
        r#"{"amount":10,"currency":"USD"}"#,
        r#"{"amount":"10.00","currency":"USD"}"#,
    ];
    for form in forms {
        for key in ["price", "value"] {
            let body = PRODUCTS
                .replace("COIN_AMOUNT", form)
                .replace("MIN", form)
                .replace(r#""price":"10""#, &format!(r#""{key}":{form}"#))
                .replace(
                    r#""min":"5.00","max":"500.00""#,
                    &format!(r#""min":{form},"max":{form}"#),
                );
            let families: Vec<wire::Family> = decode("products", body.as_bytes())?;
            assert_eq!(families[0].products.skipped, 0, "{form} as {key}");
            let details = amazon_details(families)?;
            let fixed = details.fixed_products().next().map(|p| &p.offer);
            let Some(Offer::Fixed {
                face_value, price, ..
            }) = fixed
            else {
                panic!("{form}: no fixed product");
            };
            assert_eq!(
                face_value.as_ref().map(|m| m.amount.normalize()),
                Some(dec("10")),
                "{form} as {key}"
            );
            assert_eq!(
                price.as_ref().map(|m| m.amount.normalize()),
                Some(dec("10")),
                "{form}"
            );
            let (_, range) = details.range().expect("a range");
            assert_eq!(range.min.normalize(), dec("10"), "{form}");
        }
    }
    Ok(())
}

#[test]
fn a_brand_whose_products_all_fail_is_unavailable_not_empty() -> Result<(), ApiError> {
    // Both products unreadable: a bad coin amount, and a range without any bounds.
    let body = PRODUCTS
        .replace("COIN_AMOUNT", r#""ten""#)
        .replace(r#""min":MIN,"max":500.0,"#, "")
        .replace(r#""min":"5.00","max":"500.00""#, r#""currency":"USD""#);
    let families: Vec<wire::Family> = decode("products", body.as_bytes())?;
    let details = amazon_details(families)?;
    assert!(details.products.is_empty());
    assert_eq!(details.unreadable_products, 2);
    assert!(details.is_unavailable());
    Ok(())
}

fn error(status: u16, body: &str) -> ApiError {
    let status = reqwest::StatusCode::from_u16(status).unwrap_or(reqwest::StatusCode::IM_A_TEAPOT);
    answers::error_from_body(status, None, body.as_bytes())
}

#[test]
fn errors_are_read_by_status_first_then_by_code() {
    for body in [
        r#"{"detail":"ORDER_NOT_FOUND"}"#,
        r#"{"status":404,"detail":"NOT_AVAILABLE_PRODUCT"}"#,
        r#"{"message":"not here"}"#,
        r#"{"problems":[{"problem":"OUT_OF_STOCK"}]}"#,
        "<html>gone</html>",
    ] {
        let e = error(404, body);
        assert!(matches!(e, ApiError::NotFound { .. }), "{body}: {e:?}");
        assert!(e.is_not_found() && e.problems().is_empty(), "{body}");
    }
    assert!(matches!(
        error(429, r#"{"detail":"OUT_OF_STOCK"}"#),
        ApiError::RateLimited { .. }
    ));

    // Order problems become problems; other codes are upstream's own errors.
    let suspended = error(
        400,
        r#"{"status":400,"detail":"SUSPENDED_COIN","moreDetails":{"coin":"DAI"}}"#,
    );
    let codes: Vec<String> = suspended.problems().into_iter().map(|p| p.code).collect();
    assert_eq!(codes, ["SUSPENDED_COIN"]);
    // Codes about what was sent get a message and the field to change.
    for (code, field) in [
        ("INVALID_REQUEST", ProblemField::General),
        ("INVALID_DENOMINATION", ProblemField::Amount),
        ("INVALID_PRODUCT_VALUE", ProblemField::Amount),
        ("NOT_SUPPORTED_COIN", ProblemField::Payment),
    ] {
        let e = error(400, &format!(r#"{{"status":400,"detail":"{code}"}}"#));
        let problems = e.problems();
        assert_eq!(problems.len(), 1, "{code}: {e:?}");
        assert_eq!(problems[0].field(), field, "{code}");
        assert!(
            !problems[0].message(crate::i18n::Lang::En).contains(code),
            "{code}: words"
        );
    }
    // Any other code is upstream's error, shown neutrally.
    let e = error(400, r#"{"status":400,"detail":"ORDER_NOT_FOUND"}"#);
    assert!(matches!(&e, ApiError::Detail { detail, .. } if detail == "ORDER_NOT_FOUND"));
    assert!(e.problems().is_empty());

    // A bare array is the problems list.
    let listed = error(
        422,
        r#"[{"problem":"LOGIN_REQUIRED"},{"problem":"KYC_MISSING"}]"#,
    );
    let codes: Vec<String> = listed.problems().into_iter().map(|p| p.code).collect();
    assert_eq!(codes, ["LOGIN_REQUIRED", "KYC_MISSING"]);
    assert!(matches!(
        error(400, r#"{"message":"Bad"}"#),
        ApiError::Message { .. }
    ));
    assert!(matches!(error(500, "oops"), ApiError::Status { .. }));
}

#[test]
fn a_successful_answer_with_problems_is_those_problems() {
    // On create, with 200: no order was made.
    let created = answers::order_answer::<wire::Order>(
        "create_order",
        200,
        br#"{"order_id":null,"problems":[{"problem":"OUT_OF_STOCK"},{"problem":"COUPON_EXPIRED"}]}"#,
    );
    match created {
        Err(ApiError::Problems {
            status: 200,
            problems,
        }) => {
            let codes: Vec<&str> = problems.iter().map(|p| p.code.as_str()).collect();
            assert_eq!(codes, ["OUT_OF_STOCK", "COUPON_EXPIRED"]);
        }
        other => panic!("problems were expected, got {other:?}"),
    }
    // Validation answered with a bare array.
    let validated = answers::order_answer::<wire::Validation>(
        "validate_order",
        200,
        br#"[{"problem":"INVALID_BENEFICIARY_ACCOUNT"}]"#,
    );
    assert!(
        matches!(&validated, Err(ApiError::Problems { problems, .. }) if problems[0].code == "INVALID_BENEFICIARY_ACCOUNT"),
        "{validated:?}"
    );
    let empty = answers::order_answer::<wire::Validation>("validate_order", 200, b"[]");
    assert!(matches!(empty, Err(ApiError::Decode { .. })), "{empty:?}");
}

fn arbitrary_json() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i64>().prop_map(|n| serde_json::json!(n)),
        any::<f64>().prop_map(|f| serde_json::json!(f)),
        "[a-zA-Z0-9 ._$-]{0,12}".prop_map(serde_json::Value::String),
    ];
    let keys = prop_oneof![
        Just("order_id".to_string()),
        Just("coin_amount".to_string()),
        Just("created_at".to_string()),
        Just("deliveries".to_string()),
        Just("deliverable".to_string()),
        Just("products".to_string()),
        Just("range".to_string()),
        Just("min".to_string()),
        Just("face_value".to_string()),
        Just("amount".to_string()),
        Just("all_brands".to_string()),
        Just("categories".to_string()),
        Just("brands".to_string()),
        Just("sections".to_string()),
        Just("problems".to_string()),
        Just("order_state".to_string()),
        Just("coin".to_string()),
        Just("brand".to_string()),
        "[a-z_]{1,8}",
    ];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            prop::collection::btree_map(keys.clone(), inner, 0..6)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn arbitrary_json_never_panics_the_decoder(value in arbitrary_json()) {
        let bytes = value.to_string().into_bytes();
        let listed = mapping::brand(wire::Brand { brand: Some("X".into()), ..Default::default() }, None);
        if let Ok(raw) = decode::<wire::Order>("order", &bytes) { let _ = mapping::order(raw); }
        if let Ok(raw) = decode::<wire::Brands>("brands", &bytes) { let _ = mapping::catalog(us(), raw); }
        if let Ok(raw) = decode::<wire::Homepage>("homepage", &bytes) { let _ = mapping::home_feed(raw); }
        if let (Ok(raw), Some(listed)) = (decode::<Vec<wire::Family>>("products", &bytes), listed.as_ref()) {
            let _ = mapping::brand_details(listed, raw, "USDC");
        }
        if let Ok(raw) = decode::<Vec<wire::PaymentVia>>("payment_vias", &bytes) { let _ = mapping::payment_vias(raw); }
        if let Ok(raw) = decode::<wire::Validation>("validate_order", &bytes) { let _ = mapping::problems(raw.problems); }
        if let Ok(raw) = decode::<wire::Price>("price", &bytes) { let _ = mapping::quote(raw, "USDC"); }
        let _ = answers::error_from_body(reqwest::StatusCode::BAD_REQUEST, None, &bytes);
        let mut parser = super::sse::SseParser::default();
        let _ = parser.feed(&bytes);
    }
}
