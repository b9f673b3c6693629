//! The ceiling for the throughput benchmark: a minimal axum server that answers fixed bytes
//! from memory with the headers a compressed page carries, and nothing else. What the shop
//! reaches is printed as a ratio of what this reaches in the same run (`scripts/bench`).
//!
//!   ceiling <addr> <url path>=<file>[:<content-encoding>] ...
use axum::{
    http::{header, HeaderValue},
    response::IntoResponse,
    routing::get,
    Router,
};
use bytes::Bytes;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let addr = args.next().unwrap_or_else(|| "127.0.0.1:3900".into());
    let mut app = Router::new();
    for spec in args {
        let Some((path, file)) = spec.split_once('=') else {
            eprintln!("expected <url path>=<file>[:<encoding>], got {spec}");
            std::process::exit(2);
        };
        let (file, encoding) = file.split_once(':').unwrap_or((file, ""));
        let body = Bytes::from(std::fs::read(file)?);
        let encoding = HeaderValue::from_str(encoding).unwrap_or(HeaderValue::from_static(""));
        app = app.route(
            path,
            get(move || {
                let (body, encoding) = (body.clone(), encoding.clone());
                async move {
                    let mut response = body.into_response();
                    let headers = response.headers_mut();
                    headers.insert(
                        header::CONTENT_TYPE,
                        HeaderValue::from_static("text/html; charset=utf-8"),
                    );
                    if !encoding.is_empty() {
                        headers.insert(header::CONTENT_ENCODING, encoding);
                    }
                    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
                    response
                }
            }),
        );
    }
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    axum::serve(listener, app).await
}
