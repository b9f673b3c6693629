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

/// `'sha256-…'` of each inline script in a page.
fn inline_hashes(html: &str) -> Vec<String> {
    html.split("<script")
        .skip(1)
        .filter_map(|rest| {
            let end_of_tag = rest.find('>')?;
            if rest[..end_of_tag].contains("src=") {
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
