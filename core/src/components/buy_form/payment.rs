//! How the shopper pays: the coin, then the network it is sent on.

use super::state::BuyState;
use crate::api::{
    browse::{CoinChoice, NetworkChoice},
    checkout::field,
};
use leptos::prelude::*;

/// The coins, as chips; a paused one is shown but can't be chosen.
#[component]
pub(super) fn CoinChips(state: BuyState, initial_coin: String) -> impl IntoView {
    state
        .payment
        .get_value()
        .into_iter()
        .map(|c: CoinChoice| {
            let usable = c.usable();
            let paused = state.words.paused_now();
            let (target, name) = (c.name.clone(), c.name.clone());
            view! {
                <ChoiceChip
                    group=field::COIN
                    value=c.name.clone()
                    checked=c.name.eq_ignore_ascii_case(&initial_coin)
                    disabled=!usable
                    current=Signal::derive(move || state.coin.read().eq_ignore_ascii_case(&name))
                    on_choose=move || state.switch_coin(target.clone())
                >
                    {(!usable).then(|| view! { <small>" " {paused}</small> })}
                </ChoiceChip>
            }
        })
        .collect_view()
}

/// Every coin's networks are in the page (without JavaScript a shopper who picks another
/// coin still finds its networks); with it, only the chosen coin's show.
#[component]
pub(super) fn NetworkGroups(state: BuyState, initial_coin: String) -> impl IntoView {
    let t = state.words;
    let initial_network = state.network.get_untracked();
    state
        .payment
        .get_value()
        .into_iter()
        .map(|c: CoinChoice| {
            let this_coin = c.name.clone();
            let options = c
                .networks
                .into_iter()
                .map(|n: NetworkChoice| {
                    let (target, name) = (n.name.clone(), n.name.clone());
                    let coin_of_chip = this_coin.clone();
                    let current = Signal::derive(move || {
                        state.coin.read().eq_ignore_ascii_case(&coin_of_chip)
                            && *state.network.read() == name
                    });
                    view! {
                        <ChoiceChip
                            group=field::NETWORK
                            value=n.name.clone()
                            checked=initial_coin.eq_ignore_ascii_case(&this_coin) && initial_network == n.name
                            disabled=n.suspended
                            current
                            on_choose=move || state.choose_network(target.clone())
                        >
                            {n.lowest_fee.then(|| view! { <small class="tag">" " {t.lowest_fee()}</small> })}
                            {n.suspended.then(|| view! { <small>" " {t.paused_now()}</small> })}
                        </ChoiceChip>
                    }
                })
                .collect_view();
            let group_coin = c.name.clone();
            view! {
                <div
                    class="network-group"
                    class:current=move || state.coin.read().eq_ignore_ascii_case(&group_coin)
                >
                    <p class="network-group-name needs-no-js">{t.coin_on(&c.name)}</p>
                    <div class="chips-row">{options}</div>
                </div>
            }
        })
        .collect_view()
}

/// One radio of a group, drawn as a chip: `checked` goes into the server's HTML, `current`
/// keeps it right once live; `children` are notes after the name ("lowest fee").
#[component]
fn ChoiceChip(
    group: &'static str,
    value: String,
    checked: bool,
    disabled: bool,
    current: Signal<bool>,
    on_choose: impl Fn() + 'static,
    children: Children,
) -> impl IntoView {
    view! {
        <label class="chip">
            <input
                type="radio"
                name=group
                value=value.clone()
                checked=checked
                disabled=disabled
                prop:checked=current
                on:change=move |_| on_choose()
            />
            <span>{value}{children()}</span>
        </label>
    }
}
