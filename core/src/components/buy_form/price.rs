//! What the chosen amount costs in the chosen coin, and what to know about it before
//! buying: the network's own fee, and that the wallet adds one.

use super::state::{BuyState, QuoteState};
use crate::{api::checkout::CUSTOM, components::skeleton::PriceSkeleton};
use leptos::{either::EitherOf4, prelude::*};

/// The price in the buy bar: a skeleton while it is asked for, a retry when asking failed.
#[component]
pub(super) fn ChosenPrice(state: BuyState) -> impl IntoView {
    let t = state.words;
    move || {
        if !state.in_stock {
            return EitherOf4::A(view! { <span>{t.out_of_stock()}</span> });
        }
        match state.selected.get().as_deref() {
            None => EitherOf4::A(view! { <span>{t.choose_an_amount()}</span> }),
            Some(CUSTOM) => match state.quote.get() {
                QuoteState::Idle | QuoteState::Invalid(_) => {
                    EitherOf4::A(view! { <span>{t.enter_amount_for_price()}</span> })
                }
                QuoteState::Loading => EitherOf4::B(view! { <PriceSkeleton/> }),
                QuoteState::Ready(price) => {
                    EitherOf4::C(view! { <strong class="price">{price}</strong> })
                }
                QuoteState::Failed(message) => EitherOf4::D(view! {
                    <span class="price-error">{message}</span>
                    <button
                        type="button"
                        class="button small"
                        on:click=move |_| state.request_quote()
                    >
                        {t.try_again()}
                    </button>
                }),
            },
            Some(_) if state.repricing.get() => EitherOf4::B(view! { <PriceSkeleton/> }),
            Some(_) => match state.chosen_price() {
                Some(price) => EitherOf4::C(view! { <strong class="price">{price}</strong> }),
                None => EitherOf4::A(view! { <span>{t.priced_when_you_buy()}</span> }),
            },
        }
    }
}

/// A network whose fee runs to dollars, on a card of a few: worth saying before buying.
pub(super) fn fee_warning(state: BuyState) -> Option<String> {
    let (coin, network) = (state.coin.get(), state.network.get());
    let fee = state.payment.with_value(|p| {
        p.iter()
            .find(|c| c.name.eq_ignore_ascii_case(&coin))
            .and_then(|c| c.networks.iter().find(|n| n.name == network))
            .and_then(|n| n.fee.clone())
    })?;
    let cents = dollar_cents(&state.chosen_price()?)?;
    (u64::from(fee.0) * 10 > cents).then(|| state.words.fee_warning(&network, &fee.1))
}

/// Under the price: what it is paid in, and that it includes the shop's fees.
pub(super) fn price_note(state: BuyState) -> String {
    let t = state.words;
    let (coin, network) = (state.coin.get(), state.network.get());
    let paid = if network.is_empty() {
        t.paid_in(&coin)
    } else {
        t.paid_in_on(&coin, &network)
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

    #[test]
    fn dollar_prices_read_as_cents_and_others_not_at_all() {
        assert_eq!(dollar_cents("25.53 USDC"), Some(2553));
        assert_eq!(dollar_cents("4.09\u{a0}USDT"), Some(409));
        assert_eq!(dollar_cents("5.1 USDT"), Some(510));
        assert_eq!(dollar_cents("100 DAI"), Some(10_000));
        assert_eq!(dollar_cents("0.00032833 BTC"), None);
        assert_eq!(dollar_cents("Priced when you buy"), None);
    }
}
