//! This instance's viewers of orders another instance reads upstream: each order's watch
//! and the number of the newest frame it showed, fed by one pattern subscription.

use super::{key, order_frames::decode_numbered, CALL_BUDGET};
use crate::services::order_feed::Frame;
use redis::{PushInfo, PushKind};
use std::{
    collections::HashMap,
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc, Mutex,
    },
    time::Duration,
};
use tokio::sync::{mpsc, watch};

/// How often the subscription is tried until Redis takes it, then pinged.
const RESUBSCRIBE_EVERY: Duration = Duration::from_secs(1);

/// One order's viewers in this process, and the number of the newest frame they were shown
/// from Redis: frames come over two connections (a reply, a published message), so an
/// older one may arrive after a newer one and must not replace it.
#[derive(Clone)]
pub struct Feed {
    pub sender: watch::Sender<Frame>,
    pub seq: Arc<AtomicU64>,
}

impl Feed {
    pub fn show_if_newer(&self, seq: u64, frame: Frame) {
        // Inside the watch's lock: two frames shown at once are ordered by their number.
        self.sender.send_if_modified(|now| {
            if self.seq.load(Ordering::Relaxed) >= seq {
                return false;
            }
            self.seq.store(seq, Ordering::Relaxed);
            if *now == frame {
                false
            } else {
                *now = frame;
                true
            }
        });
    }
}

pub type Feeds = Arc<Mutex<HashMap<String, Feed>>>;

/// Hands each frame another instance published to this instance's viewers of the order.
pub async fn relay_published(mut pushed: mpsc::UnboundedReceiver<PushInfo>, feeds: Feeds) {
    let prefix = key("order:");
    while let Some(push) = pushed.recv().await {
        if !matches!(push.kind, PushKind::Message | PushKind::PMessage) {
            continue;
        }
        let Some(message) = redis::Msg::from_push_info(push) else {
            continue;
        };
        let Some(order_id) = message
            .get_channel_name()
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(":frames"))
        else {
            continue;
        };
        let Ok(text) = message.get_payload::<String>() else {
            continue;
        };
        let feed = {
            let feeds = feeds.lock().unwrap_or_else(|p| p.into_inner());
            feeds.get(order_id).cloned()
        };
        if let (Some(feed), Some((seq, frame))) = (feed, decode_numbered(&text)) {
            feed.show_if_newer(seq, frame);
        }
    }
}

/// One pattern subscription for every order; the connection makes it again after each
/// reconnect, and a PING a second keeps reconnecting while Redis is away.
pub async fn keep_subscribed(mut subscriber: redis::aio::ConnectionManager) {
    let pattern = key("order:*:frames");
    loop {
        let subscribed = tokio::time::timeout(CALL_BUDGET, subscriber.psubscribe(&pattern)).await;
        if matches!(subscribed, Ok(Ok(()))) {
            break;
        }
        tokio::time::sleep(RESUBSCRIBE_EVERY).await;
    }
    loop {
        tokio::time::sleep(RESUBSCRIBE_EVERY).await;
        let _ = tokio::time::timeout(
            CALL_BUDGET,
            redis::cmd("PING").query_async::<String>(&mut subscriber),
        )
        .await;
    }
}
