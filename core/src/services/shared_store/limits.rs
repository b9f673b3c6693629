//! Rate-limit buckets shared by every instance: the same GCRA count as `rate_limit`, run
//! atomically in Redis on Redis's clock, so one shopper gets one bucket however many
//! instances serve them and whichever clock each instance keeps.

use super::{key, RedisLink, StoreDown};
use crate::services::rate_limit::Cost;
use std::{net::IpAddr, sync::LazyLock, time::Duration};

/// KEYS[1]: the bucket. ARGV[1]: the interval between calls (ms); ARGV[2]: how many calls
/// may come at once. Returns 0 when the call may go on (and counts it), else the
/// milliseconds to wait. The bucket expires when it is full again.
const GCRA: &str = r#"
local interval = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local arrival = tonumber(redis.call('GET', KEYS[1])) or now
if arrival < now then arrival = now end
local allowed_from = arrival + interval - interval * burst
if now < allowed_from then
  return allowed_from - now
end
redis.call('SET', KEYS[1], arrival + interval, 'PX', arrival + interval - now)
return 0
"#;

static SCRIPT: LazyLock<redis::Script> = LazyLock::new(|| redis::Script::new(GCRA));

#[derive(Clone)]
pub struct SharedLimits {
    link: RedisLink,
}

impl SharedLimits {
    pub fn new(link: RedisLink) -> Self {
        Self { link }
    }

    /// The verdict for `network` (already cut to its /64), or `StoreDown` when Redis did
    /// not answer (the caller counts in its own process then).
    pub async fn check(
        &self,
        cost: Cost,
        network: IpAddr,
        per_minute: u32,
    ) -> Result<Result<(), Duration>, StoreDown> {
        let per_minute = per_minute.max(1);
        let interval_ms = (60_000 / u64::from(per_minute)).max(1);
        let bucket = key(&format!("limit:{}:{network}", cost_name(cost)));
        let wait_ms = self
            .link
            .call(|mut c| async move {
                SCRIPT
                    .key(bucket)
                    .arg(interval_ms)
                    .arg(per_minute)
                    .invoke_async::<u64>(&mut c)
                    .await
            })
            .await?;
        Ok(if wait_ms == 0 {
            Ok(())
        } else {
            Err(Duration::from_millis(wait_ms))
        })
    }
}

fn cost_name(cost: Cost) -> &'static str {
    match cost {
        Cost::Quote => "quote",
        Cost::Order => "order",
        Cost::Lookup => "lookup",
    }
}
