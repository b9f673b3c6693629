//! One upstream stream per order across every instance. The instance that takes an order's
//! lease (`SET NX`, renewed every second, lapsing after `LEASE_FOR`) reads upstream and
//! publishes each frame, keeping the latest under a key; the others relay what it publishes
//! to their viewers. When the holder dies or its viewers leave, the lease lapses or is
//! released and an instance that still has viewers takes it within `CHECK_EVERY`.
//!
//! Redis away: an instance that can't reach it reads upstream itself (one stream per
//! instance, as without Redis), and uses Redis again for the next order it is asked for.

use super::{
    key,
    order_frames::{decode_numbered, encode},
    order_relay::{keep_subscribed, relay_published, Feed, Feeds},
    RedisLink, StoreDown,
};
use crate::{
    cryptorefills::{Client, Shopper},
    domain::order_status::reconnect::Backoff,
    services::order_feed::{Frame, OrderFeed, Outlet, Publish, Pump},
};
use futures::future::BoxFuture;
use std::{
    collections::HashMap,
    sync::{
        atomic::{AtomicU64, AtomicUsize, Ordering},
        Arc, LazyLock,
    },
    time::Duration,
};
use tokio::sync::{mpsc, watch};

/// A holder that stops renewing loses the order after this long.
const LEASE_FOR: Duration = Duration::from_secs(3);
/// How often the holder renews, and a relay checks the latest frame and whether the lease
/// is free.
const CHECK_EVERY: Duration = Duration::from_secs(1);
/// The latest frame outlives the lease: a relay that starts late still shows the order.
const LATEST_FOR: Duration = Duration::from_secs(120);

/// Renews the lease only while it is ours, and keeps the latest frame and the frames'
/// numbering alive with it (a numbering that restarted would look older to relays).
const RENEW: &str = r#"
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  redis.call('PEXPIRE', KEYS[2], ARGV[3])
  redis.call('PEXPIRE', KEYS[3], ARGV[3])
  return 1
end
return 0
"#;

/// Numbers the frame (per order, whichever instance sends it), keeps it as the latest and
/// publishes it. KEYS: latest, sequence. ARGV: frame, channel, lifetime (ms).
const PUBLISH: &str = r#"
local seq = redis.call('INCR', KEYS[2])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
local text = seq .. '\n' .. ARGV[1]
redis.call('SET', KEYS[1], text, 'PX', ARGV[3])
redis.call('PUBLISH', ARGV[2], text)
return seq
"#;

static RENEW_SCRIPT: LazyLock<redis::Script> = LazyLock::new(|| redis::Script::new(RENEW));
static PUBLISH_SCRIPT: LazyLock<redis::Script> = LazyLock::new(|| redis::Script::new(PUBLISH));

fn lease_key(order_id: &str) -> String {
    key(&format!("order:{order_id}:lease"))
}

fn latest_key(order_id: &str) -> String {
    key(&format!("order:{order_id}:latest"))
}

fn sequence_key(order_id: &str) -> String {
    key(&format!("order:{order_id}:seq"))
}

fn channel(order_id: &str) -> String {
    key(&format!("order:{order_id}:frames"))
}

/// Whether a viewer has heard the last of this order.
fn is_last(frame: &Frame) -> bool {
    match frame {
        Frame::Order(shown) => shown.status.state.is_final(),
        Frame::Stop | Frame::NotFound | Frame::Unreachable => true,
        Frame::Opening | Frame::Lost(_) => false,
    }
}

#[derive(Clone)]
pub struct SharedOrderFeed {
    client: Client,
    link: RedisLink,
    backoff: Backoff,
    /// Every order this instance's viewers watch, held or relayed.
    feeds: Feeds,
    /// Upstream streams this instance has open.
    pumping: Arc<AtomicUsize>,
    max_orders: usize,
}

impl SharedOrderFeed {
    /// Starts listening for other instances' frames (the subscription is made again after
    /// every reconnect).
    pub fn new(client: Client, link: RedisLink) -> redis::RedisResult<Self> {
        let feeds: Feeds = Arc::default();
        let (push, pushed) = mpsc::unbounded_channel();
        let subscriber = link.subscriber(push)?;
        tokio::spawn(relay_published(pushed, feeds.clone()));
        tokio::spawn(keep_subscribed(subscriber));
        Ok(Self {
            client,
            link,
            backoff: Backoff::default(),
            feeds,
            pumping: Arc::default(),
            max_orders: crate::services::order_feed::MAX_WATCHED_ORDERS,
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Feed>> {
        self.feeds.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// `Ok(true)` when the lease on `order_id` is ours now.
    async fn take_lease(&self, order_id: &str, token: &str) -> Result<bool, StoreDown> {
        self.link
            .set_if_absent(&lease_key(order_id), token, LEASE_FOR)
            .await
    }

    async fn latest(&self, order_id: &str) -> Result<Option<(u64, Frame)>, StoreDown> {
        let text = self.link.get(&latest_key(order_id)).await?;
        Ok(text.as_deref().and_then(decode_numbered))
    }

    /// Serves one order's viewers in this process until none is left or the order ends.
    async fn follow(self, order_id: String, shopper: Shopper, feed: Feed) {
        let sender = &feed.sender;
        let token = crate::services::checkout_store::new_token();
        loop {
            if sender.is_closed() || is_last(&sender.borrow()) {
                break;
            }
            match self.take_lease(&order_id, &token).await {
                Ok(true) => {
                    if self.hold(&order_id, &shopper, &feed, &token).await {
                        break;
                    }
                }
                Ok(false) => {
                    // Another instance reads upstream: show what it published last, and
                    // what it publishes (`relay_published`), until the lease comes free.
                    match self.latest(&order_id).await {
                        Ok(Some((seq, frame))) => feed.show_if_newer(seq, frame),
                        Ok(None) => {}
                        Err(_) => {
                            self.pump_here(&order_id, &shopper, sender).await;
                            break;
                        }
                    }
                    tokio::select! {
                        () = tokio::time::sleep(CHECK_EVERY) => {}
                        () = sender.closed() => break,
                    }
                }
                Err(_) => {
                    self.pump_here(&order_id, &shopper, sender).await;
                    break;
                }
            }
        }
        let mut feeds = self.lock();
        if feeds
            .get(&order_id)
            .is_some_and(|f| f.sender.same_channel(sender))
        {
            feeds.remove(&order_id);
        }
    }

    /// Reads upstream for everyone while the lease is ours; `true` when the order is done
    /// with (final, or nobody here watches), `false` when the lease went to another.
    async fn hold(&self, order_id: &str, shopper: &Shopper, feed: &Feed, token: &str) -> bool {
        let outlet = Outlet {
            sender: feed.sender.clone(),
            publish: Some(Box::new(Publisher {
                link: self.link.clone(),
                order_id: order_id.to_string(),
                seq: feed.seq.clone(),
            })),
        };
        let done = tokio::select! {
            () = self.read_upstream(order_id, shopper, &outlet) => true,
            () = self.renew(order_id, token) => false,
        };
        if done {
            if let Err(why) = self.link.release(&lease_key(order_id), token).await {
                tracing::info!(%why, "could not release an order's lease (it lapses by itself)");
            }
        } else {
            tracing::warn!(order = %crate::web::short_id(order_id), "lost an order's lease to another instance");
        }
        done
    }

    /// Renews the lease every `CHECK_EVERY`; returns when another instance holds it. While
    /// Redis is away the pump goes on (viewers here still need the order).
    async fn renew(&self, order_id: &str, token: &str) {
        let millis = LEASE_FOR.as_millis() as u64;
        let latest_millis = LATEST_FOR.as_millis() as u64;
        loop {
            tokio::time::sleep(CHECK_EVERY).await;
            let (lease, latest, sequence, ours) = (
                lease_key(order_id),
                latest_key(order_id),
                sequence_key(order_id),
                token.to_string(),
            );
            let renewed = self
                .link
                .call(|mut c| async move {
                    RENEW_SCRIPT
                        .key(lease)
                        .key(latest)
                        .key(sequence)
                        .arg(ours)
                        .arg(millis)
                        .arg(latest_millis)
                        .invoke_async::<i64>(&mut c)
                        .await
                })
                .await;
            match renewed {
                Ok(1) | Err(_) => continue,
                Ok(_) => match self.take_lease(order_id, token).await {
                    // It had lapsed (Redis was away) and nobody took it: ours again.
                    Ok(true) | Err(_) => continue,
                    Ok(false) => return,
                },
            }
        }
    }

    /// Without Redis: this instance reads upstream for its own viewers.
    async fn pump_here(&self, order_id: &str, shopper: &Shopper, sender: &watch::Sender<Frame>) {
        tracing::info!(order = %crate::web::short_id(order_id), "shared store away: reading the order's stream here");
        let outlet = Outlet {
            sender: sender.clone(),
            publish: None,
        };
        self.read_upstream(order_id, shopper, &outlet).await;
    }

    /// Reads upstream into `outlet`, counted in `open_streams` while it runs (and until
    /// the read is dropped, as when the lease goes to another instance).
    async fn read_upstream(&self, order_id: &str, shopper: &Shopper, outlet: &Outlet) {
        struct Counted<'a>(&'a AtomicUsize);
        impl Drop for Counted<'_> {
            fn drop(&mut self) {
                self.0.fetch_sub(1, Ordering::Relaxed);
            }
        }
        self.pumping.fetch_add(1, Ordering::Relaxed);
        let _counted = Counted(&self.pumping);
        Pump {
            client: &self.client,
            backoff: self.backoff,
        }
        .run(order_id, shopper, outlet)
        .await;
    }
}

impl OrderFeed for SharedOrderFeed {
    fn subscribe(&self, order_id: &str, shopper: &Shopper) -> Option<watch::Receiver<Frame>> {
        let mut feeds = self.lock();
        if let Some(feed) = feeds.get(order_id) {
            return Some(feed.sender.subscribe());
        }
        if feeds.len() >= self.max_orders {
            return None;
        }
        let (sender, receiver) = watch::channel(Frame::Opening);
        let feed = Feed {
            sender,
            seq: Arc::default(),
        };
        feeds.insert(order_id.to_string(), feed.clone());
        tokio::spawn(
            self.clone()
                .follow(order_id.to_string(), shopper.clone(), feed),
        );
        Some(receiver)
    }

    fn open_streams(&self) -> usize {
        self.pumping.load(Ordering::Relaxed)
    }

    fn is_watched(&self, order_id: &str) -> bool {
        self.lock().contains_key(order_id)
    }
}

/// Publishes the holder's frames, and keeps the latest under its key.
struct Publisher {
    link: RedisLink,
    order_id: String,
    /// The holder's own feed: its frames, when they come back published, are not newer.
    seq: Arc<AtomicU64>,
}

impl Publish for Publisher {
    fn publish<'a>(&'a self, frame: &'a Frame) -> BoxFuture<'a, ()> {
        Box::pin(async move {
            let text = encode(frame);
            let (latest, sequence, channel) = (
                latest_key(&self.order_id),
                sequence_key(&self.order_id),
                channel(&self.order_id),
            );
            let millis = LATEST_FOR.as_millis() as u64;
            let sent = self
                .link
                .call(|mut c| async move {
                    PUBLISH_SCRIPT
                        .key(latest)
                        .key(sequence)
                        .arg(text)
                        .arg(channel)
                        .arg(millis)
                        .invoke_async::<u64>(&mut c)
                        .await
                })
                .await;
            match sent {
                Ok(seq) => {
                    self.seq.fetch_max(seq, Ordering::Relaxed);
                }
                Err(why) => {
                    // Relays read the latest frame again within a second, or take over.
                    tracing::info!(%why, "could not publish an order's frame");
                }
            }
        })
    }
}
