//! Choosing what to buy on a brand's page: the coin, a fixed amount (each priced in that
//! coin) or a custom amount within the brand's range, priced as the shopper types.
//! Switching coins reprices in place. Before hydration it is a GET form: the server prices
//! what the URL asks for.

use crate::api::catalog::{
    load_coin_prices, quote_custom_amount, CustomAmountQuote, CustomChoice, FixedChoice,
};
use leptos::{either::EitherOf4, ev, prelude::*, task::spawn_local};
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// The value of the `product` field for the custom amount.
pub const CUSTOM: &str = "custom";

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
    /// What the URL chose (`?product=`), when it names a product on offer.
    pub selected: Option<String>,
    pub amount: String,
    /// The server's price (or refusal) for `amount` when the custom amount is selected.
    pub quote: Option<Result<String, String>>,
}

impl AmountOffer {
    /// Whether the picker starts on the custom amount, so its price should come with the page.
    pub fn wants_custom_price(&self) -> bool {
        let starts_custom = match self.selected.as_deref() {
            Some(choice) => choice == CUSTOM,
            None => self.fixed.is_empty(),
        };
        self.in_stock && self.custom.is_some() && starts_custom && !self.amount.trim().is_empty()
    }
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
    // without, hydration); signals and properties keep the live ones.
    let initial = selected.or(first_choice);
    let initial_coin = coin.clone();
    let custom_label = if fixed.is_empty() {
        "Your amount"
    } else {
        "Other amount"
    };
    let selected = RwSignal::new(initial.clone());
    let amount = RwSignal::new(amount.clone());
    let initial_amount = amount.get_untracked();
    let coin = RwSignal::new(coin);
    let fixed = RwSignal::new(fixed);
    let repricing = RwSignal::new(false);
    let quote = RwSignal::new(match quote {
        Some(Ok(price)) => QuoteState::Ready(price),
        Some(Err(message)) => QuoteState::Invalid(message),
        None => QuoteState::Idle,
    });
    let generation = StoredValue::new(0u64);
    let place = StoredValue::new((country, slug));

    let amount_error = move || match quote.get() {
        QuoteState::Invalid(message) => Some(message),
        _ => None,
    };
    let remember_choice = move || {
        let choice = selected.get_untracked().unwrap_or_default();
        let typed = if choice == CUSTOM {
            amount.get_untracked()
        } else {
            String::new()
        };
        crate::browser::replace_query(&[("product", &choice), ("amount", &typed)]);
    };

    // Prices the custom amount shortly after the shopper stops typing (the server checks
    // it against the range); an answer to an older amount or coin is dropped.
    let request_quote = move || {
        let this = generation.get_value() + 1;
        generation.set_value(this);
        let typed = amount.get_untracked();
        if selected.get_untracked().as_deref() != Some(CUSTOM) || typed.trim().is_empty() {
            quote.set(QuoteState::Idle);
            return;
        }
        quote.set(QuoteState::Loading);
        set_timeout(
            move || {
                if generation.get_value() != this {
                    return;
                }
                let (country, slug) = place.get_value();
                let coin = coin.get_untracked();
                spawn_local(async move {
                    let result = quote_custom_amount(country, slug, typed, coin).await;
                    if generation.get_value() != this {
                        return;
                    }
                    quote.set(match result {
                        Ok(CustomAmountQuote::Priced { price, .. }) => QuoteState::Ready(price),
                        Ok(CustomAmountQuote::Refused { message }) => QuoteState::Invalid(message),
                        Err(error) => QuoteState::Failed(error.shopper_message()),
                    });
                });
            },
            Duration::from_millis(250),
        );
    };

    // Another coin: new prices for the same amounts, the choice kept.
    let switch_coin = move |next: String| {
        coin.set(next.clone());
        crate::browser::replace_query(&[("coin", &next)]);
        request_quote();
        repricing.set(true);
        let (country, slug) = place.get_value();
        spawn_local(async move {
            let result = load_coin_prices(country, slug, next.clone()).await;
            if coin.get_untracked() != next {
                return;
            }
            repricing.set(false);
            let Ok(new_prices) = result else {
                // Keep the amounts, without prices in a coin they were not asked in.
                fixed.update(|list| list.iter_mut().for_each(|c| c.price = None));
                return;
            };
            let previous = fixed.get_untracked();
            let picked_label = selected.get_untracked().and_then(|id| {
                previous
                    .iter()
                    .find(|c| c.product_id == id)
                    .map(|c| c.label.clone())
            });
            if let Some(label) = picked_label {
                if let Some(same) = new_prices.iter().find(|c| c.label == label) {
                    selected.set(Some(same.product_id.clone()));
                }
            }
            fixed.set(new_prices);
        });
    };

    let price = move || {
        if !in_stock {
            return EitherOf4::A(view! { <span>"Out of stock"</span> });
        }
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
                    <button type="button" class="button small" on:click=move |_| request_quote()>
                        "Try again"
                    </button>
                }),
            },
            Some(_) if repricing.get() => {
                EitherOf4::B(view! { <crate::components::skeleton::PriceSkeleton/> })
            }
            Some(id) => {
                let price = fixed.with(|f| {
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
        view! {
            <fieldset class="coin-choice">
                <legend>"Pay with"</legend>
                {coins
                    .into_iter()
                    .map(|c| {
                        let initially = c == initial_coin;
                        let target = c.clone();
                        let is_current = {
                            let c = c.clone();
                            move || coin.read() == c
                        };
                        view! {
                            <label class="chip">
                                <input
                                    type="radio"
                                    name="coin"
                                    value=c.clone()
                                    checked=initially
                                    prop:checked=is_current
                                    on:change=move |_| switch_coin(target.clone())
                                />
                                <span>{c.clone()}</span>
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
        }
    });
    let single_coin = coin_choice
        .is_none()
        .then(|| view! { <input type="hidden" name="coin" value=initial_coin.clone()/> });

    // The amounts stay the same across coins; their ids and prices come from `fixed`.
    let fixed_options = fixed
        .get_untracked()
        .into_iter()
        .enumerate()
        .map(|(index, choice)| {
            let initially = initial.as_deref() == Some(choice.product_id.as_str());
            let id = move || {
                fixed.with(|f| {
                    f.get(index)
                        .map(|c| c.product_id.clone())
                        .unwrap_or_default()
                })
            };
            let price = move || fixed.with(|f| f.get(index).and_then(|c| c.price.clone()));
            view! {
                <label class="amount-option">
                    <input
                        type="radio"
                        name="product"
                        value=choice.product_id.clone()
                        prop:value=id
                        checked=initially
                        prop:checked=move || selected.read().as_deref() == Some(id().as_str())
                        on:change=move |_| {
                            selected.set(Some(id()));
                            remember_choice();
                            request_quote();
                        }
                    />
                    <span class="amount-label">{choice.label}</span>
                    <span class="amount-price">
                        {move || if repricing.get() { None } else { price() }}
                    </span>
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
                        remember_choice();
                        request_quote();
                    }
                />
                <span class="amount-label">{custom_label}</span>
            </label>
            <div class="custom-amount">
                <label for="custom-amount">{format!("Amount in {}", c.currency)}</label>
                // Not bound to the signal: writing the value back while typing would move
                // the caret (a number input reports "12." as "12").
                <input
                    id="custom-amount"
                    name="amount"
                    type="number"
                    inputmode="decimal"
                    min=c.min
                    max=c.max
                    step=c.step
                    value=initial_amount
                    aria-describedby="custom-amount-hint custom-amount-error"
                    aria-invalid=move || amount_error().is_some().to_string()
                    on:input=move |event| {
                        selected.set(Some(CUSTOM.to_string()));
                        amount.set(event_target_value(&event));
                        remember_choice();
                        request_quote();
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
                request_quote();
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
            {in_stock.then(|| view! { <button type="submit" class="button needs-no-js">"Show price"</button> })}
        </form>
    }
}
