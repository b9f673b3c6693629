//! Event streams held open per shopper: each is a connection and a file descriptor, so
//! one address may hold only so many, and only a few for the same order (a page and a
//! couple of tabs), however many it asks for.

use std::{
    collections::HashMap,
    net::IpAddr,
    sync::{Arc, Mutex},
};

#[derive(Default)]
struct Counts {
    per_shopper: HashMap<IpAddr, u32>,
    per_order: HashMap<(IpAddr, String), u32>,
}

#[derive(Clone)]
pub struct StreamSlots {
    counts: Arc<Mutex<Counts>>,
    per_shopper: u32,
    per_order: u32,
}

/// One stream's place; given back when the stream ends.
pub struct Slot {
    counts: Arc<Mutex<Counts>>,
    ip: IpAddr,
    order_id: String,
}

impl StreamSlots {
    /// `per_shopper` streams per address, a quarter of that (at least 2) per order.
    pub fn new(per_shopper: u32) -> Self {
        Self {
            counts: Arc::default(),
            per_shopper,
            per_order: (per_shopper / 4).max(2).min(per_shopper),
        }
    }

    /// A place for one more stream from `ip` for `order_id`, or `None` past either cap.
    pub fn take(&self, ip: IpAddr, order_id: &str) -> Option<Slot> {
        let ip = crate::services::rate_limit::network_of(ip, false);
        let mut counts = self.counts.lock().unwrap_or_else(|p| p.into_inner());
        let key = (ip, order_id.to_string());
        let shopper = counts.per_shopper.get(&ip).copied().unwrap_or(0);
        let order = counts.per_order.get(&key).copied().unwrap_or(0);
        if shopper >= self.per_shopper || order >= self.per_order {
            return None;
        }
        *counts.per_shopper.entry(ip).or_default() += 1;
        *counts.per_order.entry(key).or_default() += 1;
        Some(Slot {
            counts: self.counts.clone(),
            ip,
            order_id: order_id.to_string(),
        })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut counts = self.counts.lock().unwrap_or_else(|p| p.into_inner());
        let release = |map_count: Option<&mut u32>| match map_count {
            Some(count) if *count > 1 => {
                *count -= 1;
                false
            }
            _ => true,
        };
        if release(counts.per_shopper.get_mut(&self.ip)) {
            counts.per_shopper.remove(&self.ip);
        }
        let key = (self.ip, std::mem::take(&mut self.order_id));
        if release(counts.per_order.get_mut(&key)) {
            counts.per_order.remove(&key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_capped_per_shopper_and_per_order() {
        let slots = StreamSlots::new(8);
        let me = IpAddr::from([203, 0, 113, 7]);
        let a: Vec<Slot> = (0..2).filter_map(|_| slots.take(me, "a")).collect();
        assert_eq!(a.len(), 2);
        assert!(
            slots.take(me, "a").is_none(),
            "a third stream for one order"
        );
        let others: Vec<Slot> = (0..10)
            .filter_map(|i| slots.take(me, &format!("o{i}")))
            .collect();
        assert_eq!(others.len(), 6, "eight in all");
        assert!(slots.take(me, "new").is_none(), "eight open already");
        assert!(slots.take(IpAddr::from([203, 0, 113, 8]), "a").is_some());
        drop(a);
        assert!(slots.take(me, "a").is_some(), "places came back");
        drop(others);
        assert!(slots.counts.lock().map(|c| c.per_order.len()).unwrap_or(9) == 0);
    }
}
