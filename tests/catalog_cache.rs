//! The catalog cache, in front of the sandbox over real HTTP: page views cost upstream one
//! call, and the last good copy is served while upstream fails.

mod support;

use std::time::Duration;
use storefront::{
    config::Config,
    cryptorefills::{cache::CachePolicy, catalog::Catalog, Shopper},
    domain::Country,
    server::{self, AppState},
};
use support::{serve, Sandbox};

fn us() -> Country {
    Country::find("US").copied().expect("US")
}

const SHORT: CachePolicy = CachePolicy {
    fresh_for: Duration::from_millis(1000),
    retry_failed_after: Duration::ZERO,
    max_entries: 100,
};

#[tokio::test]
async fn many_page_views_make_one_upstream_call() {
    let upstream = Sandbox::manual().await;
    let config = Config::from_lookup(|name| match name {
        "CR_API_URL" => Some(upstream.base.clone()),
        "CR_PARTNER_ID" => Some("test-partner".into()),
        "CR_APP_VERSION" => Some("test-1".into()),
        _ => None,
    })
    .expect("valid config");
    let mut options = leptos::config::LeptosOptions::builder()
        .output_name("storefront")
        .build();
    options.site_root = "target/site".into();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a port");
    let addr = listener.local_addr().expect("bound");
    drop(listener);
    let state = AppState::new(config, options, addr).expect("state");
    let shop = serve(server::router(state)).await;
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
    let catalog = Catalog::with_policies(upstream.client.clone(), SHORT, SHORT);
    let shopper = Shopper::default();
    let fresh = catalog
        .country(us(), "en", &shopper)
        .await
        .expect("the first copy");
    assert_eq!(upstream.calls.to("/v2/brands"), 1);

    tokio::time::sleep(SHORT.fresh_for + Duration::from_millis(200)).await;
    upstream
        .fault(serde_json::json!({"path": "/v2/brands", "status": 503, "times": 100}))
        .await;
    for _ in 0..3 {
        let stale = catalog
            .country(us(), "en", &shopper)
            .await
            .expect("the stale copy");
        assert_eq!(stale, fresh);
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(upstream.calls.to("/v2/brands") > 1, "refreshes were tried");

    // Upstream is back: the next refresh succeeds, and the copy is fresh again.
    upstream.clear_faults().await;
    tokio::time::sleep(Duration::from_millis(600)).await;
    catalog.country(us(), "en", &shopper).await.expect("a copy");
    tokio::time::sleep(Duration::from_millis(200)).await;
    let before = upstream.calls.to("/v2/brands");
    catalog.country(us(), "en", &shopper).await.expect("a copy");
    assert_eq!(
        upstream.calls.to("/v2/brands"),
        before,
        "served fresh, without a call"
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
        .country(us(), "en", &Shopper::default())
        .await
        .expect_err("no copy yet");
    assert_eq!(error.status(), Some(503));
    assert!(
        catalog
            .country(us(), "en", &Shopper::default())
            .await
            .is_ok(),
        "not cached as a failure"
    );
}
