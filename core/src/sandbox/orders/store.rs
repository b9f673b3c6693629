//! Every order behind a `watch` channel that event streams subscribe to, moved on by
//! timers; bounded (the oldest go first).

use super::{Action, Record, MAX_ORDERS};
use serde_json::Value;
use std::{
    collections::{HashMap, VecDeque},
    sync::{Arc, Mutex, MutexGuard},
    time::Duration,
};
use tokio::sync::watch;

/// When orders move on their own.
#[derive(Clone, Copy, Debug)]
pub struct Timings {
    /// `None`: never paid automatically, only by the control endpoint.
    pub pay_after: Option<Duration>,
    pub deliver_after: Duration,
    pub expire_after: Duration,
}

#[derive(Default)]
struct Orders {
    by_id: HashMap<String, watch::Sender<Record>>,
    arrival: VecDeque<String>,
}

/// Every order, each behind a `watch` channel that event streams subscribe to.
#[derive(Clone)]
pub struct OrderStore {
    orders: Arc<Mutex<Orders>>,
    timings: Timings,
    /// Timer tasks still running.
    timers: Arc<std::sync::atomic::AtomicUsize>,
}

/// Counts a timer task for as long as it runs.
struct TimerRunning(Arc<std::sync::atomic::AtomicUsize>);

impl Drop for TimerRunning {
    fn drop(&mut self) {
        self.0.fetch_sub(1, std::sync::atomic::Ordering::Relaxed);
    }
}

impl OrderStore {
    pub fn new(timings: Timings) -> Self {
        Self {
            orders: Arc::default(),
            timings,
            timers: Arc::default(),
        }
    }

    /// Timer tasks still running (evicted orders' timers end with them).
    pub fn running_timers(&self) -> usize {
        self.timers.load(std::sync::atomic::Ordering::Relaxed)
    }

    fn lock(&self) -> MutexGuard<'_, Orders> {
        self.orders.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Files a new order and starts its clocks (payment, then expiry).
    pub fn insert(&self, record: Record) -> Value {
        let id = record.id.clone();
        let json = record.to_json();
        {
            let mut orders = self.lock();
            let (sender, _) = watch::channel(record);
            orders.by_id.insert(id.clone(), sender);
            orders.arrival.push_back(id.clone());
            while orders.arrival.len() > MAX_ORDERS {
                if let Some(oldest) = orders.arrival.pop_front() {
                    orders.by_id.remove(&oldest);
                }
            }
        }
        if let Some(after) = self.timings.pay_after {
            self.later(&id, after, Action::Pay);
        }
        self.later(&id, self.timings.expire_after, Action::Expire);
        json
    }

    pub fn get(&self, id: &str) -> Option<Record> {
        self.lock().by_id.get(id).map(|s| s.borrow().clone())
    }

    /// How many orders were placed with `email`.
    pub fn count_for(&self, email: &str) -> usize {
        self.lock()
            .by_id
            .values()
            .filter(|s| s.borrow().email == email)
            .count()
    }

    pub fn subscribe(&self, id: &str) -> Option<watch::Receiver<Record>> {
        self.lock().by_id.get(id).map(watch::Sender::subscribe)
    }

    /// Applies an action now. `None` for an unknown order; `Some(Err)` when the order is not
    /// in a state the action applies to.
    pub fn apply(&self, id: &str, action: Action) -> Option<Result<Value, String>> {
        let sender = self.lock().by_id.get(id)?.clone();
        let mut outcome = Err(String::new());
        sender.send_if_modified(|record| {
            outcome = record.apply(action).map(|()| record.to_json());
            outcome.is_ok()
        });
        if outcome.is_ok() && sender.borrow().state == "WaitingForDelivery" {
            self.later(id, self.timings.deliver_after, Action::Deliver);
        }
        Some(outcome)
    }

    /// Applies `action` after `delay` if it still applies then (a timer never overrides
    /// what a control endpoint did meanwhile: `apply` refuses actions that no longer fit).
    /// The timer ends early when the order is evicted (its sender dropped), so a flood of
    /// orders can't leave a sleeping task behind for each.
    fn later(&self, id: &str, delay: Duration, action: Action) {
        let Some(mut watching) = self.subscribe(id) else {
            return;
        };
        let (store, id) = (self.clone(), id.to_string());
        self.timers
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let running = TimerRunning(self.timers.clone());
        tokio::spawn(async move {
            let _running = running;
            let deadline = tokio::time::sleep(delay);
            tokio::pin!(deadline);
            loop {
                tokio::select! {
                    _ = &mut deadline => {
                        let _ = store.apply(&id, action);
                        return;
                    }
                    changed = watching.changed() => {
                        if changed.is_err() {
                            return;
                        }
                    }
                }
            }
        });
    }
}
