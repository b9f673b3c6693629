//! How the shopper pays: the coin, then the network it is sent on.

use crate::{
    api::{
        browse::{CoinChoice, NetworkChoice},
        checkout::field,
    },
    i18n::words::BuyText,
};
use leptos::prelude::*;

/// The coins, as chips; a paused one is shown but can't be chosen.
#[component]
pub(super) fn CoinChips(payment: Vec<CoinChoice>, coin: String) -> impl IntoView {
    let t = BuyText(crate::render::lang());
    payment
        .into_iter()
        .map(|c: CoinChoice| {
            let usable = c.usable();
            view! {
                <label class="chip">
                    <input
                        type="radio"
                        name=field::COIN
                        value=c.name.clone()
                        checked=c.name.eq_ignore_ascii_case(&coin)
                        disabled=!usable
                    />
                    <span>
                        {c.name.clone()}
                        {(!usable).then(|| view! { <small>" " {t.paused_now()}</small> })}
                    </span>
                </label>
            }
        })
        .collect_view()
}

/// Every coin's networks are in the page (without JavaScript a shopper who picks another
/// coin still finds its networks); with it, only the chosen coin's group shows (`current`).
/// The network a coin starts on is marked `data-preferred`; a network whose fee runs to
/// dollars carries it (`data-fee`, `data-fee-cents`) for the fee warning.
#[component]
pub(super) fn NetworkGroups(
    payment: Vec<CoinChoice>,
    coin: String,
    network: String,
) -> impl IntoView {
    let t = BuyText(crate::render::lang());
    payment
        .into_iter()
        .map(|c: CoinChoice| {
            let this_coin = c.name.eq_ignore_ascii_case(&coin);
            let preferred = c.preferred_network(None).map(|n| n.name.clone());
            let options = c
                .networks
                .iter()
                .map(|n: &NetworkChoice| {
                    let (fee_cents, fee_words) = n
                        .fee
                        .clone()
                        .map(|(cents, words)| (cents.to_string(), words))
                        .unzip();
                    view! {
                        <label class="chip">
                            <input
                                type="radio"
                                name=field::NETWORK
                                value=n.name.clone()
                                checked=this_coin && network == n.name
                                disabled=n.suspended
                                data-preferred=(preferred.as_deref() == Some(n.name.as_str())).then_some("")
                                data-fee-cents=fee_cents
                                data-fee=fee_words
                            />
                            <span>
                                {n.name.clone()}
                                {n.lowest_fee.then(|| view! { <small class="tag">" " {t.lowest_fee()}</small> })}
                                {n.suspended.then(|| view! { <small>" " {t.paused_now()}</small> })}
                            </span>
                        </label>
                    }
                })
                .collect_view();
            view! {
                <div class="network-group" class:current=this_coin data-coin=c.name.clone()>
                    <p class="network-group-name needs-no-js">{t.coin_on(&c.name)}</p>
                    <div class="chips-row">{options}</div>
                </div>
            }
        })
        .collect_view()
}
