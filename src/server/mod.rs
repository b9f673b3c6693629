//! The HTTP server (server only): state, routes, logging and graceful shutdown.

pub mod logging;
pub mod proxies;
mod routes;
pub mod shopper;
mod start;

use crate::{
    api::{
        checkout::stores::{MemoryOrderOnce, OrderOnce, ReturnedForms},
        live::feed::{LocalOrderFeed, OrderFeed},
    },
    config::{Config, Upstream},
    cryptorefills::{catalog::Catalog, Client, Settings},
    sandbox,
};
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::{net::SocketAddr, sync::Arc, time::Duration};
use tokio::net::TcpListener;
use url::Url;

/// How long in-flight requests (and open event streams) get after SIGTERM or Ctrl-C.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// What every handler and server function can reach.
#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub catalog: Catalog,
    pub config: Arc<Config>,
    /// Checkout forms given back to shoppers, by token.
    pub returned_forms: ReturnedForms,
    /// One order per idempotency key.
    pub order_once: Arc<dyn OrderOnce>,
    /// One upstream event stream per watched order.
    pub order_feed: Arc<dyn OrderFeed>,
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
    #[error("the server stopped: {0}")]
    Serve(std::io::Error),
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
    Ok(options)
}

async fn bind(addr: SocketAddr) -> Result<(TcpListener, SocketAddr), StartError> {
    let listener = TcpListener::bind(addr)
        .await
        .map_err(|source| StartError::Bind { addr, source })?;
    let bound = listener
        .local_addr()
        .map_err(|source| StartError::Bind { addr, source })?;
    Ok((listener, bound))
}

/// Where the client finds the API: the configured URL, or this server's own sandbox.
fn api_base(config: &Config, bound: SocketAddr) -> Result<Url, StartError> {
    match &config.upstream {
        Upstream::Remote { url, .. } => Ok(url.clone()),
        Upstream::Sandbox => {
            let ip = if bound.ip().is_unspecified() {
                std::net::IpAddr::from([127, 0, 0, 1])
            } else {
                bound.ip()
            };
            let url = format!(
                "http://{}{}",
                SocketAddr::new(ip, bound.port()),
                sandbox::MOUNT
            );
            Url::parse(&url).map_err(|e| StartError::Client(format!("{url}: {e}")))
        }
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
        let client = Client::new(Settings {
            base_url: api_base(&config, bound)?,
            partner_id,
            app_version,
            connect_timeout: config.connect_timeout,
            timeout: config.timeout,
            utm_source: config.utm_source.clone(),
        })
        .map_err(|e| StartError::Client(e.to_string()))?;
        Ok(Self {
            leptos_options,
            order_feed: Arc::new(LocalOrderFeed::new(client.clone())),
            catalog: Catalog::new(client),
            config: Arc::new(config),
            returned_forms: ReturnedForms::default(),
            order_once: Arc::new(MemoryOrderOnce::default()),
        })
    }
}

pub use routes::app as router;

/// Runs the shop until SIGTERM or Ctrl-C.
pub async fn serve(config: Config) -> Result<(), StartError> {
    let leptos_options = leptos_options()?;
    let (listener, bound) = bind(leptos_options.site_addr).await?;
    let state = AppState::new(config, leptos_options, bound)?;
    tracing::info!(
        address = %bound,
        upstream = %state.config.upstream,
        "storefront listening: open http://{bound}"
    );
    run(listener, routes::app(state)).await
}

/// Runs only the sandbox API, for pointing another storefront at it.
pub async fn serve_sandbox(config: Config) -> Result<(), StartError> {
    let leptos_options = leptos_options()?;
    let (listener, bound) = bind(leptos_options.site_addr).await?;
    tracing::info!(
        address = %bound,
        "sandbox listening: point CR_API_URL at http://{bound}{}", sandbox::MOUNT
    );
    let app = axum::Router::new()
        .nest(sandbox::MOUNT, sandbox::router(config.sandbox))
        .layer(logging::request_trace());
    run(listener, app).await
}

async fn run(listener: TcpListener, app: axum::Router) -> Result<(), StartError> {
    let (stop_tx, mut stop_rx) = tokio::sync::watch::channel(false);
    let server = axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        shutdown_signal().await;
        tracing::info!("shutting down: finishing requests in flight");
        let _ = stop_tx.send(true);
    });
    tokio::select! {
        result = server => {
            tracing::info!("stopped");
            result.map_err(StartError::Serve)
        }
        // Event streams never finish by themselves: after the grace period, stop anyway.
        _ = async move {
            let _ = stop_rx.wait_for(|stopped| *stopped).await;
            tokio::time::sleep(SHUTDOWN_GRACE).await;
        } => {
            tracing::info!("grace period over: closing the remaining connections");
            Ok(())
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
