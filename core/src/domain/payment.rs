//! How a shopper can pay: payment vias, their coins and the networks each coin moves on.

use crate::i18n::{words::BuyText, Lang};
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
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NetworkFee {
    pub cents: u32,
    /// "about $1 to $5", in the shopper's language.
    pub text: String,
}

/// The networks whose fees run to dollars; the rest (Solana, Base, Arbitrum, Polygon,
/// Lightning) cost cents or less.
pub fn typical_network_fee(lang: Lang, network: &str) -> Option<NetworkFee> {
    let (cents, low, high) = match network {
        "ETH Mainnet" | "Ethereum" => (200, 1, 5),
        "Tron" => (100, 1, 2),
        "Mainnet" | "Bitcoin" => (150, 1, 3),
        _ => return None,
    };
    Some(NetworkFee {
        cents,
        text: BuyText(lang).network_fee_range(low, high),
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dear_networks_say_their_fee_in_each_language() {
        let fee = |lang| typical_network_fee(lang, "Ethereum").map(|f| (f.cents, f.text));
        assert_eq!(fee(Lang::En), Some((200, "about $1 to $5".to_string())));
        assert_eq!(fee(Lang::Vi), Some((200, "khoảng 1–5 US$".to_string())));
        assert_eq!(typical_network_fee(Lang::En, "Solana"), None);
    }
}
