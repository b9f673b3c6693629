//! The catalog's generation agreed between instances. Each instance fetches a country's
//! page (brands, feed, coins) on its own schedule; when one files a new copy, it stamps the
//! country in Redis (Redis's clock), and every other instance that holds an older copy
//! fetches anew within `SYNC_EVERY`. So a new catalog is not served by one instance while
//! another serves the old one for minutes. Only instances that hold the country follow:
//! one that never showed it has nothing to bring up to date.

use super::{key, RedisLink};
use crate::{cryptorefills::catalog_cache::Catalog, domain::Country};
use std::{collections::HashMap, time::Duration};
use tokio::time::Instant;

pub const SYNC_EVERY: Duration = Duration::from_secs(2);
/// A copy is three answers filed one after the other (brands, feed, coins): the changes
/// of one refresh, this close together, are announced or followed once.
const ONE_REFRESH: Duration = Duration::from_secs(10);

/// Sets the country's stamp to Redis's time now, unless a later one is there; returns it.
const STAMP: &str = r#"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local had = tonumber(redis.call('GET', KEYS[1])) or 0
if now > had then
  redis.call('SET', KEYS[1], now)
  return now
end
return had
"#;

static STAMP_SCRIPT: std::sync::LazyLock<redis::Script> =
    std::sync::LazyLock::new(|| redis::Script::new(STAMP));

fn stamp_key(code: &str) -> String {
    key(&format!("catalog:{code}:refreshed"))
}

/// What this instance knows of one country's copy.
#[derive(Default)]
struct Known {
    /// The local generation last seen.
    generation: u64,
    /// The stamp of the copy held: ours when we fetched it, the other's when we followed.
    stamp: u64,
    /// Fetching anew to catch up with this stamp.
    following: Option<u64>,
    /// Changes until then belong to the refresh just announced or followed.
    settling_until: Option<Instant>,
}

/// Follows and announces catalog refreshes until the process ends.
pub fn start(link: RedisLink, catalog: Catalog) {
    tokio::spawn(async move {
        let mut known: HashMap<&'static str, Known> = HashMap::new();
        loop {
            tokio::time::sleep(SYNC_EVERY).await;
            sync(&link, &catalog, &mut known).await;
        }
    });
}

async fn sync(link: &RedisLink, catalog: &Catalog, known: &mut HashMap<&'static str, Known>) {
    let held: Vec<(&'static str, u64)> = catalog
        .countries_held()
        .into_iter()
        .map(|code| (code, catalog.generation_for(code)))
        .filter(|(_, generation)| *generation != 0)
        .collect();
    // Our own new copies, announced.
    for &(code, generation) in &held {
        let entry = known.entry(code).or_default();
        if generation == entry.generation {
            continue;
        }
        entry.generation = generation;
        if let Some(target) = entry.following.take() {
            entry.stamp = target;
            entry.settling_until = Some(Instant::now() + ONE_REFRESH);
            continue;
        }
        if entry
            .settling_until
            .is_some_and(|until| Instant::now() < until)
        {
            continue;
        }
        entry.settling_until = Some(Instant::now() + ONE_REFRESH);
        let name = stamp_key(code);
        let stamped = link
            .call(|mut c| async move { STAMP_SCRIPT.key(name).invoke_async::<u64>(&mut c).await })
            .await;
        match stamped {
            Ok(stamp) => entry.stamp = stamp,
            // Announced with the next copy; meanwhile each instance keeps its own schedule.
            Err(why) => tracing::debug!(%why, code, "could not announce a catalog copy"),
        }
    }
    if held.is_empty() {
        return;
    }
    // Others' newer copies, followed.
    let names: Vec<String> = held.iter().map(|(code, _)| stamp_key(code)).collect();
    let stamps = link
        .call(|mut c| async move {
            redis::cmd("MGET")
                .arg(names)
                .query_async::<Vec<Option<u64>>>(&mut c)
                .await
        })
        .await;
    let Ok(stamps) = stamps else {
        return;
    };
    for (&(code, _), stamp) in held.iter().zip(stamps) {
        let (Some(stamp), Some(entry)) = (stamp, known.get_mut(code)) else {
            continue;
        };
        if stamp > entry.stamp && entry.following.is_none_or(|target| stamp > target) {
            let Some(country) = Country::find(code).copied() else {
                continue;
            };
            tracing::debug!(code, "another instance has a newer catalog: fetching it");
            entry.following = Some(stamp);
            catalog.refresh_country(country).await;
        }
    }
}
