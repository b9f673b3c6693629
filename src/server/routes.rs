//! The router: shop pages, server functions, static files, the sandbox, and the layers
//! every response goes through.

use super::{
    assets::{self, Assets, Freshness},
    fresh_checkout_key, guards, logging, page_cache, root_redirect, security,
};
use crate::{
    api::checkout::CHECKOUT_PATH,
    app::{shell, App},
    config::ApiSource,
    sandbox,
    services::AppState,
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
use std::path::Path;
use tower::{
    limit::GlobalConcurrencyLimitLayer, load_shed::LoadShedLayer, BoxError, ServiceBuilder,
};
use tower_http::{
    compression::CompressionLayer,
    limit::RequestBodyLimitLayer,
    services::ServeDir,
    timeout::{RequestBodyTimeoutLayer, TimeoutLayer},
};

/// The limits every request but `/healthz` is under, pages and event streams alike (the
/// streams join the router outside the compression layer, so the limits are applied to
/// each part).
#[derive(Clone)]
struct Limits {
    body_read_timeout: std::time::Duration,
    in_flight_cap: GlobalConcurrencyLimitLayer,
    per_shopper: guards::InFlight,
}

impl Limits {
    fn apply(&self, router: Router) -> Router {
        router
            // A body that trickles in can't hold its request's place for long.
            .layer(RequestBodyTimeoutLayer::new(self.body_read_timeout))
            // A cap on requests in flight: past it, 503 at once (a slow client can't make
            // the others queue). An event stream holds its place only until its headers
            // are sent.
            .layer(
                ServiceBuilder::new()
                    .layer(HandleErrorLayer::new(|_: BoxError| async {
                        (
                            StatusCode::SERVICE_UNAVAILABLE,
                            [(header::RETRY_AFTER, "1")],
                            // Answered before any page, so in both of the shop's languages.
                            "The shop is very busy right now. Please try again in a moment.\n\
                             Cửa hàng đang rất đông khách. Bạn vui lòng thử lại sau giây lát.",
                        )
                    }))
                    .layer(LoadShedLayer::new())
                    .layer(self.in_flight_cap.clone()),
            )
            // And a share of it per shopper.
            .layer(axum::middleware::from_fn_with_state(
                self.per_shopper.clone(),
                guards::per_shopper,
            ))
    }
}

/// The most a request body may weigh, besides the checkout form (which reads its own with
/// a smaller limit and a page that says why): server functions' arguments and the sandbox's
/// JSON are a few hundred bytes.
const MAX_BODY: usize = 16 * 1024;

pub fn app(state: AppState) -> Router {
    super::error_page::use_stylesheet(&state.stylesheet);
    let options = state.leptos_options.clone();
    let site_root = std::path::PathBuf::from(options.site_root.as_ref());
    let routes = generate_route_list(App);
    let config = state.config.clone();

    let mut router = Router::new()
        .route("/", get(root_redirect::to_country))
        .route("/vi", get(root_redirect::to_country_in_vietnamese))
        .route("/language/{code}", get(root_redirect::switch_language))
        .leptos_routes(&state, routes, {
            let options = options.clone();
            move || shell(options.clone())
        })
        .fallback(file_and_error_handler::<AppState, _>(shell))
        .with_state(state.clone());
    // Static files live under prefixes, so `/{cc}` never has to tell them from countries.
    let (files, in_memory) = static_files(&options, &site_root);
    router = router.merge(files);

    if config.api == ApiSource::Sandbox {
        let panel = Router::new()
            .route(
                "/orders/{order_id}/sandbox/{action}",
                post(super::sandbox_panel::push_sandbox_order),
            )
            // The Vietnamese order page's panel: back to that page after the push.
            .route(
                "/vi/orders/{order_id}/sandbox/{action}",
                post(super::sandbox_panel::push_sandbox_order),
            )
            .with_state(state.clone());
        router = router
            .merge(panel)
            .nest(sandbox::MOUNT, sandbox::router(config.sandbox.clone()));
    }
    // An item's picture, fetched from upstream's host and served from the shop.
    router = router.merge(
        Router::new()
            .route(
                "/orders/{order_id}/images/{delivery_id}/{which}",
                get(super::order_images::serve),
            )
            .with_state(super::order_images::OrderImages::new(state.clone())),
    );
    router = router.layer(RequestBodyLimitLayer::new(MAX_BODY));
    let checkout = Router::new()
        .route(CHECKOUT_PATH, post(super::checkout_post::submit))
        // The form of a Vietnamese page posts here: the pages it leads to stay Vietnamese.
        .route(
            &format!("/vi{CHECKOUT_PATH}"),
            post(super::checkout_post::submit),
        )
        .with_state(state.clone());
    router = router.merge(checkout);

    // Pages, server functions and the checkout must answer in time; event streams stay open
    // (they are added after the timeout).
    router = router.layer(TimeoutLayer::with_status_code(
        StatusCode::SERVICE_UNAVAILABLE,
        config.request_timeout,
    ));
    let pages = page_cache::PageCache::new(state.catalog.clone(), state.security.clone());
    // A stream hears an order change first: it makes the order's kept pages stale.
    let streams = Router::new()
        .route(
            "/api/orders/{order_id}/subscribe",
            get(super::order_stream::subscribe),
        )
        .layer(axum::Extension(pages.clone()))
        .with_state(state.clone());

    let limits = Limits {
        body_read_timeout: config.body_read_timeout,
        // One cap for pages and streams alike: the layer's clones share its semaphore.
        in_flight_cap: GlobalConcurrencyLimitLayer::new(config.max_concurrent_requests),
        per_shopper: guards::InFlight::new(
            config.requests_per_shopper,
            config.trusted_proxies.clone(),
        ),
    };
    let cross_site = guards::CrossSite {
        public_origin: state.public_origin.clone(),
        api_prefix: sandbox::MOUNT,
    };
    // `/healthz` answers outside the limits: a busy shop is not a dead one.
    let healthz = Router::new()
        .route("/healthz", get(healthz))
        .with_state(state.clone());

    limits
        .apply(router)
        .merge(healthz)
        // Pages and answers compressed (the default predicate leaves images and tiny bodies
        // alone). Event streams join after it: its predicate would leave them alone too,
        // but its body wrapper weighs 5.8 KB whether it compresses or not, and a stream
        // keeps its body for as long as it is open (10,000 viewers: 58 MB).
        .layer(CompressionLayer::new())
        .merge(limits.apply(streams))
        .layer(axum::middleware::from_fn_with_state(
            cross_site,
            guards::refuse_cross_site,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.security.clone(),
            security::headers,
        ))
        .layer(axum::middleware::from_fn(without_trailing_slash))
        .layer(logging::request_trace())
        // A country page kept in memory is answered before the layers above run (it went
        // through them when it was rendered), and compressed by this layer itself.
        .layer(axum::middleware::from_fn_with_state(
            pages,
            page_cache::serve,
        ))
        // Outside the page cache: a brand page's checkout key is the shopper's own.
        .layer(axum::middleware::from_fn_with_state(
            state.public_origin.starts_with("https://"),
            fresh_checkout_key::give,
        ))
        // What no handler should see.
        .layer(axum::middleware::from_fn(guards::refuse_unserved))
        // Outermost: files from memory, before everything above.
        .layer(super::files_first::FilesFirst {
            files: in_memory,
            policy: state.security.clone(),
        })
}

/// `/US/steam/` is `/US/steam`: a page's address with a slash at the end is sent to the
/// one without (308, the query kept), rather than answered 404.
async fn without_trailing_slash(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let path = request.uri().path();
    let is_page_request = matches!(
        *request.method(),
        axum::http::Method::GET | axum::http::Method::HEAD
    );
    if is_page_request && path.len() > 1 && path.ends_with('/') {
        let trimmed = path.trim_end_matches('/');
        let target = match request.uri().query() {
            Some(query) => format!("{trimmed}?{query}"),
            None => trimmed.to_string(),
        };
        if !trimmed.is_empty() && crate::web::is_safe_location(&target) {
            return axum::response::Redirect::permanent(&target).into_response();
        }
    }
    next.run(request).await
}

/// `/pkg` and `/assets`: from memory, read once (with the `.br`/`.gz` copies cargo-leptos
/// made), and those files again for `assets::first`; under `cargo leptos watch`, whose
/// rebuilds change them, from disk (and none in memory).
fn static_files(options: &leptos::config::LeptosOptions, site_root: &Path) -> (Router, Assets) {
    let pkg = site_root.join(options.site_pkg_dir.as_ref());
    let assets = site_root.join("assets");
    if std::env::var("LEPTOS_WATCH").is_ok() {
        let disk = |dir| ServeDir::new(dir).precompressed_br().precompressed_gzip();
        let router = Router::new()
            .nest_service("/pkg", disk(pkg))
            .nest_service("/assets", disk(assets));
        return (router, Assets::default());
    }
    // Hashed names change with their content: a year; otherwise ask again each time.
    let pkg_freshness = if options.hash_files {
        Freshness::Immutable
    } else {
        Freshness::Revalidate
    };
    let files = Assets::load(&[
        (&pkg, "/pkg", pkg_freshness),
        (&assets, "/assets", Freshness::Day),
    ]);
    tracing::debug!(files = files.len(), "static files read into memory");
    let router = Router::new()
        .route("/pkg/{*path}", get(assets::serve))
        .route("/assets/{*path}", get(assets::serve))
        .with_state(files.clone());
    (router, files)
}

async fn healthz(State(state): State<AppState>) -> Json<serde_json::Value> {
    let store = match &state.shared_store {
        None => json!({ "kind": "memory", "reachable": true }),
        Some(link) => json!({
            "kind": "redis",
            "url": link.shown_as(),
            "reachable": link.ping().await,
        }),
    };
    Json(json!({
        "status": "ok",
        "upstream": state.config.api.to_string(),
        // List elements upstream sent that did not parse (each was logged at WARN).
        "upstream_items_skipped": crate::cryptorefills::skipped_elements(),
        // Fields the shop can do without that did not parse (each was logged at WARN).
        "upstream_fields_skipped": crate::cryptorefills::skipped_fields(),
        "order_streams_open": state.order_feed.open_streams(),
        // Upstream calls since start, by endpoint (the catalog's are cached: see the bench).
        "upstream_calls": state.catalog.client().calls(),
        // This minute's upstream calls made for shoppers: how many, and the most for one.
        "upstream_calls_by_shopper": state.catalog.client().calls_by_shopper(),
        "returned_forms_bytes": state.returned_forms.bytes(),
        // Where checkout keys, returned forms, rate limits and order streams are shared.
        "store": store,
        "version": env!("CARGO_PKG_VERSION"),
    }))
}
