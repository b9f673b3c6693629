//! The attacks of the security review (issue 17), each tried over real HTTP against the
//! shop in front of a sandbox: what an attacker gets now, and that shoppers still get
//! what they came for.

mod support;

use support::{location, post_checkout};

use std::{net::SocketAddr, time::Duration};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a client")
}

async fn shop(extra: &[(&str, &str)]) -> (SocketAddr, support::Sandbox) {
    let upstream = support::Sandbox::manual().await;
    let shop = support::shop_in_front_of(&upstream.base, extra).await;
    (shop, upstream)
}

/// The checkout key a brand page view gives, as the browser would store it.
async fn brand_page_key(shop: SocketAddr, path: &str) -> String {
    let page = http()
        .get(format!("http://{shop}{path}"))
        .send()
        .await
        .expect("a page");
    assert_eq!(page.status(), 200, "{path}");
    let cookie = page
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("storefront_checkout="))
        .unwrap_or_else(|| panic!("{path}: no checkout cookie"))
        .to_string();
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(attribute), "{attribute}: {cookie}");
    }
    let html = page.text().await.expect("HTML");
    assert!(!html.contains("name=\"key\""), "no key in the page");
    cookie
        .split(';')
        .next()
        .and_then(|pair| pair.split_once('='))
        .map(|(_, key)| key.to_string())
        .expect("a value")
}

fn cache_control(answer: &reqwest::Response) -> Option<&str> {
    answer
        .headers()
        .get("cache-control")
        .and_then(|v| v.to_str().ok())
}

#[tokio::test]
async fn a_key_is_the_browsers_own_and_a_draft_makes_its_own_order() {
    let (shop, upstream) = shop(&[]).await;
    let victim = "victim@example.com";
    let ten = upstream.amazon_product("10").await;
    let fifty = upstream.amazon_product("50").await;
    let draft = |product: &str, coin: &str| {
        format!(
            "country=US&brand=amazon-com&product={product}&coin={coin}&network=Solana\
             &email={victim}&key=0123456789abcdef0123456789abcdef"
        )
    };

    // The attack: a key planted in a link, and the same key in the attacker's own posts.
    let planted = brand_page_key(shop, "/US/amazon-com?key=0123456789abcdef0123456789abcdef").await;
    assert_ne!(
        planted, "0123456789abcdef0123456789abcdef",
        "the URL's key is ignored"
    );
    let victims_order = post_checkout(shop, Some(&planted), &draft(&ten, "USDC")).await;
    assert_eq!(victims_order.status(), 303);
    let victims_page = location(&victims_order);
    assert!(victims_page.starts_with("/orders/"), "{victims_page}");
    // The attacker holds another browser's key (or none): never the victim's order.
    let attackers_key = brand_page_key(shop, "/US/amazon-com").await;
    for key in [Some(attackers_key.as_str()), None] {
        let attackers = post_checkout(shop, key, &draft(&ten, "USDC")).await;
        assert_ne!(location(&attackers), victims_page, "{key:?}");
        assert!(!location(&attackers).contains("key="));
    }

    // The victim's double click is one order; Back, another amount and coin, a new one.
    let again = post_checkout(shop, Some(&planted), &draft(&ten, "USDC")).await;
    assert_eq!(location(&again), victims_page, "a double click");
    let changed = post_checkout(shop, Some(&planted), &draft(&fifty, "USDT")).await;
    let changed_page = location(&changed);
    assert!(changed_page.starts_with("/orders/") && changed_page != victims_page);
    assert_eq!(
        upstream.orders_for(victim).await,
        4,
        "victim ×2, attacker ×2"
    );
}

#[tokio::test]
async fn over_https_the_key_cookie_is_host_only_and_secure() {
    let (shop, _upstream) = shop(&[("STOREFRONT_PUBLIC_URL", "https://shop.example.com")]).await;
    let page = http()
        .get(format!("http://{shop}/US/amazon-com"))
        .send()
        .await
        .expect("a page");
    let cookies: Vec<String> = page
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok().map(str::to_string))
        .collect();
    let key = cookies
        .iter()
        .find(|c| c.starts_with("__Host-storefront_checkout="))
        .expect("the __Host- cookie");
    assert!(
        key.contains("; Secure") && key.contains("HttpOnly"),
        "{key}"
    );
    assert_eq!(
        page.headers()
            .get("strict-transport-security")
            .and_then(|v| v.to_str().ok()),
        Some("max-age=31536000")
    );
}

#[tokio::test]
async fn a_returned_form_is_small_and_a_huge_one_is_refused_unread() {
    let (shop, upstream) = shop(&[("STOREFRONT_QUOTES_PER_MINUTE", "1000")]).await;
    let huge_email = format!("{}@example.com", "a".repeat(1_900_000));
    let form = format!("country=US&brand=amazon-com&intent=price&email={huge_email}");
    for _ in 0..20 {
        let answer = post_checkout(shop, None, &form).await;
        assert_eq!(answer.status(), 413);
        let page = answer.text().await.expect("a page");
        assert!(page.contains("This form is too large"), "{page:.300}");
    }
    // Just past an email's real length: a message by the field, and nothing long kept.
    let long = format!("{}@example.com", "b".repeat(250));
    let answer = post_checkout(
        shop,
        None,
        &format!("country=US&brand=amazon-com&product=x&coin=USDC&email={long}"),
    )
    .await;
    assert_eq!(answer.status(), 303);
    let back = location(&answer);
    assert!(
        back.starts_with("/US/amazon-com?") && back.contains("form="),
        "{back}"
    );
    let page = http()
        .get(format!("http://{shop}{back}"))
        .send()
        .await
        .expect("the form again");
    assert_eq!(
        cache_control(&page),
        Some("no-store"),
        "what a shopper typed is never cached"
    );
    let html = page.text().await.expect("HTML");
    assert!(html.contains("An email address has at most 254 characters."));
    assert!(!html.contains(&long), "not kept whole");
    let health: serde_json::Value = http()
        .get(format!("http://{shop}/healthz"))
        .send()
        .await
        .expect("health")
        .json()
        .await
        .expect("JSON");
    let kept = health["returned_forms_bytes"].as_u64().unwrap_or(u64::MAX);
    assert!(kept < 2_000, "returned forms weigh {kept} bytes");
    assert_eq!(upstream.calls.to("/orders/validations"), 0);
}

#[tokio::test]
async fn show_price_is_rate_limited_too() {
    let (shop, _upstream) = shop(&[("STOREFRONT_QUOTES_PER_MINUTE", "3")]).await;
    let form = "country=US&brand=airbnb&product=custom&amount=100&coin=USDC&intent=price";
    for _ in 0..3 {
        assert_eq!(post_checkout(shop, None, form).await.status(), 303);
    }
    let limited = post_checkout(shop, None, form).await;
    assert_eq!(limited.status(), 429);
    assert!(limited.headers().contains_key("retry-after"));
}

/// Reads until the server closes the connection; `true` when it did within `within`.
async fn closed_by_server(stream: &mut tokio::net::TcpStream, within: Duration) -> bool {
    let mut buffer = [0u8; 1024];
    let read_all = async {
        loop {
            match stream.read(&mut buffer).await {
                Ok(0) | Err(_) => return,
                Ok(_) => continue,
            }
        }
    };
    tokio::time::timeout(within, read_all).await.is_ok()
}

#[tokio::test]
async fn http2_with_prior_knowledge_is_refused_and_idle_connections_close() {
    let (shop, _upstream) = shop(&[("STOREFRONT_HEADER_READ_TIMEOUT_SECS", "1")]).await;
    let mut connections = Vec::new();
    for _ in 0..200 {
        let mut stream = tokio::net::TcpStream::connect(shop).await.expect("connect");
        stream
            .write_all(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")
            .await
            .expect("the preface");
        connections.push(stream);
    }
    for stream in &mut connections {
        // Generous: the server closes at once; the bound only keeps a failure from hanging.
        assert!(closed_by_server(stream, Duration::from_secs(10)).await);
    }
    // A kept-alive HTTP/1.1 connection that asks nothing more is closed after the timeout.
    let mut stream = tokio::net::TcpStream::connect(shop).await.expect("connect");
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: shop\r\n\r\n")
        .await
        .expect("a request");
    assert!(closed_by_server(&mut stream, Duration::from_secs(10)).await);
}

/// Opens an event stream from `ip` (through the loopback proxy's `X-Forwarded-For`).
async fn stream_from(shop: SocketAddr, ip: &str, order: &str) -> reqwest::Response {
    http()
        .get(format!("http://{shop}/api/orders/{order}/subscribe"))
        .header("x-forwarded-for", ip)
        .send()
        .await
        .expect("an answer")
}

#[tokio::test]
async fn event_streams_are_capped_per_shopper_and_end_after_their_lifetime() {
    let (shop, upstream) = shop(&[
        ("STOREFRONT_STREAMS_PER_SHOPPER", "4"),
        ("STOREFRONT_STREAM_LIFETIME_SECS", "2"),
    ])
    .await;
    let mut orders = Vec::new();
    for i in 0..4 {
        orders.push(upstream.order(&format!("streams{i}@example.com")).await);
    }
    let me = "203.0.113.7";
    let mut open = Vec::new();
    for order in &orders[..2] {
        for _ in 0..2 {
            let stream = stream_from(shop, me, order).await;
            assert_eq!(stream.status(), 200);
            open.push(stream);
        }
    }
    let third_for_one_order = stream_from(shop, me, &orders[0]).await;
    assert_eq!(third_for_one_order.status(), 429, "two per order");
    let fifth = stream_from(shop, me, &orders[3]).await;
    assert_eq!(fifth.status(), 429, "four in all");
    assert!(fifth.headers().contains_key("retry-after"));
    let someone_else = stream_from(shop, "198.51.100.2", &orders[0]).await;
    assert_eq!(
        someone_else.status(),
        200,
        "another shopper is not affected"
    );

    // Each stream ends by itself after its lifetime, without `stop` (the page reconnects).
    let body = tokio::time::timeout(Duration::from_secs(20), open.remove(0).text())
        .await
        .expect("the stream ended")
        .expect("a body");
    assert!(
        body.contains("data:") && !body.contains("event: stop"),
        "{body}"
    );
    drop(open);
    // Its places came back: a new stream is accepted.
    let mut accepted = false;
    for _ in 0..50 {
        if stream_from(shop, me, &orders[3]).await.status() == 200 {
            accepted = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(accepted, "places are given back when streams end");
}

#[tokio::test]
async fn made_up_orders_and_priced_pages_spend_the_quota_once_per_limit() {
    let (shop, upstream) = shop(&[
        ("STOREFRONT_QUOTES_PER_MINUTE", "5"),
        ("STOREFRONT_ORDER_LOOKUPS_PER_MINUTE", "10"),
    ])
    .await;
    // A brand page that prices a custom amount as it renders counts as a quote.
    for amount in 100..180 {
        let page = http()
            .get(format!("http://{shop}/US/airbnb?amount={amount}"))
            .send()
            .await
            .expect("a page");
        assert_eq!(page.status(), 200);
    }
    let priced = upstream.calls.to("/v4/products/price");
    assert!(priced <= 5, "{priced} price calls for 80 page views");

    let started = std::time::Instant::now();
    // One made-up id, asked for 40 times: upstream hears of it once.
    for n in 0..40 {
        let page = http()
            .get(format!("http://{shop}/orders/ord_made_up_1"))
            .send()
            .await
            .expect("a page");
        let status = page.status();
        let text = page.text().await.unwrap_or_default();
        assert_eq!(status, 404, "{n}: {text}");
    }
    assert_eq!(upstream.calls.to("/v5/orders/ord_made_up_1"), 1);
    // 40 made-up ids (pages, polls, streams): at most the limit reaches upstream.
    for i in 0..40 {
        let _ = http()
            .get(format!("http://{shop}/orders/ord_x{i}"))
            .send()
            .await;
        let _ = stream_from(shop, "127.0.0.1", &format!("ord_y{i}")).await;
    }
    let looked_up = upstream.calls.to("/v5/orders/ord_made_up_1")
        + (0..40)
            .map(|i| {
                upstream.calls.to(&format!("/orders/ord_x{i}"))
                    + upstream.calls.to(&format!("/orders/ord_y{i}/subscribe"))
            })
            .sum::<usize>();
    // Ten at once, then one more every six seconds the loop took (a loaded machine is slow).
    let allowed = 10 + started.elapsed().as_secs() as usize / 6 + 1;
    assert!(
        looked_up <= allowed,
        "{looked_up} upstream look-ups, {allowed} allowed"
    );
    let health: serde_json::Value = http()
        .get(format!("http://{shop}/healthz"))
        .send()
        .await
        .expect("health")
        .json()
        .await
        .expect("JSON");
    let by_shopper = &health["upstream_calls_by_shopper"];
    assert_eq!(by_shopper["shoppers"], 1, "{health}");
    assert!(
        by_shopper["most_by_one_shopper"].as_u64().unwrap_or(0) >= 5,
        "the shopper's own calls are counted: {health}"
    );
}

#[tokio::test]
async fn a_spoofed_first_forwarded_for_line_does_not_escape_the_limit() {
    let (shop, _upstream) = shop(&[("STOREFRONT_ORDERS_PER_MINUTE", "5")]).await;
    let mut accepted = 0;
    for i in 0..25 {
        let answer = http()
            .post(format!("http://{shop}/checkout"))
            .header("content-type", "application/x-www-form-urlencoded")
            // The client's own claim, new each time, then the proxy's line (HAProxy's
            // `option forwardfor` adds one) with the real address and a port.
            .header("x-forwarded-for", format!("198.51.100.{i}"))
            .header("x-forwarded-for", "203.0.113.9:51234")
            .body("country=US&brand=amazon-com&email=bad")
            .send()
            .await
            .expect("an answer");
        if answer.status() != 429 {
            accepted += 1;
        }
    }
    assert_eq!(accepted, 5, "one shopper, however they sign their posts");
}

#[tokio::test]
async fn slow_bodies_are_cut_and_leave_room_for_everyone_else() {
    let (shop, _upstream) = shop(&[
        ("STOREFRONT_BODY_READ_TIMEOUT_SECS", "1"),
        ("STOREFRONT_MAX_CONCURRENT_REQUESTS", "16"),
        ("STOREFRONT_REQUESTS_PER_SHOPPER", "8"),
    ])
    .await;
    // A body promised far past any form's size is refused before it is read.
    let mut big = tokio::net::TcpStream::connect(shop).await.expect("connect");
    big.write_all(
        b"POST /checkout HTTP/1.1\r\nHost: shop\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\ncountry=US&",
    )
    .await
    .expect("a request");
    let mut answer = vec![0u8; 64];
    let read = tokio::time::timeout(Duration::from_secs(10), big.read(&mut answer))
        .await
        .expect("an answer without the body")
        .expect("read");
    assert!(
        String::from_utf8_lossy(&answer[..read]).starts_with("HTTP/1.1 413"),
        "{}",
        String::from_utf8_lossy(&answer[..read])
    );
    // Sixteen posts promising 4 KB and sending 11 bytes, from one shopper.
    let mut slow = Vec::new();
    for path in ["/checkout", "/api/quote_custom_amount"]
        .iter()
        .cycle()
        .take(16)
    {
        let mut stream = tokio::net::TcpStream::connect(shop).await.expect("connect");
        let head = format!(
            "POST {path} HTTP/1.1\r\nHost: shop\r\nX-Forwarded-For: 203.0.113.50\r\n\
             Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 4000\r\n\r\ncountry=US&"
        );
        stream.write_all(head.as_bytes()).await.expect("a request");
        slow.push(stream);
    }
    // Everyone else is served meanwhile, and health answers whatever the load.
    let client = http();
    let search = client
        .get(format!("http://{shop}/US?q=amazon"))
        .header("x-forwarded-for", "198.51.100.60")
        .send()
        .await
        .expect("a search");
    assert_eq!(search.status(), 200);
    let health = client
        .get(format!("http://{shop}/healthz"))
        .send()
        .await
        .expect("health");
    assert_eq!(health.status(), 200);
    // The slow bodies are cut after the body-read timeout with an answer, not held.
    for stream in &mut slow {
        let mut answer = vec![0u8; 64];
        let read = tokio::time::timeout(Duration::from_secs(10), stream.read(&mut answer))
            .await
            .expect("cut by the body timeout")
            .unwrap_or(0);
        let head = String::from_utf8_lossy(&answer[..read]).to_string();
        assert!(
            head.starts_with("HTTP/1.1 4") || head.starts_with("HTTP/1.1 503") || read == 0,
            "{head}"
        );
    }
}

#[tokio::test]
async fn methods_and_targets_the_shop_does_not_serve_are_refused() {
    let (shop, _upstream) = shop(&[]).await;
    for request in [
        "CONNECT host:22 HTTP/1.1\r\nHost: host:22\r\n\r\n",
        "OPTIONS * HTTP/1.1\r\nHost: shop\r\n\r\n",
        "TRACE / HTTP/1.1\r\nHost: shop\r\n\r\n",
        "PUT /US HTTP/1.1\r\nHost: shop\r\nContent-Length: 0\r\n\r\n",
    ] {
        let mut stream = tokio::net::TcpStream::connect(shop).await.expect("connect");
        stream.write_all(request.as_bytes()).await.expect("write");
        let mut answer = vec![0u8; 64];
        let read = tokio::time::timeout(Duration::from_secs(10), stream.read(&mut answer))
            .await
            .expect("an answer")
            .expect("read");
        let head = String::from_utf8_lossy(&answer[..read]).to_string();
        assert!(
            head.starts_with("HTTP/1.1 405") || head.starts_with("HTTP/1.1 400"),
            "{request:?}: {head}"
        );
    }
}

#[tokio::test]
async fn forms_sent_from_another_site_are_refused() {
    let (shop, upstream) = shop(&[]).await;
    let email = "crosssite@example.com";
    let form = format!("country=US&brand=amazon-com&coin=USDC&email={email}");
    for (name, value) in [
        ("sec-fetch-site", "cross-site"),
        ("sec-fetch-site", "same-site"),
        ("origin", "https://evil.example"),
    ] {
        let answer = http()
            .post(format!("http://{shop}/checkout"))
            .header("content-type", "application/x-www-form-urlencoded")
            .header(name, value)
            .body(form.clone())
            .send()
            .await
            .expect("an answer");
        assert_eq!(answer.status(), 403, "{name}: {value}");
        let page = answer.text().await.expect("a page");
        assert!(page.contains("This form came from another site"), "{page}");
    }
    let same = http()
        .post(format!("http://{shop}/checkout"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .body(form)
        .send()
        .await
        .expect("an answer");
    assert_eq!(same.status(), 303, "the shop's own form");
    assert_eq!(upstream.orders_for(email).await, 0, "it had no product");
}

#[tokio::test]
async fn order_pages_are_not_cached_and_updates_carry_no_recipient() {
    let (shop, upstream) = shop(&[]).await;
    let email = "private@example.com";
    let order = upstream.order(email).await;
    let page = http()
        .get(format!("http://{shop}/orders/{order}"))
        .send()
        .await
        .expect("a page");
    assert_eq!(cache_control(&page), Some("no-store"));
    let stream = http()
        .get(format!("http://{shop}/api/orders/{order}/subscribe"))
        .send()
        .await
        .expect("a stream");
    upstream.push(&order, "expire").await;
    let body = tokio::time::timeout(Duration::from_secs(20), stream.text())
        .await
        .expect("the stream ends at a final state")
        .expect("a body");
    assert!(body.contains("Expired"), "{body}");
    assert!(!body.contains(email), "{body}");
}
