//! What the chosen amount costs in the chosen coin, and what to know about it before
//! buying: the network's own fee, and that the wallet adds one. The server renders these
//! from the offer; the live form (`live`) works them out again from its fields.

use crate::{
    api::checkout::CUSTOM,
    i18n::words::{BrowseText, BuyText},
};
use leptos::prelude::*;

/// What is known of the custom amount's price.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) enum Quote {
    #[default]
    Idle,
    Loading,
    Ready(String),
    /// The amount itself is wrong: the message goes next to the input.
    Invalid(String),
    /// Pricing failed for another reason: worth another try.
    Failed(String),
}

/// The price of what is chosen, when known: the custom amount's quote, else the chosen
/// fixed amount's own price (`fixed_price`).
pub(super) fn chosen_price(
    selected: Option<&str>,
    quote: &Quote,
    fixed_price: Option<String>,
) -> Option<String> {
    match (selected?, quote) {
        (CUSTOM, Quote::Ready(price)) => Some(price.clone()),
        (CUSTOM, _) => None,
        _ => fixed_price,
    }
}

/// What is known of the fixed amounts' prices in the chosen coin.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) enum Prices {
    #[default]
    Known,
    /// Prices in another coin are on their way.
    Loading,
    /// They could not be had: why (the bar offers to ask again).
    Failed(String),
}

/// What the buy bar shows for the chosen amount.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Shown {
    /// "25.53 USDC".
    Price(String),
    /// Why there is no price ("Choose an amount").
    Note(&'static str),
    /// A price is on its way (a skeleton).
    Loading,
    /// Asking failed: the message, and a button to ask again.
    Failed(String),
}

impl Shown {
    /// What the bar shows; `prices` are the fixed amounts' (a custom amount has its quote).
    pub fn of(
        t: BuyText,
        in_stock: bool,
        selected: Option<&str>,
        quote: &Quote,
        prices: &Prices,
        fixed_price: Option<String>,
    ) -> Self {
        if !in_stock {
            return Self::Note(t.out_of_stock());
        }
        match (selected, quote) {
            (None, _) => Self::Note(t.choose_an_amount()),
            (Some(CUSTOM), Quote::Idle | Quote::Invalid(_)) => {
                Self::Note(t.enter_amount_for_price())
            }
            (Some(CUSTOM), Quote::Loading) => Self::Loading,
            (Some(CUSTOM), Quote::Ready(price)) => Self::Price(price.clone()),
            (Some(CUSTOM), Quote::Failed(message)) => Self::Failed(message.clone()),
            (Some(_), _) => match (prices, fixed_price) {
                (Prices::Loading, _) => Self::Loading,
                (Prices::Failed(why), _) => Self::Failed(why.clone()),
                (Prices::Known, Some(price)) => Self::Price(price),
                (Prices::Known, None) => Self::Note(t.priced_when_you_buy()),
            },
        }
    }

    /// The text of each part of the bar (`PriceShown`): the price, the note, the failure;
    /// the parts without text are hidden.
    pub fn parts(&self) -> [Option<&str>; 3] {
        match self {
            Self::Price(price) => [Some(price), None, None],
            Self::Note(note) => [None, Some(note), None],
            Self::Loading => [None, None, None],
            Self::Failed(message) => [None, None, Some(message)],
        }
    }
}

/// The price in the buy bar. Every part is in the page, hidden but the one shown, so the
/// live form switches between them in place (`live::show`).
#[component]
pub(super) fn PriceShown(shown: Shown) -> impl IntoView {
    let lang = crate::render::lang();
    let [price, note, failed] = shown.parts().map(|part| part.map(str::to_string));
    let retry = failed.as_ref().map(|_| BuyText(lang).try_again());
    let (no_price, no_note, no_failure) = (price.is_none(), note.is_none(), failed.is_none());
    let loading = shown == Shown::Loading;
    view! {
        <strong class="price" data-part="price" hidden=no_price>{price}</strong>
        <span data-part="note" hidden=no_note>{note}</span>
        // Words, not a label, so the status region reads them out while a price loads.
        <span class="skeleton skeleton-price" data-part="loading" hidden=!loading>
            {loading.then(|| BrowseText(lang).loading_price())}
        </span>
        <span class="price-error" data-part="failed" hidden=no_failure>{failed}</span>
        <button type="button" class="button small" data-retry="" hidden=no_failure>{retry}</button>
    }
}

/// A network whose fee runs to dollars, on a card of a few: worth saying before buying.
/// `fee` is the network's usual fee in cents and in words.
pub(super) fn fee_warning(
    t: BuyText,
    network: &str,
    fee: Option<(u32, &str)>,
    price: Option<&str>,
) -> Option<String> {
    let (fee_cents, fee_words) = fee?;
    let cents = dollar_cents(price?)?;
    (u64::from(fee_cents) * 10 > cents).then(|| t.fee_warning(network, fee_words))
}

/// Under the price: what it is paid in, and that it includes the shop's fees.
pub(super) fn price_note(t: BuyText, coin: &str, network: &str) -> String {
    let paid = if network.is_empty() {
        t.paid_in(coin)
    } else {
        t.paid_in_on(coin, network)
    };
    format!("{paid} {}", t.fees_included())
}

/// `25.53` in "25.53 USDC" as cents, for a dollar stablecoin's price (a rough comparison
/// with a network fee; never an amount to pay).
fn dollar_cents(price: &str) -> Option<u64> {
    // Prices read "25.53\u{a0}USDC" (a no-break space keeps them on one line).
    let (number, coin) = price.split_once(char::is_whitespace)?;
    if !(coin.starts_with("USD") || coin == "DAI") {
        return None;
    }
    let (whole, fraction) = number.split_once('.').unwrap_or((number, "0"));
    let whole: u64 = whole.parse().ok()?;
    let cents: u64 = format!("{fraction:0<2}").get(..2)?.parse().ok()?;
    Some(whole * 100 + cents)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn dollar_prices_read_as_cents_and_others_not_at_all() {
        assert_eq!(dollar_cents("25.53 USDC"), Some(2553));
        assert_eq!(dollar_cents("4.09\u{a0}USDT"), Some(409));
        assert_eq!(dollar_cents("5.1 USDT"), Some(510));
        assert_eq!(dollar_cents("100 DAI"), Some(10_000));
        assert_eq!(dollar_cents("0.00032833 BTC"), None);
        assert_eq!(dollar_cents("Priced when you buy"), None);
    }

    #[test]
    fn the_bar_shows_the_price_of_what_is_chosen_or_why_there_is_none() {
        let t = BuyText(Lang::En);
        let price = || Some("25.53 USDC".to_string());
        let (known, loading) = (&Prices::Known, &Prices::Loading);
        let shown = |selected, quote: &Quote, prices, fixed| {
            Shown::of(t, true, selected, quote, prices, fixed)
        };
        assert_eq!(
            shown(Some("p25"), &Quote::Idle, known, price()),
            Shown::Price("25.53 USDC".into())
        );
        assert_eq!(
            shown(Some("p25"), &Quote::Idle, loading, price()),
            Shown::Loading
        );
        assert_eq!(
            shown(Some("p25"), &Quote::Idle, known, None),
            Shown::Note(t.priced_when_you_buy())
        );
        assert_eq!(
            shown(None, &Quote::Idle, known, None),
            Shown::Note(t.choose_an_amount())
        );
        let invalid = Quote::Invalid("Too much".into());
        assert_eq!(
            shown(Some(CUSTOM), &invalid, known, price()),
            Shown::Note(t.enter_amount_for_price()),
            "a wrong amount has no price, whatever the fixed ones cost"
        );
        assert_eq!(
            shown(Some(CUSTOM), &Quote::Loading, known, None),
            Shown::Loading
        );
        let failed = Quote::Failed("Busy".into());
        assert_eq!(
            shown(Some(CUSTOM), &failed, known, None),
            Shown::Failed("Busy".into())
        );
        assert_eq!(
            Shown::of(t, false, Some("p25"), &Quote::Idle, known, price()),
            Shown::Note(t.out_of_stock())
        );
        let unpriced = &Prices::Failed("Busy".into());
        assert_eq!(
            shown(Some("p25"), &Quote::Idle, unpriced, None),
            Shown::Failed("Busy".into())
        );
        assert_eq!(
            chosen_price(Some(CUSTOM), &Quote::Ready("9 USDC".into()), price()).as_deref(),
            Some("9 USDC")
        );
        assert_eq!(chosen_price(Some(CUSTOM), &Quote::Idle, price()), None);
        assert_eq!(chosen_price(Some("p25"), &Quote::Idle, price()), price());
    }

    #[test]
    fn a_fee_is_worth_a_warning_when_it_is_a_tenth_of_the_price() {
        let t = BuyText(Lang::En);
        let fee = Some((300, "about $1 to $5"));
        assert!(fee_warning(t, "Ethereum", fee, Some("10.20 USDC"))
            .is_some_and(|w| w.contains("Ethereum")));
        assert_eq!(fee_warning(t, "Ethereum", fee, Some("50.00 USDC")), None);
        assert_eq!(fee_warning(t, "Solana", None, Some("10.20 USDC")), None);
        assert_eq!(fee_warning(t, "Ethereum", fee, None), None);
    }
}
