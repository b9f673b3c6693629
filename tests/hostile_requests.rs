//! Requests no browser would send, at every route: control characters, `%00`, very long
//! segments and bytes that are not UTF-8. Each gets a 4xx (or a page), never a crash.

mod support;

use std::net::SocketAddr;
use storefront::{
    config::Config,
    server::{self, AppState},
};

async fn shop() -> SocketAddr {
    let config = Config::from_lookup(|_| None).expect("the sandbox config");
    let mut options = leptos::config::LeptosOptions::builder()
        .output_name("storefront")
        .build();
    options.site_root = "target/site".into();
    // The sandbox is mounted on the shop itself: bind first, so its URL is known.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a port");
    let addr = listener.local_addr().expect("bound");
    let state = AppState::new(config, options, addr).expect("state");
    let app = server::router(state);
    tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
    });
    addr
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
