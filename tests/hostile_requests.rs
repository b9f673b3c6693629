//! Requests no browser would send, at every route: control characters, `%00`, very long
//! segments and bytes that are not UTF-8. Each gets a 4xx (or a page), never a crash.

mod support;

use std::net::SocketAddr;

async fn shop() -> SocketAddr {
    support::shop_with(None, &[]).await
}

#[tokio::test]
async fn odd_paths_get_an_answer_not_a_crash() {
    let shop = shop().await;
    let long = "a".repeat(5_000);
    let paths = [
        "/us/%0A".to_string(),
        "/us/a%0Ab".into(),
        "/us/%0D%0ALocation:%20x".into(),
        "/US/%00".into(),
        "/us/%00".into(),
        "/%FF".into(),
        "/us/%FF%FE".into(),
        format!("/us/{long}"),
        format!("/{long}"),
        "/orders/%0A".into(),
        "/orders/%FF".into(),
        format!("/orders/{long}"),
        "/api/orders/%0A/subscribe".into(),
        "/api/orders/%00/subscribe".into(),
        "/countries?q=%00%0A".into(),
        "/us?q=%FF%0A".into(),
    ];
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a client");
    for path in &paths {
        let response = http
            .get(format!("http://{shop}{path}"))
            .send()
            .await
            .unwrap_or_else(|e| panic!("{path}: the server dropped the request: {e}"));
        let status = response.status().as_u16();
        assert!(status < 500, "{path}: {status}");
        if let Some(location) = response.headers().get("location") {
            assert!(
                location.as_bytes().iter().all(|b| b.is_ascii_graphic()),
                "{path}: a clean Location"
            );
        }
    }
    let hostile_form = http
        .post(format!("http://{shop}/checkout"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("country=US&brand=a%0Ab&product=%00&coin=%FF&network=%0A&email=%0A&key=%0A")
        .send()
        .await
        .expect("an answer");
    assert!(
        hostile_form.status().is_redirection(),
        "{}",
        hostile_form.status()
    );
    let health = http
        .get(format!("http://{shop}/healthz"))
        .send()
        .await
        .expect("still serving");
    assert_eq!(health.status(), 200);
}

/// The shop in front of an upstream that records the `X-Forwarded-For` it is sent.
async fn shop_recording_forwarded_for(
    trusted: &'static str,
) -> (SocketAddr, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    use axum::{http::HeaderMap, Json, Router};
    let seen: std::sync::Arc<std::sync::Mutex<Vec<String>>> = Default::default();
    let recorder = {
        let seen = seen.clone();
        move |headers: HeaderMap| {
            let seen = seen.clone();
            async move {
                if let Some(v) = headers.get("x-forwarded-for").and_then(|v| v.to_str().ok()) {
                    seen.lock().expect("lock").push(v.to_string());
                }
                Json(serde_json::json!([]))
            }
        }
    };
    let upstream = support::serve(Router::new().fallback(recorder)).await;
    let api = format!("http://{upstream}/api");
    let shop = support::shop_in_front_of(&api, &[("STOREFRONT_TRUSTED_PROXIES", trusted)]).await;
    (shop, seen)
}

#[tokio::test]
async fn a_spoofed_forwarded_for_is_ignored_unless_a_trusted_proxy_sent_it() {
    let http = reqwest::Client::new();
    // A catalog call's answer is shared by every shopper: it names none.
    let (shop, seen) = shop_recording_forwarded_for("127.0.0.0/8").await;
    http.get(format!("http://{shop}/US"))
        .header("x-forwarded-for", "6.6.6.6, 203.0.113.9")
        .send()
        .await
        .expect("a page");
    assert!(
        seen.lock().expect("lock").is_empty(),
        "a shared fill carries no address"
    );

    // A shopper's own call (their order): the shopper's address. Nobody trusted: the header
    // is the client's claim, and the peer is the shopper.
    let (shop, seen) = shop_recording_forwarded_for("none").await;
    http.get(format!("http://{shop}/orders/ord_x1"))
        .header("x-forwarded-for", "6.6.6.6")
        .send()
        .await
        .expect("a page");
    let sent = seen.lock().expect("lock").clone();
    assert!(
        !sent.is_empty() && sent.iter().all(|ip| ip == "127.0.0.1"),
        "{sent:?}"
    );

    // Through a trusted proxy (loopback, the default): the rightmost untrusted address.
    let (shop, seen) = shop_recording_forwarded_for("127.0.0.0/8").await;
    http.get(format!("http://{shop}/orders/ord_x1"))
        .header("x-forwarded-for", "6.6.6.6, 203.0.113.9")
        .send()
        .await
        .expect("a page");
    let sent = seen.lock().expect("lock").clone();
    assert!(
        !sent.is_empty() && sent.iter().all(|ip| ip == "203.0.113.9"),
        "{sent:?}"
    );
}

#[tokio::test]
async fn slow_pages_time_out_but_event_streams_stay_open() {
    let upstream = support::Sandbox::manual().await;
    let shop =
        support::shop_in_front_of(&upstream.base, &[("STOREFRONT_REQUEST_TIMEOUT_SECS", "1")])
            .await;
    upstream
        .fault(serde_json::json!({"path": "/v2/brands", "latency_ms": 3000}))
        .await;
    let slow = reqwest::get(format!("http://{shop}/US"))
        .await
        .expect("an answer");
    // 503 is the timeout's answer: had the page waited for upstream's 3 s, it would be 200.
    assert_eq!(slow.status(), 503, "the page gave up in time");
    upstream.clear_faults().await;

    // An order's stream is open longer than the timeout and still delivers.
    let order_id = upstream.order("slow@example.com").await;
    let stream = reqwest::get(format!("http://{shop}/api/orders/{order_id}/subscribe"))
        .await
        .expect("a stream");
    assert_eq!(stream.status(), 200);
    let mut body = futures::StreamExt::boxed(stream.bytes_stream());
    let mut seen = String::new();
    while !seen.contains("WaitingForPayment") {
        let chunk = futures::StreamExt::next(&mut body)
            .await
            .expect("open")
            .expect("bytes");
        seen.push_str(&String::from_utf8_lossy(&chunk));
    }
    // Past the request timeout (1 s), the stream is still open.
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    assert_eq!(upstream.push(&order_id, "pay").await, 200);
    while !seen.contains("WaitingForDelivery") {
        let chunk = tokio::time::timeout(
            std::time::Duration::from_secs(10),
            futures::StreamExt::next(&mut body),
        )
        .await
        .expect("within 10 s")
        .expect("still open after the timeout")
        .expect("bytes");
        seen.push_str(&String::from_utf8_lossy(&chunk));
    }
}

/// A shop in front of a sandbox whose orders move only when told, with two requests in
/// flight at most.
async fn shop_with_two_places() -> (support::Sandbox, SocketAddr) {
    let upstream = support::Sandbox::manual().await;
    let shop = support::shop_in_front_of(
        &upstream.base,
        &[("STOREFRONT_MAX_CONCURRENT_REQUESTS", "2")],
    )
    .await;
    (upstream, shop)
}

#[tokio::test]
async fn past_the_cap_on_requests_in_flight_the_answer_is_503_at_once() {
    let (upstream, shop) = shop_with_two_places().await;
    upstream
        .fault(serde_json::json!({"path": "/v2/brands", "latency_ms": 1500}))
        .await;
    let http = reqwest::Client::new();
    let pages = (0..6).map(|_| async {
        let answer = http
            .get(format!("http://{shop}/US"))
            .send()
            .await
            .expect("an answer");
        let status = answer.status().as_u16();
        let retry_after = answer
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let body = answer.text().await.unwrap_or_default();
        (status, retry_after, body)
    });
    let answers = futures::future::join_all(pages).await;
    let summary: Vec<(u16, Option<String>)> = answers
        .iter()
        .map(|(status, retry, _)| (*status, retry.clone()))
        .collect();
    // Six at once against a cap of two: at least one is turned away, with a time to retry
    // and words a shopper can read (the admitted ones may still end as the slow page's own
    // answer, which is not what this test is about).
    let shed: Vec<_> = answers
        .iter()
        .filter(|(_, _, body)| body.contains("very busy"))
        .collect();
    assert!(!shed.is_empty(), "{summary:?}");
    for (status, retry_after, _) in shed {
        assert_eq!(*status, 503, "{summary:?}");
        assert_eq!(retry_after.as_deref(), Some("1"), "{summary:?}");
    }
}

/// Event streams join the router apart from the pages (outside the compression layer), but
/// under the same cap: a stream waiting for upstream's first answer holds a place, and a
/// page asked for meanwhile is turned away.
#[tokio::test]
async fn event_streams_and_pages_share_the_cap_on_requests_in_flight() {
    let (upstream, shop) = shop_with_two_places().await;
    let order_id = upstream.order("cap@example.com").await;
    upstream
        .fault(serde_json::json!({"path": format!("/v5/orders/{order_id}/subscribe"), "latency_ms": 3000}))
        .await;
    let http = reqwest::Client::new();
    let streams: Vec<_> = ["10.9.0.1", "10.9.0.2"]
        .into_iter()
        .map(|shopper| {
            let request = http
                .get(format!("http://{shop}/api/orders/{order_id}/subscribe"))
                .header("x-forwarded-for", shopper)
                .send();
            tokio::spawn(request)
        })
        .collect();
    let help_page = || async {
        http.get(format!("http://{shop}/help"))
            .header("x-forwarded-for", "10.9.0.3")
            .send()
            .await
            .expect("an answer")
    };
    // Both streams are waiting for upstream now.
    tokio::time::sleep(std::time::Duration::from_millis(700)).await;
    let page = help_page().await;
    assert_eq!(page.status(), 503);
    assert_eq!(page.headers()["retry-after"], "1");
    assert!(page.text().await.unwrap_or_default().contains("very busy"));
    for stream in streams {
        let answer = stream.await.expect("joined").expect("an answer");
        assert_eq!(answer.status(), 200, "the streams themselves were admitted");
    }
    // With the streams' headers sent, their places are free again.
    assert_eq!(help_page().await.status(), 200);
}
