//! What every handler and server function can reach: the configuration, the catalog and
//! its client, the stores and the order feed (behind interfaces a shared store can
//! implement), the limits, and the site's built files.

use super::{
    checkout_store::{FormStore, MemoryOrderOnce, OrderOnce, ReturnedForms, KEEP_FOR},
    content_policy::SecurityPolicy,
    order_feed::{LocalOrderFeed, OrderFeed},
    order_lookups::{MissingOrders, OrderCountries, RecentOrders},
    rate_limit::RateLimits,
    shared_store::{
        forms::SharedForms, limits::SharedLimits, order_feed::SharedOrderFeed,
        order_once::SharedOrderOnce, RedisLink,
    },
    stream_slots::StreamSlots,
};
use crate::{
    config::{ApiSource, Config},
    cryptorefills::{catalog_cache::Catalog, Client, ClientSettings},
    sandbox,
};
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::{net::SocketAddr, sync::Arc};
use url::Url;

/// What every handler and server function can reach: one shared [`AppStateParts`].
///
/// A handle of one `Arc`, because axum and Leptos clone the state for every request (each
/// `State` extractor, the page cache, the render's context): cloning the parts' dozen
/// `Arc`s and `LeptosOptions`' strings, and dropping them again, took a quarter of the CPU
/// of serving a kept page (`perf` under `scripts/bench throughput`).
#[derive(Clone)]
pub struct AppState(Arc<AppStateParts>);

impl std::ops::Deref for AppState {
    type Target = AppStateParts;

    fn deref(&self) -> &AppStateParts {
        &self.0
    }
}

/// The parts of [`AppState`].
pub struct AppStateParts {
    pub leptos_options: LeptosOptions,
    pub catalog: Catalog,
    pub config: Arc<Config>,
    /// Checkout forms given back to shoppers, by token.
    pub returned_forms: Arc<dyn FormStore>,
    /// One order per idempotency key.
    pub order_once: Arc<dyn OrderOnce>,
    /// One upstream event stream per watched order.
    pub order_feed: Arc<dyn OrderFeed>,
    /// `https://shop.example.com`: where shoppers reach the shop, for absolute URLs.
    pub public_origin: Arc<str>,
    pub security: Arc<SecurityPolicy>,
    pub rate_limits: RateLimits,
    /// Order ids upstream recently said it doesn't know.
    pub missing_orders: MissingOrders,
    /// The country of each order seen lately, for upstream's order calls.
    pub order_countries: OrderCountries,
    /// Orders upstream answered for in the last second, shared by everyone who views them.
    pub recent_orders: RecentOrders,
    /// Event streams open per shopper.
    pub stream_slots: StreamSlots,
    /// `/pkg/storefront.3f9c….css`, read once from the build.
    pub stylesheet: Arc<str>,
    /// The store several instances share, when `STOREFRONT_REDIS_URL` names one.
    pub shared_store: Option<RedisLink>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("the Leptos settings are not valid: {0}")]
    Leptos(String),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("cannot build the API client: {0}")]
    Client(String),
    #[error("cannot use the shared store at {url}: {why}")]
    Redis { url: String, why: String },
}

/// The Leptos settings from the environment (`LEPTOS_SITE_ADDR`, `LEPTOS_SITE_ROOT`, …).
pub fn leptos_options() -> Result<LeptosOptions, StartError> {
    if let Ok(addr) = std::env::var("LEPTOS_SITE_ADDR") {
        if addr.parse::<SocketAddr>().is_err() {
            return Err(StartError::Leptos(format!(
                "LEPTOS_SITE_ADDR={addr:?} is not an address to listen on: use ip:port, like 127.0.0.1:3000"
            )));
        }
    }
    let mut options = leptos::config::get_configuration(None)
        .map_err(|e| StartError::Leptos(e.to_string()))?
        .leptos_options;
    // Builds outside cargo-leptos (cargo test, cargo run) do not bake the output name in.
    if options.output_name.is_empty() {
        options.output_name = "storefront".into();
    }
    // The release build names its files by their content and lists the names in a hash
    // file beside the binary; when it is there, the pages link those names.
    if !options.hash_files && super::site::hash_file(&options).is_some() {
        options.hash_files = true;
    }
    Ok(options)
}

/// `0.0.0.0:3000` is where the server listens, not an address to visit: use loopback.
fn loopback_if_unspecified(bound: SocketAddr) -> SocketAddr {
    if bound.ip().is_unspecified() {
        SocketAddr::new(std::net::IpAddr::from([127, 0, 0, 1]), bound.port())
    } else {
        bound
    }
}

/// Where the client finds the API: the configured URL, or this server's own sandbox.
fn api_base(config: &Config, bound: SocketAddr) -> Result<Url, StartError> {
    match &config.api {
        ApiSource::Remote { url, .. } => Ok(url.clone()),
        ApiSource::Sandbox => {
            let url = format!(
                "http://{}{}",
                loopback_if_unspecified(bound),
                sandbox::MOUNT
            );
            Url::parse(&url).map_err(|e| StartError::Client(format!("{url}: {e}")))
        }
    }
}

/// What instances share when there is a shared store, and each keeps alone without one.
struct Stores {
    order_feed: Arc<dyn OrderFeed>,
    returned_forms: Arc<dyn FormStore>,
    order_once: Arc<dyn OrderOnce>,
    rate_limits: RateLimits,
}

impl Stores {
    fn new(
        shared: Option<&RedisLink>,
        client: Client,
        rate_limits: RateLimits,
    ) -> Result<Self, StartError> {
        let Some(link) = shared else {
            return Ok(Self {
                order_feed: Arc::new(LocalOrderFeed::new(client)),
                returned_forms: Arc::new(ReturnedForms::default()),
                order_once: Arc::new(MemoryOrderOnce::default()),
                rate_limits,
            });
        };
        link.keep_warm();
        let order_feed =
            SharedOrderFeed::new(client, link.clone()).map_err(|e| StartError::Redis {
                url: link.shown_as().to_string(),
                why: e.to_string(),
            })?;
        Ok(Self {
            order_feed: Arc::new(order_feed),
            returned_forms: Arc::new(SharedForms::new(link.clone())),
            order_once: Arc::new(SharedOrderOnce::new(link.clone(), KEEP_FOR)),
            rate_limits: rate_limits.shared(SharedLimits::new(link.clone())),
        })
    }
}

impl AppState {
    /// The state of a shop listening on `bound` (the sandbox's URL depends on it).
    pub fn new(
        config: Config,
        leptos_options: LeptosOptions,
        bound: SocketAddr,
    ) -> Result<Self, StartError> {
        let (partner_id, app_version) = config.credentials();
        let api = api_base(&config, bound)?;
        let public_origin = match &config.public_url {
            Some(url) => crate::web::public_origin(url),
            None => format!("http://{}", loopback_if_unspecified(bound)),
        };
        // Live reload under `cargo leptos watch` talks over its own socket.
        let reload_port = std::env::var("LEPTOS_WATCH")
            .is_ok()
            .then_some(leptos_options.reload_port);
        let security = SecurityPolicy::new(
            &crate::web::public_origin(&api),
            &config.image_hosts,
            reload_port,
            public_origin.starts_with("https://"),
        );
        let rate_limits = RateLimits::per_minute(
            config.quotes_per_minute,
            config.orders_per_minute,
            config.order_lookups_per_minute,
        );
        let client = Client::new(ClientSettings {
            base_url: api,
            partner_id,
            app_version,
            connect_timeout: config.connect_timeout,
            timeout: config.timeout,
            stream_idle: config.stream_idle,
            utm_source: config.utm_source.clone(),
        })
        .map_err(|e| StartError::Client(e.to_string()))?;
        let config_streams_per_shopper = config.streams_per_shopper;
        let shared_store = match &config.redis {
            None => None,
            Some(url) => Some(RedisLink::new(url).map_err(|e| StartError::Redis {
                url: url.to_string(),
                why: e.to_string(),
            })?),
        };
        let Stores {
            order_feed,
            returned_forms,
            order_once,
            rate_limits,
        } = Stores::new(shared_store.as_ref(), client.clone(), rate_limits)?;
        let catalog = Catalog::new(client);
        if let Some(link) = &shared_store {
            super::shared_store::catalog_sync::start(link.clone(), catalog.clone());
        }
        Ok(Self(Arc::new(AppStateParts {
            order_feed,
            catalog,
            config: Arc::new(config),
            returned_forms,
            order_once,
            public_origin: public_origin.into(),
            security: Arc::new(security),
            rate_limits,
            shared_store,
            missing_orders: Default::default(),
            order_countries: Default::default(),
            recent_orders: Default::default(),
            stream_slots: StreamSlots::new(config_streams_per_shopper),
            stylesheet: super::site::stylesheet_href(&leptos_options).into(),
            leptos_options,
        })))
    }
}
