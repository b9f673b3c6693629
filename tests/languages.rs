//! The shop in two languages over real HTTP: each page in the language of its URL, with
//! its own kept bytes; `/` in the language the shopper chose or their browser prefers; the
//! header's switch remembering the choice; upstream asked in the page's language; a
//! checkout posted from a Vietnamese page leading to the Vietnamese order page.

mod support;

use std::net::SocketAddr;
use support::{location, no_redirects};

async fn shop() -> (SocketAddr, support::Sandbox) {
    let upstream = support::Sandbox::manual().await;
    let shop = support::shop_in_front_of(&upstream.base, &[]).await;
    (shop, upstream)
}

async fn get(shop: SocketAddr, path: &str, headers: &[(&str, &str)]) -> reqwest::Response {
    let mut request = no_redirects().get(format!("http://{shop}{path}"));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.expect("an answer")
}

async fn html(shop: SocketAddr, path: &str) -> String {
    let page = get(shop, path, &[]).await;
    assert_eq!(page.status(), 200, "{path}");
    page.text().await.expect("HTML")
}

#[tokio::test]
async fn each_language_has_its_own_page_and_kept_bytes() {
    let (shop, _upstream) = shop().await;
    let english = html(shop, "/US").await;
    let vietnamese = html(shop, "/vi/US").await;
    assert!(english.contains("<html lang=\"en\""), "English shell");
    assert!(vietnamese.contains("<html lang=\"vi\""), "Vietnamese shell");
    assert!(
        vietnamese.contains("Hoa Kỳ"),
        "the country's Vietnamese name"
    );
    assert!(!vietnamese.contains("Your orders"), "no English header");
    assert!(vietnamese.contains("Đơn hàng của bạn"));
    for page in [&english, &vietnamese] {
        assert!(
            page.contains("hreflang=\"vi\"") && page.contains("/vi/US\""),
            "alternates"
        );
        assert!(page.contains("hreflang=\"en\"") && page.contains("hreflang=\"x-default\""));
    }
    // Each is kept and answered again byte for byte: neither overwrites the other.
    assert_eq!(html(shop, "/US").await, english);
    assert_eq!(html(shop, "/vi/US").await, vietnamese);
    assert_ne!(english, vietnamese);
}

#[tokio::test]
async fn the_root_speaks_the_chosen_language_else_the_browsers() {
    let (shop, _upstream) = shop().await;
    let to = |headers: &'static [(&'static str, &'static str)]| async move {
        location(&get(shop, "/", headers).await)
    };
    assert_eq!(to(&[]).await, "/US");
    assert_eq!(
        to(&[("accept-language", "vi-VN,vi;q=0.9,en;q=0.8")]).await,
        "/vi/VN"
    );
    assert_eq!(to(&[("accept-language", "en-GB,vi;q=0.5")]).await, "/GB");
    assert_eq!(to(&[("accept-language", "de-DE,vi;q=0.5")]).await, "/vi/DE");
    // The switch's choice wins over the browser's languages.
    assert_eq!(
        to(&[
            ("accept-language", "vi-VN"),
            ("cookie", "storefront_lang=en")
        ])
        .await,
        "/VN"
    );
    assert_eq!(
        to(&[("cookie", "storefront_lang=vi; storefront_country=FR")]).await,
        "/vi/FR"
    );
    assert_eq!(location(&get(shop, "/vi", &[]).await), "/vi/US");
    // `/VI` stays the U.S. Virgin Islands' shop, in English.
    let virgin = html(shop, "/VI").await;
    assert!(virgin.contains("<html lang=\"en\""));
}

#[tokio::test]
async fn the_switch_keeps_the_page_and_remembers_the_choice() {
    let (shop, _upstream) = shop().await;
    let switched = get(
        shop,
        "/language/vi?to=%2FUS%2Famazon-com%3Fcoin%3DUSDT",
        &[],
    )
    .await;
    assert_eq!(switched.status(), 303);
    assert_eq!(location(&switched), "/vi/US/amazon-com?coin=USDT");
    let cookie = switched.headers()["set-cookie"].to_str().expect("ASCII");
    assert!(cookie.starts_with("storefront_lang=vi;"), "{cookie}");
    assert!(cookie.contains("Max-Age=31536000"), "{cookie}");

    let back = get(shop, "/language/en?to=%2Fvi%2FUS%2Famazon-com", &[]).await;
    assert_eq!(location(&back), "/US/amazon-com");
    // Another site, or no page: the shop's home in that language. No such language: 404.
    let elsewhere = get(shop, "/language/vi?to=%2F%2Fevil.example", &[]).await;
    assert_eq!(location(&elsewhere), "/vi");
    assert_eq!(location(&get(shop, "/language/vi", &[]).await), "/vi");
    assert_eq!(get(shop, "/language/fr?to=%2FUS", &[]).await.status(), 404);

    // The header links each page to itself in the other language.
    let page = html(shop, "/vi/US/amazon-com").await;
    assert!(page.contains("href=\"/language/en?to=%2FUS%2Famazon-com\""));
    let page = html(shop, "/US/amazon-com").await;
    assert!(page.contains("href=\"/language/vi?to=%2FUS%2Famazon-com\""));
    // A search stays the same search.
    let page = html(shop, "/vi/US?q=amazon&category=e-commerce").await;
    assert!(page.contains("href=\"/language/en?to=%2FUS%3Fq%3Damazon%26category%3De-commerce\""));
}

#[tokio::test]
async fn upstream_is_asked_in_the_pages_language() {
    let (shop, _upstream) = shop().await;
    let vietnamese = html(shop, "/vi/US/amazon-com").await;
    let english = html(shop, "/US/amazon-com").await;
    // The sandbox answers `lang=vi` with Vietnamese descriptions, as upstream does.
    assert!(
        vietnamese.contains("thẻ quà tặng") || vietnamese.contains("Thẻ quà tặng"),
        "a Vietnamese description"
    );
    assert!(vietnamese.contains("25,00\u{a0}US$") || vietnamese.contains("25,00&nbsp;US$"));
    assert!(english.contains("$25.00"));
}

#[tokio::test]
async fn a_checkout_from_a_vietnamese_page_leads_to_the_vietnamese_order() {
    let (shop, upstream) = shop().await;
    let page = get(shop, "/vi/US/amazon-com", &[]).await;
    let key = page
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|c| c.strip_prefix("storefront_checkout="))
        .and_then(|rest| rest.split(';').next())
        .expect("a checkout key")
        .to_string();
    let product = upstream.amazon_product("10").await;
    let email = "lang-vi@example.com";
    let answer = no_redirects()
        .post(format!("http://{shop}/vi/checkout"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", format!("storefront_checkout={key}"))
        .body(format!(
            "country=US&brand=amazon-com&product={product}&coin=USDC&network=Solana&email={email}"
        ))
        .send()
        .await
        .expect("an answer");
    assert_eq!(answer.status(), 303);
    let order = location(&answer);
    assert!(order.starts_with("/vi/orders/"), "{order}");
    let order_page = html(shop, &order).await;
    assert!(order_page.contains("<html lang=\"vi\""));
    assert_eq!(upstream.orders_for(email).await, 1);

    // Upstream was asked in Vietnamese: the goods come with Vietnamese instructions (the
    // page is shown from an answer at most a second old: the next one is upstream's).
    let id = order.trim_start_matches("/vi/orders/");
    assert_eq!(upstream.push(id, "pay").await, 200);
    assert_eq!(upstream.push(id, "deliver").await, 200);
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let delivered = html(shop, &format!("{order}?after=deliver")).await;
    assert!(
        delivered.contains("Đổi thẻ <b>Amazon.com</b>"),
        "Vietnamese instructions: {}",
        &delivered[delivered.find("<main").unwrap_or(0)..]
    );
}
