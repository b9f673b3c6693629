//! The amounts a brand sells: fixed ones (each with its price in the coin) and, where the
//! brand allows, an amount the shopper types within its range.

use super::state::BuyState;
use crate::api::{
    browse::CustomChoice,
    checkout::{field, CUSTOM},
};
use leptos::prelude::*;

/// The fixed amounts as radios. They stay the same across coins; their ids and prices
/// come from the state, which a coin switch replaces.
#[component]
pub(super) fn FixedAmounts(state: BuyState, initial: Option<String>) -> impl IntoView {
    state
        .fixed
        .get_untracked()
        .into_iter()
        .enumerate()
        .map(|(index, choice)| {
            let initially = initial.as_deref() == Some(choice.product_id.as_str());
            let id = move || {
                state.fixed.with(|f| {
                    f.get(index)
                        .map(|c| c.product_id.clone())
                        .unwrap_or_default()
                })
            };
            let price = move || {
                if state.repricing.get() {
                    return None;
                }
                state
                    .fixed
                    .with(|f| f.get(index).and_then(|c| c.price.clone()))
            };
            view! {
                <label class="amount-option">
                    <input
                        type="radio"
                        name=field::PRODUCT
                        value=choice.product_id.clone()
                        prop:value=id
                        checked=initially
                        prop:checked=move || state.selected.read().as_deref() == Some(id().as_str())
                        on:change=move |_| state.choose(id())
                    />
                    <span class="amount-label">{choice.label}</span>
                    <span class="amount-price">{price}</span>
                </label>
            }
        })
        .collect_view()
}

/// The radio for an amount of the shopper's own, and the input for it.
#[component]
pub(super) fn CustomAmount(
    state: BuyState,
    range: CustomChoice,
    /// "Your amount" alone, "Other amount" beside fixed ones (in the page's language).
    label: &'static str,
    initially: bool,
) -> impl IntoView {
    let amount_error = move || state.amount_error();
    view! {
        <label class="amount-option">
            <input
                type="radio"
                name=field::PRODUCT
                value=CUSTOM
                checked=initially
                prop:checked=move || state.selected.read().as_deref() == Some(CUSTOM)
                on:change=move |_| state.choose(CUSTOM.to_string())
            />
            <span class="amount-label">{label}</span>
        </label>
        <div class="custom-amount">
            <label for="custom-amount">{state.words.amount_in(&range.currency)}</label>
            // Not bound to the signal: writing the value back while typing would move
            // the caret (a number input reports "12." as "12").
            // Text, not a number input: "12,50" reaches the server, which reads a
            // decimal comma or says what is wrong, rather than the browser dropping it.
            <input
                id="custom-amount"
                name=field::AMOUNT
                type="text"
                inputmode="decimal"
                autocomplete="off"
                data-min=range.min
                data-max=range.max
                data-step=range.step
                value=state.amount.get_untracked()
                aria-describedby="custom-amount-hint custom-amount-error"
                aria-invalid=move || amount_error().is_some().to_string()
                on:input=move |event| state.type_amount(event_target_value(&event))
            />
            <p id="custom-amount-hint" class="hint">{range.hint}</p>
            <p id="custom-amount-error" class="field-error" role="alert">{amount_error}</p>
        </div>
    }
}
