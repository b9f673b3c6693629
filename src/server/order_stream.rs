//! `GET /api/orders/{order_id}/subscribe`: an order's status as an event stream, re-framed
//! from the one upstream stream all its viewers share (`services::order_feed`): the order now
//! and at each change, `lost` while upstream's stream is being reopened, `stop` at the end.

use super::page_cache::PageCache;
use crate::{
    domain::Country,
    error::AppError,
    services::{
        order_feed::Frame,
        order_lookups::{self, count_lookup},
        shopper_address, AppState,
    },
    web::is_order_id,
};
use axum::{
    extract::{ConnectInfo, Path, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{
        sse::{Event, KeepAlive, Sse},
        IntoResponse, Response,
    },
    Extension, Json,
};
use futures::{stream, Stream, StreamExt};
use serde_json::json;
use std::{
    convert::Infallible,
    net::SocketAddr,
    sync::Arc,
    time::{Duration, Instant},
};
use tokio::sync::watch;

/// How long the first viewer waits for upstream to answer before hearing 502.
const FIRST_ANSWER_WITHIN: Duration = Duration::from_secs(20);
/// A comment this often keeps proxies from closing a quiet stream.
pub const HEARTBEAT: Duration = Duration::from_secs(15);

fn error(status: StatusCode, message: &str) -> Response {
    (status, Json(json!({ "error": message }))).into_response()
}

fn too_many(message: &str, retry_after: u64) -> Response {
    let mut response = error(StatusCode::TOO_MANY_REQUESTS, message);
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
    response
}

/// `GET /api/orders/{order_id}/subscribe`
pub async fn subscribe(
    State(state): State<AppState>,
    Path(order_id): Path<String>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Extension(pages): Extension<PageCache>,
    headers: HeaderMap,
) -> Response {
    if !is_order_id(&order_id) {
        return error(StatusCode::BAD_REQUEST, "not an order id");
    }
    if state.missing_orders.contains(&order_id) {
        return error(StatusCode::NOT_FOUND, "no such order");
    }
    // The country the shopper last shopped in, for upstream's header when the order's own
    // is not known yet.
    let remembered = crate::web::cookies::request_cookie(&headers, crate::web::COUNTRY_COOKIE)
        .and_then(|code| Country::find(code).copied());
    let shopper = shopper_address::from_request(
        &headers,
        Some(peer),
        remembered,
        &state.config.trusted_proxies,
    );
    let ip = shopper.ip.unwrap_or(peer.ip());
    let Some(slot) = state.stream_slots.take(ip, &order_id) else {
        tracing::info!("a shopper has too many event streams open");
        return too_many("too many event streams are open from your address", 10);
    };
    // A new upstream stream is a look-up at upstream; joining one already open is not.
    if !state.order_feed.is_watched(&order_id) {
        if let Err(AppError::TooFast(secs)) = count_lookup(&state, &shopper).await {
            return too_many("too many orders looked up; try again shortly", secs);
        }
    }
    let upstream_shopper = order_lookups::for_order(&state, &order_id, &shopper);
    let Some(mut frames) = state.order_feed.subscribe(&order_id, &upstream_shopper) else {
        tracing::warn!(
            open = state.order_feed.open_streams(),
            "too many orders watched at once; this viewer polls instead"
        );
        let mut response = error(
            StatusCode::SERVICE_UNAVAILABLE,
            "too many orders are being watched right now",
        );
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
        return response;
    };
    let first = match tokio::time::timeout(
        FIRST_ANSWER_WITHIN,
        frames.wait_for(|f| *f != Frame::Opening),
    )
    .await
    {
        Ok(Ok(frame)) => (*frame).clone(),
        _ => Frame::Unreachable,
    };
    match first {
        Frame::NotFound => {
            state.missing_orders.remember(&order_id);
            return error(StatusCode::NOT_FOUND, "no such order");
        }
        Frame::Unreachable | Frame::Opening => {
            return error(
                StatusCode::BAD_GATEWAY,
                "the order's status can't be reached right now",
            )
        }
        Frame::Order(_) | Frame::Lost(_) | Frame::Stop => {}
    }
    // A stream ends after its lifetime (the page reconnects as after any cut), so that no
    // connection is held for ever; its slot goes back when it ends.
    let lifetime = tokio::time::sleep(state.config.stream_lifetime);
    // At each change, the copies of the order kept for a second (its look-up, its pages) go
    // stale, told by the first viewer's stream to send it (a copy made since stays): the
    // page each viewer's live status asks for next shows the change.
    let recent = state.recent_orders.clone();
    let changed: Changed = Arc::new(move |heard| {
        recent.changed_at(&order_id, heard);
        pages.order_changed(&order_id, heard);
    });
    let events = events(frames, changed)
        .take_until(lifetime)
        .chain(stream::once(async move {
            drop(slot);
            None
        }))
        .filter_map(|event| async move { event });
    let mut response = Sse::new(events)
        .keep_alive(KeepAlive::new().interval(HEARTBEAT).text("heartbeat"))
        .into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-cache, no-transform"),
    );
    headers.insert("x-accel-buffering", HeaderValue::from_static("no"));
    response
}

/// What a stream tells of a change it is the first to send (shared by a viewer's events: a
/// clone per event is a count, not a copy of the order id).
type Changed = Arc<dyn Fn(Instant) + Send + Sync>;

/// The frames as events: the latest order now and at each change, then `stop`. A change no
/// viewer was sent yet is told to `changed`, with when this process heard it.
fn events(
    frames: watch::Receiver<Frame>,
    changed: Changed,
) -> impl Stream<Item = Option<Result<Event, Infallible>>> {
    stream::unfold(Some((frames, true)), move |state| {
        let changed = changed.clone();
        async move {
            let (mut frames, first) = state?;
            if !first && frames.changed().await.is_err() {
                // The feed ended without a word (its task stopped): tell the page to poll.
                return Some((vec![Event::default().event("stop").data("{}")], None));
            }
            let frame = frames.borrow_and_update().clone();
            match &frame {
                Frame::Order(shown) | Frame::Lost(shown) if shown.first_sent() => {
                    changed(shown.heard)
                }
                _ => {}
            }
            let stop = || Event::default().event("stop").data("{}");
            match frame {
                Frame::Order(shown) if shown.status.state.is_final() => {
                    Some((vec![Event::default().data(&shown.json), stop()], None))
                }
                Frame::Order(shown) => Some((
                    vec![Event::default().data(&shown.json)],
                    Some((frames, false)),
                )),
                Frame::Lost(shown) => {
                    let data = &shown.json;
                    let lost = Event::default().event("lost").data("{}");
                    Some((
                        vec![Event::default().data(data), lost],
                        Some((frames, false)),
                    ))
                }
                Frame::Stop | Frame::NotFound | Frame::Unreachable => Some((vec![stop()], None)),
                Frame::Opening => Some((Vec::new(), Some((frames, false)))),
            }
        }
    })
    .flat_map(stream::iter)
    .map(|event| Some(Ok(event)))
}
