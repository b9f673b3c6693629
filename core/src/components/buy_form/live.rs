//! What the buy form does once the page is live. The server rendered the whole form; this
//! reads what is chosen from the form's own fields, asks the server for prices, and
//! changes the page in place: the buy bar's price, the custom amount's message, the fee
//! warning, the price note, the network group on show and the address bar.

use super::price::{chosen_price, fee_warning, price_note, Prices, Quote, Shown};
use crate::{
    api::{
        browse::{load_coin_prices, quote_custom_amount, CustomAmountQuote},
        checkout::{field, CUSTOM},
    },
    browser as page,
    i18n::words::{BrowseText, BuyText},
};
use leptos::{
    ev, html,
    prelude::*,
    task::spawn_local,
    web_sys::{Element, Event},
};
use std::time::Duration;

const CHOSEN_AMOUNT: &str = "input[name=product]:checked";
const CHOSEN_NETWORK: &str = "input[name=network]:checked";

/// What the page itself does not hold.
#[derive(Clone, Debug, Default)]
struct Memory {
    /// The custom amount's price; `None` until the shopper changes something (the page
    /// holds the server's: `data-quote` and the message under the input).
    quote: Option<Quote>,
    /// Which custom-amount request is the latest; answers to older ones are dropped.
    asked: u64,
    /// The fixed amounts' prices in the chosen coin: known, on their way, or failed.
    prices: Prices,
    /// The order is on its way to the payment page.
    placing: bool,
}

/// The form's element and memory (both `Copy`, for the handlers).
#[derive(Clone, Copy)]
pub(super) struct LiveForm {
    root: NodeRef<html::Div>,
    memory: StoredValue<Memory>,
    words: BuyText,
}

impl LiveForm {
    pub fn new(root: NodeRef<html::Div>) -> Self {
        Self {
            root,
            memory: StoredValue::new(Memory::default()),
            words: BuyText(crate::render::lang()),
        }
    }

    fn element(self) -> Option<leptos::web_sys::HtmlDivElement> {
        self.root.get_untracked()
    }

    /// A radio changed: an amount, a coin or a network.
    pub fn changed(self, event: &Event) {
        match page::event_field(event) {
            Some((name, _)) if name == field::PRODUCT => self.amount_chosen(),
            Some((name, coin)) if name == field::COIN => {
                self.payment_changed();
                self.switch_coin(coin)
            }
            Some((name, network)) if name == field::NETWORK => {
                self.payment_changed();
                page::replace_query(&[(field::NETWORK, &network)]);
                self.show();
            }
            _ => {}
        }
    }

    /// What the server said of the coin or network the form came back with is about those.
    fn payment_changed(self) {
        if let Some(root) = self.element() {
            page::set_hidden(&root, "[data-said=payment]", true);
        }
    }

    /// The shopper types an amount of their own: it becomes the chosen amount.
    pub fn typed(self, event: &Event) {
        let Some(root) = self.element() else { return };
        if page::event_field(event).is_some_and(|(name, _)| name == field::AMOUNT) {
            page::set_checked(&root, &format!("input[name=product][value={CUSTOM}]"), true);
            self.amount_chosen();
        }
    }

    pub fn clicked(self, event: &ev::MouseEvent) {
        if !page::event_target_matches(event, "[data-retry]") {
            return;
        }
        let coin = self.element().and_then(|root| chosen(&root, field::COIN));
        match coin.filter(|_| {
            self.memory
                .with_value(|m| matches!(m.prices, Prices::Failed(_)))
        }) {
            Some(coin) => self.switch_coin(coin),
            None => self.request_quote(),
        }
    }

    pub fn submitted(self, event: &ev::SubmitEvent) {
        if self.memory.with_value(|m| m.placing) {
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
            self.request_quote();
            return;
        }
        self.placing(true);
    }

    /// Back from the payment page, a browser may show this page from its cache as it was
    /// left ("Placing your order…", disabled): the button is usable again.
    pub fn shown_again(self) {
        if self.memory.with_value(|m| m.placing) {
            self.placing(false);
        }
    }

    fn placing(self, placing: bool) {
        let Some(root) = self.element() else { return };
        self.memory.update_value(|m| m.placing = placing);
        let button = ".buy-button";
        page::set_attribute(&root, button, "disabled", placing.then_some(""));
        page::set_attribute(&root, button, "aria-busy", Some(&placing.to_string()));
        let words = match placing {
            true => self.words.placing_order().to_string(),
            false => page::attribute_in(&root, button, "data-words").unwrap_or_default(),
        };
        page::set_text(&root, button, &words);
    }

    fn amount_chosen(self) {
        let Some(root) = self.element() else { return };
        // What the server said of the amount the form came back with is about that amount.
        page::set_hidden(&root, "[data-said=amount]", true);
        // The URL says the amount (`?amount=25`), which reads well when shared.
        let amount = match chosen(&root, field::PRODUCT).as_deref() {
            Some(CUSTOM) => page::field_value(&root, "#custom-amount"),
            _ => page::attribute_in(&root, CHOSEN_AMOUNT, "data-amount").unwrap_or_default(),
        };
        page::replace_query(&[(field::PRODUCT, ""), (field::AMOUNT, &amount)]);
        self.request_quote();
    }

    /// Prices the custom amount shortly after the shopper stops typing (the server checks
    /// it against the range); an answer to an older amount or coin is dropped.
    fn request_quote(self) {
        let Some(root) = self.element() else { return };
        let asked = self.memory.with_value(|m| m.asked) + 1;
        let typed = page::field_value(&root, "#custom-amount");
        let custom = chosen(&root, field::PRODUCT).as_deref() == Some(CUSTOM);
        let quote = match custom && !typed.trim().is_empty() {
            true => Quote::Loading,
            false => Quote::Idle,
        };
        let asking = quote == Quote::Loading;
        self.memory.update_value(|m| {
            m.asked = asked;
            m.quote = Some(quote);
        });
        self.show();
        if !asking {
            return;
        }
        let latest = move || self.memory.with_value(|m| m.asked) == asked;
        set_timeout(
            move || {
                let Some(root) = self.element().filter(|_| latest()) else {
                    return;
                };
                let (country, slug) = place(&root);
                let coin = chosen(&root, field::COIN).unwrap_or_default();
                spawn_local(async move {
                    let answer = quote_custom_amount(country, slug, typed, coin).await;
                    if !latest() {
                        return;
                    }
                    let quote = match answer {
                        Ok(CustomAmountQuote::Priced { price, .. }) => Quote::Ready(price),
                        Ok(CustomAmountQuote::Refused { message }) => Quote::Invalid(message),
                        Err(error) => Quote::Failed(error.shopper_message(self.words.0)),
                    };
                    self.memory.update_value(|m| m.quote = Some(quote));
                    self.show();
                });
            },
            Duration::from_millis(250),
        );
    }

    /// Another coin: its networks, and new prices for the same amounts, the choice kept.
    fn switch_coin(self, coin: String) {
        let Some(root) = self.element() else { return };
        page::remember_coin(&coin);
        let group = format!(".network-group[data-coin=\"{coin}\"]");
        page::set_class(&root, ".network-group", "current", false);
        page::set_class(&root, &group, "current", true);
        page::set_checked(&root, "input[name=network]", false);
        page::set_checked(&root, &format!("{group} input[data-preferred]"), true);
        let network = chosen(&root, field::NETWORK).unwrap_or_default();
        page::replace_query(&[(field::COIN, &coin), (field::NETWORK, &network)]);
        self.memory.update_value(|m| m.prices = Prices::Loading);
        page::set_text_all(&root, ".amount-price", "");
        self.request_quote();
        let (country, slug) = place(&root);
        spawn_local(async move {
            let answer = load_coin_prices(country, slug, coin.clone()).await;
            let Some(root) = self.element() else { return };
            if chosen(&root, field::COIN).as_deref() != Some(coin.as_str()) {
                return;
            }
            // The amounts keep their places; each place's product has another id (and
            // price) in each coin. Without prices, the amounts stay, unpriced, and the bar
            // says why, with a button to ask again.
            let prices = match &answer {
                Ok(_) => Prices::Known,
                Err(error) => Prices::Failed(error.shopper_message(self.words.0)),
            };
            self.memory.update_value(|m| m.prices = prices);
            let prices = answer.unwrap_or_default();
            page::set_attribute(&root, "[data-fixed] input", "data-price", None);
            for (index, choice) in prices.iter().enumerate() {
                let place = format!("[data-fixed=\"{index}\"]");
                let radio = format!("{place} input");
                page::set_attribute(&root, &radio, "value", Some(&choice.product_id));
                page::set_attribute(&root, &radio, "data-price", choice.price.as_deref());
                let price = choice.price.as_deref().unwrap_or_default();
                page::set_text(&root, &format!("{place} .amount-price"), price);
            }
            self.show();
        });
    }

    /// Writes what follows from the choices into the page: the price in the buy bar, the
    /// custom amount's message, the fee warning and the note under the price.
    fn show(self) {
        let Some(root) = self.element() else { return };
        let t = self.words;
        let memory = self.memory.get_value();
        let quote = memory.quote.unwrap_or_else(|| served_quote(&root));
        let selected = chosen(&root, field::PRODUCT);
        let fixed_price = page::attribute_in(&root, CHOSEN_AMOUNT, "data-price");
        let in_stock = page::attribute_in(&root, "#amounts", "disabled").is_none();
        let shown = Shown::of(
            t,
            in_stock,
            selected.as_deref(),
            &quote,
            &memory.prices,
            fixed_price.clone(),
        );
        let [price, note, failed] = shown.parts();
        for (part, text) in [("price", price), ("note", note), ("failed", failed)] {
            let selector = format!("[data-part={part}]");
            page::set_text(&root, &selector, text.unwrap_or_default());
            page::set_hidden(&root, &selector, text.is_none());
        }
        let loading = (shown == Shown::Loading).then(|| BrowseText(t.0).loading_price());
        page::set_text(&root, "[data-part=loading]", loading.unwrap_or_default());
        page::set_hidden(&root, "[data-part=loading]", loading.is_none());
        let retry = failed.map(|_| t.try_again());
        page::set_text(&root, "[data-retry]", retry.unwrap_or_default());
        page::set_hidden(&root, "[data-retry]", retry.is_none());

        let invalid = match &quote {
            Quote::Invalid(message) => Some(message.as_str()),
            _ => None,
        };
        page::set_text(&root, "#custom-amount-error", invalid.unwrap_or_default());
        let flag = invalid.is_some().to_string();
        page::set_attribute(&root, "#custom-amount", "aria-invalid", Some(&flag));

        let coin = chosen(&root, field::COIN).unwrap_or_default();
        let network = chosen(&root, field::NETWORK).unwrap_or_default();
        let fee_cents = page::attribute_in(&root, CHOSEN_NETWORK, "data-fee-cents")
            .and_then(|cents| cents.parse().ok());
        let fee_words = page::attribute_in(&root, CHOSEN_NETWORK, "data-fee");
        let fee = fee_cents.zip(fee_words.as_deref());
        let price = chosen_price(selected.as_deref(), &quote, fixed_price);
        let warning = fee_warning(t, &network, fee, price.as_deref());
        page::set_text(&root, ".fee-warning", &warning.unwrap_or_default());
        page::set_text(&root, ".price-note", &price_note(t, &coin, &network));
    }
}

/// The value of the radio named `name` that is checked.
fn chosen(root: &Element, name: &str) -> Option<String> {
    page::checked_radio(root, name).map(|(value, _)| value)
}

/// The country and the brand's slug, for the server functions.
fn place(root: &Element) -> (String, String) {
    let value = |name| page::field_value(root, &format!("input[name={name}]"));
    (value(field::COUNTRY), value(field::BRAND))
}

/// The custom amount's price as the server rendered the page.
fn served_quote(root: &Element) -> Quote {
    if let Some(price) = page::attribute_in(root, "#custom-amount", "data-quote") {
        return Quote::Ready(price);
    }
    match page::attribute_in(root, "#custom-amount", "aria-invalid").as_deref() {
        Some("true") => Quote::Invalid(page::text_in(root, "#custom-amount-error")),
        _ => Quote::Idle,
    }
}
