//! One order per checkout key across every instance. The first request claims the key
//! (`SET NX`, with a lifetime longer than the upstream call) and creates the order; the
//! others wait for the order id it files. Without Redis nothing is created: an order that
//! can't be deduplicated could be made twice.

use super::{key, RedisLink};
use crate::{error::AppError, services::checkout_store::OrderOnce};
use futures::future::BoxFuture;
use std::{sync::LazyLock, time::Duration};

/// A claim outlives the longest upstream call (15 s by default) and then lapses by itself,
/// so an instance that dies mid-call does not lock the key for long.
const CLAIM_FOR: Duration = Duration::from_secs(30);
/// How long a request waits for another's order before saying so.
const WAIT_AT_MOST: Duration = Duration::from_secs(25);
const POLL_EVERY: Duration = Duration::from_millis(100);

/// Sets the order id only while the claim is still ours (or lapsed and nobody took it).
const FILE_ORDER: &str = r#"
local now = redis.call('GET', KEYS[1])
if now == ARGV[1] or now == false then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  return 1
end
return 0
"#;

static FILE_SCRIPT: LazyLock<redis::Script> = LazyLock::new(|| redis::Script::new(FILE_ORDER));

#[derive(Clone)]
pub struct SharedOrderOnce {
    link: RedisLink,
    keep_for: Duration,
}

impl SharedOrderOnce {
    pub fn new(link: RedisLink, keep_for: Duration) -> Self {
        Self { link, keep_for }
    }

    fn paused(why: super::StoreDown) -> AppError {
        tracing::warn!(%why, "checkout paused: orders can't be deduplicated");
        AppError::CheckoutPaused
    }

    /// `None`: the key is ours now; else what it holds (`pending:…` or `order:<id>`).
    async fn claim(&self, key: &str, claim: &str) -> Result<Option<String>, AppError> {
        let millis = CLAIM_FOR.as_millis() as u64;
        let claimed = self
            .link
            .call(|mut c| async move {
                redis::cmd("SET")
                    .arg(key)
                    .arg(claim)
                    .arg("NX")
                    .arg("PX")
                    .arg(millis)
                    .arg("GET")
                    .query_async::<Option<String>>(&mut c)
                    .await
            })
            .await;
        if claimed.is_err() {
            // A claim that got no answer in time may still reach Redis (a hung server
            // that wakes up): drop it as soon as Redis answers, or the shopper's next
            // try would wait for a claim nobody will fill.
            let (once, key, claim) = (self.clone(), key.to_string(), claim.to_string());
            tokio::spawn(async move {
                let deadline = tokio::time::Instant::now() + CLAIM_FOR;
                while tokio::time::Instant::now() < deadline {
                    if once.release(&key, &claim).await {
                        return;
                    }
                    tokio::time::sleep(POLL_EVERY * 5).await;
                }
            });
        }
        claimed.map_err(Self::paused)
    }

    async fn read(&self, key: &str) -> Result<Option<String>, AppError> {
        self.link.get(key).await.map_err(Self::paused)
    }

    /// Files the order under the key, trying again for a while if Redis is away: the order
    /// exists, and a resubmitted form must find it.
    async fn file(&self, key: String, claim: String, order_id: String) {
        let value = format!("order:{order_id}");
        let millis = self.keep_for.as_millis() as u64;
        for attempt in 0..20u32 {
            let (key, claim, value) = (key.clone(), claim.clone(), value.clone());
            let filed = self
                .link
                .call(|mut c| async move {
                    FILE_SCRIPT
                        .key(key)
                        .arg(claim)
                        .arg(value)
                        .arg(millis)
                        .invoke_async::<i64>(&mut c)
                        .await
                })
                .await;
            match filed {
                Ok(1) => return,
                Ok(_) => {
                    tracing::error!(order = %crate::web::short_id(&order_id), "another request claimed this checkout key after ours lapsed: a resubmitted form may make a second order");
                    return;
                }
                Err(why) => {
                    tracing::warn!(%why, attempt, "could not file an order under its checkout key yet");
                    tokio::time::sleep(Duration::from_millis(250) * (attempt + 1)).await;
                }
            }
        }
        tracing::error!(order = %crate::web::short_id(&order_id), "gave up filing an order under its checkout key");
    }

    /// Drops the claim if it is still ours; `false` when Redis did not answer.
    async fn release(&self, key: &str, claim: &str) -> bool {
        match self.link.release(key, claim).await {
            Ok(_) => true,
            Err(why) => {
                // It lapses by itself after CLAIM_FOR.
                tracing::info!(%why, "could not release a checkout key");
                false
            }
        }
    }
}

impl OrderOnce for SharedOrderOnce {
    fn once<'a>(
        &'a self,
        checkout_key: &'a str,
        create: BoxFuture<'a, Result<String, AppError>>,
    ) -> BoxFuture<'a, Result<String, AppError>> {
        Box::pin(async move {
            let key = key(&format!("once:{checkout_key}"));
            let claim = format!("pending:{}", crate::services::checkout_store::new_token());
            let mut create = Some(create);
            let deadline = tokio::time::Instant::now() + WAIT_AT_MOST;
            loop {
                match self.claim(&key, &claim).await? {
                    None => {
                        let Some(create) = create.take() else {
                            return Err(AppError::Unavailable);
                        };
                        return match create.await {
                            Ok(order_id) => {
                                // Filed in the background: the shopper needn't wait for it.
                                let filing = self.clone();
                                let filed = order_id.clone();
                                tokio::spawn(async move {
                                    filing.file(key, claim, filed).await;
                                });
                                Ok(order_id)
                            }
                            Err(error) => {
                                // Nothing was made: the shopper may fix the form and retry.
                                self.release(&key, &claim).await;
                                Err(error)
                            }
                        };
                    }
                    Some(held) => {
                        // Another request holds the key: wait for its order, or for the key to
                        // come free (it failed, or its instance died and the claim lapsed).
                        let mut held = Some(held);
                        while let Some(value) = held {
                            if let Some(order_id) = value.strip_prefix("order:") {
                                return Ok(order_id.to_string());
                            }
                            if tokio::time::Instant::now() >= deadline {
                                return Err(AppError::Busy);
                            }
                            tokio::time::sleep(POLL_EVERY).await;
                            held = self.read(&key).await?;
                        }
                    }
                }
            }
        })
    }
}
