//! The payment URI a wallet opens or scans for an order: upstream's own `qr_text` when it is
//! a URI, else one built from the network's token contract (Solana Pay, EIP-681), else the
//! address as plain text. Token contracts, decimals and chain ids come from upstream's
//! payment options, never from a table here.

use super::{order::Payment, payment::NetworkOption};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// What the QR code holds and whether a wallet can open it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PaymentLink {
    /// A URI wallets register for (`solana:`, `ethereum:`, `lightning:`): "Open in wallet".
    Uri(String),
    /// Something to copy and paste (a Tron address): no wallet-wide URI exists for it.
    Text(String),
}

impl PaymentLink {
    /// What the QR code encodes.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Uri(text) | Self::Text(text) => text,
        }
    }
}

const WALLET_SCHEMES: &[&str] = &["solana:", "ethereum:", "lightning:", "bitcoin:"];

/// The link for what is still to pay of `payment`, on `network` when upstream's payment
/// options describe it. Once part of the payment arrived, upstream's own URI (which asks
/// for the whole amount) gives way to one built for the rest: a shopper who scans it must
/// not pay twice.
pub fn payment_link(payment: &Payment, network: Option<&NetworkOption>) -> PaymentLink {
    let address = payment.wallet_address.as_str();
    // A Lightning invoice is `wallet_address` (production's `qr_text` has been seen holding
    // a shorter text): the QR code holds exactly what the copy button copies.
    if payment.is_lightning() {
        return PaymentLink::Uri(format!("lightning:{address}"));
    }
    let partly_paid = payment.received.is_some_and(|r| r > Decimal::ZERO);
    let upstreams = payment.qr_text.as_deref().filter(|q| is_wallet_uri(q));
    if let (Some(qr), false) = (upstreams, partly_paid) {
        return PaymentLink::Uri(qr.to_string());
    }
    let amount = payment.amount_due().unwrap_or(payment.amount);
    if payment.coin.eq_ignore_ascii_case("BTC") {
        // BIP 21: the amount in bitcoin, as written.
        return PaymentLink::Uri(format!("bitcoin:{address}?amount={}", amount.normalize()));
    }
    let built = network.and_then(|n| match n.engine.as_deref() {
        Some("SVM") => solana_pay(address, amount, n),
        Some("EVM") => eip681(address, amount, n),
        _ => None,
    });
    match built {
        Some(uri) => PaymentLink::Uri(uri),
        // Upstream's text may name the whole amount: after a part payment, the address.
        None if partly_paid => PaymentLink::Text(address.to_string()),
        None => PaymentLink::Text(
            payment
                .qr_text
                .clone()
                .filter(|q| !is_wallet_uri(q))
                .unwrap_or_else(|| address.to_string()),
        ),
    }
}

fn is_wallet_uri(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    WALLET_SCHEMES
        .iter()
        .any(|scheme| lower.starts_with(scheme))
}

/// `solana:<recipient>?amount=<tokens>&spl-token=<mint>`: the amount in tokens, as stated.
fn solana_pay(address: &str, amount: Decimal, network: &NetworkOption) -> Option<String> {
    let mint = network.token_contract.as_deref()?;
    Some(format!("solana:{address}?amount={amount}&spl-token={mint}"))
}

/// `ethereum:<token>@<chain>/transfer?address=<recipient>&uint256=<base units>`.
fn eip681(address: &str, amount: Decimal, network: &NetworkOption) -> Option<String> {
    let token = network.token_contract.as_deref()?;
    let chain = network.chain_id?;
    let units = base_units(amount, network.token_decimals?)?;
    Some(format!(
        "ethereum:{token}@{chain}/transfer?address={address}&uint256={units}"
    ))
}

/// `amount × 10^decimals` as a whole number, or `None` when the amount has finer digits than
/// the token can hold (a URI must never ask for a rounded amount).
fn base_units(amount: Decimal, decimals: u32) -> Option<String> {
    // 10^29 and up no longer fit a decimal's 96 bits: no URI rather than a panic.
    let scale = Decimal::try_from_i128_with_scale(10i128.checked_pow(decimals)?, 0).ok()?;
    let units = amount.checked_mul(scale)?;
    (units.fract().is_zero() && units >= Decimal::ZERO)
        .then(|| units.trunc().normalize().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::order::PaymentState;
    use std::str::FromStr;

    fn payment(address: &str, amount: &str, qr: Option<&str>) -> Payment {
        Payment {
            state: PaymentState::WalletCreated,
            wallet_address: address.into(),
            coin: "USDC".into(),
            network: None,
            amount: Decimal::from_str(amount).unwrap_or_default(),
            original: None,
            received: None,
            qr_text: qr.map(str::to_string),
            payment_method: None,
            protocol: None,
        }
    }

    fn network(engine: &str, chain_id: Option<u64>, token: &str, decimals: u32) -> NetworkOption {
        NetworkOption {
            name: "n".into(),
            base_token: None,
            threshold: None,
            suspended: false,
            engine: Some(engine.into()),
            chain_id,
            token_contract: Some(token.into()),
            token_decimals: Some(decimals),
        }
    }

    const SOLANA_USDC: &str = "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v";
    const SOLANA_USDT: &str = "Es9vMFrzaCERmJfrF4H2FYD4KCoNkY11McCe8BenwNYB";

    #[test]
    fn solana_pay_for_each_token() {
        for mint in [SOLANA_USDC, SOLANA_USDT] {
            let link = payment_link(
                &payment(
                    "7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgAsU",
                    "25.53",
                    None,
                ),
                Some(&network("SVM", None, mint, 6)),
            );
            assert_eq!(
                link,
                PaymentLink::Uri(format!(
                    "solana:7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgAsU?amount=25.53&spl-token={mint}"
                ))
            );
        }
    }

    #[test]
    fn eip681_for_each_evm_network_in_base_units() {
        for (chain, token) in [
            (1, "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48"),
            (8453, "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913"),
            (42161, "0xaf88d065e77c8cC2239327C5EDb3A432268e5831"),
            (137, "0x3c499c542cEF5E3811e1192ce70d8cC03d5c3359"),
        ] {
            let link = payment_link(
                &payment("0xabc", "25.53", None),
                Some(&network("EVM", Some(chain), token, 6)),
            );
            assert_eq!(
                link,
                PaymentLink::Uri(format!(
                    "ethereum:{token}@{chain}/transfer?address=0xabc&uint256=25530000"
                ))
            );
        }
        // 18 decimals (DAI-like tokens) stay exact.
        let link = payment_link(
            &payment("0xabc", "1.5", None),
            Some(&network("EVM", Some(1), "0xdai", 18)),
        );
        assert_eq!(
            link.as_str(),
            "ethereum:0xdai@1/transfer?address=0xabc&uint256=1500000000000000000"
        );
    }

    #[test]
    fn upstreams_uri_wins_and_what_cannot_be_linked_is_text() {
        let upstream = "solana:abc?amount=1&spl-token=x";
        assert_eq!(
            payment_link(&payment("abc", "1", Some(upstream)), None),
            PaymentLink::Uri(upstream.into())
        );
        // Tron: no wallet-wide URI, the bare address (as upstream's qr_text gives it).
        assert_eq!(
            payment_link(
                &payment("TXYZ", "1", Some("TXYZ")),
                Some(&network("TVM", None, "T", 6))
            ),
            PaymentLink::Text("TXYZ".into())
        );
        // An amount finer than the token's decimals is never rounded into a URI.
        assert_eq!(
            payment_link(
                &payment("0xabc", "1.0000001", None),
                Some(&network("EVM", Some(1), "0xt", 6))
            ),
            PaymentLink::Text("0xabc".into())
        );
    }

    #[test]
    fn after_a_part_payment_the_link_asks_for_the_rest() {
        let mut p = payment(
            "addr",
            "10.25",
            Some("solana:addr?amount=10.25&spl-token=EPjF"),
        );
        p.received = Some(Decimal::from_str("5.12").unwrap_or_default());
        assert_eq!(
            payment_link(&p, Some(&network("SVM", None, SOLANA_USDC, 6))),
            PaymentLink::Uri(format!("solana:addr?amount=5.13&spl-token={SOLANA_USDC}"))
        );
        // Without the network's contract no URI can be built: the address, not the old one.
        assert_eq!(payment_link(&p, None), PaymentLink::Text("addr".into()));
    }

    #[test]
    fn token_decimals_beyond_a_decimal_give_text_not_a_panic() {
        for decimals in [29, 38, 39, 200] {
            let link = payment_link(
                &payment("0xabc", "1", None),
                Some(&network("EVM", Some(1), "0xt", decimals)),
            );
            assert!(matches!(link, PaymentLink::Text(_)), "{decimals}: {link:?}");
        }
    }

    #[test]
    fn lightning_invoices_open_in_wallets() {
        let mut p = payment("lnbc1abc", "0.00032833", None);
        p.protocol = Some("LIGHTNING_LIKE".into());
        assert_eq!(
            payment_link(&p, None),
            PaymentLink::Uri("lightning:lnbc1abc".into())
        );
        // Upstream's text with another (shortened) invoice: the invoice is the address.
        p.qr_text = Some("lightning:lnbc1a".into());
        assert_eq!(
            payment_link(&p, None),
            PaymentLink::Uri("lightning:lnbc1abc".into())
        );
    }

    #[test]
    fn bitcoin_on_chain_is_bip21_for_what_is_due() {
        let mut p = payment("bc1qxyz", "0.00033388", None);
        p.coin = "BTC".into();
        assert_eq!(
            payment_link(&p, None),
            PaymentLink::Uri("bitcoin:bc1qxyz?amount=0.00033388".into())
        );
        p.received = Some(Decimal::from_str("0.00010000").unwrap_or_default());
        assert_eq!(
            payment_link(&p, None),
            PaymentLink::Uri("bitcoin:bc1qxyz?amount=0.00023388".into())
        );
    }
}
