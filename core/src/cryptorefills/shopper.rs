//! Who a call is for (forwarded to upstream when known), and how many calls each shopper
//! caused this minute.

use super::DEFAULT_LANG;
use crate::domain::Country;
use std::{net::IpAddr, sync::Arc, time::Duration};

/// Who the call is for: forwarded to upstream when known.
#[derive(Clone, Debug)]
pub struct Shopper {
    pub country: Option<Country>,
    pub ip: Option<IpAddr>,
    pub user_agent: Option<String>,
    /// The language of the shopper's pages: upstream's `lang` on every call that takes one.
    pub lang: &'static str,
}

impl Shopper {
    /// For a call whose answer every shopper shares (a cached catalog): the country and
    /// language, never one shopper's address or browser.
    pub fn shared(&self) -> Self {
        Self {
            country: self.country,
            lang: self.lang,
            ..Self::default()
        }
    }
}

impl Default for Shopper {
    fn default() -> Self {
        Self {
            country: None,
            ip: None,
            user_agent: None,
            lang: DEFAULT_LANG,
        }
    }
}

/// Upstream calls per shopper IP over the current minute, so that `/healthz` shows whether
/// one shopper is spending the partner's quota. Bounded: past `MAX` addresses, new ones
/// are not counted until the minute turns.
#[derive(Clone, Debug, Default)]
pub struct ShopperTally(Arc<std::sync::Mutex<Tally>>);

/// When the minute started, and the calls per address since.
type Tally = (
    Option<std::time::Instant>,
    std::collections::HashMap<IpAddr, u64>,
);

/// What `/healthz` says about upstream calls per shopper this minute.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct ShopperCalls {
    pub shoppers: usize,
    pub calls: u64,
    pub most_by_one_shopper: u64,
}

impl ShopperTally {
    const MAX: usize = 10_000;

    pub(super) fn count(&self, ip: IpAddr) {
        let mut tally = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let (started, counts) = &mut *tally;
        if started.is_none_or(|at| at.elapsed() >= Duration::from_secs(60)) {
            *started = Some(std::time::Instant::now());
            counts.clear();
        }
        if counts.len() < Self::MAX || counts.contains_key(&ip) {
            *counts.entry(ip).or_default() += 1;
        }
    }

    pub fn summary(&self) -> ShopperCalls {
        let tally = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let (started, counts) = &*tally;
        if started.is_none_or(|at| at.elapsed() >= Duration::from_secs(60)) {
            return ShopperCalls::default();
        }
        ShopperCalls {
            shoppers: counts.len(),
            calls: counts.values().sum(),
            most_by_one_shopper: counts.values().copied().max().unwrap_or(0),
        }
    }
}
