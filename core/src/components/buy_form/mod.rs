//! The buy form on a brand's page: the amount (fixed ones, each priced in the coin, or one
//! the shopper types, priced as they type), the coin, then its network, the shopper's
//! details (server-rendered, passed in as children) and the Buy button. It is one form
//! that posts to `/checkout`, with or without JavaScript; without it, "Show price" posts
//! the form back to itself. Switching coins reprices in place.

mod amounts;
mod payment;
mod price;
mod state;

use crate::{
    api::{
        browse::{CoinChoice, CustomChoice, FixedChoice},
        checkout::{field, CHECKOUT_PATH, CUSTOM},
    },
    i18n::words::BuyText,
};
use amounts::{CustomAmount, FixedAmounts};
use leptos::{ev, prelude::*};
use payment::{CoinChips, NetworkGroups};
use price::{fee_warning, price_note, ChosenPrice};
use serde::{Deserialize, Serialize};
use state::BuyState;

/// Everything the form shows; island props travel as JSON in the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BuyOffer {
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
    /// The Buy button's words when they are not "Buy now" ("Yes, top up +1 415-555-2671"),
    /// in the page's language.
    pub buy_label: Option<String>,
}

impl BuyOffer {
    /// The product chosen when the page opens: the URL's, else the first amount.
    fn initial_choice(&self) -> Option<String> {
        self.selected.clone().or_else(|| {
            self.fixed
                .first()
                .map(|f| f.product_id.clone())
                .or_else(|| self.custom.as_ref().map(|_| CUSTOM.to_string()))
        })
    }

    /// Whether the form starts on the custom amount, so its price should come with the page.
    pub fn wants_custom_price(&self) -> bool {
        let starts_custom = match self.selected.as_deref() {
            Some(choice) => choice == CUSTOM,
            None => self.fixed.is_empty(),
        };
        self.in_stock && self.custom.is_some() && starts_custom && !self.amount.trim().is_empty()
    }
}

#[island(lazy)]
pub fn BuyForm(offer: BuyOffer, children: Children) -> impl IntoView {
    let lang = crate::render::lang();
    let t = BuyText(lang);
    let initial = offer.initial_choice();
    let state = BuyState::new(&offer, initial.clone(), lang);
    let BuyOffer {
        country,
        slug,
        coin: initial_coin,
        heading,
        fixed,
        custom,
        in_stock,
        amount_message,
        payment_message,
        buy_label,
        ..
    } = offer;
    let placing = RwSignal::new(false);
    // Back from the payment page, a browser may show this page from its cache as it was
    // left ("Placing your order…", disabled): make the button usable again.
    let _ = window_event_listener(ev::pageshow, move |_| placing.set(false));
    let custom_label = if fixed.is_empty() {
        t.your_amount()
    } else {
        t.other_amount()
    };
    let custom_amount = custom.map(|range| {
        view! {
            <CustomAmount
                state
                range
                label=custom_label
                initially=initial.as_deref() == Some(CUSTOM)
            />
        }
    });
    let buy_words = buy_label.unwrap_or_else(|| t.buy_now().to_string());
    let on_submit = move |event: ev::SubmitEvent| {
        if placing.get_untracked() {
            // The order is on its way: a second click sends nothing.
            event.prevent_default();
            return;
        }
        let asks_price = event
            .submitter()
            .and_then(|button| button.get_attribute("name"))
            .is_some_and(|name| name == field::INTENT);
        if asks_price {
            // With JavaScript the price follows the form by itself (Enter lands here).
            event.prevent_default();
            state.request_quote();
            return;
        }
        placing.set(true);
    };

    view! {
        // The checkout answers in the page's language, and sends the shopper on in it.
        <form class="buy-form" method="post" action=lang.href(CHECKOUT_PATH) on:submit=on_submit>
            <input type="hidden" name=field::COUNTRY value=country/>
            <input type="hidden" name=field::BRAND value=slug/>
            <fieldset class="amounts" id="amounts" disabled=!in_stock>
                <legend>{heading}</legend>
                {(!in_stock).then(|| view! { <p class="notice">{t.sold_out_now()}</p> })}
                <div class="amount-options">
                    <FixedAmounts state initial/>
                    {custom_amount}
                </div>
                {amount_message.map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            </fieldset>
            <fieldset class="coin-choice" id="coin-choice">
                <legend>{t.pay_with()}</legend>
                <div class="chips-row"><CoinChips state initial_coin=initial_coin.clone()/></div>
            </fieldset>
            <fieldset class="network-choice">
                <legend>{t.on_the_network()}</legend>
                <NetworkGroups state initial_coin/>
                <p class="hint">{t.network_warning()}</p>
                <p class="notice fee-warning" role="status">{move || fee_warning(state)}</p>
                {payment_message.map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            </fieldset>
            {children()}
            // The price and the button stay in reach (stuck to the bottom of the screen)
            // while the shopper scrolls through the form. The button is the form's first
            // submit button, so Enter in any field buys.
            <div class="buy-bar">
                <div class="price-summary">
                    <span class="price-label" id="price-label">{t.price()}</span>
                    // A status (polite live region): a screen reader hears each new price.
                    <span class="price-value" role="status" aria-labelledby="price-label">
                        <ChosenPrice state/>
                    </span>
                </div>
                <button
                    type="submit"
                    class="button primary buy-button"
                    disabled=move || !in_stock || placing.get()
                    aria-busy=move || placing.get().to_string()
                >
                    {move || if placing.get() { t.placing_order().to_string() } else { buy_words.clone() }}
                </button>
            </div>
            <p class="price-note hint">{move || price_note(state)}</p>
            {in_stock.then(|| view! {
                <p class="needs-no-js hint">{t.show_new_price()}</p>
                <button type="submit" name=field::INTENT value="price" formnovalidate=true class="button needs-no-js">{t.show_price()}</button>
            })}
        </form>
    }
}
