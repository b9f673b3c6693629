//! What checkout keeps between requests: returned forms (by token) and the order each
//! idempotency key made. Both are bounded in size and lifetime; here in this process's
//! memory, behind the interfaces `shared_store` implements for several instances.

use super::shared_store::StoreDown;
use crate::domain::checkout::ReturnedForm;
use crate::error::AppError;
use futures::future::BoxFuture;
use std::{
    collections::{HashMap, VecDeque},
    hash::Hash,
    sync::{Arc, Mutex},
    time::Duration,
};
use tokio::{sync::OnceCell, time::Instant};

/// How long a key keeps its order, and a returned form its contents.
pub const KEEP_FOR: Duration = Duration::from_secs(10 * 60);
/// How many of each are kept at most (the oldest go first).
pub const MAX_ENTRIES: usize = 20_000;
/// The most memory returned forms may take together (the oldest go first). A form's
/// fields are cut to their real maximum before it is kept (a few hundred bytes), so this
/// holds every form of `MAX_ENTRIES` shoppers at once.
pub const MAX_FORM_BYTES_KEPT: usize = 16 * 1024 * 1024;

/// An unguessable token: 128 random bits as hex.
pub fn new_token() -> String {
    let mut bytes = [0u8; 16];
    if getrandom::fill(&mut bytes).is_err() {
        // The OS gave no randomness: a token that is unique but guessable is still better
        // than no checkout (and the form holds no secret beyond what the shopper typed).
        tracing::error!("no randomness from the OS for a token");
        bytes = fastrand::u128(..).to_le_bytes();
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A token from outside is only ever looked up when it looks like one of ours.
pub fn is_token(text: &str) -> bool {
    text.len() == 32 && text.bytes().all(|b| b.is_ascii_hexdigit())
}

/// A map whose entries expire and whose size is capped, in entries and in bytes.
struct Bounded<K, V> {
    entries: HashMap<K, (Instant, V)>,
    order: VecDeque<(Instant, K)>,
    keep_for: Duration,
    max: usize,
    /// What an entry weighs, and the most all of them may weigh together.
    weigh: fn(&K, &V) -> usize,
    max_bytes: usize,
    bytes: usize,
}

impl<K: Eq + Hash + Clone, V: Clone> Bounded<K, V> {
    fn new(keep_for: Duration, max: usize) -> Self {
        Self::weighed(keep_for, max, |_, _| 0, usize::MAX)
    }

    fn weighed(
        keep_for: Duration,
        max: usize,
        weigh: fn(&K, &V) -> usize,
        max_bytes: usize,
    ) -> Self {
        Self {
            entries: HashMap::new(),
            order: VecDeque::new(),
            keep_for,
            max,
            weigh,
            max_bytes,
            bytes: 0,
        }
    }

    fn prune(&mut self, now: Instant) {
        while let Some((at, key)) = self.order.front().cloned() {
            let expired = now.duration_since(at) >= self.keep_for;
            if !expired && self.order.len() <= self.max && self.bytes <= self.max_bytes {
                break;
            }
            self.order.pop_front();
            // Only the entry filed at that time: a key filed again later stays.
            if self
                .entries
                .get(&key)
                .is_some_and(|(filed, _)| *filed == at)
            {
                if let Some((_, value)) = self.entries.remove(&key) {
                    self.bytes = self.bytes.saturating_sub((self.weigh)(&key, &value));
                }
            }
        }
    }

    fn get(&mut self, key: &K) -> Option<V> {
        self.prune(Instant::now());
        self.entries.get(key).map(|(_, v)| v.clone())
    }

    fn get_or_insert_with(&mut self, key: K, make: impl FnOnce() -> V) -> V {
        if let Some(value) = self.get(&key) {
            return value;
        }
        let value = make();
        self.insert(key, value.clone());
        value
    }

    fn insert(&mut self, key: K, value: V) {
        let now = Instant::now();
        self.bytes += (self.weigh)(&key, &value);
        if let Some((_, old)) = self.entries.insert(key.clone(), (now, value)) {
            self.bytes = self.bytes.saturating_sub((self.weigh)(&key, &old));
        }
        self.order.push_back((now, key));
        self.prune(now);
    }

    fn len(&self) -> usize {
        self.entries.len()
    }
}

/// Roughly what a returned form takes in memory: its text, its token and the map's share.
fn form_weight(token: &str, form: &ReturnedForm) -> usize {
    let messages: usize = form.messages.iter().map(|m| m.text.len() + 32).sum();
    token.len() + form.email.len() + form.recipient.len() + form.coupon.len() + messages + 128
}

/// Forms given back to shoppers, kept by token.
pub trait FormStore: Send + Sync {
    /// Keeps `form` and returns the token that finds it again.
    fn keep(&self, form: ReturnedForm) -> BoxFuture<'_, Result<String, StoreDown>>;
    /// The form kept under `token`; `None` when there is none (or the store is away: the
    /// page then shows an empty form, and the shopper's Back button still has theirs).
    fn get<'a>(&'a self, token: &'a str) -> BoxFuture<'a, Option<ReturnedForm>>;
    /// What the kept forms weigh together, when this process holds them.
    fn bytes(&self) -> Option<usize>;
}

/// Forms given back to shoppers, by token, in this process.
#[derive(Clone)]
pub struct ReturnedForms {
    forms: Arc<Mutex<Bounded<String, ReturnedForm>>>,
}

impl Default for ReturnedForms {
    fn default() -> Self {
        Self::new(KEEP_FOR, MAX_ENTRIES, MAX_FORM_BYTES_KEPT)
    }
}

impl ReturnedForms {
    pub fn new(keep_for: Duration, max: usize, max_bytes: usize) -> Self {
        Self {
            forms: Arc::new(Mutex::new(Bounded::weighed(
                keep_for,
                max,
                |token, form| form_weight(token, form),
                max_bytes,
            ))),
        }
    }

    /// What the kept forms weigh together (for tests and `/healthz`).
    pub fn weight(&self) -> usize {
        self.lock().bytes
    }

    pub fn keep_now(&self, form: ReturnedForm) -> String {
        let token = new_token();
        self.lock().insert(token.clone(), form);
        token
    }

    pub fn get_now(&self, token: &str) -> Option<ReturnedForm> {
        if !is_token(token) {
            return None;
        }
        self.lock().get(&token.to_string())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Bounded<String, ReturnedForm>> {
        self.forms.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl FormStore for ReturnedForms {
    fn keep(&self, form: ReturnedForm) -> BoxFuture<'_, Result<String, StoreDown>> {
        let token = self.keep_now(form);
        Box::pin(async move { Ok(token) })
    }

    fn get<'a>(&'a self, token: &'a str) -> BoxFuture<'a, Option<ReturnedForm>> {
        let form = self.get_now(token);
        Box::pin(async move { form })
    }

    fn bytes(&self) -> Option<usize> {
        Some(self.weight())
    }
}

/// One order per idempotency key: the first request with a key creates the order, every
/// other one with that key (at the same time or later) gets the same order id. A failed
/// attempt keeps nothing, so the shopper can fix the form and send it again.
pub trait OrderOnce: Send + Sync {
    fn once<'a>(
        &'a self,
        key: &'a str,
        create: BoxFuture<'a, Result<String, AppError>>,
    ) -> BoxFuture<'a, Result<String, AppError>>;
}

/// `OrderOnce` in this process's memory.
pub struct MemoryOrderOnce {
    cells: Mutex<Bounded<String, Arc<OnceCell<String>>>>,
}

impl Default for MemoryOrderOnce {
    fn default() -> Self {
        Self::new(KEEP_FOR, MAX_ENTRIES)
    }
}

impl MemoryOrderOnce {
    pub fn new(keep_for: Duration, max: usize) -> Self {
        Self {
            cells: Mutex::new(Bounded::new(keep_for, max)),
        }
    }

    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Bounded<String, Arc<OnceCell<String>>>> {
        self.cells.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl OrderOnce for MemoryOrderOnce {
    fn once<'a>(
        &'a self,
        key: &'a str,
        create: BoxFuture<'a, Result<String, AppError>>,
    ) -> BoxFuture<'a, Result<String, AppError>> {
        let cell = self
            .lock()
            .get_or_insert_with(key.to_string(), || Arc::new(OnceCell::new()));
        Box::pin(async move { cell.get_or_try_init(|| create).await.cloned() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn creating(
        calls: &Arc<AtomicUsize>,
        id: &str,
    ) -> BoxFuture<'static, Result<String, AppError>> {
        let (calls, id) = (calls.clone(), id.to_string());
        Box::pin(async move {
            calls.fetch_add(1, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(50)).await;
            Ok(id)
        })
    }

    #[tokio::test(start_paused = true)]
    async fn a_double_click_makes_one_order() {
        let once = MemoryOrderOnce::default();
        let calls = Arc::new(AtomicUsize::new(0));
        let (a, b) = tokio::join!(
            once.once("k1", creating(&calls, "order-1")),
            once.once("k1", creating(&calls, "order-2")),
        );
        assert_eq!(
            (a.ok(), b.ok()),
            (Some("order-1".into()), Some("order-1".into()))
        );
        let later = once.once("k1", creating(&calls, "order-3")).await;
        assert_eq!(later.ok().as_deref(), Some("order-1"), "a resubmitted form");
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        let other = once.once("k2", creating(&calls, "order-4")).await;
        assert_eq!(
            other.ok().as_deref(),
            Some("order-4"),
            "another key, another order"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_failed_attempt_can_be_tried_again() {
        let once = MemoryOrderOnce::default();
        let failed = once
            .once("k", Box::pin(async { Err(AppError::Problems(Vec::new())) }))
            .await;
        assert!(failed.is_err());
        let calls = Arc::new(AtomicUsize::new(0));
        assert_eq!(
            once.once("k", creating(&calls, "order"))
                .await
                .ok()
                .as_deref(),
            Some("order")
        );
    }

    #[tokio::test(start_paused = true)]
    async fn keys_expire_and_the_store_stays_bounded() {
        let once = MemoryOrderOnce::new(Duration::from_secs(600), 100);
        let calls = Arc::new(AtomicUsize::new(0));
        for i in 0..1_000 {
            let key = format!("k{i}");
            let _ = once.once(&key, creating(&calls, "o")).await;
        }
        assert!(once.len() <= 100, "{}", once.len());
        assert_eq!(
            once.once("k999", creating(&calls, "new"))
                .await
                .ok()
                .as_deref(),
            Some("o")
        );
        tokio::time::advance(Duration::from_secs(601)).await;
        assert_eq!(
            once.once("k999", creating(&calls, "new"))
                .await
                .ok()
                .as_deref(),
            Some("new"),
            "after ten minutes the key is free"
        );
    }

    #[test]
    fn returned_forms_stay_within_their_bytes() {
        let forms = ReturnedForms::new(KEEP_FOR, MAX_ENTRIES, 10_000);
        let first = forms.keep_now(ReturnedForm {
            email: "first@example.com".into(),
            ..Default::default()
        });
        for _ in 0..200 {
            forms.keep_now(ReturnedForm {
                email: "x".repeat(254),
                ..Default::default()
            });
        }
        assert!(forms.weight() <= 10_000, "{}", forms.weight());
        assert!(forms.get_now(&first).is_none(), "the oldest went first");
    }

    #[test]
    fn returned_forms_are_found_by_token_only() {
        let forms = ReturnedForms::default();
        let token = forms.keep_now(ReturnedForm {
            email: "me@example.com".into(),
            ..Default::default()
        });
        assert!(is_token(&token));
        assert_eq!(
            forms.get_now(&token).map(|f| f.email).as_deref(),
            Some("me@example.com")
        );
        assert!(forms.get_now("not-a-token").is_none());
        assert!(forms.get_now(&new_token()).is_none());
        assert_ne!(new_token(), new_token());
    }
}
