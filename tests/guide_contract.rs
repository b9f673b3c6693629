//! What the client sends, compared field by field with the partner guide's own examples
//! (`POST /v5/orders/validations` and `POST /v5/orders`), and the headers of every call.
//! An upstream on a free port records each request and answers with production's captures.

mod support;

use axum::{body::Bytes, extract::Request, http::HeaderMap, Router};
use serde_json::{json, Value};
use std::{
    collections::BTreeSet,
    net::SocketAddr,
    sync::{Arc, Mutex},
};
use storefront::{
    cryptorefills::Shopper,
    domain::{
        checkout::{AmountChoice, DraftItem, OrderDraft},
        Country, Money, ProductKind,
    },
};

/// The guide's validation example, as printed in it.
fn guide_validation() -> Value {
    json!({
        "email": "END_USER_EMAIL",
        "payment": {"type": "via", "payment_via": "USER_WALLET", "coin": "USDC"},
        "deliveries": [{
            "beneficiary_account": "END_USER_EMAIL", "brand_name": "Airbnb",
            "country_code": "US", "denomination": "100 USD", "localized_denomination": "$100"
        }],
        "lang": "en"
    })
}

/// The guide's creation example, as printed in it.
fn guide_creation() -> Value {
    json!({
        "deliveries": [{
            "kind": "giftcard", "quantity": 1,
            "deliverable": {
                "brand_name": "Airbnb", "country_code": "US", "denomination": "100",
                "beneficiary_account": "END_USER_EMAIL"
            }
        }],
        "payment": {"type": "via", "coin": "USDC", "network": "Solana", "payment_via": "USER_WALLET"},
        "user": {"email": "END_USER_EMAIL", "has_accepted_newsletter": true},
        "lang": "en",
        "acquisition": {"utm_source": "your_platform"}
    })
}

/// The keys of an object, recursively (`payment.coin`, `deliveries[].deliverable.denomination`).
fn keys(value: &Value, prefix: &str, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                out.insert(path.clone());
                keys(inner, &path, out);
            }
        }
        Value::Array(items) => {
            for item in items {
                keys(item, &format!("{prefix}[]"), out);
            }
        }
        _ => {}
    }
}

fn key_set(value: &Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    keys(value, "", &mut out);
    out
}

#[derive(Clone, Debug)]
struct Recorded {
    method: String,
    path: String,
    headers: HeaderMap,
    body: Value,
}

#[derive(Clone, Default)]
struct Recorder(Arc<Mutex<Vec<Recorded>>>);

impl Recorder {
    fn all(&self) -> Vec<Recorded> {
        self.0.lock().map(|r| r.clone()).unwrap_or_default()
    }

    fn last(&self, method: &str, path_end: &str) -> Recorded {
        self.all()
            .into_iter()
            .rev()
            .find(|r| r.method == method && r.path.ends_with(path_end))
            .unwrap_or_else(|| panic!("no {method} …{path_end} was sent"))
    }
}

fn fixture(name: &str) -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/samples")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// An upstream that records every request and answers with production's captures.
async fn recording_upstream() -> (String, Recorder) {
    let recorder = Recorder::default();
    let log = recorder.clone();
    let app = Router::new().fallback(move |request: Request| {
        let log = log.clone();
        async move {
            let (parts, body) = request.into_parts();
            let bytes: Bytes = axum::body::to_bytes(body, 1 << 20)
                .await
                .unwrap_or_default();
            let body: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
            let path = parts.uri.path().to_string();
            if let Ok(mut log) = log.0.lock() {
                log.push(Recorded {
                    method: parts.method.to_string(),
                    path: path.clone(),
                    headers: parts.headers.clone(),
                    body,
                });
            }
            if path.ends_with("/subscribe") {
                let event = format!(
                    "data: {}\n\nevent: stop\ndata: {{}}\n\n",
                    fixture("get_order_done.json")
                );
                return axum::response::IntoResponse::into_response((
                    [(axum::http::header::CONTENT_TYPE, "text/event-stream")],
                    event,
                ));
            }
            let answer = if path.ends_with("/validations") {
                fixture("validation.json")
            } else if path.ends_with("/v5/orders") {
                fixture("create_order.json")
            } else if path.contains("/v5/orders/") {
                fixture("get_order_done.json")
            } else {
                json!([])
            };
            axum::response::IntoResponse::into_response(axum::Json(answer))
        }
    });
    let addr: SocketAddr = support::serve(app).await;
    (format!("http://{addr}/api"), recorder)
}

fn us() -> Country {
    Country::find("US").copied().expect("US")
}

fn draft(brand: &str, kind: ProductKind, amount: AmountChoice, to: &str) -> OrderDraft {
    OrderDraft {
        email: "ann@example.com".into(),
        coin: "USDC".into(),
        network: "Solana".into(),
        items: vec![DraftItem {
            brand_name: brand.into(),
            country: us(),
            kind,
            amount,
            beneficiary: to.into(),
        }],
        coupon: None,
        newsletter: true,
    }
}

fn usd(amount: u32) -> Money {
    Money::new(rust_decimal::Decimal::from(amount), "USD")
}

fn shopper() -> Shopper {
    Shopper {
        country: Some(us()),
        ip: Some("203.0.113.9".parse().expect("an address")),
        user_agent: Some("Shopper's Browser/1.0".into()),
        ..Shopper::default()
    }
}

/// One order line to send, and what the guide's shapes make of it.
struct Case {
    what: &'static str,
    draft: OrderDraft,
    /// Validation's denomination and label.
    denomination: &'static str,
    label: Option<&'static str>,
    /// Creation's denomination.
    bare: &'static str,
    kind: &'static str,
}

fn cases() -> Vec<Case> {
    let fixed_usd = |denomination: &str, label: &str, amount| AmountChoice::Fixed {
        denomination: denomination.into(),
        label: Some(label.into()),
        face_value: Some(usd(amount)),
    };
    let case = |what, draft, denomination, label, bare, kind| Case {
        what,
        draft,
        denomination,
        label: Some(label),
        bare,
        kind,
    };
    vec![
        case(
            "a fixed card",
            draft(
                "Amazon.com",
                ProductKind::GiftCard,
                fixed_usd("25 USD", "$25", 25),
                "ann@example.com",
            ),
            "25 USD",
            "$25",
            "25",
            "giftcard",
        ),
        case(
            "a custom amount",
            draft(
                "Airbnb",
                ProductKind::GiftCard,
                AmountChoice::Custom(usd(100)),
                "ann@example.com",
            ),
            "100 USD",
            "$100",
            "100",
            "giftcard",
        ),
        case(
            "a top-up",
            draft(
                "AT&T",
                ProductKind::MobileTopUp,
                fixed_usd("10 USD", "$10", 10),
                "+14155551234",
            ),
            "10 USD",
            "$10",
            "10",
            "mobile_recharge",
        ),
        case(
            "an eSIM plan",
            draft(
                "eSIM",
                ProductKind::Esim,
                fixed_usd("1 GB 7 days", "1 GB 7 days", 5),
                "ann@example.com",
            ),
            "1 GB 7 days",
            "1 GB 7 days",
            "1 GB 7 days",
            "mobile_recharge",
        ),
        case(
            "an NFT gift card",
            draft(
                "Pudgy Gift",
                ProductKind::Other("nft_giftcard".into()),
                fixed_usd("25 USD", "$25", 25),
                "ann@example.com",
            ),
            "25 USD",
            "$25",
            "25",
            "nft_giftcard",
        ),
    ]
}

#[tokio::test]
async fn validation_and_creation_bodies_have_the_guides_fields() {
    let (api, upstream) = recording_upstream().await;
    let client = support::client_for(&api, "partner-7", std::time::Duration::from_secs(5));
    let guide_validation_keys = key_set(&guide_validation());
    let guide_creation_keys = key_set(&guide_creation());
    for Case {
        what,
        mut draft,
        denomination,
        label,
        bare,
        kind,
    } in cases()
    {
        let _ = client.validate_order(&draft, &shopper()).await;
        let sent = upstream.last("POST", "/validations").body;
        // Every field of the guide's example, and besides them only `payment.network`
        // (the contract's `network?`, so that the price is the chosen network's).
        let mut extra: BTreeSet<String> = key_set(&sent)
            .difference(&guide_validation_keys)
            .cloned()
            .collect();
        assert_eq!(
            extra,
            BTreeSet::from(["payment.network".to_string()]),
            "{what}: {sent}"
        );
        assert!(
            guide_validation_keys.is_subset(&key_set(&sent)),
            "{what}: {sent}"
        );
        let line = &sent["deliveries"][0];
        assert_eq!(line["denomination"], denomination, "{what}");
        assert_eq!(line["localized_denomination"].as_str(), label, "{what}");
        assert_eq!(sent["payment"]["type"], "via");
        assert_eq!(sent["lang"], "en");

        let _ = client.create_order(&draft, &shopper()).await;
        let sent = upstream.last("POST", "/v5/orders").body;
        assert_eq!(
            key_set(&sent),
            guide_creation_keys,
            "{what}: exactly the guide's fields: {sent}"
        );
        let delivery = &sent["deliveries"][0];
        assert_eq!(delivery["kind"], kind, "{what}: the brand's own kind");
        assert_eq!(delivery["quantity"], 1);
        assert_eq!(
            delivery["deliverable"]["denomination"], bare,
            "{what}: the bare amount"
        );
        assert_eq!(sent["user"]["has_accepted_newsletter"], true);

        // A coupon adds `coupon_code` (no example confirms the name: validation's answer
        // uses it) and nothing else.
        draft.coupon = Some("WELCOME5".into());
        let _ = client.validate_order(&draft, &shopper()).await;
        let sent = upstream.last("POST", "/validations").body;
        extra = key_set(&sent)
            .difference(&guide_validation_keys)
            .cloned()
            .collect();
        assert_eq!(
            extra,
            BTreeSet::from(["coupon_code".to_string(), "payment.network".to_string()]),
            "{what}"
        );
        assert_eq!(sent["coupon_code"], "WELCOME5");
        let _ = client.create_order(&draft, &shopper()).await;
        let sent = upstream.last("POST", "/v5/orders").body;
        assert_eq!(sent["coupon_code"], "WELCOME5");
    }
}

#[tokio::test]
async fn every_call_carries_the_partner_and_the_shoppers_headers() {
    let (api, upstream) = recording_upstream().await;
    let client = support::client_for(&api, "partner-7", std::time::Duration::from_secs(5));
    let draft = cases().remove(0).draft;
    let _ = client.validate_order(&draft, &shopper()).await;
    let _ = client.create_order(&draft, &shopper()).await;
    let _ = client.order("f9d624ad", &shopper()).await;
    let _ = client.order_events("f9d624ad", &shopper()).await;
    let calls = upstream.all();
    assert_eq!(calls.len(), 4);
    for call in calls {
        let header = |name: &str| {
            call.headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_string()
        };
        let what = format!("{} {}", call.method, call.path);
        assert_eq!(header("x-cr-application"), "partner-7", "{what}");
        assert_eq!(header("x-cr-version"), "test-1", "{what}");
        assert_eq!(header("content-type"), "application/json", "{what}");
        assert_eq!(header("x-country-iso-code"), "US", "{what}");
        assert_eq!(header("x-forwarded-for"), "203.0.113.9", "{what}");
        assert_eq!(header("user-agent"), "Shopper's Browser/1.0", "{what}");
    }
}

#[tokio::test]
async fn the_shop_names_the_orders_country_and_forwards_the_viewer_on_order_calls() {
    let (api, upstream) = recording_upstream().await;
    let shop = support::shop_in_front_of(&api, &[]).await;
    let http = reqwest::Client::new();
    // A page of an order the shop hasn't seen: the country the shopper chose last.
    let _ = http
        .get(format!("http://{shop}/orders/0d2c9d55-1111"))
        .header("cookie", "storefront_country=DE")
        .header("x-forwarded-for", "198.51.100.4")
        .header("user-agent", "Viewer/2.0")
        .send()
        .await;
    let call = upstream.last("GET", "/v5/orders/0d2c9d55-1111");
    assert_eq!(call.headers["x-country-iso-code"], "DE");
    assert_eq!(call.headers["x-forwarded-for"], "198.51.100.4");
    // Once seen, the order's own country (the capture's delivery is in the US).
    let _ = http
        .get(format!("http://{shop}/api/orders/0d2c9d55-1111/subscribe"))
        .header("cookie", "storefront_country=DE")
        .header("x-forwarded-for", "198.51.100.4")
        .header("user-agent", "Viewer/2.0")
        .send()
        .await;
    let call = upstream.last("GET", "/v5/orders/0d2c9d55-1111/subscribe");
    assert_eq!(call.headers["x-country-iso-code"], "US");
    assert_eq!(call.headers["x-forwarded-for"], "198.51.100.4");
    assert_eq!(call.headers["user-agent"], "Viewer/2.0");
}
