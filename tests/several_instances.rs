//! Two shop instances sharing one Redis, over real processes (issue 23): this build's
//! `storefront` binary twice, `redis-server`, nginx from the README's example in front, and
//! one sandbox as upstream. A double click split between instances is one order; one
//! shopper has one rate limit; a hundred viewers on both instances cost upstream one
//! stream, which another instance takes over when its holder dies; Redis stopped and
//! started again loses no order and makes none twice.

mod support;

use futures::StreamExt;
use std::{net::SocketAddr, time::Duration};
use storefront::domain::{order_status::OrderStatus, OrderState};
use support::{
    cluster::{Balancer, Instance, Redis},
    location, no_redirects, post_checkout, Sandbox,
};

/// Two instances sharing `redis`, in front of `upstream`.
fn two_instances(upstream: &Sandbox, redis: &Redis, extra: &[(&str, &str)]) -> [Instance; 2] {
    let url = redis.url();
    [
        Instance::start(&upstream.base, Some(&url), extra),
        Instance::start(&upstream.base, Some(&url), extra),
    ]
}

async fn health(shop: SocketAddr) -> serde_json::Value {
    no_redirects()
        .get(format!("http://{shop}/healthz"))
        .send()
        .await
        .expect("healthz answers")
        .json()
        .await
        .expect("JSON")
}

/// The checkout key a brand page gives a browser.
async fn checkout_key(shop: SocketAddr) -> String {
    let page = no_redirects()
        .get(format!("http://{shop}/US/amazon-com"))
        .send()
        .await
        .expect("the brand page");
    assert_eq!(page.status(), 200);
    page.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|c| c.strip_prefix("storefront_checkout="))
        .and_then(|c| c.split(';').next())
        .map(str::to_string)
        .expect("a checkout cookie")
}

fn form(product: &str, email: &str, intent: &str) -> String {
    format!(
        "country=US&brand=amazon-com&product={product}&coin=USDC&network=Solana\
         &email={email}&intent={intent}"
    )
}

#[tokio::test]
async fn a_double_click_split_across_instances_makes_one_order() {
    let upstream = Sandbox::manual().await;
    let redis = Redis::start();
    let [a, b] = two_instances(&upstream, &redis, &[]);
    let product = upstream.amazon_product("25").await;
    let email = "double@example.com";
    let key = checkout_key(a.addr).await;

    // Both clicks at once, one on each instance.
    let click = form(&product, email, "buy");
    let (first, second) = tokio::join!(
        post_checkout(a.addr, Some(&key), &click),
        post_checkout(b.addr, Some(&key), &click),
    );
    assert_eq!(
        (first.status().as_u16(), second.status().as_u16()),
        (303, 303)
    );
    assert!(
        location(&first).starts_with("/orders/"),
        "{}",
        location(&first)
    );
    assert_eq!(location(&first), location(&second), "the same order");
    // Sent again later, to either: still that order.
    let later = post_checkout(b.addr, Some(&key), &form(&product, email, "buy")).await;
    assert_eq!(location(&later), location(&first));
    assert_eq!(upstream.orders_for(email).await, 1);

    // A form sent back by one instance (a mistyped email) is read by the other.
    let wrong = post_checkout(a.addr, Some(&key), &form(&product, "not-an-email", "buy")).await;
    let back = location(&wrong);
    assert!(back.contains("form="), "{back}");
    let page = no_redirects()
        .get(format!("http://{}{back}", b.addr))
        .send()
        .await
        .expect("the brand page");
    let html = page.text().await.expect("HTML");
    assert!(
        html.contains("not-an-email"),
        "the other instance shows what was typed"
    );
    assert!(html.contains("email address"), "and what to fix");

    let store = health(a.addr).await["store"].clone();
    assert_eq!(store["kind"], "redis");
    assert_eq!(store["reachable"], true);
}

#[tokio::test]
async fn one_shopper_has_one_rate_limit_across_instances() {
    let upstream = Sandbox::manual().await;
    let redis = Redis::start();
    let [a, b] = two_instances(&upstream, &redis, &[("STOREFRONT_QUOTES_PER_MINUTE", "4")]);
    let product = upstream.amazon_product("25").await;
    let key = checkout_key(a.addr).await;
    // "Show price" counts as a quote: four, alternating instances, then the limit.
    for shop in [a.addr, b.addr, a.addr, b.addr] {
        let answer =
            post_checkout(shop, Some(&key), &form(&product, "me@example.com", "price")).await;
        assert_eq!(answer.status(), 303, "{shop}");
    }
    for shop in [a.addr, b.addr] {
        let answer =
            post_checkout(shop, Some(&key), &form(&product, "me@example.com", "price")).await;
        assert_eq!(answer.status(), 429, "{shop}: the fifth is one too many");
        assert!(answer.headers().contains_key("retry-after"));
    }
}

/// A viewer of an order's live status, reading its event stream.
struct Viewer {
    body: futures::stream::BoxStream<'static, reqwest::Result<bytes::Bytes>>,
    seen: String,
}

impl Viewer {
    async fn open(shop: SocketAddr, order_id: &str, n: u32) -> Self {
        let response = reqwest::Client::new()
            .get(format!("http://{shop}/api/orders/{order_id}/subscribe"))
            .header(
                "x-forwarded-for",
                std::net::Ipv4Addr::from(0x0a00_0000 + n).to_string(),
            )
            .send()
            .await
            .expect("an answer");
        assert_eq!(response.status(), 200, "{shop}");
        Self {
            body: response.bytes_stream().boxed(),
            seen: String::new(),
        }
    }

    /// The next state, `None` at the stream's end (`event: stop`, or the instance gone).
    async fn next(&mut self) -> Option<OrderState> {
        loop {
            if let Some(end) = self.seen.find("\n\n") {
                let block: String = self.seen.drain(..end + 2).collect();
                if block.contains("event: stop") {
                    return None;
                }
                let data: String = block
                    .lines()
                    .filter_map(|l| l.strip_prefix("data:"))
                    .map(str::trim_start)
                    .collect();
                if data.is_empty() || block.contains("event: lost") {
                    continue;
                }
                let order: OrderStatus = serde_json::from_str(&data).expect("a live order");
                return Some(order.state);
            }
            let chunk = tokio::time::timeout(Duration::from_secs(20), self.body.next())
                .await
                .expect("an event within 20 s")?;
            self.seen.push_str(&String::from_utf8_lossy(&chunk.ok()?));
        }
    }

    /// Reads until a state other than `state`; `None` if the stream ended first.
    async fn moves_on_from(&mut self, state: OrderState) -> Option<OrderState> {
        while let Some(seen) = self.next().await {
            if seen != state {
                return Some(seen);
            }
        }
        None
    }

    /// Reads until `state`; `false` if the stream ended first.
    async fn reaches(&mut self, state: OrderState) -> bool {
        while let Some(seen) = self.next().await {
            if seen == state {
                return true;
            }
        }
        false
    }
}

const MANY_STREAMS: &[(&str, &str)] = &[("STOREFRONT_STREAMS_PER_SHOPPER", "1000")];

#[tokio::test]
async fn a_hundred_viewers_on_both_instances_cost_upstream_one_stream() {
    let upstream = Sandbox::manual().await;
    let redis = Redis::start();
    let [a, b] = two_instances(&upstream, &redis, MANY_STREAMS);
    let order_id = upstream.order("viewers@example.com").await;
    let mut viewers = Vec::new();
    for n in 0..100 {
        let shop = if n % 2 == 0 { a.addr } else { b.addr };
        let mut viewer = Viewer::open(shop, &order_id, n).await;
        assert_eq!(viewer.next().await, Some(OrderState::WaitingForPayment));
        viewers.push(viewer);
    }
    assert_eq!(upstream.calls.to("/subscribe"), 1, "one upstream stream");
    let streams = [a.addr, b.addr]
        .map(|shop| async move { health(shop).await["order_streams_open"].as_u64() });
    let open = futures::future::join_all(streams).await;
    assert_eq!(open.iter().flatten().sum::<u64>(), 1, "{open:?}");

    assert_eq!(upstream.push(&order_id, "pay").await, 200);
    assert_eq!(upstream.push(&order_id, "deliver").await, 200);
    for (n, viewer) in viewers.iter_mut().enumerate() {
        let mut seen = Vec::new();
        while let Some(state) = viewer.next().await {
            seen.push(state);
        }
        assert_eq!(
            seen.last(),
            Some(&OrderState::Done),
            "viewer {n} saw {seen:?} then {:?}",
            viewer.seen
        );
    }
    assert_eq!(upstream.calls.to("/subscribe"), 1);
}

#[tokio::test]
async fn when_the_instance_holding_the_stream_dies_the_other_takes_over() {
    let upstream = Sandbox::manual().await;
    let redis = Redis::start();
    let [a, b] = two_instances(&upstream, &redis, MANY_STREAMS);
    let order_id = upstream.order("takeover@example.com").await;
    // The first viewer's instance holds the lease.
    let mut on_a = Vec::new();
    for n in 0..10 {
        let mut viewer = Viewer::open(a.addr, &order_id, n).await;
        assert_eq!(viewer.next().await, Some(OrderState::WaitingForPayment));
        on_a.push(viewer);
    }
    let mut on_b = Vec::new();
    for n in 10..20 {
        let mut viewer = Viewer::open(b.addr, &order_id, n).await;
        assert_eq!(viewer.next().await, Some(OrderState::WaitingForPayment));
        on_b.push(viewer);
    }
    assert_eq!(health(a.addr).await["order_streams_open"], 1);
    assert_eq!(health(b.addr).await["order_streams_open"], 0);

    let mut a = a;
    a.kill();
    for viewer in &mut on_a {
        assert_eq!(
            viewer.next().await,
            None,
            "its viewers' streams end (browsers reconnect)"
        );
    }
    // B's viewers keep going: B takes the lease once it lapses and reads upstream itself.
    assert_eq!(upstream.push(&order_id, "pay").await, 200);
    for viewer in &mut on_b {
        let next = viewer.moves_on_from(OrderState::WaitingForPayment).await;
        assert!(next.is_some(), "moves on after the takeover");
    }
    assert_eq!(health(b.addr).await["order_streams_open"], 1);
    assert_eq!(upstream.push(&order_id, "deliver").await, 200);
    for viewer in &mut on_b {
        assert!(viewer.reaches(OrderState::Done).await);
    }
    assert_eq!(
        upstream.calls.to("/subscribe"),
        2,
        "the holder's, then the successor's"
    );
}

#[tokio::test]
async fn through_the_balancer_a_viewer_whose_instance_dies_reconnects_and_sees_done() {
    let upstream = Sandbox::manual().await;
    let redis = Redis::start();
    let [mut a, b] = two_instances(&upstream, &redis, MANY_STREAMS);
    let balancer = Balancer::start(&[a.addr, b.addr]);
    let order_id = upstream.order("balanced@example.com").await;
    // Pages and viewers through nginx land on both instances.
    let page = no_redirects()
        .get(format!("http://{}/orders/{order_id}", balancer.addr))
        .send()
        .await
        .expect("the order page");
    assert_eq!(page.status(), 200);
    let mut viewers = Vec::new();
    for n in 0..20 {
        let mut viewer = Viewer::open(balancer.addr, &order_id, n).await;
        assert_eq!(viewer.next().await, Some(OrderState::WaitingForPayment));
        viewers.push(viewer);
    }
    a.kill();
    assert_eq!(upstream.push(&order_id, "pay").await, 200);
    assert_eq!(upstream.push(&order_id, "deliver").await, 200);
    for (n, viewer) in viewers.iter_mut().enumerate() {
        if viewer.reaches(OrderState::Done).await {
            continue;
        }
        // Its instance died: like the browser's EventSource, it connects again.
        let mut again = Viewer::open(balancer.addr, &order_id, 100 + n as u32).await;
        assert!(
            again.reaches(OrderState::Done).await,
            "viewer {n} after reconnecting"
        );
    }
    assert_eq!(health(b.addr).await["store"]["reachable"], true);
}

#[tokio::test]
async fn redis_stopped_and_started_again_loses_no_order_and_makes_none_twice() {
    let upstream = Sandbox::manual().await;
    let mut redis = Redis::start();
    let [a, b] = two_instances(&upstream, &redis, &[]);
    let product = upstream.amazon_product("25").await;
    let email = "outage@example.com";
    let key = checkout_key(a.addr).await;
    let ordered = post_checkout(a.addr, Some(&key), &form(&product, email, "buy")).await;
    let order_page = location(&ordered);
    assert!(order_page.starts_with("/orders/"), "{order_page}");

    redis.stop();
    // Browsing goes on; checkout says it is paused, and orders nothing.
    for shop in [a.addr, b.addr] {
        let page = no_redirects()
            .get(format!("http://{shop}/US/amazon-com"))
            .send()
            .await
            .expect("the brand page");
        assert_eq!(page.status(), 200, "browsing without Redis");
        let resent = post_checkout(shop, Some(&key), &form(&product, email, "buy")).await;
        assert_eq!(resent.status(), 503);
        assert!(resent.headers().contains_key("retry-after"));
        let text = resent.text().await.expect("a page");
        assert!(text.contains("Checkout is paused"), "{text}");
        assert!(text.contains("Nothing was ordered or charged"));
        let store = health(shop).await["store"].clone();
        assert_eq!(
            (store["kind"].as_str(), store["reachable"].as_bool()),
            (Some("redis"), Some(false))
        );
    }
    assert_eq!(upstream.orders_for(email).await, 1);
    // The order page still works (it needs upstream, not Redis).
    let page = no_redirects()
        .get(format!("http://{}{order_page}", b.addr))
        .send()
        .await
        .expect("the order page");
    assert_eq!(page.status(), 200);
    // Live status goes on too: each instance reads upstream's stream for its own viewers.
    let order_id = order_page.trim_start_matches("/orders/");
    let mut viewers = Vec::new();
    for (n, shop) in [a.addr, b.addr].into_iter().enumerate() {
        let mut viewer = Viewer::open(shop, order_id, n as u32).await;
        assert_eq!(viewer.next().await, Some(OrderState::WaitingForPayment));
        viewers.push(viewer);
    }
    assert_eq!(upstream.push(order_id, "pay").await, 200);
    assert_eq!(upstream.push(order_id, "deliver").await, 200);
    for viewer in &mut viewers {
        assert!(viewer.reaches(OrderState::Done).await, "Done without Redis");
    }

    redis.resume();
    // Without restarting the instances: the same click is the same order again.
    let mut again = None;
    for _ in 0..50 {
        let answer = post_checkout(b.addr, Some(&key), &form(&product, email, "buy")).await;
        if answer.status() == 303 {
            again = Some(location(&answer));
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(
        again.as_deref(),
        Some(order_page.as_str()),
        "the order made before"
    );
    assert_eq!(upstream.orders_for(email).await, 1, "none made twice");
    assert_eq!(health(a.addr).await["store"]["reachable"], true);
}

/// Waits up to `within` for `done`.
async fn eventually(within: Duration, done: impl Fn() -> bool) -> bool {
    let deadline = tokio::time::Instant::now() + within;
    while tokio::time::Instant::now() < deadline {
        if done() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    done()
}

async fn get_page(shop: SocketAddr, path: &str) {
    let page = no_redirects()
        .get(format!("http://{shop}{path}"))
        .send()
        .await
        .expect("a page");
    assert_eq!(page.status(), 200, "{path}");
}

#[tokio::test]
async fn a_new_catalog_on_one_instance_is_fetched_by_the_others_within_seconds() {
    let upstream = Sandbox::manual().await;
    let redis = Redis::start();
    let [a, b] = two_instances(&upstream, &redis, &[]);
    let brands = || upstream.calls.to("/v2/brands");
    get_page(a.addr, "/US").await;
    assert_eq!(brands(), 1);
    // B fetches the US catalog later than A: A's copy is the older one, so A fetches anew
    // (once: the two don't keep waking each other).
    tokio::time::sleep(Duration::from_secs(3)).await;
    get_page(b.addr, "/US").await;
    assert_eq!(brands(), 2);
    assert!(
        eventually(Duration::from_secs(8), || brands() == 3).await,
        "A follows B's newer copy: {} calls",
        brands()
    );
    tokio::time::sleep(Duration::from_secs(8)).await;
    assert_eq!(brands(), 3, "and then all is quiet");

    // Any instance announcing a newer copy (here, written as one would) brings both along.
    let client = redis::Client::open(redis.url()).expect("a Redis client");
    let mut connection = client
        .get_multiplexed_async_connection()
        .await
        .expect("Redis answers");
    let far_future = u64::MAX / 2;
    redis::cmd("SET")
        .arg("storefront:catalog:US:refreshed")
        .arg(far_future)
        .query_async::<()>(&mut connection)
        .await
        .expect("SET");
    assert!(
        eventually(Duration::from_secs(8), || brands() == 5).await,
        "both fetch anew: {} calls",
        brands()
    );
    // Pages are current again on both (rendered from the new copy).
    get_page(a.addr, "/US").await;
    get_page(b.addr, "/US").await;
    tokio::time::sleep(Duration::from_secs(5)).await;
    assert_eq!(brands(), 5);
}

#[tokio::test]
async fn a_redis_that_hangs_pauses_checkout_quickly_and_browsing_goes_on() {
    let upstream = Sandbox::manual().await;
    let redis = Redis::start();
    let [a, _b] = two_instances(&upstream, &redis, &[]);
    let product = upstream.amazon_product("25").await;
    let key = checkout_key(a.addr).await;
    get_page(a.addr, "/US").await;
    redis.freeze();
    let started = std::time::Instant::now();
    let answer = post_checkout(
        a.addr,
        Some(&key),
        &form(&product, "hung@example.com", "buy"),
    )
    .await;
    assert_eq!(answer.status(), 503);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "answered in {:?}, not after the shopper gave up",
        started.elapsed()
    );
    get_page(a.addr, "/US").await;
    get_page(a.addr, "/US/amazon-com").await;
    assert_eq!(health(a.addr).await["store"]["reachable"], false);
    assert_eq!(upstream.orders_for("hung@example.com").await, 0);
    redis.thaw();
    let mut placed = None;
    for _ in 0..50 {
        let answer = post_checkout(
            a.addr,
            Some(&key),
            &form(&product, "hung@example.com", "buy"),
        )
        .await;
        if answer.status() == 303 {
            placed = Some(location(&answer));
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(
        placed.is_some_and(|p| p.starts_with("/orders/")),
        "checkout is back"
    );
    assert_eq!(upstream.orders_for("hung@example.com").await, 1);
}
