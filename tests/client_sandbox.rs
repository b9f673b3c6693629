//! The client against the sandbox over real HTTP: every endpoint, every fault.

mod support;

use axum::{
    http::HeaderMap,
    routing::{get, post},
    Json, Router,
};
use futures::StreamExt;
use rust_decimal::Decimal;
use std::{
    str::FromStr,
    sync::{Arc, Mutex},
    time::Duration,
};
use storefront::{
    cryptorefills::{ApiError, OrderEvents, Shopper},
    domain::{
        checkout::{AmountChoice, DraftItem, OrderDraft},
        order::DeliveryState,
        Country, Offer, Order, OrderEvent, OrderState, ProductKind,
    },
    sandbox::{self, Timings},
};
use support::{client_for, serve, Sandbox};
use tokio::net::TcpListener;

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap_or_default()
}

fn country(code: &str) -> Country {
    Country::find(code)
        .copied()
        .unwrap_or_else(|| panic!("{code} is a country"))
}

fn shopper(code: &str) -> Shopper {
    Shopper {
        country: Some(country(code)),
        ..Default::default()
    }
}

fn draft(email: &str, brand: &str, amount: AmountChoice) -> OrderDraft {
    OrderDraft {
        email: email.into(),
        coin: "USDC".into(),
        network: "Solana".into(),
        items: vec![DraftItem {
            brand_name: brand.into(),
            country: country("US"),
            kind: ProductKind::GiftCard,
            amount,
            beneficiary: email.into(),
        }],
        coupon: None,
        newsletter: false,
    }
}

fn amazon_25(email: &str) -> OrderDraft {
    draft(
        email,
        "Amazon.com",
        AmountChoice::Fixed {
            denomination: "25 USD".into(),
            label: Some("$25".into()),
            face_value: Some(storefront::domain::Money::new(
                rust_decimal::Decimal::from(25),
                "USD",
            )),
        },
    )
}

// ---- catalog ------------------------------------------------------------------------------

#[tokio::test]
async fn payment_vias_offer_usdc_and_mark_what_is_suspended() {
    let s = Sandbox::manual().await;
    let vias = s
        .client
        .payment_vias(&Shopper::default())
        .await
        .expect("payment vias");
    let wallet = vias
        .iter()
        .find(|v| v.name == "USER_WALLET")
        .expect("USER_WALLET");
    let coins: Vec<_> = wallet.usable_coins().map(|c| c.name.as_str()).collect();
    assert_eq!(coins, ["USDC", "USDT", "BTC"], "DAI is suspended");
    let btc = wallet.coins.iter().find(|c| c.name == "BTC").expect("BTC");
    let names: Vec<_> = btc.networks.iter().map(|n| n.name.as_str()).collect();
    assert_eq!(
        names,
        ["Mainnet", "Lightning"],
        "on-chain and Lightning, as production"
    );
    assert!(btc.networks.iter().all(|n| n.token_contract.is_none()));
    let usdc = &wallet.coins[0];
    assert_eq!(usdc.threshold, Some(dec("1")));
    assert_eq!(usdc.networks[0].name, "Solana");
    assert_eq!(usdc.networks[0].threshold, Some(dec("0.56")));
    let usdt = &wallet.coins[1];
    assert!(usdt
        .networks
        .iter()
        .any(|n| n.name == "Polygon (Matic)" && n.suspended));
}

#[tokio::test]
async fn the_us_catalog_has_forty_brands_whose_logos_load() {
    let s = Sandbox::manual().await;
    let catalog = s
        .client
        .brands(country("US"), &shopper("US"))
        .await
        .expect("brands");
    assert!(
        catalog.brands.len() >= 40,
        "{} brands",
        catalog.brands.len()
    );
    assert!(
        catalog.brands.iter().all(|b| !b.categories.is_empty()),
        "null categories are filled from the groups"
    );
    let last = catalog.brands.last().expect("brands");
    assert!(!last.in_stock, "out-of-stock brands come last");
    assert!(catalog.categories.len() >= 8);
    assert!(catalog
        .brands
        .iter()
        .any(|b| b.kind == ProductKind::MobileTopUp));
    assert!(catalog.brands.iter().any(|b| b.kind == ProductKind::Esim));
    assert!(!catalog.popular_brands().is_empty());

    let amazon = catalog.brand_by_slug("amazon-com").expect("Amazon.com");
    let logo = amazon.logo.as_ref().expect("a logo");
    for (size, format, dims) in [
        (Some("300x190"), "webp", (300, 190)),
        (Some("500x318"), "webp", (500, 318)),
        (None, "webp", (1000, 636)),
        (Some("300x190"), "jpg", (300, 190)),
        (Some("500x318"), "jpg", (500, 318)),
        (None, "jpg", (1000, 636)),
    ] {
        let response = s
            .http
            .get(logo.url(size, format))
            .send()
            .await
            .expect("the logo answers");
        assert_eq!(response.status(), 200);
        let content_type = response.headers()["content-type"]
            .to_str()
            .unwrap_or("")
            .to_string();
        assert_eq!(
            content_type,
            if format == "webp" {
                "image/webp"
            } else {
                "image/jpeg"
            }
        );
        let bytes = response.bytes().await.expect("logo bytes");
        let image = image::load_from_memory(&bytes).expect("a real image");
        assert_eq!((image.width(), image.height()), dims);
    }
}

#[tokio::test]
async fn every_one_of_the_233_countries_sells_something() {
    let s = Sandbox::manual().await;
    for c in Country::all() {
        let catalog = s.client.brands(*c, &shopper(c.code)).await.expect("brands");
        assert!(
            catalog.brands.iter().any(|b| b.kind == ProductKind::Esim),
            "{} sells eSIMs",
            c.code
        );
    }
    for code in ["US", "GB", "DE", "FR", "VN", "BR", "IN", "NG"] {
        let catalog = s
            .client
            .brands(country(code), &shopper(code))
            .await
            .expect("brands");
        assert!(catalog.brands.len() >= 12, "{code} has a full catalog");
    }
}

#[tokio::test]
async fn home_feeds_exist_for_full_countries_only() {
    let s = Sandbox::manual().await;
    let us = s
        .client
        .homepage(country("US"), &shopper("US"))
        .await
        .expect("feed");
    assert_eq!(us.len(), 2);
    assert!(us.iter().all(|section| !section.brands.is_empty()));
    let aland = s
        .client
        .homepage(country("AX"), &shopper("AX"))
        .await
        .expect("feed");
    assert!(aland.is_empty());
}

#[tokio::test]
async fn products_have_fixed_and_custom_amounts_in_both_bound_shapes() {
    let s = Sandbox::manual().await;
    for code in ["US", "DE"] {
        let catalog = s
            .client
            .brands(country(code), &shopper(code))
            .await
            .expect("brands");
        let amazon = catalog
            .brands
            .iter()
            .find(|b| b.name.starts_with("Amazon"))
            .expect("Amazon");
        let details = s
            .client
            .products(amazon, country(code), "USDC", &shopper(code))
            .await
            .expect("products");
        assert!(details.fixed_products().count() >= 4);
        let (_, range) = details.range().expect("a custom amount");
        assert_eq!((range.min, range.max), (dec("5"), dec("500")), "{code}");
        let description = details.description.expect("a description");
        assert!(!description.as_str().contains("script"));
        assert!(!description.as_str().contains("onerror"));
        assert!(details.how_to_redeem.is_some() && details.terms.is_some());
    }
}

#[tokio::test]
async fn fixed_prices_follow_the_published_rule_in_each_coin() {
    let s = Sandbox::manual().await;
    let catalog = s
        .client
        .brands(country("US"), &shopper("US"))
        .await
        .expect("brands");
    let amazon = catalog.brand_by_slug("amazon-com").expect("Amazon.com");
    for (coin, expected) in [("USDC", "25.53"), ("USDT", "25.63")] {
        let details = s
            .client
            .products(amazon, country("US"), coin, &shopper("US"))
            .await
            .expect("products");
        let price = details.products.iter().find_map(|p| match &p.offer {
            Offer::Fixed {
                denomination,
                price,
                ..
            } if denomination == "25 USD" => price.clone(),
            _ => None,
        });
        let price = price.expect("the $25 card has a price");
        assert_eq!(
            (price.amount, price.currency.as_str()),
            (dec(expected), coin)
        );
    }
}

#[tokio::test]
async fn esims_are_plans_and_top_ups_go_by_phone() {
    let s = Sandbox::manual().await;
    let catalog = s
        .client
        .brands(country("VN"), &shopper("VN"))
        .await
        .expect("brands");
    let esim = catalog.brand_by_slug("esim").expect("eSIM");
    let details = s
        .client
        .products(esim, country("VN"), "USDC", &shopper("VN"))
        .await
        .expect("plans");
    let labels: Vec<String> = details
        .products
        .iter()
        .filter_map(|p| match &p.offer {
            Offer::Fixed { label, .. } => Some(label.clone()),
            Offer::Range(_) => None,
        })
        .collect();
    assert!(labels.contains(&"1 GB 7 days".to_string()), "{labels:?}");
    let viettel = catalog.brand_by_slug("viettel").expect("Viettel");
    let details = s
        .client
        .products(viettel, country("VN"), "USDC", &shopper("VN"))
        .await
        .expect("top-ups");
    assert!(details
        .products
        .iter()
        .all(|p| p.delivery == storefront::domain::product::DeliveryType::Phone));
}

#[tokio::test]
async fn custom_amounts_are_priced_and_bounded() {
    let s = Sandbox::manual().await;
    let quote = s
        .client
        .price("Airbnb", country("US"), dec("100"), "USDC", &shopper("US"))
        .await
        .expect("a price");
    assert_eq!(quote.price.amount, dec("102.10"));
    let refused = s
        .client
        .price("Airbnb", country("US"), dec("5000"), "USDC", &shopper("US"))
        .await;
    // Upstream's code for an amount out of range, read as a problem with the amount.
    assert!(
        matches!(&refused, Err(ApiError::Problems { status: 400, problems }) if problems[0].code == "INVALID_PRODUCT_VALUE"),
        "{refused:?}"
    );
}

// ---- orders -------------------------------------------------------------------------------

/// A $25 Amazon.com card in USDC on Solana.
async fn new_order(s: &Sandbox) -> Order {
    s.client
        .create_order(&amazon_25("a@example.com"), &shopper("US"))
        .await
        .expect("created")
}

async fn subscribe(s: &Sandbox, order_id: &str) -> OrderEvents {
    s.client
        .order_events(order_id, &shopper("US"))
        .await
        .expect("a stream")
}

#[tokio::test]
async fn a_good_order_validates_with_its_price() {
    let s = Sandbox::manual().await;
    let validated = s
        .client
        .validate_order(&amazon_25("a@example.com"), &shopper("US"))
        .await
        .expect("valid");
    assert_eq!(
        (validated.coin.as_str(), validated.amount),
        ("USDC", dec("25.53"))
    );
    let custom = draft(
        "a@example.com",
        "Airbnb",
        AmountChoice::Custom(storefront::domain::Money::new(dec("100"), "USD")),
    );
    let validated = s
        .client
        .validate_order(&custom, &shopper("US"))
        .await
        .expect("valid");
    assert_eq!(validated.amount, dec("102.10"));
}

#[tokio::test]
async fn every_problem_code_of_the_sandbox_reaches_the_client() {
    let s = Sandbox::manual().await;
    for code in sandbox::validation::CODES {
        let email = format!(
            "me+{}@example.com",
            code.to_ascii_lowercase().replace('_', "-")
        );
        let error = s
            .client
            .validate_order(&amazon_25(&email), &shopper("US"))
            .await
            .expect_err(code);
        let codes: Vec<String> = error.problems().into_iter().map(|p| p.code).collect();
        assert!(codes.contains(&code.to_string()), "{code}: {error:?}");
        let known = storefront::domain::problem::KNOWN_PROBLEMS
            .iter()
            .any(|(known, _)| known == code);
        assert!(known, "{code} has a shopper's message");
    }
}

#[tokio::test]
async fn problems_come_several_at_once_with_200_or_4xx() {
    let s = Sandbox::manual().await;
    let mut order = draft(
        "me+kyc-pending@example.com",
        "Nintendo eShop",
        AmountChoice::Fixed {
            denomination: "25 USD".into(),
            label: None,
            face_value: Some(storefront::domain::Money::new(
                rust_decimal::Decimal::from(25),
                "USD",
            )),
        },
    );
    match s.client.validate_order(&order, &shopper("US")).await {
        Err(ApiError::Problems {
            status: 200,
            problems,
        }) => assert_eq!(problems.len(), 2),
        other => panic!("two problems with 200 expected, got {other:?}"),
    }
    order.email = "a@blocked.example".into();
    order.items[0].brand_name = "Amazon.com".into();
    assert!(matches!(
        s.client.validate_order(&order, &shopper("US")).await,
        Err(ApiError::Problems { status: 400, .. })
    ));
    order.email = "a@example.com".into();
    order.items[0].brand_name = "Visa Prepaid".into();
    order.items[0].amount = AmountChoice::Fixed {
        denomination: "50 USD".into(),
        label: None,
        face_value: Some(storefront::domain::Money::new(
            rust_decimal::Decimal::from(50),
            "USD",
        )),
    };
    assert!(matches!(
        s.client.validate_order(&order, &shopper("US")).await,
        Err(ApiError::Problems { status: 422, .. })
    ));
}

#[tokio::test]
async fn suspended_coins_and_networks_are_http_level_errors() {
    let s = Sandbox::manual().await;
    let mut order = amazon_25("a@example.com");
    order.coin = "DAI".into();
    let error = s
        .client
        .validate_order(&order, &shopper("US"))
        .await
        .expect_err("DAI is suspended");
    assert!(
        matches!(&error, ApiError::Problems { status: 400, problems } if problems[0].code == "SUSPENDED_COIN"),
        "an HTTP-level order problem is a problem: {error:?}"
    );
    order.coin = "USDT".into();
    order.network = "Polygon (Matic)".into();
    let error = s
        .client
        .create_order(&order, &shopper("US"))
        .await
        .expect_err("suspended network");
    assert_eq!(error.problems()[0].code, "SUSPENDED_NETWORK");
}

#[tokio::test]
async fn created_orders_carry_a_wallet_per_network_and_a_payment_uri() {
    let s = Sandbox::manual().await;
    let order = new_order(&s).await;
    assert_eq!(order.state, OrderState::WaitingForPayment);
    assert_eq!(order.payment.amount, dec("25.53"));
    assert_eq!(
        order.payment.wallet_address.len(),
        44,
        "a base58 Solana address"
    );
    assert!(order
        .payment
        .wallet_address
        .chars()
        .all(|c| c.is_ascii_alphanumeric() && !"0OIl".contains(c)));
    let qr = order.payment.qr_text.clone().unwrap_or_default();
    assert!(
        qr.starts_with(&format!(
            "solana:{}?amount=25.53",
            order.payment.wallet_address
        )),
        "{qr}"
    );

    let mut on_base = amazon_25("a@example.com");
    on_base.network = "Base".into();
    let order = s
        .client
        .create_order(&on_base, &shopper("US"))
        .await
        .expect("created");
    assert!(
        order.payment.wallet_address.starts_with("0x") && order.payment.wallet_address.len() == 42
    );
    let qr = order.payment.qr_text.unwrap_or_default();
    assert!(
        qr.starts_with(
            "ethereum:0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913@8453/transfer?address=0x"
        ),
        "{qr}"
    );
    assert!(qr.ends_with("uint256=25530000"), "{qr}");

    let mut on_tron = amazon_25("a@example.com");
    on_tron.coin = "USDT".into();
    on_tron.network = "Tron".into();
    let order = s
        .client
        .create_order(&on_tron, &shopper("US"))
        .await
        .expect("created");
    assert!(order.payment.wallet_address.starts_with('T'));
    assert_eq!(
        order.payment.qr_text.as_deref(),
        Some(order.payment.wallet_address.as_str()),
        "a bare address"
    );
}

#[tokio::test]
async fn an_orders_qr_url_serves_its_payment_uri_as_a_picture() {
    let s = Sandbox::manual().await;
    let first = new_order(&s).await;
    let second = new_order(&s).await;
    let mut pictures = Vec::new();
    for order in [&first, &second] {
        let response = s.get(&format!("/v3/qrs/{}", order.id)).await;
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["content-type"], "image/svg+xml");
        let svg = response.text().await.expect("svg text");
        assert!(svg.contains("<svg") && svg.contains("<path"), "{svg}");
        pictures.push(svg);
    }
    assert_ne!(pictures[0], pictures[1], "each order has its own code");
    assert_eq!(s.get("/v3/qrs/no-such-order").await.status(), 404);
}

#[tokio::test]
async fn orders_are_pushed_to_done_and_carry_their_goods() {
    let s = Sandbox::manual().await;
    let order = new_order(&s).await;
    assert_eq!(s.push(&order.id, "pay").await, 200);
    let paid = s
        .client
        .order(&order.id, &shopper("US"))
        .await
        .expect("the order");
    assert_eq!(paid.state, OrderState::WaitingForDelivery);
    assert_eq!(s.push(&order.id, "deliver").await, 200);
    let done = s
        .client
        .order(&order.id, &shopper("US"))
        .await
        .expect("the order");
    assert_eq!(done.state, OrderState::Done);
    let delivery = &done.deliveries[0];
    assert!(delivery.state.is_delivered());
    let goods = delivery.goods.as_ref().expect("goods");
    assert!(
        goods.code.as_ref().is_some_and(|c| c.len() == 19),
        "{goods:?}"
    );
    assert!(goods.serial.is_some());
    let instructions = goods.redeem_instructions.as_ref().expect("instructions");
    assert!(!instructions.as_str().contains("script"));
    assert_eq!(
        s.push(&order.id, "pay").await,
        409,
        "a done order can't be paid"
    );
}

#[tokio::test]
async fn underpaid_expired_and_failed_orders() {
    let s = Sandbox::manual().await;
    let a = new_order(&s).await;
    assert_eq!(s.push(&a.id, "underpay").await, 200);
    let a = s
        .client
        .order(&a.id, &shopper("US"))
        .await
        .expect("the order");
    assert_eq!(a.state, OrderState::PartialPaymentStarted);
    assert!(a
        .payment
        .received
        .is_some_and(|r| r > Decimal::ZERO && r < a.payment.amount));
    assert!(a.amount_due().is_some_and(|due| due > Decimal::ZERO));
    assert_eq!(s.push(&a.id, "expire").await, 200);
    assert_eq!(
        s.client
            .order(&a.id, &shopper("US"))
            .await
            .map(|o| o.state)
            .ok(),
        Some(OrderState::Expired)
    );

    let b = new_order(&s).await;
    assert_eq!(s.push(&b.id, "pay").await, 200);
    assert_eq!(s.push(&b.id, "fail").await, 200);
    let b = s
        .client
        .order(&b.id, &shopper("US"))
        .await
        .expect("the order");
    assert_eq!(b.state, OrderState::Refunded);
    assert!(b.refund.as_ref().is_some_and(|r| r.amount.is_some()));
    assert_eq!(b.deliveries[0].state, DeliveryState::Failed);
    assert!(b.deliveries[0].failure.is_some());

    assert_eq!(s.control("orders/nope/pay", None).await, 404);
    assert_eq!(s.push(&b.id, "refund").await, 404);
}

#[tokio::test]
async fn an_unknown_order_is_not_found() {
    let s = Sandbox::manual().await;
    let error = s
        .client
        .order("ord_abc123xyz", &shopper("US"))
        .await
        .expect_err("unknown");
    assert!(
        matches!(&error, ApiError::NotFound { code: Some(code) } if code == "ORDER_NOT_FOUND"),
        "{error:?}"
    );
    // The shop shows its not-found page for it, not an error about the supplier.
    let shown = storefront::error::AppError::from(error);
    assert!(
        matches!(shown, storefront::error::AppError::NotFound(_)),
        "{shown:?}"
    );
    assert_eq!(shown.status(), 404);
}

// ---- event streams --------------------------------------------------------------------------

async fn next_event(events: &mut storefront::cryptorefills::OrderEvents) -> OrderEvent {
    tokio::time::timeout(Duration::from_secs(10), events.next())
        .await
        .expect("an event within 10 s")
        .expect("the stream goes on")
        .expect("a valid event")
}

fn state_of(event: &OrderEvent) -> Option<OrderState> {
    match event {
        OrderEvent::Update(order) => Some(order.state.clone()),
        OrderEvent::Stop { .. } => None,
    }
}

#[tokio::test]
async fn the_stream_shows_each_step_and_stops_when_done() {
    let s = Sandbox::manual().await;
    let order = new_order(&s).await;
    let mut events = subscribe(&s, &order.id).await;
    assert_eq!(
        state_of(&next_event(&mut events).await),
        Some(OrderState::WaitingForPayment)
    );
    s.push(&order.id, "pay").await;
    assert_eq!(
        state_of(&next_event(&mut events).await),
        Some(OrderState::WaitingForDelivery)
    );
    s.push(&order.id, "deliver").await;
    assert_eq!(
        state_of(&next_event(&mut events).await),
        Some(OrderState::Done)
    );
    assert_eq!(
        next_event(&mut events).await,
        OrderEvent::Stop { error: None }
    );
    assert!(events.next().await.is_none(), "nothing after stop");
}

#[tokio::test]
async fn orders_advance_by_themselves() {
    let s = Sandbox::start(Timings {
        pay_after: Some(Duration::from_millis(300)),
        deliver_after: Duration::from_millis(300),
        expire_after: Duration::from_secs(3600),
    })
    .await;
    let order = new_order(&s).await;
    let mut events = subscribe(&s, &order.id).await;
    let mut states = Vec::new();
    loop {
        match next_event(&mut events).await {
            OrderEvent::Update(order) => states.push(order.state),
            OrderEvent::Stop { error } => {
                assert_eq!(error, None);
                break;
            }
        }
    }
    assert_eq!(
        states,
        [
            OrderState::WaitingForPayment,
            OrderState::WaitingForDelivery,
            OrderState::Done
        ]
    );
}

#[tokio::test]
async fn an_unknown_order_stream_stops_with_not_found() {
    let s = Sandbox::manual().await;
    let mut events = s
        .client
        .order_events("ord_abc123xyz", &shopper("US"))
        .await
        .expect("a stream");
    assert_eq!(
        next_event(&mut events).await,
        OrderEvent::Stop {
            error: Some("not found".into())
        }
    );
}

#[tokio::test]
async fn heartbeats_keep_a_quiet_stream_open() {
    let s = Sandbox::manual().await;
    let order = new_order(&s).await;
    let url = format!("{}/v5/orders/{}/subscribe", s.base, order.id);
    let response = s
        .http
        .get(url)
        .header("X-Cr-Application", "p")
        .send()
        .await
        .expect("a stream");
    assert_eq!(response.headers()["content-type"], "text/event-stream");
    let mut body = response.bytes_stream();
    let mut seen = String::new();
    while !seen.contains(":heartbeat") && !seen.contains(": heartbeat") {
        let chunk = tokio::time::timeout(Duration::from_secs(5), body.next())
            .await
            .expect("more within 5 s");
        seen.push_str(&String::from_utf8_lossy(
            &chunk.expect("open").expect("bytes"),
        ));
    }
}

// ---- faults and the partner header ------------------------------------------------------------

#[tokio::test]
async fn a_missing_partner_header_is_refused() {
    let s = Sandbox::manual().await;
    let anonymous = client_for(&s.base, "", Duration::from_secs(5));
    let error = anonymous
        .payment_vias(&Shopper::default())
        .await
        .expect_err("401");
    assert!(
        matches!(error, ApiError::Message { status: 401, .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn one_gateway_failure_is_retried_two_are_reported() {
    let s = Sandbox::manual().await;
    s.fault(serde_json::json!({"path": "/v2/brands", "status": 503}))
        .await;
    assert!(
        s.client.brands(country("US"), &shopper("US")).await.is_ok(),
        "one retry"
    );
    s.fault(serde_json::json!({"path": "/v2/brands", "status": 502, "times": 2}))
        .await;
    let error = s
        .client
        .brands(country("US"), &shopper("US"))
        .await
        .expect_err("two failures");
    assert_eq!(error.status(), Some(502));
    s.fault(serde_json::json!({"path": "/v2/brands", "status": 500}))
        .await;
    let error = s
        .client
        .brands(country("US"), &shopper("US"))
        .await
        .expect_err("500 is not retried");
    assert_eq!(error.status(), Some(500));
}

#[tokio::test]
async fn posts_are_never_retried() {
    let s = Sandbox::manual().await;
    s.fault(serde_json::json!({"path": "/v5/orders", "status": 503}))
        .await;
    let error = s
        .client
        .create_order(&amazon_25("a@example.com"), &shopper("US"))
        .await
        .expect_err("no retry");
    assert_eq!(error.status(), Some(503));
}

#[tokio::test]
async fn retry_after_is_honoured_on_429() {
    let s = Sandbox::manual().await;
    s.fault(serde_json::json!({"path": "/v3/payment_vias", "status": 429, "retry_after": 1}))
        .await;
    let started = std::time::Instant::now();
    assert!(s.client.payment_vias(&Shopper::default()).await.is_ok());
    // A lower bound only (a slow machine only waits longer): the retry came after the
    // second upstream asked for.
    assert!(
        started.elapsed() >= Duration::from_millis(900),
        "waited out Retry-After"
    );
    s.fault(serde_json::json!({"path": "/v3/payment_vias", "status": 429, "retry_after": 60}))
        .await;
    let error = s
        .client
        .payment_vias(&Shopper::default())
        .await
        .expect_err("too long to wait");
    assert!(
        matches!(error, ApiError::RateLimited { retry_after: Some(d) } if d == Duration::from_secs(60)),
        "{error:?}"
    );
}

#[tokio::test]
async fn slow_answers_time_out() {
    let s = Sandbox::manual().await;
    s.fault(serde_json::json!({"path": "/v2/homepage", "latency_ms": 1500}))
        .await;
    let impatient = client_for(&s.base, "p", Duration::from_millis(500));
    let error = impatient
        .homepage(country("US"), &shopper("US"))
        .await
        .expect_err("timeout");
    assert!(matches!(error, ApiError::Timeout(_)), "{error:?}");
    assert!(
        s.client
            .homepage(country("US"), &shopper("US"))
            .await
            .is_ok(),
        "a patient client gets it"
    );
}

#[tokio::test]
async fn cut_streams_end_without_stop() {
    let s = Sandbox::manual().await;
    s.fault(serde_json::json!({"cut_streams_after_ms": 300}))
        .await;
    let order = new_order(&s).await;
    let mut events = subscribe(&s, &order.id).await;
    assert_eq!(
        state_of(&next_event(&mut events).await),
        Some(OrderState::WaitingForPayment)
    );
    let end = tokio::time::timeout(Duration::from_secs(5), events.next())
        .await
        .expect("the cut comes");
    assert!(end.is_none(), "the stream ended without stop: {end:?}");
    s.clear_faults().await;
    let mut events = subscribe(&s, &order.id).await;
    assert_eq!(
        state_of(&next_event(&mut events).await),
        Some(OrderState::WaitingForPayment)
    );
    let quiet = tokio::time::timeout(Duration::from_millis(800), events.next()).await;
    assert!(
        quiet.is_err(),
        "with the fault cleared the stream stays open"
    );
}

#[tokio::test]
async fn an_unreachable_upstream_is_a_transport_error() {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let addr = listener.local_addr().expect("bound");
    drop(listener);
    let client = client_for(&format!("http://{addr}/api"), "p", Duration::from_secs(2));
    let error = client
        .payment_vias(&Shopper::default())
        .await
        .expect_err("nothing listens");
    assert!(matches!(error, ApiError::Transport(_)), "{error:?}");
}

// ---- what the client sends and what it cannot read -------------------------------------------

#[tokio::test]
async fn every_call_carries_the_partner_and_shopper_headers() {
    let seen: Arc<Mutex<Option<HeaderMap>>> = Arc::default();
    let recorder = {
        let seen = seen.clone();
        move |headers: HeaderMap| {
            let seen = seen.clone();
            async move {
                *seen.lock().expect("lock") = Some(headers);
                Json(serde_json::json!([]))
            }
        }
    };
    let addr = serve(Router::new().route("/api/v3/payment_vias", get(recorder))).await;
    let client = client_for(
        &format!("http://{addr}/api"),
        "partner-42",
        Duration::from_secs(2),
    );
    let shopper = Shopper {
        country: Some(country("VN")),
        ip: Some("203.0.113.9".parse().expect("an IP")),
        user_agent: Some("Mozilla/5.0 test".into()),
        ..Shopper::default()
    };
    client.payment_vias(&shopper).await.expect("an empty list");
    let headers = seen
        .lock()
        .expect("lock")
        .clone()
        .expect("a request arrived");
    assert_eq!(headers["x-cr-application"], "partner-42");
    assert_eq!(headers["x-cr-version"], "test-1");
    assert_eq!(headers["x-country-iso-code"], "VN");
    assert_eq!(headers["x-forwarded-for"], "203.0.113.9");
    assert_eq!(headers["user-agent"], "Mozilla/5.0 test");
    assert_eq!(headers["content-type"], "application/json");
}

#[tokio::test]
async fn decode_failures_name_the_field_that_broke() {
    let app = Router::new()
        .route("/api/v5/orders/{id}", get(|| async { Json(serde_json::json!({"order_id": "x", "order_state": "Done", "coin": "USDC", "coin_amount": "lots", "created_at": "1"})) }))
        .route("/api/v5/orders", post(|| async { Json(serde_json::json!({"order_state": "WaitingForPayment"})) }));
    let addr = serve(app).await;
    let client = client_for(&format!("http://{addr}/api"), "p", Duration::from_secs(2));
    match client.order("x", &Shopper::default()).await {
        Err(ApiError::Decode { path, .. }) => assert_eq!(path, "coin_amount"),
        other => panic!("a decode error was expected, got {other:?}"),
    }
    match client
        .create_order(&amazon_25("a@example.com"), &Shopper::default())
        .await
    {
        Err(ApiError::Decode { path, message, .. }) => {
            assert_eq!((path.as_str(), message.as_str()), ("order_id", "missing"))
        }
        other => panic!("a decode error was expected, got {other:?}"),
    }
}

#[tokio::test]
async fn orders_name_their_network_and_language() {
    let bodies: Arc<Mutex<Vec<serde_json::Value>>> = Arc::default();
    let recorder = {
        let bodies = bodies.clone();
        move |Json(body): Json<serde_json::Value>| {
            let bodies = bodies.clone();
            async move {
                bodies.lock().expect("lock").push(body);
                Json(serde_json::json!({"coin": "USDC", "coin_amount": "25.53", "problems": null}))
            }
        }
    };
    let addr = serve(Router::new().route("/api/v5/orders/validations", post(recorder))).await;
    let client = client_for(&format!("http://{addr}/api"), "p", Duration::from_secs(2));
    let validated = client
        .validate_order(&amazon_25("a@example.com"), &shopper("US"))
        .await
        .expect("validated");
    assert_eq!(validated.amount, dec("25.53"));
    let body = bodies
        .lock()
        .expect("lock")
        .pop()
        .expect("a request arrived");
    assert_eq!(body["payment"]["network"], "Solana");
    assert_eq!(body["payment"]["coin"], "USDC");
    assert_eq!(body["payment"]["payment_via"], "USER_WALLET");
    assert_eq!(body["lang"], "en");
}

// ---- production's shapes, as the sandbox sends them ---------------------------------------

/// A brand's page through the client, as the shop asks for it (prices in USDC).
async fn brand_page(s: &Sandbox, code: &str, name: &str) -> storefront::domain::BrandDetails {
    let catalog = s
        .client
        .brands(country(code), &shopper(code))
        .await
        .expect("brands");
    let brand = catalog.brands.iter().find(|b| b.name == name).expect(name);
    s.client
        .products(brand, country(code), "USDC", &shopper(code))
        .await
        .expect("products")
}

async fn raw_products(s: &Sandbox, code: &str, family: &str) -> serde_json::Value {
    s.http
        .get(format!("{}/v5/products/country/{code}", s.base))
        .query(&[("family_name", family), ("coin", "USDC")])
        .header("X-Cr-Application", "p")
        .send()
        .await
        .expect("an answer")
        .json()
        .await
        .expect("JSON")
}

fn range_product(family: &serde_json::Value) -> serde_json::Value {
    family[0]["products"]
        .as_array()
        .and_then(|products| products.iter().find(|p| p["is_dynamic"] == true))
        .cloned()
        .expect("a range product")
}

#[tokio::test]
async fn the_sandbox_sends_every_amount_form_and_the_client_reads_them_all() {
    let s = Sandbox::manual().await;
    // As captured from production: object bounds in face_value, numbers in range.
    let hotels = range_product(&raw_products(&s, "US", "Hotels.com").await);
    assert!(
        hotels["face_value"]["amount"]["min"]["amount"].is_number(),
        "{hotels}"
    );
    assert!(hotels["range"]["min"].is_number(), "{hotels}");
    // Other brands: objects in range, strings in face_value; strings in range.
    let airbnb = range_product(&raw_products(&s, "US", "Airbnb").await);
    assert!(airbnb["range"]["min"]["amount"].is_number(), "{airbnb}");
    assert!(
        airbnb["face_value"]["amount"]["min"].is_string(),
        "{airbnb}"
    );
    let google = raw_products(&s, "BR", "Google Play").await;
    assert!(range_product(&google)["range"]["min"].is_string());
    assert!(
        google[0]["products"][0]["face_value"]["amount"]["value"]["amount"].is_number(),
        "a fixed face value as an object under `value`: {google}"
    );

    for (code, name) in [
        ("US", "Hotels.com"),
        ("US", "Airbnb"),
        ("BR", "Google Play"),
        ("US", "Amazon.com"),
    ] {
        let details = brand_page(&s, code, name).await;
        assert_eq!(details.unreadable_products, 0, "{name}");
        assert!(details.range().is_some(), "{name} keeps its custom amount");
        for product in details.fixed_products() {
            let Offer::Fixed { face_value, .. } = &product.offer else {
                continue;
            };
            assert!(
                face_value.is_some(),
                "{name}: every fixed face value is read"
            );
        }
    }
}

#[tokio::test]
async fn a_brand_selling_only_custom_amounts_shows_its_range_and_a_price() {
    let s = Sandbox::manual().await;
    let details = brand_page(&s, "US", "Hotels.com").await;
    assert_eq!(details.fixed_products().count(), 0, "custom amounts only");
    assert!(!details.is_unavailable());
    let (_, range) = details
        .range()
        .expect("the range, from production's object form");
    assert_eq!((range.min, range.max), (dec("50"), dec("500")));
    let quote = s
        .client
        .price(
            "Hotels.com",
            country("US"),
            dec("100"),
            "USDC",
            &shopper("US"),
        )
        .await
        .expect("a price");
    assert_eq!(quote.price.amount, dec("102.10"), "100 x (1 + 2.1%)");
    assert_eq!(quote.price.currency, "USDC");

    // An unknown product is not found, as production says it: 404 NOT_AVAILABLE_PRODUCT.
    let missing = s
        .client
        .price(
            "No Such Brand",
            country("US"),
            dec("100"),
            "USDC",
            &shopper("US"),
        )
        .await
        .expect_err("unknown");
    assert!(
        matches!(&missing, ApiError::NotFound { code: Some(code) } if code == "NOT_AVAILABLE_PRODUCT"),
        "{missing:?}"
    );
    // An amount it does not sell is upstream's code, read as a problem with the amount.
    let refused = s
        .client
        .price(
            "Hotels.com",
            country("US"),
            dec("7"),
            "USDC",
            &shopper("US"),
        )
        .await
        .expect_err("out of range");
    assert!(
        matches!(&refused, ApiError::Problems { status: 400, problems } if problems[0].code == "INVALID_PRODUCT_VALUE"),
        "{refused:?}"
    );
    assert_eq!(
        refused.problems()[0].field(),
        storefront::domain::problem::ProblemField::Amount
    );
}

// ---- the partner id stays home --------------------------------------------------------------

#[tokio::test]
async fn redirects_are_refused_and_the_partner_id_stays_home() {
    // Where a redirect would take the partner id: it must never be asked anything.
    let elsewhere_calls: Arc<Mutex<usize>> = Arc::default();
    let elsewhere = {
        let calls = elsewhere_calls.clone();
        serve(Router::new().fallback(move || {
            let calls = calls.clone();
            async move {
                *calls.lock().expect("lock") += 1;
                Json(serde_json::json!([]))
            }
        }))
        .await
    };
    let target = format!("http://localhost:{}/steal", elsewhere.port());
    let redirecting = serve(Router::new().fallback(move || {
        let target = target.clone();
        async move { axum::response::Redirect::temporary(&target) }
    }))
    .await;
    let client = client_for(
        &format!("http://{redirecting}/api"),
        "secret-partner",
        Duration::from_secs(2),
    );
    let error = client
        .payment_vias(&Shopper::default())
        .await
        .expect_err("a redirect is an error");
    assert!(
        matches!(&error, ApiError::Redirected { status: 307, host } if host == "localhost"),
        "{error:?}"
    );
    assert!(
        error.to_string().contains("localhost"),
        "the message names the host: {error}"
    );
    assert_eq!(
        *elsewhere_calls.lock().expect("lock"),
        0,
        "nothing went to the target"
    );

    let debug = format!("{client:?}");
    assert!(!debug.contains("secret-partner"), "{debug}");
    assert!(debug.contains("<redacted>"), "{debug}");
}

#[tokio::test]
async fn control_calls_must_be_json_posts() {
    let s = Sandbox::manual().await;
    let order = new_order(&s).await;
    let url = format!("{}/__control/orders/{}/pay", s.base, order.id);
    let as_form = s
        .http
        .post(&url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("x=1")
        .send()
        .await
        .expect("an answer");
    assert_eq!(as_form.status(), 415);
    let as_get = s.http.get(&url).send().await.expect("an answer");
    assert_eq!(as_get.status(), 405);
    assert_eq!(s.push(&order.id, "pay").await, 200, "a JSON POST works");
}

#[tokio::test]
async fn the_price_shown_is_what_the_order_asks_for_on_every_coin_and_network() {
    let s = Sandbox::manual().await;
    let vias = s
        .client
        .payment_vias(&shopper("US"))
        .await
        .expect("payment vias");
    let wallet = vias
        .iter()
        .find(|v| v.name == "USER_WALLET")
        .expect("USER_WALLET");
    let catalog = s
        .client
        .brands(country("US"), &shopper("US"))
        .await
        .expect("brands");
    let amazon = catalog
        .brands
        .iter()
        .find(|b| b.slug == "amazon-com")
        .expect("Amazon.com")
        .clone();
    let mut checked = 0;
    for coin in wallet.usable_coins() {
        let details = s
            .client
            .products(&amazon, country("US"), &coin.name, &shopper("US"))
            .await
            .expect("products");
        let shown = details
            .fixed_products()
            .find_map(|p| match &p.offer {
                storefront::domain::Offer::Fixed {
                    label,
                    price: Some(price),
                    ..
                } if label == "$25" => Some(price.amount),
                _ => None,
            })
            .expect("a price for $25");
        for network in coin.networks.iter().filter(|n| !n.suspended) {
            let mut order = amazon_25("a@example.com");
            order.coin = coin.name.clone();
            order.network = network.name.clone();
            let validated = s
                .client
                .validate_order(&order, &shopper("US"))
                .await
                .expect("valid");
            let created = s
                .client
                .create_order(&order, &shopper("US"))
                .await
                .expect("created");
            let what = format!("{} on {}", coin.name, network.name);
            assert_eq!(validated.amount, shown, "{what}: validated");
            assert_eq!(created.payment.amount, shown, "{what}: to pay");
            assert_eq!(
                created.payment.network.as_deref(),
                Some(network.name.as_str())
            );
            checked += 1;
        }
    }
    assert!(checked >= 10, "every network: {checked}");
}
