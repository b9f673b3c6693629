//! Per-shopper limits on what costs upstream calls: custom-amount quotes and checkout
//! attempts (validation and order creation). One bucket per IP (an IPv6 shopper's whole
//! /64, which one household gets); the buckets are bounded in number.

use governor::{
    clock::{Clock, DefaultClock},
    DefaultKeyedRateLimiter, Quota, RateLimiter,
};
use std::{
    net::{IpAddr, Ipv6Addr},
    num::NonZeroU32,
    sync::Arc,
    time::Duration,
};

/// Buckets kept at most; past it, stale ones are dropped, and if all are fresh a new
/// address waits (a flood from many addresses can't grow memory without bound).
const MAX_BUCKETS: usize = 100_000;

/// What a request costs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cost {
    Quote,
    Order,
}

#[derive(Clone)]
pub struct RateLimits {
    quotes: Arc<DefaultKeyedRateLimiter<IpAddr>>,
    orders: Arc<DefaultKeyedRateLimiter<IpAddr>>,
    clock: DefaultClock,
}

impl RateLimits {
    /// `quotes_per_minute` quotes and `orders_per_minute` checkout attempts a minute, each
    /// allowed in one burst.
    pub fn per_minute(quotes_per_minute: u32, orders_per_minute: u32) -> Self {
        let limiter = |n: u32| {
            let n = NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN);
            Arc::new(RateLimiter::keyed(Quota::per_minute(n)))
        };
        Self {
            quotes: limiter(quotes_per_minute),
            orders: limiter(orders_per_minute),
            clock: DefaultClock::default(),
        }
    }

    /// `Ok` when `shopper` may go on, else how long to wait.
    pub fn check(&self, cost: Cost, shopper: IpAddr) -> Result<(), Duration> {
        let limiter = match cost {
            Cost::Quote => &self.quotes,
            Cost::Order => &self.orders,
        };
        if limiter.len() >= MAX_BUCKETS {
            // Full of recent shoppers (a flood from many addresses): don't grow, and don't
            // turn anyone away for it either; the limit holds again once the 60-second
            // sweep (`forget_idle`) has made room.
            tracing::debug!(?cost, "rate-limit buckets full: not counting this call");
            return Ok(());
        }
        limiter
            .check_key(&bucket(shopper))
            .map_err(|not_until| not_until.wait_time_from(self.clock.now()))
    }

    /// Drops the buckets that are full again (run every minute by the server).
    pub fn forget_idle(&self) {
        for limiter in [&self.quotes, &self.orders] {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
    }
}

/// IPv4 as it is; IPv6 by its /64 (an IPv4-mapped address counts as IPv4).
fn bucket(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
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
        let limits = RateLimits::per_minute(3, 1);
        let a: IpAddr = [203, 0, 113, 7].into();
        let b: IpAddr = [203, 0, 113, 8].into();
        for _ in 0..3 {
            assert_eq!(limits.check(Cost::Quote, a), Ok(()));
        }
        let wait = limits.check(Cost::Quote, a).err();
        assert!(
            wait.is_some_and(|w| w > Duration::from_secs(5) && w <= Duration::from_secs(20)),
            "{wait:?}"
        );
        assert_eq!(limits.check(Cost::Quote, b), Ok(()), "another shopper");
        assert_eq!(limits.check(Cost::Order, a), Ok(()), "another kind of call");
        assert!(limits.check(Cost::Order, a).is_err());
    }

    #[test]
    fn one_ipv6_household_is_one_shopper() {
        let limits = RateLimits::per_minute(1, 1);
        let one: IpAddr = "2001:db8:1:2::1".parse().expect("ip");
        let same_64: IpAddr = "2001:db8:1:2:ffff::9".parse().expect("ip");
        let other_64: IpAddr = "2001:db8:1:3::1".parse().expect("ip");
        assert_eq!(limits.check(Cost::Quote, one), Ok(()));
        assert!(limits.check(Cost::Quote, same_64).is_err());
        assert_eq!(limits.check(Cost::Quote, other_64), Ok(()));
    }

    #[test]
    fn retry_after_rounds_up() {
        assert_eq!(retry_after_secs(Duration::from_millis(1)), 1);
        assert_eq!(retry_after_secs(Duration::from_millis(19_001)), 20);
        assert_eq!(retry_after_secs(Duration::from_secs(2)), 2);
        assert_eq!(retry_after_secs(Duration::ZERO), 1);
    }
}
