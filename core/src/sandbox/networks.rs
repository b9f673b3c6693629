//! The coins and networks the sandbox takes, with real token contracts, and the wallet
//! addresses and payment URIs it hands out for them.

use rust_decimal::Decimal;

#[derive(Debug)]
pub struct NetworkDef {
    pub name: &'static str,
    /// The code in `payment_method` ("USDC-SOLANA").
    pub code: &'static str,
    pub base_token: &'static str,
    pub engine: &'static str,
    pub chain_id: Option<u64>,
    pub token: &'static str,
    pub decimals: u32,
    pub suspended: bool,
}

#[derive(Debug)]
pub struct CoinDef {
    pub name: &'static str,
    pub threshold: &'static str,
    pub suspended: bool,
    pub networks: &'static [NetworkDef],
}

const fn net(
    name: &'static str,
    code: &'static str,
    base_token: &'static str,
    engine: &'static str,
    chain_id: Option<u64>,
    token: &'static str,
) -> NetworkDef {
    NetworkDef {
        name,
        code,
        base_token,
        engine,
        chain_id,
        token,
        decimals: 6,
        suspended: false,
    }
}

/// A network with no token contract: a coin's own chain (Bitcoin), or Lightning.
const fn native(name: &'static str, code: &'static str, engine: &'static str) -> NetworkDef {
    NetworkDef {
        name,
        code,
        base_token: "BTC",
        engine,
        chain_id: None,
        token: "",
        decimals: 8,
        suspended: false,
    }
}

/// USDC everywhere; USDT with Polygon suspended (-> `SUSPENDED_NETWORK`); DAI suspended as a
/// whole (-> `SUSPENDED_COIN`); BTC on its own chain and on Lightning, as production sells it.
pub const COINS: &[CoinDef] = &[
    CoinDef {
        name: "USDC",
        threshold: "1",
        suspended: false,
        networks: &[
            net(
                "Solana",
                "SOLANA",
                "SOL",
                "SVM",
                None,
                "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v",
            ),
            net(
                "Base",
                "BASE",
                "ETH",
                "EVM",
                Some(8453),
                "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913",
            ),
            net(
                "Arbitrum",
                "ARBITRUM",
                "ETH",
                "EVM",
                Some(42161),
                "0xaf88d065e77c8cC2239327C5EDb3A432268e5831",
            ),
            net(
                "Polygon (Matic)",
                "POLYGON",
                "POL",
                "EVM",
                Some(137),
                "0x3c499c542cEF5E3811e1192ce70d8cC03d5c3359",
            ),
            net(
                "ETH Mainnet",
                "ETH",
                "ETH",
                "EVM",
                Some(1),
                "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48",
            ),
        ],
    },
    CoinDef {
        name: "USDT",
        threshold: "1",
        suspended: false,
        networks: &[
            net(
                "Tron",
                "TRON",
                "TRX",
                "TVM",
                None,
                "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t",
            ),
            net(
                "Solana",
                "SOLANA",
                "SOL",
                "SVM",
                None,
                "Es9vMFrzaCERmJfrF4H2FYD4KCoNkY11McCe8BenwNYB",
            ),
            net(
                "ETH Mainnet",
                "ETH",
                "ETH",
                "EVM",
                Some(1),
                "0xdAC17F958D2ee523a2206206994597C13D831ec7",
            ),
            net(
                "Arbitrum",
                "ARBITRUM",
                "ETH",
                "EVM",
                Some(42161),
                "0xFd086bC7CD5C481DCC9C85ebE478A1C0b69FCbb9",
            ),
            NetworkDef {
                suspended: true,
                ..net(
                    "Polygon (Matic)",
                    "POLYGON",
                    "POL",
                    "EVM",
                    Some(137),
                    "0xc2132D05D31c914a87C6611C10748AEb04B58e8F",
                )
            },
        ],
    },
    CoinDef {
        name: "BTC",
        threshold: "0.0001",
        suspended: false,
        networks: &[
            native("Mainnet", "", "UTXO"),
            native("Lightning", "LIGHTNING", "LIGHTNING"),
        ],
    },
    CoinDef {
        name: "DAI",
        threshold: "5",
        suspended: true,
        networks: &[NetworkDef {
            decimals: 18,
            ..net(
                "ETH Mainnet",
                "ETH",
                "ETH",
                "EVM",
                Some(1),
                "0x6B175474E89094C44Da98b954EedeAC495271d0F",
            )
        }],
    },
];

pub fn coin(name: &str) -> Option<&'static CoinDef> {
    COINS.iter().find(|c| c.name.eq_ignore_ascii_case(name))
}

impl CoinDef {
    /// The network by name; with none asked, the coin's first (Solana for USDC, as the
    /// guide recommends).
    pub fn network(&self, name: Option<&str>) -> Option<&'static NetworkDef> {
        match name {
            None => self.networks.first(),
            Some(name) => self
                .networks
                .iter()
                .find(|n| n.name.eq_ignore_ascii_case(name)),
        }
    }
}

const BASE58: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const BECH32: &[u8] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";

fn from(alphabet: &[u8], len: usize) -> String {
    (0..len)
        .map(|_| alphabet[fastrand::usize(..alphabet.len())] as char)
        .collect()
}

fn base58(len: usize) -> String {
    from(BASE58, len)
}

impl NetworkDef {
    /// A fresh deposit address that looks like the network's: base58 for Solana, `T…` for
    /// Tron, `0x` + 40 hex for EVM chains.
    pub fn new_wallet_address(&self) -> String {
        match self.engine {
            "SVM" => base58(44),
            "TVM" => format!("T{}", base58(33)),
            "UTXO" => format!("bc1q{}", from(BECH32, 38)),
            // A Lightning invoice stands where the address would.
            "LIGHTNING" => format!(
                "lnbc{}1p{}",
                fastrand::u32(1000..900_000),
                from(BECH32, 240)
            ),
            _ => {
                let hex: String = (0..40)
                    .map(|_| char::from_digit(fastrand::u32(..16), 16).unwrap_or('0'))
                    .collect();
                format!("0x{hex}")
            }
        }
    }

    /// How the coins move when it is not a plain transfer (`payment_method_protocol`).
    pub fn protocol(&self) -> Option<&'static str> {
        (self.engine == "LIGHTNING").then_some("LIGHTNING_LIKE")
    }

    /// `payment_method`: `USDC-SOLANA`, `BTC-LIGHTNING`, and plain `BTC` on its own chain.
    pub fn payment_method(&self, coin: &str) -> String {
        if self.code.is_empty() {
            coin.to_string()
        } else {
            format!("{coin}-{}", self.code)
        }
    }

    /// The payment URI for a wallet: Solana Pay, EIP-681 for EVM chains, BIP 21 for
    /// Bitcoin, and a bare address for Tron (production sends both forms). For Lightning,
    /// as in production's capture, a `lightning:` text whose invoice is cut short: the
    /// invoice is `wallet_address`, and the shop must use that.
    pub fn qr_text(&self, wallet: &str, amount: Decimal) -> String {
        match (self.engine, self.chain_id) {
            ("UTXO", _) => format!("bitcoin:{wallet}?amount={}", amount.normalize()),
            ("LIGHTNING", _) => format!("lightning:{}", &wallet[..wallet.len().min(120)]),
            ("SVM", _) => format!(
                "solana:{wallet}?amount={}&spl-token={}",
                amount.normalize(),
                self.token
            ),
            ("EVM", Some(chain_id)) => {
                let units = (amount * Decimal::from(10u64.pow(self.decimals.min(18)))).trunc();
                format!(
                    "ethereum:{}@{chain_id}/transfer?address={wallet}&uint256={units}",
                    self.token
                )
            }
            _ => wallet.to_string(),
        }
    }
}
