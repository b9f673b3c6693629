//! Every code reachable from its documented input; the shapes each call takes.

use super::{request, *};
use crate::sandbox::text::Lang;

fn order(
    email: &str,
    coin: &str,
    network: Option<&str>,
    lines: &[(&str, &str, &str, &str)],
) -> OrderInput {
    OrderInput {
        email: email.into(),
        payment_via: "USER_WALLET".into(),
        coin: coin.into(),
        network: network.map(str::to_string),
        coupon: None,
        lang: Lang::En,
        lines: lines
            .iter()
            .map(|(brand, cc, denomination, beneficiary)| LineInput {
                brand_name: brand.to_string(),
                country_code: cc.to_string(),
                denomination: request::denomination(denomination, Shape::Validation)
                    .unwrap_or_else(|_| Denomination::Named(denomination.to_string())),
                beneficiary: beneficiary.to_string(),
                kind: None,
            })
            .collect(),
    }
}

fn codes(verdict: &Verdict) -> Vec<String> {
    match verdict {
        Verdict::Problems { problems, .. } => problems.iter().map(|(c, _)| c.clone()).collect(),
        Verdict::Refused { body, .. } => {
            vec![body["detail"].as_str().unwrap_or("?").to_string()]
        }
        Verdict::Fine(_) => Vec::new(),
    }
}

const AMAZON_25: (&str, &str, &str, &str) = ("Amazon.com", "US", "25 USD", "a@example.com");

#[test]
fn a_good_order_is_priced_by_the_published_rule() {
    let Verdict::Fine(priced) = validate(&order("a@example.com", "USDC", None, &[AMAZON_25]))
    else {
        panic!("a plain order validates");
    };
    assert_eq!(priced.total, Decimal::new(2553, 2));
    assert_eq!(priced.network.name, "Solana");
}

#[test]
fn every_code_is_reachable_through_the_email_trigger() {
    for code in CODES {
        let email = format!(
            "me+{}@example.com",
            code.to_ascii_lowercase().replace('_', "-")
        );
        let verdict = validate(&order(&email, "USDC", None, &[AMAZON_25]));
        assert!(
            codes(&verdict).contains(&code.to_string()),
            "{code}: {:?}",
            codes(&verdict)
        );
    }
}

#[test]
fn natural_inputs_give_their_codes() {
    let cases: Vec<(OrderInput, &str)> = vec![
        (
            order(
                "a@example.com",
                "USDC",
                None,
                &[("Nintendo eShop", "US", "25 USD", "a@example.com")],
            ),
            "OUT_OF_STOCK",
        ),
        (
            order(
                "a@example.com",
                "USDC",
                None,
                &[("Fandango", "US", "25 USD", "a@example.com")],
            ),
            "NOT_ACTIVE",
        ),
        (
            order(
                "a@example.com",
                "USDC",
                None,
                &[("Nope", "US", "25 USD", "a@example.com")],
            ),
            "NOT_AVAILABLE_PRODUCT",
        ),
        (
            order(
                "a@example.com",
                "USDC",
                None,
                &[("Steam", "US", "7 USD", "a@example.com")],
            ),
            "NOT_AVAILABLE_PRODUCT",
        ),
        (
            order(
                "a@example.com",
                "USDC",
                None,
                &[("Amazon.com", "US", "25 USD", "not-an-email")],
            ),
            "INVALID_BENEFICIARY_ACCOUNT",
        ),
        (
            order(
                "a@example.com",
                "USDC",
                None,
                &[("AT&T", "US", "10 USD", "a@example.com")],
            ),
            "INVALID_BENEFICIARY_ACCOUNT",
        ),
        (
            order("a@example.com", "USDC", None, &[AMAZON_25; 11]),
            "PRODUCT_COUNT_EXCEEDED",
        ),
        (
            order(
                "a@example.com",
                "USDC",
                None,
                &[("Apple", "US", "50 USD", "a@example.com"); 2],
            ),
            "MULTIPLE_LIMITED_PRODUCT_SAME_ORDER",
        ),
        (
            order(
                "a@example.com",
                "USDC",
                None,
                &[("Visa Prepaid", "US", "50 USD", "a@example.com")],
            ),
            "LOGIN_REQUIRED",
        ),
        (
            order("a@example.com", "DOGE", None, &[AMAZON_25]),
            "UNSUPPORTED_PROTOCOL_COIN_COMBINATION",
        ),
        (
            order("a@example.com", "USDC", Some("Tron"), &[AMAZON_25]),
            "UNSUPPORTED_PROTOCOL_COIN_COMBINATION",
        ),
        (
            order("a@blocked.example", "USDC", None, &[AMAZON_25]),
            "INVALID_EMAIL_DOMAIN",
        ),
        (
            order("a@example.com", "DAI", None, &[AMAZON_25]),
            "SUSPENDED_COIN",
        ),
        (
            order(
                "a@example.com",
                "USDT",
                Some("Polygon (Matic)"),
                &[AMAZON_25],
            ),
            "SUSPENDED_NETWORK",
        ),
    ];
    for (input, code) in cases {
        assert!(
            codes(&validate(&input)).contains(&code.to_string()),
            "{code}: {:?}",
            codes(&validate(&input))
        );
    }
    let big = order(
        "a@example.com",
        "USDC",
        None,
        &[("Amazon.com", "US", "500 USD", "a@example.com"); 6],
    );
    assert!(codes(&validate(&big)).contains(&"MAXIMUM_AMOUNT_PER_ORDER_EXCEEDED".to_string()));
    let mut custom = order(
        "a@example.com",
        "USDC",
        None,
        &[("Airbnb", "US", "10 USD", "a@example.com")],
    );
    assert!(codes(&validate(&custom)).contains(&"AMOUNT_LESS_THEN_MINIMUM_ALLOWED".to_string()));
    custom.lines[0].denomination = Denomination::Amount {
        value: Decimal::from(900),
        currency: Some("USD".into()),
    };
    assert!(codes(&validate(&custom)).contains(&"MAXIMUM_AMOUNT_PER_ORDER_EXCEEDED".to_string()));
    // Far out of range is refused before pricing (the price would overflow a Decimal).
    for huge in [Decimal::MAX, Decimal::MIN] {
        custom.lines[0].denomination = Denomination::Amount {
            value: huge,
            currency: Some("USD".into()),
        };
        assert!(!codes(&validate(&custom)).is_empty(), "{huge}");
    }
    let mut payment_via = order("a@example.com", "USDC", None, &[AMAZON_25]);
    payment_via.payment_via = "GATE_PAY".into();
    assert!(codes(&validate(&payment_via)).contains(&"NOT_ALLOWED_PAYMENT_VIA".to_string()));
    let mut coupon = order("a@example.com", "USDC", None, &[AMAZON_25]);
    coupon.coupon = Some("coupon-expired".into());
    assert_eq!(codes(&validate(&coupon)), ["COUPON_EXPIRED"]);
    coupon.coupon = Some("FREE".into());
    assert_eq!(codes(&validate(&coupon)), ["COUPON_NOT_FOUND"]);
    coupon.coupon = Some("welcome5".into());
    assert!(codes(&validate(&coupon)).is_empty());
}

#[test]
fn each_call_takes_only_the_guides_denominations() {
    let shapes = [
        (Shape::Validation, "100 USD", true),
        (Shape::Validation, "1 GB 7 days", true),
        (Shape::Validation, "100", false),
        (Shape::Validation, "$100", false),
        (Shape::Validation, "range", false),
        (Shape::Creation, "100", true),
        (Shape::Creation, "1 GB 7 days", true),
        (Shape::Creation, "100 USD", false),
        (Shape::Creation, "$100", false),
    ];
    for (shape, raw, fine) in shapes {
        let parsed = request::denomination(raw, shape);
        assert_eq!(parsed.is_ok(), fine, "{shape:?} {raw}: {parsed:?}");
        if let Err(error) = parsed {
            assert_eq!(error.detail, "INVALID_DENOMINATION");
        }
    }
}

#[test]
fn a_body_of_the_other_shape_is_an_invalid_request() {
    let create_shaped = json!({
        "deliveries": [{"kind": "giftcard", "quantity": 1, "deliverable": {
            "brand_name": "Airbnb", "country_code": "US", "denomination": "100",
            "beneficiary_account": "a@example.com"}}],
        "payment": {"type": "via", "coin": "USDC", "network": "Solana", "payment_via": "USER_WALLET"},
        "user": {"email": "a@example.com", "has_accepted_newsletter": false},
        "lang": "en", "acquisition": {"utm_source": "x"}
    });
    assert!(parse(&create_shaped, Shape::Creation).is_ok());
    let refused = parse(&create_shaped, Shape::Validation).err();
    assert_eq!(refused.map(|e| e.detail), Some("INVALID_REQUEST"));
    let mut no_network = create_shaped.clone();
    no_network["payment"]["network"] = Value::Null;
    assert!(parse(&no_network, Shape::Creation).is_err());
    let mut no_kind = create_shaped.clone();
    no_kind["deliveries"][0]["kind"] = Value::Null;
    assert!(parse(&no_kind, Shape::Creation).is_err());
    let mut wrong_kind = create_shaped;
    wrong_kind["deliveries"][0]["kind"] = json!("mobile_recharge");
    let input = parse(&wrong_kind, Shape::Creation).expect("a body");
    assert_eq!(codes(&validate(&input)), ["INVALID_REQUEST"]);
}

#[test]
fn several_problems_come_at_once_with_the_right_status() {
    let verdict = validate(&order(
        "me+kyc-pending+login-required@example.com",
        "USDC",
        None,
        &[("Nintendo eShop", "US", "25 USD", "a@example.com")],
    ));
    let Verdict::Problems { status, problems } = verdict else {
        panic!("problems expected");
    };
    assert_eq!(status, 422);
    assert_eq!(problems.len(), 3);
}

/// The prices the Playwright specs expect (`tests/fixtures/sandbox-prices.json`) are the
/// sandbox's own: each line, validated here, costs exactly that (and the coupon takes off
/// what the fixture says).
#[test]
fn the_specs_price_fixture_is_what_the_sandbox_charges() {
    let fixture: Value = serde_json::from_str(include_str!(
        "../../../../tests/fixtures/sandbox-prices.json"
    ))
    .expect("the fixture is JSON");
    let cases = fixture["cases"].as_array().expect("a list of cases");
    assert!(cases.len() >= 10);
    for case in cases {
        let field = |name: &str| case[name].as_str().unwrap_or_default().to_string();
        let denomination = match case["product"].as_str() {
            Some(plan) => Denomination::Named(plan.to_string()),
            None => Denomination::Amount {
                value: Decimal::from_str(&field("amount")).expect("an amount"),
                currency: Some(field("currency")),
            },
        };
        let beneficiary = if field("brand") == "t-mobile" {
            "+14155552671"
        } else {
            "a@example.com"
        };
        let mut input = order(
            "a@example.com",
            &field("coin"),
            Some(&field("network")),
            &[],
        );
        input.coupon = case["coupon"].as_str().map(str::to_string);
        input.lines = vec![LineInput {
            brand_name: field("brand_name"),
            country_code: field("country"),
            denomination,
            beneficiary: beneficiary.into(),
            kind: None,
        }];
        let Verdict::Fine(priced) = validate(&input) else {
            panic!("{} is sold: {:?}", field("about"), codes(&validate(&input)));
        };
        let price = Decimal::from_str(&field("price")).expect("a price");
        assert_eq!(priced.total, price, "{}", field("about"));
        assert_eq!(priced.network.name, field("network"), "{}", field("about"));
        if let Some(off) = case["off"].as_str() {
            let off = Decimal::from_str(off).expect("an amount off");
            assert_eq!(priced.original - priced.total, off, "{}", field("about"));
        }
    }
}

#[test]
fn both_shapes_read_lang_and_anything_but_vi_is_english() {
    let validation_shaped = |lang: Value| {
        json!({
            "email": "a@example.com",
            "payment": {"type": "via", "coin": "USDC", "payment_via": "USER_WALLET"},
            "deliveries": [{"brand_name": "eSIM", "country_code": "US",
                "denomination": "1 GB 7 days", "beneficiary_account": "a@example.com"}],
            "lang": lang,
        })
    };
    let create_shaped = |lang: Value| {
        json!({
            "deliveries": [{"kind": "mobile_recharge", "quantity": 1, "deliverable": {
                "brand_name": "eSIM", "country_code": "US", "denomination": "1 GB 7 days",
                "beneficiary_account": "a@example.com"}}],
            "payment": {"type": "via", "coin": "USDC", "network": "Solana", "payment_via": "USER_WALLET"},
            "user": {"email": "a@example.com"},
            "lang": lang,
        })
    };
    let cases = [
        (json!("vi"), Lang::Vi),
        (json!("en"), Lang::En),
        (json!("fr"), Lang::En),
        (json!(7), Lang::En),
        (Value::Null, Lang::En),
    ];
    for (lang, expected) in cases {
        for (body, shape) in [
            (validation_shaped(lang.clone()), Shape::Validation),
            (create_shaped(lang.clone()), Shape::Creation),
        ] {
            let input = parse(&body, shape).expect("a good body, whatever its lang");
            assert_eq!(input.lang, expected, "{lang} in {shape:?}");
        }
    }
}

#[test]
fn a_plans_label_follows_lang_and_its_denomination_does_not() {
    for (lang, label) in [(Lang::Vi, "1 GB 7 ngày"), (Lang::En, "1 GB 7 days")] {
        let mut input = order(
            "a@example.com",
            "USDC",
            None,
            &[("eSIM", "US", "1 GB 7 days", "a@example.com")],
        );
        input.lang = lang;
        let Verdict::Fine(priced) = validate(&input) else {
            panic!("an eSIM plan is sold: {:?}", codes(&validate(&input)));
        };
        assert_eq!(priced.lang, lang);
        assert_eq!(priced.lines[0].denomination, "1 GB 7 days");
        assert_eq!(priced.lines[0].localized, label);
    }
    // Money reads as its currency writes it, in either language.
    let mut input = order("a@example.com", "USDC", None, &[AMAZON_25]);
    input.lang = Lang::Vi;
    let Verdict::Fine(priced) = validate(&input) else {
        panic!("a plain order validates");
    };
    assert_eq!(priced.lines[0].localized, "$25");
    assert_eq!(priced.lines[0].denomination, "25 USD");
}
