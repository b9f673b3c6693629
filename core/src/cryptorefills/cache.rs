//! A stale-while-revalidate cache: fresh copies are served as they are, stale ones are
//! served while one background call refreshes them, the last good copy outlives upstream
//! failures, and concurrent misses for one key share a single upstream call.

use super::ApiError;
use futures::{
    future::{BoxFuture, Shared},
    FutureExt,
};
use std::{
    collections::HashMap,
    future::Future,
    hash::Hash,
    sync::{Arc, Mutex, MutexGuard},
    time::Duration,
};
use tokio::time::Instant;

type Fetch<V> = Shared<BoxFuture<'static, Result<V, ApiError>>>;

/// How long copies stay fresh, how soon a failed refresh is tried again, how many keys.
#[derive(Clone, Copy, Debug)]
pub struct CachePolicy {
    pub fresh_for: Duration,
    pub retry_failed_after: Duration,
    pub max_entries: usize,
}

struct Entry<V> {
    value: Option<(V, Instant)>,
    /// How many values were filed for this key.
    version: u64,
    inflight: Option<Fetch<V>>,
    last_failure: Option<Instant>,
    /// Marked out of date before its time (another instance has a newer copy).
    expired: bool,
}

impl<V> Default for Entry<V> {
    fn default() -> Self {
        Self {
            value: None,
            version: 0,
            inflight: None,
            last_failure: None,
            expired: false,
        }
    }
}

/// Cheap to clone; clones share the entries.
pub struct SwrCache<K, V> {
    name: &'static str,
    policy: CachePolicy,
    entries: Arc<Mutex<HashMap<K, Entry<V>>>>,
}

impl<K, V> Clone for SwrCache<K, V> {
    fn clone(&self) -> Self {
        Self {
            name: self.name,
            policy: self.policy,
            entries: self.entries.clone(),
        }
    }
}

impl<K, V> SwrCache<K, V>
where
    K: Eq + Hash + Clone + std::fmt::Debug + Send + 'static,
    V: Clone + Send + Sync + 'static,
{
    pub fn new(name: &'static str, policy: CachePolicy) -> Self {
        Self {
            name,
            policy,
            entries: Arc::new(Mutex::new(HashMap::new())),
        }
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<K, Entry<V>>> {
        // A panic while holding the lock leaves whole entries behind, never half-written ones.
        self.entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The value for `key`: fresh from the cache, stale from the cache (refreshing in the
    /// background), or fetched, one fetch per key however many callers wait for it.
    pub async fn get<F, Fut>(&self, key: K, fetch: F) -> Result<V, ApiError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<V, ApiError>> + Send + 'static,
    {
        let now = Instant::now();
        let waiting_on = {
            let mut entries = self.lock();
            let entry = entries.entry(key.clone()).or_default();
            match (&entry.value, &entry.inflight) {
                (Some((value, at)), _)
                    if now.duration_since(*at) < self.policy.fresh_for && !entry.expired =>
                {
                    return Ok(value.clone());
                }
                (Some((value, _)), inflight) => {
                    let value = value.clone();
                    let may_retry = entry
                        .last_failure
                        .is_none_or(|t| now.duration_since(t) >= self.policy.retry_failed_after);
                    if inflight.is_none() && may_retry {
                        let refresh = self.start(key, fetch());
                        entry.inflight = Some(refresh);
                    }
                    return Ok(value);
                }
                (None, Some(inflight)) => inflight.clone(),
                (None, None) => {
                    let first = self.start(key, fetch());
                    entry.inflight = Some(first.clone());
                    first
                }
            }
        };
        waiting_on.await
    }

    /// Runs the fetch on its own task (a caller that goes away must not cancel it for the
    /// others) and files its result when it ends.
    fn start(
        &self,
        key: K,
        fetch: impl Future<Output = Result<V, ApiError>> + Send + 'static,
    ) -> Fetch<V> {
        let cache = self.clone();
        let shared = async move {
            // Whatever happens to the fetch, its key is freed: a panic becomes an error for
            // every waiter, and a fetch dropped unfinished (its task aborted) leaves the next
            // miss free to try again.
            let mut filing = Filing {
                cache,
                key: Some(key),
            };
            let result = std::panic::AssertUnwindSafe(fetch)
                .catch_unwind()
                .await
                .unwrap_or_else(|_| {
                    tracing::error!(cache = filing.cache.name, "a fetch panicked");
                    Err(ApiError::Transport("the call failed unexpectedly".into()))
                });
            if let Some(key) = filing.key.take() {
                filing.cache.file(key, &result);
            }
            result
        }
        .boxed()
        .shared();
        tokio::spawn(shared.clone());
        shared
    }

    fn file(&self, key: K, result: &Result<V, ApiError>) {
        let mut entries = self.lock();
        let entry = entries.entry(key.clone()).or_default();
        entry.inflight = None;
        match result {
            Ok(value) => {
                entry.value = Some((value.clone(), Instant::now()));
                entry.version += 1;
                entry.last_failure = None;
                entry.expired = false;
            }
            Err(error) => {
                entry.last_failure = Some(Instant::now());
                if entry.value.is_some() {
                    tracing::warn!(cache = self.name, ?key, %error, "upstream failed; serving the last good copy");
                }
            }
        }
        if entries.len() > self.policy.max_entries {
            self.evict_oldest(&mut entries);
        }
    }

    fn evict_oldest(&self, entries: &mut HashMap<K, Entry<V>>) {
        let oldest = entries
            .iter()
            .filter(|(_, e)| e.inflight.is_none())
            .min_by_key(|(_, e)| e.value.as_ref().map(|(_, at)| *at))
            .map(|(k, _)| k.clone());
        if let Some(key) = oldest {
            entries.remove(&key);
        }
    }

    /// A fetch that ended without a result: the key waits for no one any more.
    fn abandon(&self, key: &K) {
        let mut entries = self.lock();
        let remove = match entries.get_mut(key) {
            Some(entry) => {
                entry.inflight = None;
                entry.value.is_none()
            }
            None => false,
        };
        if remove {
            entries.remove(key);
        }
    }

    /// Marks `key`'s copy out of date: the next `get` serves it once more and fetches anew.
    pub fn expire(&self, key: &K) {
        if let Some(entry) = self.lock().get_mut(key) {
            entry.expired = entry.value.is_some();
        }
    }

    /// The keys that hold a value.
    pub fn keys(&self) -> Vec<K> {
        self.lock()
            .iter()
            .filter(|(_, entry)| entry.value.is_some())
            .map(|(key, _)| key.clone())
            .collect()
    }

    /// Goes up each time a value is filed for `key` (0: none yet).
    pub fn version_of(&self, key: &K) -> u64 {
        self.lock().get(key).map_or(0, |entry| entry.version)
    }

    /// How many keys the cache holds (for tests and the health page).
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Frees a fetch's key if the fetch is dropped before it files its result.
struct Filing<K, V>
where
    K: Eq + Hash + Clone + std::fmt::Debug + Send + 'static,
    V: Clone + Send + Sync + 'static,
{
    cache: SwrCache<K, V>,
    key: Option<K>,
}

impl<K, V> Drop for Filing<K, V>
where
    K: Eq + Hash + Clone + std::fmt::Debug + Send + 'static,
    V: Clone + Send + Sync + 'static,
{
    fn drop(&mut self) {
        if let Some(key) = self.key.take() {
            self.cache.abandon(&key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    const POLICY: CachePolicy = CachePolicy {
        fresh_for: Duration::from_secs(60),
        retry_failed_after: Duration::from_secs(10),
        max_entries: 3,
    };

    fn counting(
        calls: &Arc<AtomicUsize>,
        value: u32,
    ) -> impl Future<Output = Result<u32, ApiError>> {
        let calls = calls.clone();
        async move {
            calls.fetch_add(1, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(20)).await;
            Ok(value)
        }
    }

    #[tokio::test(start_paused = true)]
    async fn concurrent_misses_make_one_call() {
        let cache = SwrCache::new("test", POLICY);
        let calls = Arc::new(AtomicUsize::new(0));
        let gets = (0..20).map(|_| cache.get("US", || counting(&calls, 1)));
        let results = futures::future::join_all(gets).await;
        assert!(results.iter().all(|r| matches!(r, Ok(1))));
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        assert_eq!(cache.get("US", || counting(&calls, 2)).await.ok(), Some(1));
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }

    #[tokio::test(start_paused = true)]
    async fn stale_copies_are_served_while_one_refresh_runs() {
        let cache = SwrCache::new("test", POLICY);
        let calls = Arc::new(AtomicUsize::new(0));
        assert_eq!(cache.get("US", || counting(&calls, 1)).await.ok(), Some(1));
        tokio::time::advance(Duration::from_secs(61)).await;
        for _ in 0..5 {
            assert_eq!(cache.get("US", || counting(&calls, 2)).await.ok(), Some(1));
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert_eq!(
            calls.load(Ordering::SeqCst),
            2,
            "one refresh for five stale reads"
        );
        assert_eq!(cache.get("US", || counting(&calls, 3)).await.ok(), Some(2));
    }

    #[tokio::test(start_paused = true)]
    async fn the_last_good_copy_outlives_upstream_failures() {
        let cache = SwrCache::new("test", POLICY);
        let failures = Arc::new(AtomicUsize::new(0));
        let failing = || {
            let failures = failures.clone();
            async move {
                failures.fetch_add(1, Ordering::SeqCst);
                Err::<u32, _>(ApiError::Transport("down".into()))
            }
        };
        assert_eq!(cache.get("US", || async { Ok(7) }).await.ok(), Some(7));
        tokio::time::advance(Duration::from_secs(61)).await;
        assert_eq!(cache.get("US", failing).await.ok(), Some(7));
        tokio::time::sleep(Duration::from_millis(1)).await;
        assert_eq!(cache.get("US", failing).await.ok(), Some(7));
        assert_eq!(
            failures.load(Ordering::SeqCst),
            1,
            "no hammering right after a failure"
        );
        tokio::time::advance(Duration::from_secs(11)).await;
        assert_eq!(cache.get("US", failing).await.ok(), Some(7));
        tokio::time::sleep(Duration::from_millis(1)).await;
        assert_eq!(failures.load(Ordering::SeqCst), 2);
    }

    #[tokio::test(start_paused = true)]
    async fn a_miss_that_fails_is_an_error_and_is_not_kept() {
        let cache: SwrCache<&str, u32> = SwrCache::new("test", POLICY);
        let result = cache
            .get("US", || async { Err(ApiError::Transport("down".into())) })
            .await;
        assert!(result.is_err());
        assert_eq!(cache.get("US", || async { Ok(3) }).await.ok(), Some(3));
    }

    #[tokio::test]
    async fn a_fetch_that_panics_leaves_no_key_stuck() {
        let cache: SwrCache<&str, u32> = SwrCache::new("test", POLICY);
        let first = cache.get("k", || async {
            tokio::time::sleep(Duration::from_millis(10)).await;
            panic!("a bug in the fetch (this panic is expected)")
        });
        let second = cache.get("k", || async { Ok(7) });
        let (first, second) = tokio::join!(first, second);
        assert!(matches!(first, Err(ApiError::Transport(_))), "{first:?}");
        assert!(
            matches!(second, Err(ApiError::Transport(_))),
            "a waiter of the same fetch gets the error too: {second:?}"
        );
        let calls = Arc::new(AtomicUsize::new(0));
        assert_eq!(cache.get("k", || counting(&calls, 8)).await.ok(), Some(8));
        assert_eq!(calls.load(Ordering::SeqCst), 1, "the next miss tried again");
    }

    #[tokio::test(start_paused = true)]
    async fn the_cache_stays_bounded() {
        let cache = SwrCache::new("test", POLICY);
        for key in ["a", "b", "c", "d", "e"] {
            let _ = cache.get(key, || async { Ok(1u32) }).await;
            tokio::time::advance(Duration::from_millis(5)).await;
        }
        assert!(cache.len() <= 3, "{}", cache.len());
    }
}
