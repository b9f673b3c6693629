//! The shop's `/api/orders/{id}/subscribe` in front of the sandbox over real HTTP: one
//! upstream stream per order however many viewers, nothing left open when they leave, the
//! right status when upstream can't help, and a cut upstream stream opened again.

mod support;

use futures::StreamExt;
use std::{net::SocketAddr, time::Duration};
use storefront::domain::{order_status::OrderStatus, OrderState};
use support::Sandbox;

async fn shop_in_front_of(api_url: &str) -> SocketAddr {
    support::shop_in_front_of(api_url, &[]).await
}

async fn new_order(s: &Sandbox) -> String {
    s.order("feed@example.com").await
}

/// A viewer: the open response's body, read event by event.
struct Viewer {
    body: futures::stream::BoxStream<'static, reqwest::Result<bytes::Bytes>>,
    seen: String,
    /// How many times the shop said upstream's stream was lost.
    lost: usize,
}

/// Each viewer is another shopper (another address, as the loopback proxy tells it): one
/// address may only hold a few streams of one order.
fn next_shopper() -> String {
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    std::net::Ipv4Addr::from(0x0a00_0000 + n).to_string()
}

impl Viewer {
    async fn open(shop: SocketAddr, order_id: &str) -> Self {
        let response = reqwest::Client::new()
            .get(format!("http://{shop}/api/orders/{order_id}/subscribe"))
            .header("x-forwarded-for", next_shopper())
            .send()
            .await
            .expect("an answer");
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["content-type"], "text/event-stream");
        assert_eq!(
            response.headers()["cache-control"],
            "no-cache, no-transform"
        );
        assert_eq!(response.headers()["x-accel-buffering"], "no");
        assert!(
            response.headers().get("content-encoding").is_none(),
            "never compressed"
        );
        Self {
            body: response.bytes_stream().boxed(),
            seen: String::new(),
            lost: 0,
        }
    }

    /// The next `data:` payload of an unnamed event, or `None` at `event: stop`.
    async fn next(&mut self) -> Option<OrderStatus> {
        loop {
            if let Some(end) = self.seen.find("\n\n") {
                let block: String = self.seen.drain(..end + 2).collect();
                if block.contains("event: stop") || block.contains("event:stop") {
                    return None;
                }
                if block.contains("event: lost") {
                    // Upstream's stream is being opened again; the order follows.
                    self.lost += 1;
                    continue;
                }
                let data: String = block
                    .lines()
                    .filter_map(|l| l.strip_prefix("data:"))
                    .map(str::trim_start)
                    .collect();
                if data.is_empty() {
                    continue; // a heartbeat comment
                }
                return Some(serde_json::from_str(&data).expect("a live order"));
            }
            let chunk = tokio::time::timeout(Duration::from_secs(20), self.body.next())
                .await
                .expect("an event within 20 s")
                .expect("the stream stays open")
                .expect("bytes");
            self.seen.push_str(&String::from_utf8_lossy(&chunk));
        }
    }
}

async fn eventually(what: &str, done: impl AsyncFn() -> bool) {
    let waited = tokio::time::timeout(Duration::from_secs(20), async {
        while !done().await {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await;
    assert!(waited.is_ok(), "{what} within 20 s");
}

async fn open_streams(shop: SocketAddr) -> u64 {
    let health: serde_json::Value = reqwest::get(format!("http://{shop}/healthz"))
        .await
        .expect("healthz")
        .json()
        .await
        .expect("json");
    health["order_streams_open"].as_u64().unwrap_or(u64::MAX)
}

#[tokio::test]
async fn many_viewers_share_one_upstream_stream_and_see_every_step() {
    let s = Sandbox::manual().await;
    let shop = shop_in_front_of(&s.base).await;
    let order_id = new_order(&s).await;
    let mut viewers = Vec::new();
    for _ in 0..25 {
        let mut viewer = Viewer::open(shop, &order_id).await;
        let first = viewer.next().await.expect("the order at once");
        assert_eq!(first.state, OrderState::WaitingForPayment);
        viewers.push(viewer);
    }
    assert_eq!(
        s.calls.to("/subscribe"),
        1,
        "one upstream stream for 25 viewers"
    );

    assert_eq!(s.push(&order_id, "pay").await, 200);
    assert_eq!(s.push(&order_id, "deliver").await, 200);
    for viewer in &mut viewers {
        let mut last = viewer.next().await.expect("an update");
        while !last.state.is_final() {
            last = viewer.next().await.expect("an update");
        }
        assert_eq!(last.state, OrderState::Done);
        let goods = last.deliveries[0].goods.as_ref().expect("the code");
        assert!(goods.code.is_some());
        assert!(viewer.next().await.is_none(), "then stop");
    }
    // A late viewer of the finished order gets it at once, then stop.
    let mut late = Viewer::open(shop, &order_id).await;
    assert_eq!(late.next().await.map(|o| o.state), Some(OrderState::Done));
    assert!(late.next().await.is_none());
}

#[tokio::test]
async fn nothing_stays_open_when_viewers_leave() {
    let s = Sandbox::manual().await;
    let shop = shop_in_front_of(&s.base).await;
    let order_id = new_order(&s).await;
    let mut viewers = Vec::new();
    for _ in 0..10 {
        let mut viewer = Viewer::open(shop, &order_id).await;
        viewer.next().await.expect("the order");
        viewers.push(viewer);
    }
    assert_eq!(open_streams(shop).await, 1);
    drop(viewers);
    eventually("the upstream stream closes", || async {
        open_streams(shop).await == 0
    })
    .await;
    // A new viewer opens a new upstream stream.
    let mut again = Viewer::open(shop, &order_id).await;
    assert_eq!(
        again.next().await.map(|o| o.state),
        Some(OrderState::WaitingForPayment)
    );
    assert_eq!(s.calls.to("/subscribe"), 2);
}

#[tokio::test]
async fn bad_ids_unknown_orders_and_a_dead_upstream_get_their_status() {
    let s = Sandbox::manual().await;
    let shop = shop_in_front_of(&s.base).await;
    let malformed = reqwest::get(format!("http://{shop}/api/orders/not%20an%20id/subscribe"))
        .await
        .expect("an answer");
    assert_eq!(malformed.status(), 400);
    let unknown = reqwest::get(format!("http://{shop}/api/orders/ord_abc123xyz/subscribe"))
        .await
        .expect("an answer");
    assert_eq!(unknown.status(), 404);
    assert_eq!(
        s.calls.to("/subscribe"),
        1,
        "the malformed id never went upstream"
    );

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a port");
    let dead = listener.local_addr().expect("bound");
    drop(listener);
    let shop = shop_in_front_of(&format!("http://{dead}/api")).await;
    let down = reqwest::get(format!("http://{shop}/api/orders/ord_abc123xyz/subscribe"))
        .await
        .expect("an answer");
    assert_eq!(down.status(), 502);
    let body: serde_json::Value = down.json().await.expect("a JSON error");
    assert!(body["error"].is_string());
}

#[tokio::test]
async fn a_stream_cut_upstream_is_opened_again_while_viewers_stay() {
    let s = Sandbox::manual().await;
    let shop = shop_in_front_of(&s.base).await;
    let order_id = new_order(&s).await;
    s.fault(serde_json::json!({"cut_streams_after_ms": 200}))
        .await;
    let mut viewer = Viewer::open(shop, &order_id).await;
    assert_eq!(
        viewer.next().await.map(|o| o.state),
        Some(OrderState::WaitingForPayment)
    );
    eventually("upstream is opened again", || async {
        s.calls.to("/subscribe") >= 2
    })
    .await;
    s.clear_faults().await;
    eventually("a stream outlives the fault", || async {
        s.calls.to("/subscribe") >= 3
    })
    .await;
    assert_eq!(s.push(&order_id, "pay").await, 200);
    let mut update = viewer
        .next()
        .await
        .expect("the same viewer hears the payment");
    while update.state == OrderState::WaitingForPayment {
        update = viewer.next().await.expect("an update");
    }
    assert_eq!(update.state, OrderState::WaitingForDelivery);
    assert!(
        viewer.lost >= 1,
        "the viewer was told while upstream was lost"
    );
}

#[tokio::test]
async fn a_silent_upstream_stream_is_given_up_and_viewers_are_told() {
    let s = Sandbox::manual().await;
    let shop = support::shop_in_front_of(&s.base, &[("CR_STREAM_IDLE_SECS", "1")]).await;
    let order_id = new_order(&s).await;
    let mut viewer = Viewer::open(shop, &order_id).await;
    assert_eq!(
        viewer.next().await.map(|o| o.state),
        Some(OrderState::WaitingForPayment)
    );
    // Upstream's connection dies half-open: it stays open and says nothing, not even a
    // heartbeat, while the order is paid.
    s.fault(serde_json::json!({
        "path": format!("/v5/orders/{order_id}/subscribe"),
        "silent_streams": true
    }))
    .await;
    assert_eq!(s.push(&order_id, "pay").await, 200);
    // Given up after its idle time (viewers are told) and opened again.
    eventually("upstream is opened again", || async {
        s.calls.to(&format!("/{order_id}/subscribe")) >= 2
    })
    .await;
    // Once upstream speaks again, the same viewer sees the payment.
    s.clear_faults().await;
    let mut update = viewer.next().await.expect("an update");
    while update.state == OrderState::WaitingForPayment {
        update = viewer.next().await.expect("an update");
    }
    assert_eq!(update.state, OrderState::WaitingForDelivery);
    assert!(
        viewer.lost >= 1,
        "the viewer was told while upstream was lost"
    );
}

#[tokio::test]
async fn the_number_of_watched_orders_is_capped() {
    use storefront::services::order_feed::{LocalOrderFeed, OrderFeed};
    let s = Sandbox::manual().await;
    let (first, second) = (new_order(&s).await, new_order(&s).await);
    let feed = LocalOrderFeed::new(s.client.clone()).with_limit(1);
    let _watching = feed
        .subscribe(&first, &Default::default())
        .expect("the first order is watched");
    assert_eq!(feed.open_streams(), 1);
    assert!(
        feed.subscribe(&second, &Default::default()).is_none(),
        "a second order would open one stream too many"
    );
    assert!(
        feed.subscribe(&first, &Default::default()).is_some(),
        "more viewers of a watched order cost nothing upstream"
    );
    assert_eq!(feed.open_streams(), 1);
}
