//! The HTTP server (server only): state, routes, logging and graceful shutdown.

pub mod assets;
pub mod checkout_key;
pub mod guards;
pub mod logging;
pub mod order_images;
pub mod page_cache;
pub mod proxies;
pub mod rate_limit;
mod routes;
pub mod security;
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

/// Connections open at once (each an event stream at most): 10,000 order viewers fit.
const MAX_CONNECTIONS: usize = 20_000;

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
    /// `https://shop.example.com`: where shoppers reach the shop, for absolute URLs.
    pub public_origin: Arc<str>,
    pub security: Arc<security::SecurityPolicy>,
    pub rate_limits: rate_limit::RateLimits,
    /// Order ids upstream recently said it doesn't know.
    pub missing_orders: crate::api::lookups::MissingOrders,
    /// The country of each order seen lately, for upstream's order calls.
    pub order_countries: crate::api::lookups::OrderCountries,
    /// Event streams open per shopper.
    pub stream_slots: crate::api::live::slots::StreamSlots,
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
    if !options.hash_files && assets::hash_file(&options).is_some() {
        options.hash_files = true;
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
    match &config.upstream {
        Upstream::Remote { url, .. } => Ok(url.clone()),
        Upstream::Sandbox => {
            let url = format!(
                "http://{}{}",
                loopback_if_unspecified(bound),
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
        let api = api_base(&config, bound)?;
        let public_origin = match &config.public_url {
            Some(url) => crate::config::public_origin(url),
            None => format!("http://{}", loopback_if_unspecified(bound)),
        };
        // Live reload under `cargo leptos watch` talks over its own socket.
        let reload_port = std::env::var("LEPTOS_WATCH")
            .is_ok()
            .then_some(leptos_options.reload_port);
        let security = security::SecurityPolicy::new(
            &crate::config::public_origin(&api),
            &config.image_hosts,
            reload_port,
            public_origin.starts_with("https://"),
        );
        let rate_limits = rate_limit::RateLimits::per_minute(
            config.quotes_per_minute,
            config.orders_per_minute,
            config.order_lookups_per_minute,
        );
        let client = Client::new(Settings {
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
        Ok(Self {
            leptos_options,
            order_feed: Arc::new(LocalOrderFeed::new(client.clone())),
            catalog: Catalog::new(client),
            config: Arc::new(config),
            returned_forms: ReturnedForms::default(),
            order_once: Arc::new(MemoryOrderOnce::default()),
            public_origin: public_origin.into(),
            security: Arc::new(security),
            rate_limits,
            missing_orders: Default::default(),
            order_countries: Default::default(),
            stream_slots: crate::api::live::slots::StreamSlots::new(config_streams_per_shopper),
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
    if state.config.public_url.is_none() && state.config.upstream != Upstream::Sandbox {
        tracing::warn!(
            "STOREFRONT_PUBLIC_URL is not set: canonical URLs and og:url name {} and cookies \
             are not Secure; set it to the address shoppers use, like https://shop.example.com",
            state.public_origin
        );
    }
    raise_open_files_limit();
    let header_read_timeout = state.config.header_read_timeout;
    let rate_limits = state.rate_limits.clone();
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_secs(60));
        loop {
            every.tick().await;
            rate_limits.forget_idle();
        }
    });
    tokio::spawn(async {
        let mut every = tokio::time::interval(Duration::from_secs(10));
        loop {
            every.tick().await;
            // It walks the allocator's lists: not on an async worker.
            let _ = tokio::task::spawn_blocking(release_free_memory).await;
        }
    });
    run(listener, routes::app(state), header_read_timeout).await
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
    run(listener, app, config.header_read_timeout).await
}

/// Serves `app` on `listener` until SIGTERM or Ctrl-C. Each connection must send its
/// request headers within `header_read_timeout` (hyper's timer; `axum::serve` sets none, so
/// a client dribbling a header a byte at a time could hold a connection for ever).
pub async fn run(
    listener: TcpListener,
    app: axum::Router,
    header_read_timeout: Duration,
) -> Result<(), StartError> {
    run_until(listener, app, header_read_timeout, shutdown_signal()).await
}

/// [`run`], stopping when `stop` completes (tests stop it themselves).
pub async fn run_until(
    listener: TcpListener,
    app: axum::Router,
    header_read_timeout: Duration,
    stop: impl std::future::Future<Output = ()>,
) -> Result<(), StartError> {
    use hyper_util::{
        rt::{TokioIo, TokioTimer},
        server::graceful::GracefulShutdown,
        service::TowerToHyperService,
    };
    // HTTP/1.1 only (a client opening with HTTP/2's preface gets an error and the
    // connection closes): browsers reach the shop through a TLS proxy that speaks HTTP/2
    // to them, and one protocol means one set of timeouts to get right. The header-read
    // timeout also runs while a kept-alive connection waits for its next request.
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(header_read_timeout)
        .keep_alive(true)
        .max_headers(100);
    let connections = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    let graceful = GracefulShutdown::new();
    let mut stop = std::pin::pin!(stop);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors and the like: wait rather than spin.
                    tracing::warn!(%error, "could not accept a connection");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut stop => break,
        };
        // Past the cap, the newest connection is closed at once (each holds a file descriptor).
        let Ok(permit) = connections.clone().try_acquire_owned() else {
            tracing::warn!(%peer, "too many open connections; closing a new one");
            continue;
        };
        let _ = stream.set_nodelay(true);
        let service = tower::ServiceExt::map_request(
            app.clone(),
            move |mut request: axum::http::Request<hyper::body::Incoming>| {
                request
                    .extensions_mut()
                    .insert(axum::extract::ConnectInfo(peer));
                request
            },
        );
        let connection =
            builder.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            let _permit = permit;
            if let Err(error) = connection.await {
                tracing::debug!(%peer, %error, "connection ended with an error");
            }
        });
    }
    drop(listener);
    tracing::info!("shutting down: finishing requests in flight");
    // Event streams never finish by themselves: after the grace period, stop anyway.
    tokio::select! {
        _ = graceful.shutdown() => tracing::info!("stopped"),
        _ = tokio::time::sleep(SHUTDOWN_GRACE) => {
            tracing::info!("grace period over: closing the remaining connections");
        }
    }
    Ok(())
}

/// Every connection, event stream and upstream call is a file descriptor: the soft limit
/// (often 1,024) would refuse connections long before `MAX_CONNECTIONS`. Raise it to the
/// hard limit, and say what it is.
fn raise_open_files_limit() {
    #[cfg(unix)]
    {
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: getrlimit and setrlimit only read and write the struct passed to them.
        let read = unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) };
        if read != 0 {
            tracing::warn!("could not read the open-files limit");
            return;
        }
        if limit.rlim_cur < limit.rlim_max {
            let raised = libc::rlimit {
                rlim_cur: limit.rlim_max,
                rlim_max: limit.rlim_max,
            };
            // SAFETY: as above.
            if unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &raised) } == 0 {
                limit = raised;
            }
        }
        let open_files = limit.rlim_cur;
        // Each connection may also hold an upstream one.
        let needed = 2 * MAX_CONNECTIONS as u64 + 1_000;
        if open_files < needed {
            tracing::warn!(
                open_files,
                needed,
                "the open-files limit is below what {MAX_CONNECTIONS} connections need; \
                 raise it (ulimit -n, LimitNOFILE=) or expect refused connections under load"
            );
        } else {
            tracing::info!(open_files, "open-files limit");
        }
    }
}

/// Gives memory freed after a burst (rendering under load) back to the system. glibc keeps
/// freed blocks in its per-thread arenas otherwise, and the server looks as large as its
/// busiest second for ever.
fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only walks the allocator's own free lists; it takes no pointers.
    unsafe {
        libc::malloc_trim(0);
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
