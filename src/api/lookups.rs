//! Orders looked up at upstream for a shopper (an order page, a poll, a new event stream):
//! each is counted against the shopper's limit, and an id upstream doesn't know is
//! remembered for a while, so that made-up ids spend the partner's quota once, not once
//! per request.

use crate::{
    cryptorefills::Shopper,
    domain::Order,
    error::AppError,
    server::{
        rate_limit::{retry_after_secs, Cost},
        AppState,
    },
};
use std::{
    collections::{HashMap, VecDeque},
    net::{IpAddr, Ipv4Addr},
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

/// How long "no such order" is believed: long enough to absorb a flood of one id, short
/// enough that an order created just after a look-up (another instance) soon shows.
const MISSING_FOR: Duration = Duration::from_secs(30);
const MAX_MISSING: usize = 10_000;

/// Ids upstream said it doesn't know, recently.
#[derive(Clone, Default)]
pub struct MissingOrders(Arc<Mutex<Missing>>);

/// When each id was found missing, and the ids oldest first (to drop past the bound).
type Missing = (HashMap<String, Instant>, VecDeque<String>);

impl MissingOrders {
    pub fn contains(&self, id: &str) -> bool {
        let missing = self.0.lock().unwrap_or_else(|p| p.into_inner());
        missing
            .0
            .get(id)
            .is_some_and(|at| at.elapsed() < MISSING_FOR)
    }

    pub fn remember(&self, id: &str) {
        let mut missing = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let (ids, order) = &mut *missing;
        if ids.insert(id.to_string(), Instant::now()).is_none() {
            order.push_back(id.to_string());
        }
        while order.len() > MAX_MISSING {
            if let Some(oldest) = order.pop_front() {
                ids.remove(&oldest);
            }
        }
    }
}

fn not_found() -> AppError {
    AppError::NotFound("that order".into())
}

/// Counts a look-up that will reach upstream against the shopper's limit.
pub fn count_lookup(state: &AppState, shopper: &Shopper) -> Result<(), AppError> {
    let ip = shopper.ip.unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
    state.rate_limits.check(Cost::Lookup, ip).map_err(|wait| {
        let secs = retry_after_secs(wait);
        tracing::info!(retry_after = secs, "order look-up limit reached");
        AppError::TooFast(secs)
    })
}

/// The order as upstream has it now, for `shopper`.
pub async fn order(state: &AppState, id: &str, shopper: &Shopper) -> Result<Order, AppError> {
    if !super::orders::is_order_id(id) || state.missing_orders.contains(id) {
        return Err(not_found());
    }
    count_lookup(state, shopper)?;
    match state.catalog.client().order(id, shopper).await {
        Ok(order) => Ok(order),
        Err(error) if error.is_not_found() => {
            state.missing_orders.remember(id);
            Err(not_found())
        }
        Err(error) => Err(error.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_ids_are_remembered_and_bounded() {
        let missing = MissingOrders::default();
        assert!(!missing.contains("a"));
        missing.remember("a");
        assert!(missing.contains("a"));
        for i in 0..MAX_MISSING + 10 {
            missing.remember(&format!("id{i}"));
        }
        assert!(!missing.contains("a"), "the oldest went first");
        let kept = missing.0.lock().map(|m| m.0.len()).unwrap_or(0);
        assert_eq!(kept, MAX_MISSING);
    }
}
