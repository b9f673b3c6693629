//! Orders looked up at upstream for a shopper (an order page, a poll, a new event stream):
//! each is counted against the shopper's limit, and an id upstream doesn't know is
//! remembered for a while, so that made-up ids spend the partner's quota once, not once
//! per request.

use crate::{
    cryptorefills::Shopper,
    domain::{Country, Order},
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

/// Values by order id, the oldest dropped past `max`.
struct Recent<V> {
    values: HashMap<String, V>,
    order: VecDeque<String>,
    max: usize,
}

impl<V: Copy> Recent<V> {
    fn new(max: usize) -> Self {
        Self {
            values: HashMap::new(),
            order: VecDeque::new(),
            max,
        }
    }

    fn get(&self, id: &str) -> Option<V> {
        self.values.get(id).copied()
    }

    fn insert(&mut self, id: &str, value: V) {
        if self.values.insert(id.to_string(), value).is_none() {
            self.order.push_back(id.to_string());
        }
        while self.order.len() > self.max {
            if let Some(oldest) = self.order.pop_front() {
                self.values.remove(&oldest);
            }
        }
    }
}

/// Ids upstream said it doesn't know, recently.
#[derive(Clone)]
pub struct MissingOrders(Arc<Mutex<Recent<Instant>>>);

impl Default for MissingOrders {
    fn default() -> Self {
        Self(Arc::new(Mutex::new(Recent::new(MAX_MISSING))))
    }
}

impl MissingOrders {
    pub fn contains(&self, id: &str) -> bool {
        let missing = self.0.lock().unwrap_or_else(|p| p.into_inner());
        missing.get(id).is_some_and(|at| at.elapsed() < MISSING_FOR)
    }

    pub fn remember(&self, id: &str) {
        let mut missing = self.0.lock().unwrap_or_else(|p| p.into_inner());
        missing.insert(id, Instant::now());
    }
}

/// The country each recently seen order was placed in: upstream's order calls name the
/// order's country (`X-Country-ISO-Code`), which the order id alone doesn't tell.
#[derive(Clone)]
pub struct OrderCountries(Arc<Mutex<Recent<Country>>>);

const MAX_KNOWN_COUNTRIES: usize = 100_000;

impl Default for OrderCountries {
    fn default() -> Self {
        Self(Arc::new(Mutex::new(Recent::new(MAX_KNOWN_COUNTRIES))))
    }
}

impl OrderCountries {
    pub fn get(&self, id: &str) -> Option<Country> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).get(id)
    }

    pub fn remember(&self, id: &str, country: Country) {
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(id, country);
    }
}

/// `shopper`, naming the order's country: known from its creation or an earlier look-up,
/// else the country the shopper last shopped in (their cookie).
pub fn for_order(state: &AppState, id: &str, shopper: &Shopper) -> Shopper {
    let country = state
        .order_countries
        .get(id)
        .or(shopper.country)
        .or_else(|| {
            crate::http::request_cookie(crate::http::COUNTRY_COOKIE)
                .and_then(|code| Country::find(&code).copied())
        });
    Shopper {
        country,
        ..shopper.clone()
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
    let shopper = for_order(state, id, shopper);
    match state.catalog.client().order(id, &shopper).await {
        Ok(order) => {
            if let Some(country) = order.deliveries.iter().find_map(|d| d.country) {
                state.order_countries.remember(id, country);
            }
            Ok(order)
        }
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
        let kept = missing.0.lock().map(|m| m.values.len()).unwrap_or(0);
        assert_eq!(kept, MAX_MISSING);
    }
}
