//! One upstream event stream per order, shared by every viewer of it, and the route that
//! serves it to browsers. The first viewer opens upstream; later ones get the latest state
//! at once; when upstream drops before a final state it is opened again with backoff while
//! viewers stay connected; when the last viewer leaves, the upstream request and its task
//! end. Behind `OrderFeed`, so several instances can later share streams through Redis.

use super::LiveOrder;
use crate::{
    api::orders::is_order_id,
    cryptorefills::{ApiError, Client, Shopper},
    domain::{live::Backoff, OrderEvent},
    error::AppError,
    server::{shopper, AppState},
};
use axum::{
    extract::{ConnectInfo, Path, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{
        sse::{Event, KeepAlive, Sse},
        IntoResponse, Response,
    },
    Json,
};
use futures::{stream, Stream, StreamExt};
use serde_json::json;
use std::{
    collections::HashMap,
    convert::Infallible,
    net::SocketAddr,
    sync::{Arc, Mutex},
    time::Duration,
};
use tokio::sync::watch;

/// What a viewer is told.
#[derive(Clone, Debug, PartialEq)]
pub enum Frame {
    /// Upstream has not answered yet.
    Opening,
    /// The order as it is now; a final state is the last frame.
    Order(Box<LiveOrder>),
    /// Upstream's stream was lost (cut, or silent past its idle time) and is being opened
    /// again: the order as last seen, which viewers should check by polling meanwhile.
    Lost(Box<LiveOrder>),
    /// Upstream ended the stream while the order was not final (the page polls then).
    Stop,
    /// Upstream knows no such order.
    NotFound,
    /// Upstream could not be reached at all.
    Unreachable,
}

/// Viewers of one order share a `watch`: it holds the latest frame, so a late viewer sees it
/// at once and a slow one skips states it missed rather than queueing them.
pub trait OrderFeed: Send + Sync {
    /// The order's frames; `None` when watching it would open one upstream stream too many.
    /// A new upstream stream is opened for `shopper` (the first viewer: upstream hears their
    /// address, browser and the order's country, as the guide's route forwards them).
    fn subscribe(&self, order_id: &str, shopper: &Shopper) -> Option<watch::Receiver<Frame>>;
    /// How many orders have an upstream stream open (for tests and `/healthz`).
    fn open_streams(&self) -> usize;
    /// Whether viewers already share an upstream stream of this order (a new viewer then
    /// costs upstream nothing).
    fn is_watched(&self, order_id: &str) -> bool;
}

/// Orders watched at once in one process: each holds an upstream connection, so requests
/// for made-up (well-formed) ids must not be able to open them without bound. Past it,
/// viewers of other orders hear 503 and their pages poll instead.
pub const MAX_WATCHED_ORDERS: usize = 10_000;

/// `OrderFeed` in this process: a map of watches, each fed by one task.
#[derive(Clone)]
pub struct LocalOrderFeed {
    client: Client,
    feeds: Arc<Mutex<HashMap<String, watch::Sender<Frame>>>>,
    backoff: Backoff,
    max_orders: usize,
}

impl LocalOrderFeed {
    pub fn new(client: Client) -> Self {
        Self::with_backoff(client, Backoff::default())
    }

    pub fn with_backoff(client: Client, backoff: Backoff) -> Self {
        Self {
            client,
            feeds: Arc::default(),
            backoff,
            max_orders: MAX_WATCHED_ORDERS,
        }
    }

    /// At most `max_orders` orders watched at once (tests use a small one).
    pub fn with_limit(mut self, max_orders: usize) -> Self {
        self.max_orders = max_orders;
        self
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, watch::Sender<Frame>>> {
        self.feeds.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Feeds `sender` from upstream until a final state, or until nobody watches.
    async fn pump(self, order_id: String, shopper: Shopper, sender: watch::Sender<Frame>) {
        let mut failures = 0u32;
        let mut connected_once = false;
        loop {
            let opened = tokio::select! {
                opened = self.client.order_events(&order_id, &shopper) => opened,
                () = sender.closed() => break,
            };
            let mut events = match opened {
                Ok(events) => events,
                Err(error) if error.is_not_found() => {
                    sender.send_replace(Frame::NotFound);
                    break;
                }
                Err(error) if !connected_once => {
                    tracing::warn!(%error, order = %crate::http::short_id(&order_id), "order stream unavailable");
                    sender.send_replace(Frame::Unreachable);
                    break;
                }
                Err(error) => {
                    tracing::info!(%error, order = %crate::http::short_id(&order_id), "order stream still unavailable");
                    failures += 1;
                    if !self.wait(failures, &sender).await {
                        break;
                    }
                    continue;
                }
            };
            connected_once = true;
            let finished = loop {
                let item = tokio::select! {
                    item = events.next() => item,
                    () = sender.closed() => return self.forget(&order_id, &sender),
                };
                match item {
                    Some(Ok(OrderEvent::Update(order))) => {
                        failures = 0;
                        let final_state = order.state.is_final();
                        sender.send_replace(Frame::Order(Box::new(LiveOrder::of(&order).drawn())));
                        if final_state {
                            break true;
                        }
                    }
                    Some(Ok(OrderEvent::Stop { error: Some(_) }))
                        if !sender.borrow().is_order() =>
                    {
                        sender.send_replace(Frame::NotFound);
                        break true;
                    }
                    Some(Ok(OrderEvent::Stop { .. })) => break true,
                    // A payload that does not read is skipped (and was logged).
                    Some(Err(ApiError::Decode { path, message, .. })) => {
                        tracing::warn!(order = %crate::http::short_id(&order_id), %path, %message, "skipped an order event that does not read");
                    }
                    Some(Err(error)) => {
                        tracing::info!(%error, order = %crate::http::short_id(&order_id), "order stream dropped");
                        break false;
                    }
                    None => break false,
                }
            };
            if finished {
                let is_final = matches!(&*sender.borrow(), Frame::Order(o) if o.state.is_final());
                if !is_final && sender.borrow().is_order() {
                    sender.send_replace(Frame::Stop);
                }
                break;
            }
            failures += 1;
            // Until upstream answers again, viewers hear that it is lost (and poll).
            let last = match &*sender.borrow() {
                Frame::Order(order) | Frame::Lost(order) => Some(order.clone()),
                _ => None,
            };
            if let Some(order) = last {
                sender.send_replace(Frame::Lost(order));
            }
            if !self.wait(failures, &sender).await {
                break;
            }
        }
        self.forget(&order_id, &sender);
    }

    /// Backs off before reopening; `false` when every viewer left meanwhile.
    async fn wait(&self, failures: u32, sender: &watch::Sender<Frame>) -> bool {
        let delay = self
            .backoff
            .delay(failures.saturating_sub(1), fastrand::f64());
        tokio::select! {
            () = tokio::time::sleep(delay) => true,
            () = sender.closed() => false,
        }
    }

    /// Removes this order's entry (only this very channel: a new one may have replaced it).
    fn forget(&self, order_id: &str, sender: &watch::Sender<Frame>) {
        let mut feeds = self.lock();
        if feeds.get(order_id).is_some_and(|s| s.same_channel(sender)) {
            feeds.remove(order_id);
        }
    }
}

impl Frame {
    fn is_order(&self) -> bool {
        matches!(self, Self::Order(_) | Self::Lost(_))
    }
}

impl OrderFeed for LocalOrderFeed {
    fn subscribe(&self, order_id: &str, shopper: &Shopper) -> Option<watch::Receiver<Frame>> {
        let mut feeds = self.lock();
        if let Some(sender) = feeds.get(order_id) {
            return Some(sender.subscribe());
        }
        if feeds.len() >= self.max_orders {
            return None;
        }
        let (sender, receiver) = watch::channel(Frame::Opening);
        feeds.insert(order_id.to_string(), sender.clone());
        tokio::spawn(
            self.clone()
                .pump(order_id.to_string(), shopper.clone(), sender),
        );
        Some(receiver)
    }

    fn open_streams(&self) -> usize {
        self.lock().len()
    }

    fn is_watched(&self, order_id: &str) -> bool {
        self.lock().contains_key(order_id)
    }
}

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
    let remembered = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|line| crate::http::cookie_value(line, crate::http::COUNTRY_COOKIE))
        .and_then(|code| crate::domain::Country::find(code).copied());
    let shopper = shopper::from_request(
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
        if let Err(AppError::TooFast(secs)) = crate::api::lookups::count_lookup(&state, &shopper) {
            return too_many("too many orders looked up; try again shortly", secs);
        }
    }
    let upstream_shopper = crate::api::lookups::for_order(&state, &order_id, &shopper);
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
    let events = events(frames)
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

/// The frames as events: the latest order now and at each change, then `stop`.
fn events(frames: watch::Receiver<Frame>) -> impl Stream<Item = Option<Result<Event, Infallible>>> {
    stream::unfold(Some((frames, true)), |state| async move {
        let (mut frames, first) = state?;
        if !first && frames.changed().await.is_err() {
            // The feed ended without a word (its task stopped): tell the page to poll.
            return Some((vec![Event::default().event("stop").data("{}")], None));
        }
        let frame = frames.borrow_and_update().clone();
        let stop = || Event::default().event("stop").data("{}");
        match frame {
            Frame::Order(order) if order.state.is_final() => {
                let data = serde_json::to_string(&order).unwrap_or_default();
                Some((vec![Event::default().data(data), stop()], None))
            }
            Frame::Order(order) => {
                let data = serde_json::to_string(&order).unwrap_or_default();
                Some((vec![Event::default().data(data)], Some((frames, false))))
            }
            Frame::Lost(order) => {
                let data = serde_json::to_string(&order).unwrap_or_default();
                let lost = Event::default().event("lost").data("{}");
                Some((
                    vec![Event::default().data(data), lost],
                    Some((frames, false)),
                ))
            }
            Frame::Stop | Frame::NotFound | Frame::Unreachable => Some((vec![stop()], None)),
            Frame::Opening => Some((Vec::new(), Some((frames, false)))),
        }
    })
    .flat_map(stream::iter)
    .map(|event| Some(Ok(event)))
}
