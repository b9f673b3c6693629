//! The amounts a brand sells: fixed ones (each with its price in the coin) and, where the
//! brand allows, an amount the shopper types within its range.

use crate::api::{
    browse::{CustomChoice, FixedChoice},
    checkout::{field, CUSTOM},
};
use leptos::prelude::*;

/// The fixed amounts as radios. Their labels stay the same across coins; a coin switch
/// gives the radio of place `data-fixed` another value (the product's id in that coin) and
/// another price (`live`).
#[component]
pub(super) fn FixedAmounts(fixed: Vec<FixedChoice>, initial: Option<String>) -> impl IntoView {
    fixed
        .into_iter()
        .enumerate()
        .map(|(index, choice)| {
            let initially = initial.as_deref() == Some(choice.product_id.as_str());
            view! {
                <label class="amount-option" data-fixed=index.to_string()>
                    <input
                        type="radio"
                        name=field::PRODUCT
                        value=choice.product_id
                        checked=initially
                        data-amount=choice.amount
                        data-price=choice.price.clone()
                    />
                    <span class="amount-label">{choice.label}</span>
                    <span class="amount-price">{choice.price}</span>
                </label>
            }
        })
        .collect_view()
}

/// The radio for an amount of the shopper's own, and the input for it.
#[component]
pub(super) fn CustomAmount(
    range: CustomChoice,
    /// "Your amount" alone, "Other amount" beside fixed ones (in the page's language).
    label: &'static str,
    /// "Amount in USD" (in the page's language).
    input_label: String,
    initially: bool,
    /// What the input starts with.
    amount: String,
    /// Its price, when the server priced it for the page.
    price: Option<String>,
    /// Why it can't be bought, when the server said so.
    error: Option<String>,
) -> impl IntoView {
    view! {
        <label class="amount-option">
            <input type="radio" name=field::PRODUCT value=CUSTOM checked=initially/>
            <span class="amount-label">{label}</span>
        </label>
        <div class="custom-amount">
            <label for="custom-amount">{input_label}</label>
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
                data-quote=price
                value=amount
                aria-describedby="custom-amount-hint custom-amount-error"
                aria-invalid=error.is_some().to_string()
            />
            <p id="custom-amount-hint" class="hint">{range.hint}</p>
            <p id="custom-amount-error" class="field-error" role="alert">{error}</p>
        </div>
    }
}
