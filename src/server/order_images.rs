//! `GET /orders/{order_id}/images/{delivery_id}/{barcode|qr}`: an item's picture (a gift
//! card's barcode, an eSIM's activation QR code) fetched from wherever upstream keeps it and
//! served from the shop, so the page's `img-src` never has to name another host. Only a
//! picture comes back: a PNG, JPEG, GIF or WebP of at most 2 MiB, or nothing.

use crate::{
    services::{order_lookups, shopper_address, AppState},
    web::is_order_id,
};
use axum::{
    extract::{ConnectInfo, Path, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use futures::StreamExt;
use std::{net::SocketAddr, time::Duration};

const MAX_IMAGE: usize = 2 * 1024 * 1024;
const TYPES: &[&str] = &["image/png", "image/jpeg", "image/gif", "image/webp"];

/// The route's state: the app, and a client of its own for pictures. It sends no partner
/// header (the picture's host is not the API) and follows no redirect.
#[derive(Clone)]
pub struct OrderImages {
    pub state: AppState,
    http: reqwest::Client,
}

impl OrderImages {
    pub fn new(state: AppState) -> Self {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap_or_default();
        Self { state, http }
    }
}

fn nothing(status: StatusCode) -> Response {
    status.into_response()
}

pub async fn serve(
    State(images): State<OrderImages>,
    Path((order_id, delivery_id, which)): Path<(String, String, String)>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Response {
    if !is_order_id(&order_id) || delivery_id.len() > 64 {
        return nothing(StatusCode::NOT_FOUND);
    }
    let state = &images.state;
    let shopper =
        shopper_address::from_request(&headers, Some(peer), None, &state.config.trusted_proxies);
    let has_goods = |order: &crate::domain::Order| {
        order
            .deliveries
            .iter()
            .any(|d| d.id == delivery_id && d.goods.is_some())
    };
    // The page asks for a picture as soon as the delivery shows (live): the copy of the
    // order from a second ago may not have its goods yet.
    let order = match order_lookups::order(state, &order_id, &shopper).await {
        Ok(order) if has_goods(&order) => Ok(order),
        Ok(_) => order_lookups::current_order(state, &order_id, &shopper).await,
        Err(error) => Err(error),
    };
    let order = match order {
        Ok(order) => order,
        Err(error) => {
            return nothing(StatusCode::from_u16(error.status()).unwrap_or(StatusCode::NOT_FOUND))
        }
    };
    let goods = order
        .deliveries
        .iter()
        .find(|d| d.id == delivery_id)
        .and_then(|d| d.goods.as_ref());
    let url = match (goods, which.as_str()) {
        (Some(goods), "barcode") => goods.barcode_image_url.clone(),
        (Some(goods), "qr") => goods.qr_image_url.clone(),
        _ => None,
    };
    let Some(url) = url else {
        return nothing(StatusCode::NOT_FOUND);
    };
    // Pictures come over https; plain http only from the API's own host (the sandbox on
    // this machine): never a way to make the server fetch from inside its network.
    let api = state.catalog.client().settings().base_url.clone();
    let allowed = url::Url::parse(&url).is_ok_and(|u| {
        u.scheme() == "https" || (u.scheme() == "http" && u.origin() == api.origin())
    });
    if !allowed {
        tracing::info!("an item's picture is not on an https host; not fetched");
        return nothing(StatusCode::NOT_FOUND);
    }
    match fetch(&images.http, &url).await {
        Some((content_type, bytes)) => (
            [
                (header::CONTENT_TYPE, content_type),
                // The order's own picture: kept by this browser only.
                (
                    header::CACHE_CONTROL,
                    HeaderValue::from_static("private, max-age=3600"),
                ),
            ],
            bytes,
        )
            .into_response(),
        None => nothing(StatusCode::BAD_GATEWAY),
    }
}

/// The picture at `url`, when it is one of the allowed types and sizes.
async fn fetch(http: &reqwest::Client, url: &str) -> Option<(HeaderValue, bytes::Bytes)> {
    let response = http.get(url).send().await.ok()?;
    if !response.status().is_success() {
        tracing::info!(status = %response.status(), "an item's picture could not be fetched");
        return None;
    }
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)?
        .to_str()
        .ok()?
        .split(';')
        .next()?
        .trim()
        .to_ascii_lowercase();
    let allowed = TYPES.iter().find(|t| **t == content_type)?;
    if response
        .content_length()
        .is_some_and(|length| length > MAX_IMAGE as u64)
    {
        return None;
    }
    let mut body = bytes::BytesMut::new();
    let mut chunks = response.bytes_stream();
    while let Some(chunk) = chunks.next().await {
        let chunk = chunk.ok()?;
        if body.len() + chunk.len() > MAX_IMAGE {
            return None;
        }
        body.extend_from_slice(&chunk);
    }
    Some((HeaderValue::from_static(allowed), body.freeze()))
}
