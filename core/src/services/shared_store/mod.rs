//! What several instances share through Redis (`STOREFRONT_REDIS_URL`): one order per
//! checkout key, returned forms, rate-limit buckets, one upstream stream per order and
//! the catalog's generation. Each piece sits behind the seam its in-memory twin uses.
//!
//! Every call is cut at `CALL_BUDGET`: while Redis is down or slow, the connection manager
//! would otherwise make each caller wait out its whole reconnect chain. A caller that gets
//! `StoreDown` does what its piece says (browsing goes on; checkout answers 503).

pub mod catalog_sync;
pub mod forms;
pub mod limits;
pub mod order_feed;
pub mod order_frames;
pub mod order_once;
pub mod order_relay;

use redis::{
    aio::{ConnectionManager, ConnectionManagerConfig},
    Client, RedisResult,
};
use std::{
    future::Future,
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc,
    },
    time::Duration,
};

/// The longest any one Redis call may take before it counts as Redis being down.
pub const CALL_BUDGET: Duration = Duration::from_millis(300);
/// Every key the shop writes starts with this, so one Redis can serve other things too.
pub const PREFIX: &str = "storefront:";

/// Redis could not be reached, or did not answer in time.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the shared store is unavailable: {0}")]
pub struct StoreDown(pub String);

/// One connection to Redis for commands (multiplexed, cheap to clone), and whether the last
/// call reached it.
#[derive(Clone)]
pub struct RedisLink {
    client: Client,
    commands: ConnectionManager,
    reachable: Arc<AtomicBool>,
    /// `redis://host:port/db`, without the password, for logs and `/healthz`.
    shown_as: Arc<str>,
}

fn manager_config() -> ConnectionManagerConfig {
    ConnectionManagerConfig::new()
        .set_connection_timeout(Some(Duration::from_millis(250)))
        .set_response_timeout(Some(Duration::from_millis(250)))
        // A short reconnect chain: the next call starts another one.
        .set_number_of_retries(2)
        .set_min_delay(Duration::from_millis(50))
        .set_max_delay(Duration::from_millis(500))
        .set_pipeline_buffer_size(256)
}

impl RedisLink {
    /// Opens nothing yet: the first call connects, so a shop starts while Redis is down.
    pub fn new(url: &crate::config::RedisUrl) -> RedisResult<Self> {
        let mut url = url.url().clone();
        // RESP3: the manager hears of a lost connection at once, and subscriptions are
        // made again after a reconnect.
        let kept: Vec<(String, String)> = url
            .query_pairs()
            .filter(|(name, _)| name != "protocol")
            .map(|(n, v)| (n.into_owned(), v.into_owned()))
            .collect();
        url.query_pairs_mut()
            .clear()
            .extend_pairs(kept)
            .append_pair("protocol", "resp3");
        let client = Client::open(url.as_str())?;
        let commands = client.get_connection_manager_lazy(manager_config())?;
        let shown_as = crate::config::RedisUrl::shown(&url).into();
        Ok(Self {
            client,
            commands,
            reachable: Arc::new(AtomicBool::new(false)),
            shown_as,
        })
    }

    pub fn shown_as(&self) -> &str {
        &self.shown_as
    }

    /// Whether the last call reached Redis.
    pub fn is_reachable(&self) -> bool {
        self.reachable.load(Ordering::Relaxed)
    }

    /// A PING within the budget (for `/healthz`). The first call on a connection Redis
    /// dropped fails and starts the reconnection, so one failure is tried again.
    pub async fn ping(&self) -> bool {
        for _ in 0..2 {
            let pong = self
                .call(|mut c| async move { redis::cmd("PING").query_async::<String>(&mut c).await })
                .await;
            if pong.is_ok() {
                return true;
            }
        }
        false
    }

    /// Pings every second, so a connection Redis dropped (a restart) is found and made
    /// again before a shopper's call would fail on it, and `/healthz` knows.
    pub fn keep_warm(&self) {
        let link = self.clone();
        tokio::spawn(async move {
            loop {
                link.ping().await;
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        });
    }

    /// Runs one call on the command connection within `CALL_BUDGET`. A call cut by the
    /// budget may still have run on the server: what it writes must expire by itself.
    pub async fn call<T, F, Fut>(&self, run: F) -> Result<T, StoreDown>
    where
        F: FnOnce(ConnectionManager) -> Fut,
        Fut: Future<Output = RedisResult<T>>,
    {
        let outcome = match tokio::time::timeout(CALL_BUDGET, run(self.commands.clone())).await {
            Err(_) => Err(StoreDown("no answer in time".into())),
            Ok(Err(error)) => Err(StoreDown(error.to_string())),
            Ok(Ok(value)) => Ok(value),
        };
        let reached = outcome.is_ok();
        if self.reachable.swap(reached, Ordering::Relaxed) != reached {
            if reached {
                tracing::info!(redis = %self.shown_as, "the shared store is reachable");
            } else if let Err(StoreDown(why)) = &outcome {
                tracing::warn!(redis = %self.shown_as, %why, "the shared store is unavailable");
            }
        }
        outcome
    }

    /// A second connection, for subscriptions only: a burst of published frames must not
    /// hold up commands. `push` hears every message and every lost connection.
    pub fn subscriber(
        &self,
        push: tokio::sync::mpsc::UnboundedSender<redis::PushInfo>,
    ) -> RedisResult<ConnectionManager> {
        self.client.get_connection_manager_lazy(
            manager_config()
                .set_push_sender(push)
                .set_automatic_resubscription(),
        )
    }
}

/// Deletes a key only while it holds `token`: a claim or lease that lapsed and was taken
/// by another is left alone.
const RELEASE: &str = r#"
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
"#;

static RELEASE_SCRIPT: std::sync::LazyLock<redis::Script> =
    std::sync::LazyLock::new(|| redis::Script::new(RELEASE));

impl RedisLink {
    pub async fn get(&self, key: &str) -> Result<Option<String>, StoreDown> {
        self.call(|mut c| async move {
            redis::cmd("GET")
                .arg(key)
                .query_async::<Option<String>>(&mut c)
                .await
        })
        .await
    }

    /// Sets `key` for `lifetime`.
    pub async fn set_for(
        &self,
        key: &str,
        value: &str,
        lifetime: Duration,
    ) -> Result<(), StoreDown> {
        let millis = lifetime.as_millis() as u64;
        self.call(|mut c| async move {
            redis::cmd("SET")
                .arg(key)
                .arg(value)
                .arg("PX")
                .arg(millis)
                .query_async::<()>(&mut c)
                .await
        })
        .await
    }

    /// Sets `key` for `lifetime` unless it exists; `true` when it was set.
    pub async fn set_if_absent(
        &self,
        key: &str,
        value: &str,
        lifetime: Duration,
    ) -> Result<bool, StoreDown> {
        let millis = lifetime.as_millis() as u64;
        self.call(|mut c| async move {
            redis::cmd("SET")
                .arg(key)
                .arg(value)
                .arg("NX")
                .arg("PX")
                .arg(millis)
                .query_async::<Option<String>>(&mut c)
                .await
        })
        .await
        .map(|set| set.is_some())
    }

    /// Deletes `key` if it still holds `token`; `true` when it did.
    pub async fn release(&self, key: &str, token: &str) -> Result<bool, StoreDown> {
        self.call(|mut c| async move {
            RELEASE_SCRIPT
                .key(key)
                .arg(token)
                .invoke_async::<i64>(&mut c)
                .await
        })
        .await
        .map(|deleted| deleted == 1)
    }
}

/// `storefront:{what}`.
pub fn key(what: &str) -> String {
    format!("{PREFIX}{what}")
}
