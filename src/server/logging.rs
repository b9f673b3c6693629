//! Structured logs: one line per request (method, path, status, latency) and one per
//! upstream call (see the client). `RUST_LOG` filters; `STOREFRONT_LOG_FORMAT=json`
//! writes JSON lines for log collectors.

use tower_http::{
    classify::{ServerErrorsAsFailures, SharedClassifier},
    trace::{DefaultOnResponse, TraceLayer},
    LatencyUnit,
};
use tracing::Level;
use tracing_subscriber::EnvFilter;

pub fn init() {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,tower_http=info,hyper=warn"));
    let json = std::env::var("STOREFRONT_LOG_FORMAT").is_ok_and(|f| f.eq_ignore_ascii_case("json"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(true);
    let result = if json {
        builder.json().flatten_event(true).try_init()
    } else {
        builder.try_init()
    };
    // Already set (a test harness did it): keep that one.
    drop(result);
}

type MakeSpan = fn(&axum::http::Request<axum::body::Body>) -> tracing::Span;

fn request_span(request: &axum::http::Request<axum::body::Body>) -> tracing::Span {
    tracing::info_span!(
        "request",
        method = %request.method(),
        path = %crate::web::redacted_path(request.uri().path()),
    )
}

/// One span per request, and a line when it is answered, with the latency in milliseconds.
/// The span names the method and the path with order ids cut short; never the query (a
/// returned form's token) or the whole id (a bearer link to the order).
pub fn request_trace() -> TraceLayer<SharedClassifier<ServerErrorsAsFailures>, MakeSpan> {
    TraceLayer::new_for_http()
        .make_span_with(request_span as MakeSpan)
        .on_response(
            DefaultOnResponse::new()
                .level(Level::INFO)
                .latency_unit(LatencyUnit::Millis),
        )
}
