//! Per-shopper limits on what costs upstream calls: custom-amount quotes (and the
//! no-JavaScript "Show price"), checkout attempts, and order look-ups that reach upstream.
//!
//! One bucket per IP (an IPv6 shopper's whole /64, which one household gets), counted by
//! GCRA: each call moves the bucket's "theoretical arrival time" on by one interval, and a
//! call is refused while that time is more than a burst ahead of now. One instant per
//! bucket is all there is to keep, which is also what the shared store holds when several
//! instances run (`shared_store::limits`, the same count in a Lua script); while Redis is
//! away, each instance counts on its own again.

use super::shared_store::limits::SharedLimits;
use std::{
    collections::HashMap,
    net::{IpAddr, Ipv6Addr},
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

/// Buckets kept at most, per kind of call. Past it, idle buckets are dropped; if all are
/// busy (a flood from many addresses), every new address shares one overflow bucket:
/// memory stays bounded and the flood is limited as one shopper, while the shoppers
/// already counted go on as before.
const MAX_BUCKETS: usize = 100_000;
/// Past this many buckets, IPv6 is counted by /48 (a site) rather than /64: one attacker
/// with a routed /48 can't fill the table with 65,536 households.
const PRESSURE: usize = MAX_BUCKETS / 2;

/// What a request costs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cost {
    /// A custom amount priced (upstream's price call).
    Quote,
    /// A checkout attempt (validation, then creation).
    Order,
    /// An order looked up at upstream (an order page, a poll, a new event stream).
    Lookup,
}

/// Who is counted: an address, a network, or everyone new while the table is full.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Bucket {
    Ip(IpAddr),
    Overflow,
}

/// One kind of call's limit: `per_minute` calls a minute, all allowed in one burst.
struct Limiter {
    per_minute: u32,
    interval: Duration,
    burst: Duration,
    /// Each bucket's theoretical arrival time.
    buckets: HashMap<Bucket, Instant>,
}

impl Limiter {
    fn per_minute(per_minute: u32) -> Self {
        let per_minute = per_minute.max(1);
        let interval = Duration::from_secs(60) / per_minute;
        Self {
            per_minute,
            interval,
            burst: interval * (per_minute - 1),
            buckets: HashMap::new(),
        }
    }

    fn check(&mut self, ip: IpAddr, now: Instant) -> Result<(), Duration> {
        let key = self.bucket(ip, now);
        let arrival = self.buckets.get(&key).copied().unwrap_or(now).max(now);
        let allowed_from = arrival.checked_sub(self.burst).unwrap_or(now);
        if now < allowed_from {
            return Err(allowed_from - now);
        }
        self.buckets.insert(key, arrival + self.interval);
        Ok(())
    }

    fn bucket(&mut self, ip: IpAddr, now: Instant) -> Bucket {
        let under_pressure = self.buckets.len() >= PRESSURE;
        let key = Bucket::Ip(network_of(ip, under_pressure));
        if self.buckets.len() < MAX_BUCKETS || self.buckets.contains_key(&key) {
            return key;
        }
        self.forget_idle(now);
        if self.buckets.len() < MAX_BUCKETS {
            key
        } else {
            Bucket::Overflow
        }
    }

    /// Drops the buckets that are full again: forgetting them changes nothing.
    fn forget_idle(&mut self, now: Instant) {
        self.buckets.retain(|_, arrival| *arrival > now);
        self.buckets.shrink_to_fit();
    }
}

#[derive(Clone)]
pub struct RateLimits {
    limiters: Arc<Mutex<HashMap<Cost, Limiter>>>,
    /// The buckets every instance shares, when there is a shared store.
    shared: Option<SharedLimits>,
}

impl RateLimits {
    /// Calls a minute per shopper for each kind of call.
    pub fn per_minute(quotes: u32, orders: u32, lookups: u32) -> Self {
        let limiters = [
            (Cost::Quote, Limiter::per_minute(quotes)),
            (Cost::Order, Limiter::per_minute(orders)),
            (Cost::Lookup, Limiter::per_minute(lookups)),
        ];
        Self {
            limiters: Arc::new(Mutex::new(limiters.into_iter().collect())),
            shared: None,
        }
    }

    /// Counts in the buckets of the shared store first (in this process while it is away).
    pub fn shared(mut self, shared: SharedLimits) -> Self {
        self.shared = Some(shared);
        self
    }

    /// `Ok` when `shopper` may go on (and the call is counted), else how long to wait.
    pub async fn check(&self, cost: Cost, shopper: IpAddr) -> Result<(), Duration> {
        if let Some(shared) = &self.shared {
            let per_minute = {
                let limiters = self.limiters.lock().unwrap_or_else(|p| p.into_inner());
                limiters.get(&cost).map(|l| l.per_minute)
            };
            let Some(per_minute) = per_minute else {
                return Ok(());
            };
            if let Ok(verdict) = shared
                .check(cost, network_of(shopper, false), per_minute)
                .await
            {
                return verdict;
            }
        }
        self.check_here(cost, shopper)
    }

    /// The count in this process only.
    pub fn check_here(&self, cost: Cost, shopper: IpAddr) -> Result<(), Duration> {
        let mut limiters = self.limiters.lock().unwrap_or_else(|p| p.into_inner());
        match limiters.get_mut(&cost) {
            Some(limiter) => limiter.check(shopper, Instant::now()),
            None => Ok(()),
        }
    }

    /// Drops the buckets that are full again (run every minute by the server).
    pub fn forget_idle(&self) {
        let now = Instant::now();
        let mut limiters = self.limiters.lock().unwrap_or_else(|p| p.into_inner());
        for limiter in limiters.values_mut() {
            limiter.forget_idle(now);
        }
    }
}

/// IPv4 as it is; IPv6 by its /64, or its /48 under pressure (an IPv4-mapped address
/// counts as IPv4).
pub fn network_of(ip: IpAddr, under_pressure: bool) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                let fourth = if under_pressure { 0 } else { s[3] };
                IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], fourth, 0, 0, 0, 0))
            }
        },
    }
}

/// Whole seconds to put in `Retry-After` (at least 1).
pub fn retry_after_secs(wait: Duration) -> u64 {
    (wait.as_secs() + u64::from(wait.subsec_nanos() > 0)).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_is_per_shopper_and_says_how_long_to_wait() {
        let limits = RateLimits::per_minute(3, 1, 1);
        let a: IpAddr = [203, 0, 113, 7].into();
        let b: IpAddr = [203, 0, 113, 8].into();
        for _ in 0..3 {
            assert_eq!(limits.check_here(Cost::Quote, a), Ok(()));
        }
        let wait = limits.check_here(Cost::Quote, a).err();
        assert!(
            wait.is_some_and(|w| w > Duration::from_secs(5) && w <= Duration::from_secs(20)),
            "{wait:?}"
        );
        assert_eq!(limits.check_here(Cost::Quote, b), Ok(()), "another shopper");
        assert_eq!(
            limits.check_here(Cost::Order, a),
            Ok(()),
            "another kind of call"
        );
        assert!(limits.check_here(Cost::Order, a).is_err());
    }

    #[test]
    fn calls_come_back_at_the_rate() {
        let mut limiter = Limiter::per_minute(60);
        let ip: IpAddr = [203, 0, 113, 7].into();
        let start = Instant::now();
        for _ in 0..60 {
            assert_eq!(limiter.check(ip, start), Ok(()));
        }
        assert!(limiter.check(ip, start).is_err(), "the burst is spent");
        assert!(
            limiter
                .check(ip, start + Duration::from_millis(999))
                .is_err(),
            "not yet a second"
        );
        assert_eq!(limiter.check(ip, start + Duration::from_secs(1)), Ok(()));
    }

    #[test]
    fn one_ipv6_household_is_one_shopper() {
        let limits = RateLimits::per_minute(1, 1, 1);
        let one: IpAddr = "2001:db8:1:2::1".parse().expect("ip");
        let same_64: IpAddr = "2001:db8:1:2:ffff::9".parse().expect("ip");
        let other_64: IpAddr = "2001:db8:1:3::1".parse().expect("ip");
        assert_eq!(limits.check_here(Cost::Quote, one), Ok(()));
        assert!(limits.check_here(Cost::Quote, same_64).is_err());
        assert_eq!(limits.check_here(Cost::Quote, other_64), Ok(()));
    }

    #[test]
    fn a_full_table_limits_newcomers_together_and_keeps_counting_the_others() {
        let mut limiter = Limiter::per_minute(2);
        let now = Instant::now();
        let known: IpAddr = [198, 51, 100, 1].into();
        assert_eq!(limiter.check(known, now), Ok(()));
        for i in 0..(MAX_BUCKETS - 1) as u32 {
            let ip = IpAddr::from((0x0a00_0000 + i).to_be_bytes());
            let _ = limiter.check(ip, now);
        }
        assert_eq!(limiter.buckets.len(), MAX_BUCKETS, "full, and not past it");
        // Two newcomers share the overflow bucket: the third call between them is refused.
        let newcomer = |n: u8| IpAddr::from([192, 0, 2, n]);
        assert_eq!(limiter.check(newcomer(1), now), Ok(()));
        assert_eq!(limiter.check(newcomer(2), now), Ok(()));
        assert!(limiter.check(newcomer(3), now).is_err(), "not a free pass");
        assert_eq!(limiter.check(known, now), Ok(()), "a known shopper goes on");
        assert!(limiter.check(known, now).is_err(), "and is still counted");
        // A minute later every bucket is idle again and newcomers get their own.
        let later = now + Duration::from_secs(61);
        assert_eq!(limiter.check(newcomer(4), later), Ok(()));
        assert!(limiter.buckets.contains_key(&Bucket::Ip(newcomer(4))));
    }

    #[test]
    fn under_pressure_ipv6_counts_by_site() {
        let ip: IpAddr = "2001:db8:1:2::1".parse().expect("ip");
        assert_eq!(
            network_of(ip, false),
            "2001:db8:1:2::".parse::<IpAddr>().expect("ip")
        );
        assert_eq!(
            network_of(ip, true),
            "2001:db8:1::".parse::<IpAddr>().expect("ip")
        );
    }

    #[test]
    fn retry_after_rounds_up() {
        assert_eq!(retry_after_secs(Duration::from_millis(1)), 1);
        assert_eq!(retry_after_secs(Duration::from_millis(19_001)), 20);
        assert_eq!(retry_after_secs(Duration::from_secs(2)), 2);
        assert_eq!(retry_after_secs(Duration::ZERO), 1);
    }
}
