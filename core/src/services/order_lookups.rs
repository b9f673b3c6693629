//! Orders looked up at upstream for a shopper (an order page, a poll, a new event stream):
//! each is counted against the shopper's limit, and an id upstream doesn't know is
//! remembered for a while, so that made-up ids spend the partner's quota once, not once
//! per request. An order upstream answered for is shown for a second to everyone who asks
//! (one call however many views), and concurrent look-ups of one order share one call.

use crate::{
    cryptorefills::{ApiError, Shopper},
    domain::{Country, Order},
    error::AppError,
    services::{
        rate_limit::{retry_after_secs, Cost},
        AppState,
    },
    web::is_order_id,
};
use futures::{
    future::{BoxFuture, Shared},
    FutureExt,
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

/// How old an order shown to a shopper may be: a page reloaded within a second of a change
/// may show the state before it (the live stream then brings the change), and a thousand
/// views a second cost upstream one call.
const ORDER_FRESH_FOR: Duration = Duration::from_secs(1);
const MAX_RECENT_ORDERS: usize = 10_000;

type Lookup = Shared<BoxFuture<'static, Result<Order, ApiError>>>;

#[derive(Default)]
struct Answers {
    /// Each answer, when it was asked for and when it came.
    fresh: HashMap<String, (Order, Instant, Instant)>,
    order: VecDeque<String>,
    inflight: HashMap<String, (Lookup, Instant)>,
}

/// Orders upstream answered for in the last second, and the look-ups under way.
#[derive(Clone, Default)]
pub struct RecentOrders(Arc<Mutex<Answers>>);

impl RecentOrders {
    fn lock(&self) -> std::sync::MutexGuard<'_, Answers> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The order as upstream gave it less than a second ago.
    pub fn fresh(&self, id: &str) -> Option<Order> {
        let answers = self.lock();
        let (order, _, came) = answers.fresh.get(id)?;
        (came.elapsed() < ORDER_FRESH_FOR).then(|| order.clone())
    }

    /// Drops the copy of `id`: the next view asks upstream.
    pub fn forget(&self, id: &str) {
        self.lock().fresh.remove(id);
    }

    /// The order changed at `changed` (the order's live stream said so): a copy asked for
    /// before then goes, so that the next view asks upstream (once, however many viewers
    /// ask at the same time).
    pub fn changed_at(&self, id: &str, changed: Instant) {
        let mut answers = self.lock();
        if answers
            .fresh
            .get(id)
            .is_some_and(|(_, asked, _)| *asked < changed)
        {
            answers.fresh.remove(id);
        }
    }

    /// The look-up of `id` under way, if any.
    fn under_way(&self, id: &str) -> Option<Lookup> {
        self.lock()
            .inflight
            .get(id)
            .map(|(lookup, _)| lookup.clone())
    }

    /// The look-up of `id` under way, or `start`'s, which becomes the one under way.
    fn join_or(&self, id: &str, start: impl FnOnce() -> Option<Lookup>) -> Option<Lookup> {
        let mut answers = self.lock();
        if let Some((lookup, _)) = answers.inflight.get(id) {
            return Some(lookup.clone());
        }
        let lookup = start()?;
        answers
            .inflight
            .insert(id.to_string(), (lookup.clone(), Instant::now()));
        Some(lookup)
    }

    /// Files a look-up's answer (each waiter calls it; the first one files).
    fn file(&self, id: &str, answer: &Result<Order, ApiError>) {
        let mut answers = self.lock();
        let Some((_, asked)) = answers.inflight.remove(id) else {
            return;
        };
        if let Ok(order) = answer {
            if answers
                .fresh
                .insert(id.to_string(), (order.clone(), asked, Instant::now()))
                .is_none()
            {
                answers.order.push_back(id.to_string());
            }
            while answers.order.len() > MAX_RECENT_ORDERS {
                if let Some(oldest) = answers.order.pop_front() {
                    answers.fresh.remove(&oldest);
                }
            }
        }
    }
}

/// `shopper`, naming the order's country: known from its creation or an earlier look-up,
/// else the one the caller gave (the country the shopper last shopped in).
pub fn for_order(state: &AppState, id: &str, shopper: &Shopper) -> Shopper {
    let country = state.order_countries.get(id).or(shopper.country);
    Shopper {
        country,
        ..shopper.clone()
    }
}

fn not_found() -> AppError {
    // The order page names what is missing, in its language.
    AppError::NotFound(String::new())
}

/// Counts a look-up that will reach upstream against the shopper's limit.
pub async fn count_lookup(state: &AppState, shopper: &Shopper) -> Result<(), AppError> {
    let ip = shopper.ip.unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
    state
        .rate_limits
        .check(Cost::Lookup, ip)
        .await
        .map_err(|wait| {
            let secs = retry_after_secs(wait);
            tracing::info!(retry_after = secs, "order look-up limit reached");
            AppError::TooFast(secs)
        })
}

/// The order as upstream has it now (at most a second old), for `shopper`. Only a look-up
/// that reaches upstream counts against the shopper's limit.
pub async fn order(state: &AppState, id: &str, shopper: &Shopper) -> Result<Order, AppError> {
    look_up(state, id, shopper, true).await
}

/// The order as upstream has it at this moment, for what a copy from a second ago may lack
/// (the goods of a delivery that just happened).
pub async fn current_order(
    state: &AppState,
    id: &str,
    shopper: &Shopper,
) -> Result<Order, AppError> {
    look_up(state, id, shopper, false).await
}

async fn look_up(
    state: &AppState,
    id: &str,
    shopper: &Shopper,
    recent_will_do: bool,
) -> Result<Order, AppError> {
    if !is_order_id(id) || state.missing_orders.contains(id) {
        return Err(not_found());
    }
    if recent_will_do {
        if let Some(order) = state.recent_orders.fresh(id) {
            return Ok(order);
        }
    }
    // Joining a look-up under way costs upstream nothing; starting one is counted (the count
    // may be shared by several instances, so it is made before the lock below; a look-up
    // started meanwhile by someone else is then joined, counted once too many at worst).
    let joined = recent_will_do
        .then(|| state.recent_orders.under_way(id))
        .flatten();
    if joined.is_none() {
        count_lookup(state, shopper).await?;
    }
    let start = || {
        let client = state.catalog.client().clone();
        let (id, shopper) = (id.to_string(), for_order(state, id, shopper));
        Some(
            async move { client.order(&id, &shopper).await }
                .boxed()
                .shared(),
        )
    };
    let lookup = match joined {
        Some(lookup) => Some(lookup),
        None if recent_will_do => state.recent_orders.join_or(id, start),
        None => start(),
    };
    let Some(lookup) = lookup else {
        return Err(not_found());
    };
    let answer = lookup.await;
    if recent_will_do {
        state.recent_orders.file(id, &answer);
    }
    match answer {
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
    use crate::domain::{
        order::{Payment, PaymentState},
        OrderState,
    };

    fn order(id: &str) -> Order {
        Order {
            id: id.into(),
            created_at: 0,
            updated_at: None,
            state: OrderState::WaitingForPayment,
            payment: Payment {
                state: PaymentState::PaymentRequested,
                wallet_address: "addr".into(),
                coin: "USDC".into(),
                network: None,
                amount: rust_decimal::Decimal::ONE,
                original: None,
                received: None,
                qr_text: None,
                payment_method: None,
                protocol: None,
            },
            deliveries: Vec::new(),
            email: None,
            refund: None,
        }
    }

    /// Files `id` as a look-up asked for now would.
    fn looked_up(recent: &RecentOrders, id: &str) {
        let answer = Ok(order(id));
        let ready = answer.clone();
        recent.join_or(id, move || Some(async move { ready }.boxed().shared()));
        recent.file(id, &answer);
    }

    #[test]
    fn a_change_heard_after_a_look_up_makes_the_next_view_ask_again() {
        let recent = RecentOrders::default();
        let before = Instant::now();
        looked_up(&recent, "a");
        recent.changed_at("a", before);
        assert!(
            recent.fresh("a").is_some(),
            "a change heard before it was asked for"
        );
        recent.changed_at("a", Instant::now());
        assert!(recent.fresh("a").is_none(), "a change heard since");
    }

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
