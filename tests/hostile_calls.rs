//! Attacks on the server functions, the checkout and the connection itself, and what the
//! browser is told: bad arguments get a 4xx, costly calls are limited per shopper, a slow
//! client is cut off, and every response carries the security headers.

mod support;

use leptos::server_fn::{error::FromServerFnError, ServerFn};
use std::{net::SocketAddr, time::Duration};
use storefront::api::{
    browse::{
        CustomAmountQuote, LoadBrandPage, LoadCoinPrices, LoadCountryShop, QuoteCustomAmount,
    },
    order::LoadOrder,
};
use storefront::{error::AppError, web::lines::Lines};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a client")
}

/// The shop in front of a sandbox of its own (whose calls the test can count).
async fn shop(extra: &[(&str, &str)]) -> (SocketAddr, support::Sandbox) {
    let upstream = support::Sandbox::manual().await;
    let shop = support::shop_in_front_of(&upstream.base, extra).await;
    (shop, upstream)
}

async fn call(shop: SocketAddr, path: &str, body: impl Into<reqwest::Body>) -> reqwest::Response {
    http()
        .post(format!("http://{shop}{path}"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "application/json")
        .body(body)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{path}: no answer: {e}"))
}

#[tokio::test]
async fn every_server_function_answers_hostile_arguments_with_a_4xx() {
    let (shop, _upstream) = shop(&[("STOREFRONT_QUOTES_PER_MINUTE", "1000")]).await;
    let long = "a".repeat(5_000);
    let functions: [(&str, &[&str]); 5] = [
        (LoadCountryShop::PATH, &["code"]),
        (
            LoadBrandPage::PATH,
            &["code", "slug", "coin", "network", "form"],
        ),
        (LoadCoinPrices::PATH, &["code", "slug", "coin"]),
        (QuoteCustomAmount::PATH, &["code", "slug", "amount", "coin"]),
        (LoadOrder::PATH, &["id"]),
    ];
    let hostile = [
        "%0A",
        "%00",
        "US%0D%0ALocation:%20x",
        "%FF%FE",
        long.as_str(),
    ];
    // Sensible values, so that each hostile one gets past the others' checks.
    let fine = |arg: &str| match arg {
        "code" => "US",
        "slug" => "amazon-com",
        "coin" => "USDC",
        "network" => "Solana",
        "amount" => "50",
        _ => "",
    };
    for (path, args) in functions {
        for value in hostile {
            let body: Vec<String> = args.iter().map(|a| format!("{a}={value}")).collect();
            let answer = call(shop, path, body.join("&")).await;
            let status = answer.status().as_u16();
            assert!(
                (400..500).contains(&status),
                "{path} with {value:.20}: {status}"
            );
            let said = answer.text().await.unwrap_or_default();
            assert!(
                !said.contains("Location") && !said.contains("aaaaaaaaaa") && said.len() < 500,
                "{path}: hostile input is not repeated back: {said:.200}"
            );
        }
        // One hostile argument at a time, the others sensible, so each gets past the
        // checks before it (a refusal as an answer, 200, is fine too).
        for (i, name) in args.iter().enumerate() {
            for value in hostile {
                let body: Vec<String> = args
                    .iter()
                    .enumerate()
                    .map(|(j, a)| format!("{a}={}", if i == j { value } else { fine(a) }))
                    .collect();
                let answer = call(shop, path, body.join("&")).await;
                let status = answer.status().as_u16();
                assert!(
                    (200..500).contains(&status),
                    "{path} with {name}={value:.20}: {status}"
                );
                let said = answer.text().await.unwrap_or_default();
                assert!(
                    !said.contains("Location") && !said.contains("aaaaaaaaaa"),
                    "{path} with {name}: hostile input is not repeated back: {said:.200}"
                );
            }
        }
        // Bytes that are not UTF-8, and no arguments at all.
        for body in [vec![0xFF, 0xFE, b'=', 0x80], Vec::new()] {
            let answer = call(shop, path, body).await;
            let status = answer.status().as_u16();
            assert_eq!(
                status, 400,
                "{path}: unreadable arguments are the caller's fault"
            );
        }
    }
}

#[tokio::test]
async fn the_quote_function_refuses_a_coin_the_shop_does_not_take() {
    let (shop, upstream) = shop(&[]).await;
    let answer = call(
        shop,
        QuoteCustomAmount::PATH,
        "code=US&slug=amazon-com&amount=50&coin=BOGUS",
    )
    .await;
    assert_eq!(answer.status(), 200, "a refusal is an answer");
    let body = answer.text().await.expect("a body");
    let refused = match CustomAmountQuote::from_lines(&body) {
        Some(CustomAmountQuote::Refused { message }) => message,
        other => panic!("a refusal, not {other:?}: {body}"),
    };
    assert!(
        refused.contains("BOGUS can't be used to pay right now"),
        "{refused}"
    );
    assert_eq!(upstream.calls.to("/price"), 0, "nothing reached upstream");

    let unknown_brand = call(
        shop,
        QuoteCustomAmount::PATH,
        "code=US&slug=no-such-brand&amount=50&coin=USDC",
    )
    .await;
    assert_eq!(unknown_brand.status(), 404);
    let unknown_country = call(shop, LoadCountryShop::PATH, "code=XX").await;
    assert_eq!(unknown_country.status(), 404);
}

#[tokio::test]
async fn quotes_past_the_limit_get_429_and_how_long_to_wait() {
    let (shop, _upstream) = shop(&[("STOREFRONT_QUOTES_PER_MINUTE", "3")]).await;
    let quote = || {
        call(
            shop,
            QuoteCustomAmount::PATH,
            "code=US&slug=amazon-com&amount=50&coin=USDC",
        )
    };
    for n in 1..=3 {
        assert_eq!(quote().await.status(), 200, "quote {n}");
    }
    let limited = quote().await;
    assert_eq!(limited.status(), 429);
    let wait: u64 = limited.headers()["retry-after"]
        .to_str()
        .ok()
        .and_then(|v| v.parse().ok())
        .expect("Retry-After in seconds");
    assert!((1..=20).contains(&wait), "{wait}");
    let body = limited.text().await.expect("a body");
    // What the browser reads: the same wait as the header's.
    assert_eq!(AppError::de(body.into()), AppError::TooFast(wait));
    // A page that prices an amount while it renders (no JavaScript) is not a quote call:
    // it is neither limited nor given the limit's status.
    let page = http()
        .get(format!("http://{shop}/US/airbnb?amount=100"))
        .send()
        .await
        .expect("a page");
    assert_eq!(page.status(), 200);
}

#[tokio::test]
async fn checkouts_past_the_limit_get_a_page_that_says_to_wait() {
    let (shop, _upstream) = shop(&[("STOREFRONT_ORDERS_PER_MINUTE", "1")]).await;
    let form = "country=US&brand=amazon-com&product=&amount=25&coin=USDC&network=Solana\
                &email=not-an-email&recipient=&key=";
    let checkout = || {
        http()
            .post(format!("http://{shop}/checkout"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form)
            .send()
    };
    let first = checkout().await.expect("an answer");
    assert!(first.status().is_redirection(), "{}", first.status());
    let second = checkout().await.expect("an answer");
    assert_eq!(second.status(), 429);
    assert!(second.headers().contains_key("retry-after"));
    let page = second.text().await.expect("a page");
    assert!(page.contains("Please wait a moment"), "{page}");
    assert!(page.contains("Nothing was ordered"), "{page}");
    assert!(
        page.contains("href=\"/US/amazon-com?amount=25&amp;coin=USDC"),
        "a way back to the form with its choices: {page}"
    );
    assert!(page.contains("Back button"), "{page}");
}

/// Each script that runs inline (everything but external scripts and JSON-LD data): its
/// `nonce` if it has one, and the `'sha256-…'` of its text.
fn inline_scripts(html: &str) -> Vec<(Option<String>, String)> {
    use base64::Engine;
    use sha2::{Digest, Sha256};
    html.split("<script")
        .skip(1)
        .filter_map(|rest| {
            let end_of_tag = rest.find('>')?;
            let tag = &rest[..end_of_tag];
            if tag.contains("src=") || tag.contains("application/ld+json") {
                return None;
            }
            let nonce = tag.find("nonce=\"").and_then(|start| {
                let start = start + 7;
                let end = start + tag[start..].find('"')?;
                Some(tag[start..end].to_string())
            });
            let text = &rest[end_of_tag + 1..rest.find("</script")?];
            let hash = format!(
                "'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(Sha256::digest(text.as_bytes()))
            );
            Some((nonce, hash))
        })
        .collect()
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let (shop, upstream) = shop(&[]).await;
    let order = upstream.order("headers@example.com").await;
    let pages = [
        "/US".to_string(),
        "/US/amazon-com".into(),
        "/countries".into(),
        "/orders".into(),
        format!("/orders/{order}"),
        "/US/no-such-brand".into(),
    ];
    for path in &pages {
        let page = http()
            .get(format!("http://{shop}{path}"))
            .send()
            .await
            .expect("a page");
        let headers = page.headers().clone();
        let csp = headers["content-security-policy"]
            .to_str()
            .expect("ASCII")
            .to_string();
        let html = page.text().await.expect("HTML");
        let scripts = inline_scripts(&html);
        assert!(!scripts.is_empty(), "{path}: the hydration script at least");
        for (nonce, hash) in &scripts {
            // A page rendered for this request allows its scripts by nonce; a page kept
            // for every shopper (a country's), by their hashes.
            let by_nonce = nonce
                .as_ref()
                .is_some_and(|nonce| csp.contains(&format!("'nonce-{nonce}'")));
            assert!(by_nonce || csp.contains(hash.as_str()), "{path}: {csp}");
        }
        for directive in [
            "script-src 'self' '",
            "'wasm-unsafe-eval'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
            "form-action 'self'",
            "img-src 'self' data:",
        ] {
            assert!(csp.contains(directive), "{path}: {directive} in {csp}");
        }
        let script_src = csp
            .split(';')
            .find(|d| d.trim().starts_with("script-src"))
            .unwrap_or_default();
        assert!(
            !script_src.contains("unsafe-inline"),
            "{path}: {script_src}"
        );
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(
            headers["referrer-policy"], "strict-origin-when-cross-origin",
            "{path}"
        );
        assert!(headers.contains_key("permissions-policy"), "{path}");
        assert!(
            !headers.contains_key(storefront::render::PAGE_NONCE_HEADER),
            "{path}: the internal header stays inside"
        );
    }
    // Not pages: nothing may run.
    for path in ["/healthz", "/api/orders/nope/subscribe"] {
        let answer = http()
            .get(format!("http://{shop}{path}"))
            .send()
            .await
            .expect("an answer");
        let csp = answer.headers()["content-security-policy"]
            .to_str()
            .expect("ASCII");
        assert!(csp.starts_with("default-src 'none'"), "{path}: {csp}");
        assert_eq!(answer.headers()["x-content-type-options"], "nosniff");
    }
}

#[tokio::test]
async fn absolute_urls_and_cookies_follow_the_public_url_not_the_host_header() {
    let (public, _upstream) = shop(&[("STOREFRONT_PUBLIC_URL", "https://shop.example.com")]).await;
    let page = http()
        .get(format!("http://{public}/US"))
        .header("host", "evil.example")
        .header("x-forwarded-proto", "http")
        .send()
        .await
        .expect("a page");
    let cookie = page.headers()["set-cookie"]
        .to_str()
        .expect("ASCII")
        .to_string();
    assert!(cookie.contains("; Secure"), "{cookie}");
    let html = page.text().await.expect("HTML");
    assert!(
        html.contains("<link href=\"https://shop.example.com/US\" rel=\"canonical\">"),
        "canonical from the public URL"
    );
    assert!(
        html.contains("<meta property=\"og:url\" content=\"https://shop.example.com/US\">"),
        "og:url from the public URL"
    );
    assert!(
        !html.contains("evil.example"),
        "the Host header is not echoed"
    );

    // Over plain HTTP the cookie can't be Secure, or the browser would drop it.
    let (plain, _upstream) = shop(&[]).await;
    let page = http()
        .get(format!("http://{plain}/US"))
        .send()
        .await
        .expect("a page");
    let cookie = page.headers()["set-cookie"].to_str().expect("ASCII");
    assert!(!cookie.contains("Secure"), "{cookie}");
}

#[tokio::test]
async fn a_client_dribbling_its_headers_is_cut_off() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a port");
    let addr = listener.local_addr().expect("bound");
    let app = axum::Router::new().route("/healthz", axum::routing::get(|| async { "ok" }));
    support::serve_with_header_timeout(listener, app, Duration::from_secs(1));

    let mut slow = tokio::net::TcpStream::connect(addr)
        .await
        .expect("connected");
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        .await
        .expect("written");
    // A byte now and then, never the blank line that ends the headers: it ends when the
    // server closes the connection (a write fails), which it does after its 1 s header
    // timeout. The 60 s here is only how long the test waits before it fails.
    let dribble = async {
        loop {
            tokio::time::sleep(Duration::from_millis(200)).await;
            if slow.write_all(b"X").await.is_err() {
                break;
            }
        }
    };
    assert!(
        tokio::time::timeout(Duration::from_secs(60), dribble)
            .await
            .is_ok(),
        "the server closed the connection"
    );
    let mut rest = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(1), slow.read_to_end(&mut rest)).await;

    // Meanwhile and after, others are served.
    let ok = reqwest::get(format!("http://{addr}/healthz"))
        .await
        .expect("served");
    assert_eq!(ok.status(), 200);
}

/// An upstream (or whoever answers in its place) that sends 50 MB, or a body that never
/// ends: the client reads at most `MAX_BODY`, within its timeout, and says so.
#[tokio::test]
async fn an_upstream_body_that_is_huge_or_never_ends_is_cut() {
    use axum::{body::Body, routing::get, Router};
    use storefront::cryptorefills::{ApiError, MAX_BODY};
    let chunks = || {
        futures::stream::iter(
            (0..50).map(|_| Ok::<_, std::io::Error>(bytes::Bytes::from(vec![b' '; 1 << 20]))),
        )
    };
    let endless_calls = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = endless_calls.clone();
    let app = Router::new()
        .route(
            "/streamed/v2/brands",
            get(move || async move { Body::from_stream(chunks()) }),
        )
        .route(
            "/declared/v2/brands",
            get(|| async { vec![b' '; 50 << 20] }),
        )
        .route(
            "/endless/v2/brands",
            get(move || async move {
                counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let start = futures::stream::once(async {
                    Ok::<_, std::io::Error>(bytes::Bytes::from_static(b"["))
                });
                Body::from_stream(futures::StreamExt::chain(start, futures::stream::pending()))
            }),
        );
    let upstream = support::serve(app).await;
    let us = storefront::domain::Country::find("US")
        .copied()
        .expect("US");
    for kind in ["streamed", "declared"] {
        let client = support::client_for(
            &format!("http://{upstream}/{kind}"),
            "p",
            Duration::from_secs(10),
        );
        let answer = client.brands(us, &Default::default()).await;
        assert!(
            matches!(&answer, Err(ApiError::Decode { message, .. }) if message.contains("larger than 8 MiB")),
            "{kind}: {:?}",
            answer.err()
        );
        assert_eq!(MAX_BODY, 8 << 20);
    }
    let client = support::client_for(
        &format!("http://{upstream}/endless"),
        "p",
        Duration::from_secs(1),
    );
    let answer = client.brands(us, &Default::default()).await;
    assert!(
        matches!(answer, Err(ApiError::Timeout(_))),
        "{:?}",
        answer.err()
    );
    // The timeout cut the body: an answer that began is not asked for again.
    assert_eq!(endless_calls.load(std::sync::atomic::Ordering::SeqCst), 1);
}

/// 10,000 distinct searches: nothing the shop keeps grows with them (caches are keyed by
/// validated values only, and the query is cut to 100 characters before it is used).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_distinct_searches_leave_memory_flat() {
    let (shop, upstream) = shop(&[]).await;
    let http = http();
    let search = |n: usize| {
        let http = http.clone();
        async move {
            let q = format!("{n:x}{}", "z".repeat(n % 300));
            let page = http
                .get(format!("http://{shop}/US?q={q}"))
                .send()
                .await
                .expect("a page");
            assert_eq!(page.status(), 200);
            page.bytes().await.expect("a body").len()
        }
    };
    // Warm up: the catalog is fetched and the allocator settles.
    for n in 0..200 {
        search(n).await;
    }
    let calls_before = upstream.calls.to("/v2/brands");
    let rss_before = resident_kib();
    let mut n = 200;
    while n < 10_200 {
        let batch: Vec<_> = (n..n + 8).map(search).collect();
        futures::future::join_all(batch).await;
        n += 8;
    }
    let grown = resident_kib().saturating_sub(rss_before);
    assert_eq!(
        upstream.calls.to("/v2/brands"),
        calls_before,
        "searches are answered from the one cached catalog"
    );
    assert!(grown < 16 * 1024, "resident memory grew by {grown} KiB");
}

/// This process's resident memory, from /proc (Linux).
fn resident_kib() -> usize {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kib| kib.parse().ok())
        })
        .unwrap_or(0)
}
