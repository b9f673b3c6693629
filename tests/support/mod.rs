//! Shared by the integration tests: the sandbox on a free port, counting the calls it gets.
//! Each test crate compiles this module and uses a part of it.
#![allow(dead_code)]

pub mod cluster;

use axum::{extract::Request, middleware::Next, Router};
use std::{
    collections::HashMap,
    net::SocketAddr,
    sync::{Arc, Mutex},
    time::Duration,
};
use storefront::{
    cryptorefills::{Client, ClientSettings},
    sandbox::{self, Timings},
};
use tokio::net::TcpListener;

/// Serves `app` on a free port of this machine.
pub async fn serve(app: Router) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("a free port");
    serve_on(listener, app)
}

/// Serves `app` on a port already bound (for an app that must know its own address).
pub fn serve_on(listener: TcpListener, app: Router) -> SocketAddr {
    let addr = listener.local_addr().expect("bound");
    serve_with_header_timeout(listener, app, Duration::from_secs(10));
    addr
}

/// Serves `app` as the shop's own server does, with its header-read timeout.
pub fn serve_with_header_timeout(listener: TcpListener, app: Router, header_read: Duration) {
    tokio::spawn(storefront::server::run_until(
        listener,
        app,
        header_read,
        std::future::pending(),
    ));
}

pub fn client_for(base: &str, partner: &str, timeout: Duration) -> Client {
    Client::new(ClientSettings {
        base_url: url::Url::parse(base).expect("a URL"),
        partner_id: partner.into(),
        app_version: "test-1".into(),
        connect_timeout: Duration::from_secs(2),
        timeout,
        stream_idle: Duration::from_secs(45),
        utm_source: "storefront-tests".into(),
    })
    .expect("a client")
}

/// The shop's state and router in the sandbox configuration plus `extra`, served on a free
/// port with upstream at `api_url` (`None`: the sandbox mounted on the shop itself).
pub async fn shop_with(api_url: Option<String>, extra: &[(&str, &str)]) -> SocketAddr {
    let mut vars: HashMap<String, String> = extra
        .iter()
        .map(|(key, value)| (key.to_string(), value.to_string()))
        .collect();
    if let Some(api_url) = api_url {
        vars.insert("CR_API_URL".into(), api_url);
        vars.insert("CR_PARTNER_ID".into(), "test-partner".into());
        vars.insert("CR_APP_VERSION".into(), "test-1".into());
    }
    let config = storefront::config::Config::from_lookup(|name| vars.get(name).cloned())
        .expect("valid config");
    let mut options = leptos::config::LeptosOptions::builder()
        .output_name("storefront")
        .build();
    options.site_root = "target/site".into();
    let header_read = config.header_read_timeout;
    // Bound first: the sandbox mounted on the shop must know the shop's address.
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("a free port");
    let addr = listener.local_addr().expect("bound");
    let state = storefront::services::AppState::new(config, options, addr).expect("state");
    serve_with_header_timeout(listener, storefront::server::router(state), header_read);
    addr
}

/// The shop itself, in front of the API at `api_url`, with `extra` configuration variables.
pub async fn shop_in_front_of(api_url: &str, extra: &[(&str, &str)]) -> SocketAddr {
    shop_with(Some(api_url.to_string()), extra).await
}

/// A client that reports redirects rather than following them, as a test of a form's
/// answer needs.
pub fn no_redirects() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(30))
        .build()
        .expect("a client")
}

/// A checkout post from a browser holding checkout key `key` (or none).
pub async fn post_checkout(shop: SocketAddr, key: Option<&str>, form: &str) -> reqwest::Response {
    let mut request = no_redirects()
        .post(format!("http://{shop}/checkout"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form.to_string());
    if let Some(key) = key {
        request = request.header("cookie", format!("storefront_checkout={key}"));
    }
    request.send().await.expect("an answer")
}

/// An answer's `Location` (empty without one).
pub fn location(answer: &reqwest::Response) -> String {
    answer
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

/// Calls per path (`/sandbox/api/v2/brands`), query left out.
#[derive(Clone, Default)]
pub struct Calls(Arc<Mutex<HashMap<String, usize>>>);

impl Calls {
    pub fn to(&self, path_end: &str) -> usize {
        let calls = self.0.lock().expect("lock");
        calls
            .iter()
            .filter(|(p, _)| p.ends_with(path_end))
            .map(|(_, n)| n)
            .sum()
    }

    fn count(&self, path: &str) {
        *self
            .0
            .lock()
            .expect("lock")
            .entry(path.to_string())
            .or_default() += 1;
    }
}

pub struct Sandbox {
    pub client: Client,
    pub base: String,
    pub http: reqwest::Client,
    pub calls: Calls,
}

impl Sandbox {
    pub async fn start(timings: Timings) -> Self {
        let settings = sandbox::SandboxSettings {
            timings,
            heartbeat: Duration::from_millis(200),
            ..Default::default()
        };
        let calls = Calls::default();
        let counter = calls.clone();
        let app = Router::new()
            .nest(sandbox::MOUNT, sandbox::router(settings))
            .layer(axum::middleware::from_fn(
                move |request: Request, next: Next| {
                    counter.count(request.uri().path());
                    next.run(request)
                },
            ));
        let base = format!("http://{}{}", serve(app).await, sandbox::MOUNT);
        Self {
            client: client_for(&base, "test-partner", Duration::from_secs(5)),
            base,
            http: reqwest::Client::new(),
            calls,
        }
    }

    /// Orders move only when a test says so.
    pub async fn manual() -> Self {
        Self::start(Timings {
            pay_after: None,
            deliver_after: Duration::from_secs(3600),
            expire_after: Duration::from_secs(3600),
        })
        .await
    }

    pub async fn control(
        &self,
        path: &str,
        body: Option<serde_json::Value>,
    ) -> reqwest::StatusCode {
        let request = self.http.post(format!("{}/__control/{path}", self.base));
        let request = request.json(&body.unwrap_or_else(|| serde_json::json!({})));
        request
            .send()
            .await
            .expect("the control endpoint answers")
            .status()
    }

    /// A plain GET of a sandbox path, as a browser loading a picture makes it.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("the sandbox answers")
    }

    /// `pay`, `deliver`, `expire`, `fail` or `underpay` an order.
    pub async fn push(&self, order_id: &str, action: &str) -> reqwest::StatusCode {
        self.control(&format!("orders/{order_id}/{action}"), None)
            .await
    }

    /// A $25 Amazon.com order, waiting for payment; its id.
    pub async fn order(&self, email: &str) -> String {
        use storefront::domain::{checkout, Country, ProductKind};
        let draft = checkout::OrderDraft {
            email: email.into(),
            coin: "USDC".into(),
            network: "Solana".into(),
            items: vec![checkout::DraftItem {
                brand_name: "Amazon.com".into(),
                country: Country::find("US").copied().expect("US"),
                kind: ProductKind::GiftCard,
                amount: checkout::AmountChoice::Fixed {
                    denomination: "25 USD".into(),
                    label: None,
                    face_value: Some(storefront::domain::Money::new(
                        rust_decimal::Decimal::from(25),
                        "USD",
                    )),
                },
                beneficiary: email.into(),
            }],
            coupon: None,
            newsletter: false,
        };
        self.client
            .create_order(&draft, &Default::default())
            .await
            .expect("an order")
            .id
    }

    /// How many orders the sandbox holds for `email`.
    pub async fn orders_for(&self, email: &str) -> u64 {
        let answer: serde_json::Value = self
            .http
            .get(format!("{}/__control/orders", self.base))
            .query(&[("email", email)])
            .send()
            .await
            .expect("the sandbox answers")
            .json()
            .await
            .expect("JSON");
        answer["count"].as_u64().unwrap_or(u64::MAX)
    }

    /// The id of the $`amount` product of Amazon.com in the US, as the brand page offers it.
    pub async fn amazon_product(&self, amount: &str) -> String {
        use storefront::domain::{Country, Offer};
        let us = Country::find("US").copied().expect("US");
        let catalog = self
            .client
            .brands(us, &Default::default())
            .await
            .expect("the catalog");
        let brand = catalog
            .brands
            .iter()
            .find(|b| b.slug == "amazon-com")
            .expect("Amazon.com")
            .clone();
        let details = self
            .client
            .products(&brand, us, "USDC", &Default::default())
            .await
            .expect("products");
        let label = format!("${amount}");
        let id = details
            .fixed_products()
            .find(|p| matches!(&p.offer, Offer::Fixed { label: l, .. } if *l == label))
            .map(|p| p.id.clone());
        id.expect("that amount")
    }

    pub async fn fault(&self, body: serde_json::Value) {
        assert_eq!(self.control("faults", Some(body)).await, 204);
    }

    pub async fn clear_faults(&self) {
        let response = self
            .http
            .delete(format!("{}/__control/faults", self.base))
            .send()
            .await
            .expect("the control endpoint answers");
        assert_eq!(response.status(), 204);
    }
}
