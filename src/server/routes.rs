//! The router: shop pages, server functions, static files, the sandbox, and the layers
//! every response goes through.

use super::{logging, security, start, AppState};
use crate::{
    api::checkout::{self, CHECKOUT_PATH},
    app::{shell, App},
    config::Upstream,
    sandbox,
};
use axum::{
    error_handling::HandleErrorLayer,
    extract::State,
    http::{header, StatusCode},
    routing::{get, post},
    Json, Router,
};
use leptos_axum::{file_and_error_handler, generate_route_list, LeptosRoutes};
use serde_json::json;
use tower::{
    limit::GlobalConcurrencyLimitLayer, load_shed::LoadShedLayer, BoxError, ServiceBuilder,
};
use tower_http::{compression::CompressionLayer, services::ServeDir, timeout::TimeoutLayer};

pub fn app(state: AppState) -> Router {
    let options = state.leptos_options.clone();
    let site_root = std::path::PathBuf::from(options.site_root.as_ref());
    let routes = generate_route_list(App);

    let mut router = Router::new()
        .route("/", get(start::to_country))
        .route("/healthz", get(healthz))
        .route(CHECKOUT_PATH, post(checkout::submit))
        .leptos_routes(&state, routes, {
            let options = options.clone();
            move || shell(options.clone())
        })
        // Static files live under prefixes, so `/{cc}` never has to tell them from countries.
        .nest_service(
            "/pkg",
            static_files(site_root.join(options.site_pkg_dir.as_ref())),
        )
        .nest_service("/assets", static_files(site_root.join("assets")))
        .fallback(file_and_error_handler::<AppState, _>(shell))
        .with_state(state.clone());

    if state.config.upstream == Upstream::Sandbox {
        let panel = Router::new()
            .route(
                "/orders/{order_id}/sandbox/{action}",
                post(crate::api::orders::push_sandbox_order),
            )
            .with_state(state.clone());
        router = router.merge(panel).nest(
            sandbox::MOUNT,
            sandbox::router(state.config.sandbox.clone()),
        );
    }

    // Pages, server functions and the checkout must answer in time; event streams stay open
    // (they are added after the timeout).
    let timeout = state.config.request_timeout;
    let streams = Router::new()
        .route(
            "/api/orders/{order_id}/subscribe",
            get(crate::api::live::feed::subscribe),
        )
        .with_state(state.clone());
    router = router
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            timeout,
        ))
        .merge(streams);

    router
        // A cap on requests in flight: past it, 503 at once (a slow client can't make the
        // others queue). An event stream holds its place only until its headers are sent.
        .layer(
            ServiceBuilder::new()
                .layer(HandleErrorLayer::new(|_: BoxError| async {
                    (
                        StatusCode::SERVICE_UNAVAILABLE,
                        [(header::RETRY_AFTER, "1")],
                        "The shop is very busy right now. Please try again in a moment.",
                    )
                }))
                .layer(LoadShedLayer::new())
                .layer(GlobalConcurrencyLimitLayer::new(
                    state.config.max_concurrent_requests,
                )),
        )
        // The default predicate leaves event streams, images and tiny bodies alone.
        .layer(CompressionLayer::new())
        .layer(axum::middleware::from_fn_with_state(
            state.security.clone(),
            security::headers,
        ))
        .layer(logging::request_trace())
}

/// Files from the build, served pre-compressed when cargo-leptos made `.br`/`.gz` copies.
fn static_files(dir: std::path::PathBuf) -> ServeDir {
    ServeDir::new(dir).precompressed_br().precompressed_gzip()
}

async fn healthz(State(state): State<AppState>) -> Json<serde_json::Value> {
    Json(json!({
        "status": "ok",
        "upstream": state.config.upstream.to_string(),
        // List elements upstream sent that did not parse (each was logged at WARN).
        "upstream_items_skipped": crate::cryptorefills::skipped_elements(),
        "order_streams_open": state.order_feed.open_streams(),
        "version": env!("CARGO_PKG_VERSION"),
    }))
}
