//! Choosing what to buy on a brand's page, and buying it: a fixed amount (each priced in the
//! coin) or a custom amount within the brand's range, priced as the shopper types; the coin,
//! then its network. Switching coins reprices in place. It is one form that posts to
//! `/checkout`, with or without JavaScript; the shopper's details (server-rendered) sit
//! inside it as children. Without JavaScript, "Show price" posts the form back to itself.

use crate::api::{
    catalog::{
        load_coin_prices, quote_custom_amount, CoinChoice, CustomAmountQuote, CustomChoice,
        FixedChoice, NetworkChoice,
    },
    checkout::CHECKOUT_PATH,
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
    pub network: String,
    pub payment: Vec<CoinChoice>,
    pub heading: String,
    pub fixed: Vec<FixedChoice>,
    pub custom: Option<CustomChoice>,
    pub in_stock: bool,
    /// What the URL chose (`?product=`), when it names a product on offer.
    pub selected: Option<String>,
    pub amount: String,
    /// The server's price (or refusal) for `amount` when the custom amount is selected.
    pub quote: Option<Result<String, String>>,
    /// What the server said about the amount or the payment when the form came back.
    pub amount_message: Option<String>,
    pub payment_message: Option<String>,
    /// The Buy button's words when they are not "Buy now" ("Yes, top up +1 415-555-2671").
    pub buy_label: Option<String>,
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

#[island(lazy)]
pub fn AmountPicker(offer: AmountOffer, children: Children) -> impl IntoView {
    let AmountOffer {
        country,
        slug,
        coin,
        network,
        payment,
        heading,
        fixed,
        custom,
        in_stock,
        selected,
        amount,
        quote,
        amount_message,
        payment_message,
        buy_label,
    } = offer;
    let form_country = country.clone();
    let form_slug = slug.clone();
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
    let network = RwSignal::new(network);
    let payment = StoredValue::new(payment);
    let placing = RwSignal::new(false);
    // Back from the payment page, a browser may show this page from its cache as it was
    // left ("Placing your order…", disabled): make the button usable again.
    let _ = window_event_listener(ev::pageshow, move |_| placing.set(false));
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
    // The URL says the amount (`?amount=25`), which reads well when shared.
    let remember_choice = move || {
        let choice = selected.get_untracked().unwrap_or_default();
        let shown = if choice == CUSTOM {
            amount.get_untracked()
        } else {
            fixed.with_untracked(|list| {
                list.iter()
                    .find(|c| c.product_id == choice)
                    .and_then(|c| c.amount.clone())
                    .unwrap_or_default()
            })
        };
        crate::browser::replace_query(&[("product", ""), ("amount", &shown)]);
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
        crate::browser::remember_coin(&next);
        let start = payment.with_value(|p| {
            p.iter()
                .find(|c| c.name == next)
                .and_then(|c| c.start_network(None))
                .map(|n| n.name.clone())
        });
        network.set(start.clone().unwrap_or_default());
        crate::browser::replace_query(&[("coin", &next), ("network", &start.unwrap_or_default())]);
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
                    None => EitherOf4::A(view! { <span>"Priced when you buy"</span> }),
                }
            }
        }
    };

    let coin_options = payment
        .get_value()
        .into_iter()
        .map(|c: CoinChoice| {
            let usable = c.usable();
            let target = c.name.clone();
            let name = c.name.clone();
            view! {
                <ChoiceChip
                    group="coin"
                    value=c.name.clone()
                    checked=c.name == initial_coin
                    disabled=!usable
                    current=Signal::derive(move || coin.read() == name)
                    on_choose=move || switch_coin(target.clone())
                >
                    {(!usable).then(|| view! { <small>" (paused right now)"</small> })}
                </ChoiceChip>
            }
        })
        .collect_view();
    // Every coin's networks are in the page (without JavaScript a shopper who picks another
    // coin still finds its networks); with it, only the chosen coin's show.
    let network_groups = payment
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
                    view! {
                        <ChoiceChip
                            group="network"
                            value=n.name.clone()
                            checked=initial_coin == this_coin && network.get_untracked() == n.name
                            disabled=n.suspended
                            current=Signal::derive(move || coin.read() == coin_of_chip && network.read() == name)
                            on_choose=move || {
                                network.set(target.clone());
                                crate::browser::replace_query(&[("network", &target)]);
                            }
                        >
                            {n.lowest_fee.then(|| view! { <small class="tag">" lowest fee"</small> })}
                            {n.suspended.then(|| view! { <small>" (paused right now)"</small> })}
                        </ChoiceChip>
                    }
                })
                .collect_view();
            let group_coin = c.name.clone();
            view! {
                <div class="network-group" class:current=move || coin.read() == group_coin>
                    <p class="network-group-name needs-no-js">{format!("{} on:", c.name)}</p>
                    <div class="chips-row">{options}</div>
                </div>
            }
        })
        .collect_view();
    // A network whose fee runs to dollars, on a card of a few: worth saying before buying.
    let fee_warning = move || {
        let (coin_now, network_now) = (coin.get(), network.get());
        let fee = payment.with_value(|p| {
            p.iter()
                .find(|c| c.name == coin_now)
                .and_then(|c| c.networks.iter().find(|n| n.name == network_now))
                .and_then(|n| n.fee.clone())
        })?;
        let price = match selected.get().as_deref() {
            Some(CUSTOM) => match quote.get() {
                QuoteState::Ready(price) => Some(price),
                _ => None,
            },
            Some(id) => fixed.with(|f| {
                f.iter()
                    .find(|c| c.product_id == id)
                    .and_then(|c| c.price.clone())
            }),
            None => None,
        }?;
        let cents = dollar_cents(&price)?;
        (u64::from(fee.0) * 10 > cents).then(|| {
            format!(
                "Sending on {network_now} usually costs {} in network fees, a lot next to this price. Solana and Base cost a cent or less.",
                fee.1
            )
        })
    };
    let price_note = move || {
        let (coin, network) = (coin.get(), network.get());
        let paid = if network.is_empty() {
            format!("Paid in {coin}.")
        } else {
            format!("Paid in {coin} on {network}.")
        };
        format!(
            "{paid} Includes the shop's fees; your wallet adds its own network fee when you send."
        )
    };
    let buy_words = buy_label.unwrap_or_else(|| "Buy now".to_string());

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
                // Text, not a number input: "12,50" reaches the server, which reads a
                // decimal comma or says what is wrong, rather than the browser dropping it.
                <input
                    id="custom-amount"
                    name="amount"
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    data-min=c.min
                    data-max=c.max
                    data-step=c.step
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
            method="post"
            action=CHECKOUT_PATH
            on:submit=move |event: ev::SubmitEvent| {
                if placing.get_untracked() {
                    // The order is on its way: a second click sends nothing.
                    event.prevent_default();
                    return;
                }
                let asks_price = event
                    .submitter()
                    .and_then(|button| button.get_attribute("name"))
                    .is_some_and(|name| name == "intent");
                if asks_price {
                    // With JavaScript the price follows the form by itself (Enter lands here).
                    event.prevent_default();
                    request_quote();
                    return;
                }
                placing.set(true);
            }
        >
            <input type="hidden" name="country" value=form_country/>
            <input type="hidden" name="brand" value=form_slug/>
            <fieldset class="amounts" id="amounts" disabled=!in_stock>
                <legend>{heading}</legend>
                {(!in_stock).then(|| view! { <p class="notice">"Out of stock right now. Check back soon."</p> })}
                <div class="amount-options">{fixed_options}{custom_option}</div>
                {amount_message.map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            </fieldset>
            <fieldset class="coin-choice" id="coin-choice">
                <legend>"Pay with"</legend>
                <div class="chips-row">{coin_options}</div>
            </fieldset>
            <fieldset class="network-choice">
                <legend>"On the network"</legend>
                {network_groups}
                <p class="hint">"Send only on the network you choose here: coins sent on another network are lost."</p>
                <p class="notice fee-warning" role="status">{fee_warning}</p>
                {payment_message.map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            </fieldset>
            {children()}
            // The price and the button stay in reach (stuck to the bottom of the screen)
            // while the shopper scrolls through the form. The button is the form's first
            // submit button, so Enter in any field buys.
            <div class="buy-bar">
                <div class="price-summary">
                    <span class="price-label">"Price"</span>
                    <span class="price-value" aria-live="polite">{price}</span>
                </div>
                <button
                    type="submit"
                    class="button primary buy-button"
                    disabled=move || !in_stock || placing.get()
                    aria-busy=move || placing.get().to_string()
                >
                    {move || if placing.get() { "Placing your order…".to_string() } else { buy_words.clone() }}
                </button>
            </div>
            <p class="price-note hint">{price_note}</p>
            {in_stock.then(|| view! {
                <p class="needs-no-js hint">"Changed the amount or the coin? Show the new price before you buy."</p>
                <button type="submit" name="intent" value="price" formnovalidate=true class="button needs-no-js">"Show price"</button>
            })}
        </form>
    }
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
