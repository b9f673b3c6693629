//! The buy form on a brand's page: the amount (fixed ones, each priced in the coin, or one
//! the shopper types, priced as they type), the coin, then its network, the shopper's
//! details (server-rendered, passed in as children) and the Buy button. It is one form
//! that posts to `/checkout`, with or without JavaScript; without it, "Show price" posts
//! the form back to itself. Switching coins reprices in place.

mod amounts;
mod live;
mod payment;
mod price;

use crate::{
    api::{
        browse::{CoinChoice, CustomChoice, FixedChoice},
        checkout::{field, CHECKOUT_PATH, CUSTOM},
    },
    i18n::words::BuyText,
};
use amounts::{CustomAmount, FixedAmounts};
use leptos::{ev, html, prelude::*};
use live::LiveForm;
use payment::{CoinChips, NetworkGroups};
use price::{chosen_price, fee_warning, price_note, PriceShown, Prices, Quote, Shown};

/// Everything the form shows, as the page starts.
#[derive(Clone, Debug, PartialEq)]
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

/// The form, rendered whole on the server (it works without JavaScript), inside the island
/// that makes it live.
#[component]
pub fn BuyForm(offer: BuyOffer, children: Children) -> impl IntoView {
    let t = BuyText(crate::render::lang());
    let initial = offer.initial_choice();
    let quote = match offer.quote.clone() {
        Some(Ok(price)) => Quote::Ready(price),
        Some(Err(message)) => Quote::Invalid(message),
        None => Quote::Idle,
    };
    let fixed_price = initial.as_deref().and_then(|id| {
        offer
            .fixed
            .iter()
            .find(|c| c.product_id == id)
            .and_then(|c| c.price.clone())
    });
    let selected = initial.as_deref();
    let shown = Shown::of(
        t,
        offer.in_stock,
        selected,
        &quote,
        &Prices::Known,
        fixed_price.clone(),
    );
    let price = chosen_price(selected, &quote, fixed_price);
    let fee = offer
        .payment
        .iter()
        .find(|c| c.name.eq_ignore_ascii_case(&offer.coin))
        .and_then(|c| c.networks.iter().find(|n| n.name == offer.network))
        .and_then(|n| n.fee.clone());
    let fee = fee.as_ref().map(|(cents, words)| (*cents, words.as_str()));
    let warning = fee_warning(t, &offer.network, fee, price.as_deref());
    let note = price_note(t, &offer.coin, &offer.network);
    let BuyOffer {
        country,
        slug,
        coin,
        network,
        payment,
        heading,
        fixed,
        custom,
        in_stock,
        amount,
        amount_message,
        payment_message,
        buy_label,
        ..
    } = offer;
    let custom_label = if fixed.is_empty() {
        t.your_amount()
    } else {
        t.other_amount()
    };
    // The message under the input (tied to it by `aria-describedby`) says it once.
    let amount_message =
        amount_message.filter(|said| !matches!(&quote, Quote::Invalid(message) if message == said));
    let (served_price, error) = match quote {
        Quote::Ready(price) => (Some(price), None),
        Quote::Invalid(message) => (None, Some(message)),
        _ => (None, None),
    };
    let custom_amount = custom.map(|range| {
        view! {
            <CustomAmount
                input_label=t.amount_in(&range.currency)
                range
                label=custom_label
                initially=initial.as_deref() == Some(CUSTOM)
                amount
                price=served_price
                error
            />
        }
    });
    let buy_words = buy_label.unwrap_or_else(|| t.buy_now().to_string());
    let button_words = buy_words.clone();

    view! {
        <BuyFormIsland>
            // The checkout answers in the page's language, and sends the shopper on in it.
            <form class="buy-form" method="post" action=crate::render::lang().href(CHECKOUT_PATH)>
                <input type="hidden" name=field::COUNTRY value=country/>
                <input type="hidden" name=field::BRAND value=slug/>
                <fieldset class="amounts" id="amounts" disabled=!in_stock>
                    <legend>{heading}</legend>
                    {(!in_stock).then(|| view! { <p class="notice">{t.sold_out_now()}</p> })}
                    <div class="amount-options">
                        <FixedAmounts fixed initial/>
                        {custom_amount}
                    </div>
                    {amount_message.map(|m| view! { <p class="field-error" role="alert" data-said="amount">{m}</p> })}
                </fieldset>
                <fieldset class="coin-choice" id="coin-choice">
                    <legend>{t.pay_with()}</legend>
                    <div class="chips-row"><CoinChips payment=payment.clone() coin=coin.clone()/></div>
                </fieldset>
                <fieldset class="network-choice">
                    <legend>{t.on_the_network()}</legend>
                    <NetworkGroups payment coin network/>
                    <p class="hint">{t.network_warning()}</p>
                    <p class="notice fee-warning" role="status">{warning}</p>
                    {payment_message.map(|m| view! { <p class="field-error" role="alert" data-said="payment">{m}</p> })}
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
                            <PriceShown shown/>
                        </span>
                    </div>
                    <button
                        type="submit"
                        class="button primary buy-button"
                        disabled=!in_stock
                        aria-busy="false"
                        data-words=buy_words
                    >
                        {button_words}
                    </button>
                </div>
                <p class="price-note hint">{note}</p>
                {in_stock.then(|| view! {
                    <p class="needs-no-js hint">{t.show_new_price()}</p>
                    <button type="submit" name=field::INTENT value="price" formnovalidate=true class="button needs-no-js">{t.show_price()}</button>
                })}
            </form>
        </BuyFormIsland>
    }
}

/// Makes the server's form live: the form's events bubble up to the one element it renders,
/// and its handlers change the page in place (`live`). It takes no props (props travel as
/// JSON) and holds no second copy of the form's view, so its WASM is its handlers.
#[island(lazy)]
fn BuyFormIsland(children: Children) -> impl IntoView {
    let root = NodeRef::<html::Div>::new();
    let form = LiveForm::new(root);
    let _ = window_event_listener(ev::pageshow, move |_| form.shown_again());
    view! {
        <div
            class="buy-form-island"
            node_ref=root
            on:change=move |event| form.changed(&event)
            on:input=move |event| form.typed(&event)
            on:click=move |event| form.clicked(&event)
            on:submit=move |event| form.submitted(&event)
        >
            {children()}
        </div>
    }
}
