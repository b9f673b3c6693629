//! The HTTP server (server only): state, routes, logging and graceful shutdown.

pub mod assets;
pub mod checkout_post;
pub mod error_page;
pub mod files_first;
pub mod fresh_checkout_key;
pub mod guards;
pub mod logging;
pub mod order_images;
pub mod order_stream;
pub mod page_cache;
mod root_redirect;
mod routes;
pub mod sandbox_panel;
pub mod security;

use crate::{
    config::{ApiSource, Config},
    sandbox,
    services::{leptos_options, AppState, StartError},
};
use std::{net::SocketAddr, sync::Arc, time::Duration};
use tokio::net::TcpListener;

/// Connections open at once (each an event stream at most): 10,000 order viewers fit.
const MAX_CONNECTIONS: usize = 20_000;

/// How long in-flight requests (and open event streams) get after SIGTERM or Ctrl-C.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

async fn bind(addr: SocketAddr) -> Result<(TcpListener, SocketAddr), StartError> {
    let listener = TcpListener::bind(addr)
        .await
        .map_err(|source| StartError::Bind { addr, source })?;
    let bound = listener
        .local_addr()
        .map_err(|source| StartError::Bind { addr, source })?;
    Ok((listener, bound))
}

pub use routes::app as router;

/// Runs the shop until SIGTERM or Ctrl-C.
pub async fn serve(config: Config) -> Result<(), StartError> {
    let leptos_options = leptos_options()?;
    let (listener, bound) = bind(leptos_options.site_addr).await?;
    let state = AppState::new(config, leptos_options, bound)?;
    tracing::info!(
        address = %bound,
        upstream = %state.config.api,
        "storefront listening: open http://{bound}"
    );
    if state.config.public_url.is_none() && state.config.api != ApiSource::Sandbox {
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
