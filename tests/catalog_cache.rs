//! The catalog cache, in front of the sandbox over real HTTP: page views cost upstream one
//! call, and the last good copy is served while upstream fails.

mod support;

use std::time::Duration;
use storefront::{
    cryptorefills::{cache::CachePolicy, catalog_cache::Catalog, Shopper},
    domain::Country,
};
use support::Sandbox;

fn us() -> Country {
    Country::find("US").copied().expect("US")
}

/// Every copy is stale at once and a failed refresh may be tried again at once: what the
/// cache does after its freshness runs out, with no waiting for a clock. (How long copies stay
/// fresh is tested in `cache.rs` on tokio's paused clock, which real HTTP cannot run on.)
const STALE_AT_ONCE: CachePolicy = CachePolicy {
    fresh_for: Duration::ZERO,
    retry_failed_after: Duration::ZERO,
    max_entries: 100,
};

/// Waits until `done` holds, checking as often as the runtime lets it: no test here assumes
/// how fast a 2-core CI machine is, only that it gets there within a generous deadline.
async fn eventually(what: &str, done: impl Fn() -> bool) {
    let waited = tokio::time::timeout(Duration::from_secs(20), async {
        while !done() {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    })
    .await;
    assert!(waited.is_ok(), "{what} within 20 s");
}

#[tokio::test]
async fn many_page_views_make_one_upstream_call() {
    let upstream = Sandbox::manual().await;
    let shop = support::shop_in_front_of(&upstream.base, &[]).await;
    let http = reqwest::Client::new();

    let views = (0..30).map(|_| http.get(format!("http://{shop}/US")).send());
    for response in futures::future::join_all(views).await {
        let response = response.expect("a page");
        assert_eq!(response.status(), 200);
        let html = response.text().await.expect("html");
        assert!(html.contains("Amazon.com"), "the grid is there");
    }
    let brand_views = (0..10).map(|_| http.get(format!("http://{shop}/US/amazon-com")).send());
    for response in futures::future::join_all(brand_views).await {
        assert_eq!(response.expect("a page").status(), 200);
    }
    assert_eq!(upstream.calls.to("/v2/brands"), 1);
    assert_eq!(upstream.calls.to("/v2/homepage"), 1);
    assert_eq!(upstream.calls.to("/v5/products/country/US"), 1);
    assert_eq!(upstream.calls.to("/v3/payment_vias"), 1);

    // With a real upstream configured, the shop mounts no sandbox.
    let sandbox_route = http
        .get(format!("http://{shop}/sandbox/api/v3/payment_vias"))
        .header("X-Cr-Application", "x")
        .send()
        .await
        .expect("an answer");
    assert_eq!(sandbox_route.status(), 404);
}

#[tokio::test]
async fn the_last_good_copy_is_served_while_upstream_fails() {
    let upstream = Sandbox::manual().await;
    let catalog = Catalog::with_policies(upstream.client.clone(), STALE_AT_ONCE, STALE_AT_ONCE);
    let shopper = Shopper::default();
    let fresh = catalog
        .country(us(), &shopper)
        .await
        .expect("the first copy");
    assert_eq!(upstream.calls.to("/v2/brands"), 1);

    upstream
        .fault(serde_json::json!({"path": "/v2/brands", "status": 503, "times": 1000}))
        .await;
    for _ in 0..3 {
        let stale = catalog
            .country(us(), &shopper)
            .await
            .expect("the stale copy");
        assert_eq!(stale, fresh);
    }
    eventually("a refresh reaches upstream", || {
        upstream.calls.to("/v2/brands") > 1
    })
    .await;
    let stale = catalog
        .country(us(), &shopper)
        .await
        .expect("still the copy");
    assert_eq!(stale, fresh, "failures never replace the good copy");

    // Upstream is back: refreshes succeed again (and the copy is still the same catalog).
    upstream.clear_faults().await;
    let before = upstream.calls.to("/v2/brands");
    catalog.country(us(), &shopper).await.expect("a copy");
    eventually("a refresh after the fault", || {
        upstream.calls.to("/v2/brands") > before
    })
    .await;
    assert_eq!(
        catalog.country(us(), &shopper).await.expect("a copy"),
        fresh
    );
}

#[tokio::test]
async fn without_any_copy_an_upstream_failure_is_an_error() {
    let upstream = Sandbox::manual().await;
    upstream
        .fault(serde_json::json!({"path": "/v2/brands", "status": 503, "times": 2}))
        .await;
    let catalog = Catalog::new(upstream.client.clone());
    let error = catalog
        .country(us(), &Shopper::default())
        .await
        .expect_err("no copy yet");
    assert_eq!(error.status(), Some(503));
    assert!(
        catalog.country(us(), &Shopper::default()).await.is_ok(),
        "not cached as a failure"
    );
}

/// One shopper opens an order's page twenty times at once (tabs, reloads): upstream hears of
/// it once, and the look-up limit of five turns none away (only calls that reach upstream
/// count); a change shows once the copy is a second old.
#[tokio::test]
async fn an_order_viewed_by_many_at_once_costs_upstream_one_call() {
    let upstream = Sandbox::manual().await;
    let shop = support::shop_in_front_of(
        &upstream.base,
        &[("STOREFRONT_ORDER_LOOKUPS_PER_MINUTE", "5")],
    )
    .await;
    let id = upstream.order("many-views@example.com").await;
    let http = reqwest::Client::new();
    let page = |http: reqwest::Client| {
        let url = format!("http://{shop}/orders/{id}");
        async move {
            let answer = http.get(url).send().await.expect("a page");
            (answer.status(), answer.text().await.unwrap_or_default())
        }
    };
    let views = futures::future::join_all((0..20).map(|_| page(http.clone()))).await;
    for (status, body) in &views {
        assert_eq!(*status, 200, "{body}");
        assert!(body.contains("Pay for your order"));
    }
    let calls = || upstream.calls.to(&format!("/v5/orders/{id}"));
    assert_eq!(calls(), 1);

    assert_eq!(upstream.push(&id, "pay").await, 200);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let (status, body) = page(http.clone()).await;
    assert_eq!(status, 200);
    assert!(body.contains("Payment received"), "{body}");
    assert_eq!(calls(), 2);
}

/// The page asks for a delivered card's barcode the moment the delivery shows: a copy of
/// the order from before it (kept for a second) doesn't make that a 404.
#[tokio::test]
async fn a_barcode_asked_for_right_after_delivery_is_served() {
    let upstream = Sandbox::manual().await;
    let shop = support::shop_in_front_of(&upstream.base, &[]).await;
    let id = upstream.order("barcode-now@example.com").await;
    let http = reqwest::Client::new();
    let page = http
        .get(format!("http://{shop}/orders/{id}"))
        .send()
        .await
        .expect("a page");
    assert_eq!(page.status(), 200);
    assert_eq!(upstream.push(&id, "pay").await, 200);
    assert_eq!(upstream.push(&id, "deliver").await, 200);
    let order: serde_json::Value = http
        .get(format!("{}/v5/orders/{id}", upstream.base))
        .header("x-cr-application", "tests")
        .send()
        .await
        .expect("the sandbox answers")
        .json()
        .await
        .expect("JSON");
    let delivery = order["deliveries"][0]["id"]
        .as_str()
        .map(str::to_owned)
        .or_else(|| order["deliveries"][0]["id"].as_i64().map(|n| n.to_string()))
        .expect("a delivery id");
    assert!(
        order["deliveries"][0]["deliverable"]["barcode_image_url"].is_string(),
        "{order}"
    );
    let picture = http
        .get(format!(
            "http://{shop}/orders/{id}/images/{delivery}/barcode"
        ))
        .send()
        .await
        .expect("an answer");
    assert_eq!(picture.status(), 200);
    assert!(picture.headers()["content-type"]
        .to_str()
        .is_ok_and(|t| t.starts_with("image/")));
}
