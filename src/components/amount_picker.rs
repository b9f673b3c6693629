//! Choosing what to buy on a brand's page: the coin, a fixed amount (each priced in that
//! coin) or a custom amount within the brand's range, priced as the shopper types.
//! Before hydration it is a GET form: the server prices what the URL asks for.

use crate::api::catalog::{quote_custom_amount, CustomAmountQuote};
use leptos::{either::EitherOf4, ev, prelude::*, task::spawn_local};
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// The value of the `product` field for the custom amount.
pub const CUSTOM: &str = "custom";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FixedChoice {
    pub product_id: String,
    /// "$25", "1 GB 7 days".
    pub label: String,
    /// "25.53 USDC", when upstream priced it.
    pub price: Option<String>,
}

/// A custom amount's bounds as the input needs them (the server checks amounts).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CustomChoice {
    pub currency: String,
    pub min: String,
    pub max: String,
    pub step: String,
    /// What the input starts with.
    pub start: String,
    /// "From $5 to $500".
    pub hint: String,
}

/// Everything the picker shows; island props travel as JSON in the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AmountOffer {
    pub country: String,
    pub slug: String,
    pub coin: String,
    pub coins: Vec<String>,
    pub heading: String,
    pub fixed: Vec<FixedChoice>,
    pub custom: Option<CustomChoice>,
    pub in_stock: bool,
    /// What the URL chose (`?product=`, `?amount=`).
    pub selected: Option<String>,
    pub amount: String,
    /// The server's answer for `amount` when the URL asked for one.
    pub quote: Option<Result<String, String>>,
}

#[derive(Clone, Debug, PartialEq)]
enum QuoteState {
    Idle,
    Loading,
    Ready(String),
    /// The amount itself is wrong: the message goes next to the input.
    Invalid(String),
    /// Pricing failed for another reason: worth another try.
    Failed(String),
}

#[island]
pub fn AmountPicker(offer: AmountOffer) -> impl IntoView {
    let AmountOffer {
        country,
        slug,
        coin,
        coins,
        heading,
        fixed,
        custom,
        in_stock,
        selected,
        amount,
        quote,
    } = offer;
    let first_choice = fixed
        .first()
        .map(|f| f.product_id.clone())
        .or_else(|| custom.as_ref().map(|_| CUSTOM.to_string()));
    // Attributes carry the first values into the server's HTML (for the form before, or
    // without, hydration); properties keep the live ones.
    let initial = selected.or(first_choice);
    let initial_amount = amount.clone();
    let selected = RwSignal::new(initial.clone());
    let amount = RwSignal::new(amount);
    let quote = RwSignal::new(match quote {
        Some(Ok(price)) => QuoteState::Ready(price),
        Some(Err(message)) => QuoteState::Invalid(message),
        None => QuoteState::Idle,
    });
    let generation = StoredValue::new(0u64);
    let fixed = StoredValue::new(fixed);

    let amount_error = move || match quote.get() {
        QuoteState::Invalid(message) => Some(message),
        _ => None,
    };

    // Prices the custom amount shortly after the shopper stops typing (the server checks
    // it against the range); an answer to an older amount is dropped.
    let request_quote = {
        let (country, slug, coin) = (country.clone(), slug.clone(), coin.clone());
        move || {
            let this = generation.get_value() + 1;
            generation.set_value(this);
            let typed = amount.get_untracked();
            if selected.get_untracked().as_deref() != Some(CUSTOM) || typed.trim().is_empty() {
                quote.set(QuoteState::Idle);
                return;
            }
            quote.set(QuoteState::Loading);
            let (country, slug, coin) = (country.clone(), slug.clone(), coin.clone());
            set_timeout(
                move || {
                    if generation.get_value() != this {
                        return;
                    }
                    spawn_local(async move {
                        let result = quote_custom_amount(country, slug, typed, coin).await;
                        if generation.get_value() != this {
                            return;
                        }
                        quote.set(match result {
                            Ok(CustomAmountQuote::Priced { price, .. }) => QuoteState::Ready(price),
                            Ok(CustomAmountQuote::Refused { message }) => {
                                QuoteState::Invalid(message)
                            }
                            Err(error) => QuoteState::Failed(error.shopper_message()),
                        });
                    });
                },
                Duration::from_millis(250),
            );
        }
    };
    let request_quote = StoredValue::new(request_quote);

    let price = move || {
        let choice = selected.get();
        match choice.as_deref() {
            None => EitherOf4::A(view! { <span>"Choose an amount"</span> }),
            Some(CUSTOM) => match quote.get() {
                QuoteState::Idle | QuoteState::Invalid(_) => {
                    EitherOf4::A(view! { <span>"Enter an amount to see the price"</span> })
                }
                QuoteState::Loading => {
                    EitherOf4::B(view! { <crate::components::skeleton::PriceSkeleton/> })
                }
                QuoteState::Ready(price) => {
                    EitherOf4::C(view! { <strong class="price">{price}</strong> })
                }
                QuoteState::Failed(message) => EitherOf4::D(view! {
                    <span class="price-error">{message}</span>
                    <button type="button" class="button small" on:click=move |_| request_quote.with_value(|f| f())>
                        "Try again"
                    </button>
                }),
            },
            Some(id) => {
                let price = fixed.with_value(|f| {
                    f.iter()
                        .find(|c| c.product_id == id)
                        .and_then(|c| c.price.clone())
                });
                match price {
                    Some(price) => EitherOf4::C(view! { <strong class="price">{price}</strong> }),
                    None => EitherOf4::A(view! { <span>"Priced at checkout"</span> }),
                }
            }
        }
    };

    let coin_choice = (coins.len() > 1).then(|| {
        let current = coin.clone();
        view! {
            <fieldset class="coin-choice">
                <legend>"Pay with"</legend>
                {coins
                    .into_iter()
                    .map(|c| {
                        let checked = c == current;
                        let target = c.clone();
                        view! {
                            <label class="chip">
                                <input
                                    type="radio"
                                    name="coin"
                                    value=c.clone()
                                    checked=checked
                                    on:change=move |_| {
                                        if let Some(url) = crate::browser::current_url_with(&[("coin", &target)]) {
                                            crate::browser::go_to(&url);
                                        }
                                    }
                                />
                                <span>{c.clone()}</span>
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
        }
    });
    let single_coin = (coin_choice.is_none())
        .then(|| view! { <input type="hidden" name="coin" value=coin.clone()/> });

    let fixed_options = fixed
        .get_value()
        .into_iter()
        .map(|choice| {
            let id = choice.product_id.clone();
            let initially = initial.as_deref() == Some(id.as_str());
            let checked = {
                let id = id.clone();
                move || selected.read().as_deref() == Some(id.as_str())
            };
            view! {
                <label class="amount-option">
                    <input
                        type="radio"
                        name="product"
                        value=id.clone()
                        checked=initially
                        prop:checked=checked
                        on:change=move |_| {
                            selected.set(Some(id.clone()));
                            request_quote.with_value(|f| f());
                        }
                    />
                    <span class="amount-label">{choice.label}</span>
                    {choice.price.map(|p| view! { <span class="amount-price">{p}</span> })}
                </label>
            }
        })
        .collect_view();

    let custom_option = custom.map(|c| {
        view! {
            <label class="amount-option">
                <input
                    type="radio"
                    name="product"
                    value=CUSTOM
                    checked=initial.as_deref() == Some(CUSTOM)
                    prop:checked=move || selected.read().as_deref() == Some(CUSTOM)
                    on:change=move |_| {
                        selected.set(Some(CUSTOM.to_string()));
                        request_quote.with_value(|f| f());
                    }
                />
                <span class="amount-label">"Other amount"</span>
            </label>
            <div class="custom-amount">
                <label for="custom-amount">{format!("Amount in {}", c.currency)}</label>
                <input
                    id="custom-amount"
                    name="amount"
                    type="number"
                    inputmode="decimal"
                    min=c.min
                    max=c.max
                    step=c.step
                    aria-describedby="custom-amount-hint custom-amount-error"
                    aria-invalid=move || amount_error().is_some().to_string()
                    value=initial_amount.clone()
                    prop:value=move || amount.get()
                    on:focus=move |_| {
                        if selected.get_untracked().as_deref() != Some(CUSTOM) {
                            selected.set(Some(CUSTOM.to_string()));
                        }
                    }
                    on:input=move |event| {
                        selected.set(Some(CUSTOM.to_string()));
                        amount.set(event_target_value(&event));
                        request_quote.with_value(|f| f());
                    }
                />
                <p id="custom-amount-hint" class="hint">{c.hint}</p>
                <p id="custom-amount-error" class="field-error" role="alert">{amount_error}</p>
            </div>
        }
    });

    view! {
        <form
            class="amount-picker"
            method="get"
            on:submit=move |event: ev::SubmitEvent| {
                event.prevent_default();
                request_quote.with_value(|f| f());
            }
        >
            {coin_choice}
            {single_coin}
            <fieldset class="amounts" disabled=!in_stock>
                <legend>{heading}</legend>
                {(!in_stock).then(|| view! { <p class="notice">"Out of stock right now. Check back soon."</p> })}
                <div class="amount-options">{fixed_options}{custom_option}</div>
            </fieldset>
            <div class="price-summary">
                <span class="price-label">"Price"</span>
                <span class="price-value" aria-live="polite">{price}</span>
            </div>
            <button type="submit" class="button needs-no-js">"Show price"</button>
        </form>
    }
}
