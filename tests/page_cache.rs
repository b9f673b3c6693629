//! A country's shop page is rendered once per catalog version and answered from memory,
//! compressed, with a Content-Security-Policy that names its inline scripts by hash.

mod support;

use base64::Engine;
use sha2::{Digest, Sha256};

fn http() -> reqwest::Client {
    // No automatic decompression: the test reads the bytes as they were sent.
    reqwest::Client::builder()
        .no_brotli()
        .no_gzip()
        .build()
        .expect("a client")
}

async fn get(shop: std::net::SocketAddr, path: &str, encoding: &str) -> reqwest::Response {
    http()
        .get(format!("http://{shop}{path}"))
        .header("accept-encoding", encoding)
        .send()
        .await
        .expect("a page")
}

/// `'sha256-…'` of each inline script in a page (data blocks, like JSON-LD, run nothing
/// and need none).
fn inline_hashes(html: &str) -> Vec<String> {
    html.split("<script")
        .skip(1)
        .filter_map(|rest| {
            let end_of_tag = rest.find('>')?;
            let tag = &rest[..end_of_tag];
            if tag.contains("src=") || tag.contains("application/ld+json") {
                return None;
            }
            let text = &rest[end_of_tag + 1..rest.find("</script")?];
            let digest = Sha256::digest(text.as_bytes());
            Some(format!(
                "'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            ))
        })
        .collect()
}

#[tokio::test]
async fn a_country_page_is_rendered_once_and_answered_from_memory() {
    let upstream = support::Sandbox::manual().await;
    let shop = support::shop_in_front_of(&upstream.base, &[]).await;

    let first = get(shop, "/US", "identity").await;
    assert_eq!(first.status(), 200);
    let csp = first.headers()["content-security-policy"]
        .to_str()
        .expect("ASCII")
        .to_string();
    assert_eq!(first.headers()["vary"], "accept-encoding");
    assert!(first.headers()["set-cookie"]
        .to_str()
        .is_ok_and(|c| c.starts_with("storefront_country=US")));
    let html = first.text().await.expect("HTML");
    assert!(
        !csp.contains("'nonce-"),
        "a kept page is allowed by hashes: {csp}"
    );
    let hashes = inline_hashes(&html);
    assert!(!hashes.is_empty());
    for hash in &hashes {
        assert!(csp.contains(hash), "{hash} in {csp}");
    }

    // The same bytes again (its random nonce included), in each encoding.
    for _ in 0..20 {
        let again = get(shop, "/US", "identity").await;
        assert_eq!(again.text().await.expect("HTML"), html);
    }
    let br = get(shop, "/US", "gzip, deflate, br").await;
    assert_eq!(br.headers()["content-encoding"], "br");
    let br = br.bytes().await.expect("bytes");
    let mut decoded = Vec::new();
    brotli::BrotliDecompress(&mut &br[..], &mut decoded).expect("brotli");
    assert_eq!(String::from_utf8_lossy(&decoded), html);
    let gzip = get(shop, "/US", "gzip").await;
    assert_eq!(gzip.headers()["content-encoding"], "gzip");
    assert_eq!(
        upstream.calls.to("/v2/brands"),
        1,
        "one catalog call for all those views"
    );

    // A search is rendered for its shopper, with a nonce of its own.
    let search = get(shop, "/US?q=amazon", "identity").await;
    let csp = search.headers()["content-security-policy"]
        .to_str()
        .expect("ASCII")
        .to_string();
    assert!(csp.contains("'nonce-"), "{csp}");
    assert_ne!(search.text().await.expect("HTML"), html);
}

/// A page rendered without part of what it shows (the payment options failed) is answered
/// but not kept, and the mark that tells the page cache so never reaches the browser: not
/// on a country page, not on a brand page (which the cache passes through), not on a
/// server function's answer.
#[tokio::test]
async fn the_degraded_mark_never_leaves_the_shop() {
    let upstream = support::Sandbox::manual().await;
    let shop = support::shop_in_front_of(&upstream.base, &[]).await;
    upstream
        .fault(serde_json::json!({"path": "/v3/payment_vias", "status": 503, "times": 1000}))
        .await;
    for path in ["/US", "/US/amazon-com", "/US/t-mobile"] {
        let response = get(shop, path, "identity").await;
        assert_eq!(response.status(), 200, "{path} still sells");
        assert!(
            !response.headers().contains_key("x-storefront-degraded"),
            "{path} shows the internal mark"
        );
        let html = response.text().await.expect("HTML");
        assert!(html.contains("USDC"), "{path} offers the default coin");
    }
    // Not kept: once the options are back, the next view shows every coin.
    upstream.clear_faults().await;
    let html = get(shop, "/US", "identity")
        .await
        .text()
        .await
        .expect("HTML");
    assert!(html.contains("USDT"), "the page is rendered again, whole");
}

/// A brand page is kept too: two shoppers get the same bytes from one render, each with a
/// checkout key of their own (a cookie added outside the cache); a coin in the query is
/// the shopper's own choice, rendered for them.
#[tokio::test]
async fn a_brand_page_is_kept_and_each_view_gets_its_own_key() {
    let upstream = support::Sandbox::manual().await;
    let shop = support::shop_in_front_of(&upstream.base, &[]).await;
    let key_of = |response: &reqwest::Response| {
        response
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|c| c.contains("checkout"))
            .and_then(|c| c.split(';').next())
            .map(str::to_owned)
    };
    let first = get(shop, "/US/amazon-com", "identity").await;
    assert_eq!(first.status(), 200);
    let csp = first.headers()["content-security-policy"]
        .to_str()
        .expect("ASCII")
        .to_string();
    assert!(!csp.contains("'nonce-"), "kept, allowed by hashes: {csp}");
    let first_key = key_of(&first).expect("a checkout key");
    let html = first.text().await.expect("HTML");
    for hash in inline_hashes(&html) {
        assert!(csp.contains(&hash), "{hash} in {csp}");
    }
    let second = get(shop, "/US/amazon-com?utm_source=mail", "identity").await;
    let second_key = key_of(&second).expect("a checkout key");
    assert_ne!(first_key, second_key, "each view has its own key");
    assert_eq!(second.text().await.expect("HTML"), html, "the same page");
    assert!(!html.contains(first_key.split('=').nth(1).unwrap_or("?")));

    let chosen = get(shop, "/US/amazon-com?coin=USDT", "identity").await;
    let csp = chosen.headers()["content-security-policy"]
        .to_str()
        .expect("ASCII")
        .to_string();
    assert!(csp.contains("'nonce-"), "rendered for its shopper: {csp}");
}
