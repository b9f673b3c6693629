//! How a shopper can pay: payment vias, their coins and the networks each coin moves on.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The via this shop sells through: the shopper pays from their own wallet.
pub const USER_WALLET: &str = "USER_WALLET";

/// The coin a shop offers first (the guide recommends USDC on Solana).
pub const DEFAULT_COIN: &str = "USDC";

/// The network with the lowest fees, where a coin is on it (the guide's advice).
pub const LOWEST_FEE_NETWORK: &str = "Solana";

pub fn is_lowest_fee(network: &str) -> bool {
    network.eq_ignore_ascii_case(LOWEST_FEE_NETWORK)
}

/// The one rule for the network a shopper pays a coin on: the one asked for (in any case)
/// when it can be used, else the lowest-fee one, else the first that can be used. Both the
/// page (its chips) and the checkout (a form without a network) go by it.
pub fn preferred_network<'a, N>(
    networks: &'a [N],
    asked: Option<&str>,
    name: impl Fn(&N) -> &str,
    usable: impl Fn(&N) -> bool,
) -> Option<&'a N> {
    let usable = || networks.iter().filter(|n| usable(n));
    asked
        .and_then(|a| usable().find(|n| name(n).eq_ignore_ascii_case(a.trim())))
        .or_else(|| usable().find(|n| is_lowest_fee(name(n))))
        .or_else(|| usable().next())
}

/// What the shopper's wallet usually charges to send a token on a network, where it is
/// enough to matter on a small card: the wallet's fee, not ours, so an estimate to warn by
/// (in US cents, for comparing), never an amount to charge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NetworkFee {
    pub cents: u32,
    pub text: &'static str,
}

/// The networks whose fees run to dollars; the rest (Solana, Base, Arbitrum, Polygon,
/// Lightning) cost cents or less.
pub fn typical_network_fee(network: &str) -> Option<NetworkFee> {
    let (cents, text) = match network {
        "ETH Mainnet" | "Ethereum" => (200, "about $1 to $5"),
        "Tron" => (100, "about $1 to $2"),
        "Mainnet" | "Bitcoin" => (150, "about $1 to $3"),
        _ => return None,
    };
    Some(NetworkFee { cents, text })
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentVia {
    pub name: String,
    pub available: bool,
    pub coins: Vec<CoinOption>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoinOption {
    pub name: String,
    /// The smallest order in this coin, when upstream says.
    pub threshold: Option<Decimal>,
    pub suspended: bool,
    pub networks: Vec<NetworkOption>,
}

impl CoinOption {
    /// The network this coin is paid on (see [`preferred_network`]).
    pub fn preferred_network(&self, asked: Option<&str>) -> Option<&NetworkOption> {
        preferred_network(&self.networks, asked, |n| &n.name, |n| !n.suspended)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkOption {
    pub name: String,
    pub base_token: Option<String>,
    pub threshold: Option<Decimal>,
    pub suspended: bool,
    /// "SVM", "EVM", "TVM", …
    pub engine: Option<String>,
    pub chain_id: Option<u64>,
    /// The token's contract (or mint) on this network, and its decimals.
    pub token_contract: Option<String>,
    pub token_decimals: Option<u32>,
}

impl PaymentVia {
    /// The coins a shopper can pay with right now.
    pub fn usable_coins(&self) -> impl Iterator<Item = &CoinOption> {
        self.coins
            .iter()
            .filter(|c| !c.suspended && c.networks.iter().any(|n| !n.suspended))
    }
}
