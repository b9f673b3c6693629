//! One upstream event stream per order, shared by every viewer of it (the route that serves
//! it to browsers is `server::order_stream`). The first viewer opens upstream; later ones get the latest state
//! at once; when upstream drops before a final state it is opened again with backoff while
//! viewers stay connected; when the last viewer leaves, the upstream request and its task
//! end. Behind `OrderFeed`, so several instances can later share streams through Redis.

use crate::{
    cryptorefills::{ApiError, Client, Shopper},
    domain::{
        order_status::{reconnect::Backoff, OrderStatus},
        OrderEvent,
    },
};
use futures::StreamExt;
use std::{
    collections::HashMap,
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc, Mutex,
    },
    time::Instant,
};
use tokio::sync::watch;

/// An order's state as viewers are sent it, serialised once for all of them: a viewer's
/// stream clones the `Arc`, not the order, and writes the JSON it already holds.
#[derive(Debug)]
pub struct Shown {
    pub status: OrderStatus,
    pub json: String,
    /// When this process heard it: a copy of the order looked up before then is out of
    /// date (`RecentOrders::changed_at`).
    pub heard: Instant,
    /// Whether a viewer's stream has sent it yet (the first one tells the caches).
    sent: AtomicBool,
}

impl Shown {
    pub fn new(status: OrderStatus) -> Arc<Self> {
        let json = serde_json::to_string(&status).unwrap_or_default();
        Self::read(status, json)
    }

    /// A state serialised already (by the instance that heard it from upstream).
    pub fn read(status: OrderStatus, json: String) -> Arc<Self> {
        Arc::new(Self {
            status,
            json,
            heard: Instant::now(),
            sent: AtomicBool::new(false),
        })
    }

    /// True for the first viewer's stream to send it, of all this process's viewers.
    pub fn first_sent(&self) -> bool {
        !self.sent.swap(true, Ordering::Relaxed)
    }
}

/// The same state, whenever it was heard.
impl PartialEq for Shown {
    fn eq(&self, other: &Self) -> bool {
        self.status == other.status && self.json == other.json
    }
}

/// What a viewer is told.
#[derive(Clone, Debug, PartialEq)]
pub enum Frame {
    /// Upstream has not answered yet.
    Opening,
    /// The order as it is now; a final state is the last frame.
    Order(Arc<Shown>),
    /// Upstream's stream was lost (cut, or silent past its idle time) and is being opened
    /// again: the order as last seen, which viewers should check by polling meanwhile.
    Lost(Arc<Shown>),
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
        let outlet = Outlet {
            sender: sender.clone(),
            publish: None,
        };
        Pump {
            client: &self.client,
            backoff: self.backoff,
        }
        .run(&order_id, &shopper, &outlet)
        .await;
        self.forget(&order_id, &sender);
    }

    /// Removes this order's entry (only this very channel: a new one may have replaced it).
    fn forget(&self, order_id: &str, sender: &watch::Sender<Frame>) {
        let mut feeds = self.lock();
        if feeds.get(order_id).is_some_and(|s| s.same_channel(sender)) {
            feeds.remove(order_id);
        }
    }
}

/// Where a pump's frames go: this process's viewers, and (with a shared store) every other
/// instance's.
pub struct Outlet {
    pub sender: watch::Sender<Frame>,
    pub publish: Option<Box<dyn Publish>>,
}

/// Sends an order's frames to the other instances.
pub trait Publish: Send + Sync {
    fn publish<'a>(&'a self, frame: &'a Frame) -> futures::future::BoxFuture<'a, ()>;
}

impl Outlet {
    async fn send(&self, frame: Frame) {
        self.sender.send_replace(frame.clone());
        if let Some(publish) = &self.publish {
            publish.publish(&frame).await;
        }
    }
}

/// One upstream stream of one order, read into an outlet: reopened with backoff while it
/// drops before a final state, closed when nobody watches.
pub struct Pump<'a> {
    pub client: &'a Client,
    pub backoff: Backoff,
}

impl Pump<'_> {
    /// Feeds `outlet` from upstream until a final state, or until nobody watches.
    pub async fn run(&self, order_id: &str, shopper: &Shopper, outlet: &Outlet) {
        let sender = &outlet.sender;
        let mut failures = 0u32;
        let mut connected_once = false;
        loop {
            let opened = tokio::select! {
                opened = self.client.order_events(order_id, shopper) => opened,
                () = sender.closed() => break,
            };
            let mut events = match opened {
                Ok(events) => events,
                Err(error) if error.is_not_found() => {
                    outlet.send(Frame::NotFound).await;
                    break;
                }
                Err(error) if !connected_once => {
                    tracing::warn!(%error, order = %crate::web::short_id(order_id), "order stream unavailable");
                    outlet.send(Frame::Unreachable).await;
                    break;
                }
                Err(error) => {
                    tracing::info!(%error, order = %crate::web::short_id(order_id), "order stream still unavailable");
                    failures += 1;
                    if !self.wait(failures, sender).await {
                        break;
                    }
                    continue;
                }
            };
            connected_once = true;
            let finished = loop {
                let item = tokio::select! {
                    item = events.next() => item,
                    () = sender.closed() => return,
                };
                match item {
                    Some(Ok(OrderEvent::Update(order))) => {
                        failures = 0;
                        let final_state = order.state.is_final();
                        outlet
                            .send(Frame::Order(Shown::new(super::qr::drawn(OrderStatus::of(
                                &order,
                            )))))
                            .await;
                        if final_state {
                            break true;
                        }
                    }
                    Some(Ok(OrderEvent::Stop { error: Some(_) }))
                        if !sender.borrow().is_order() =>
                    {
                        outlet.send(Frame::NotFound).await;
                        break true;
                    }
                    Some(Ok(OrderEvent::Stop { .. })) => break true,
                    // A payload that does not read is skipped (and was logged).
                    Some(Err(ApiError::Decode { path, message, .. })) => {
                        tracing::warn!(order = %crate::web::short_id(order_id), %path, %message, "skipped an order event that does not read");
                    }
                    Some(Err(error)) => {
                        tracing::info!(%error, order = %crate::web::short_id(order_id), "order stream dropped");
                        break false;
                    }
                    None => break false,
                }
            };
            if finished {
                let is_final =
                    matches!(&*sender.borrow(), Frame::Order(o) if o.status.state.is_final());
                if !is_final && sender.borrow().is_order() {
                    outlet.send(Frame::Stop).await;
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
                outlet.send(Frame::Lost(order)).await;
            }
            if !self.wait(failures, sender).await {
                break;
            }
        }
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
