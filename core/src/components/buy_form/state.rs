//! The buy form's live state, shared by its parts: what is chosen, its price, and the
//! steps that change them (choosing an amount, typing one, switching coin or network).

use super::BuyOffer;
use crate::{
    api::{
        browse::{
            load_coin_prices, quote_custom_amount, CoinChoice, CustomAmountQuote, FixedChoice,
        },
        checkout::CUSTOM,
    },
    i18n::{words::BuyText, Lang},
};
use leptos::{prelude::*, task::spawn_local};
use std::time::Duration;

#[derive(Clone, Debug, PartialEq)]
pub(super) enum QuoteState {
    Idle,
    Loading,
    Ready(String),
    /// The amount itself is wrong: the message goes next to the input.
    Invalid(String),
    /// Pricing failed for another reason: worth another try.
    Failed(String),
}

/// Signals are `Copy`: every part of the form holds the same state.
#[derive(Clone, Copy)]
pub(super) struct BuyState {
    /// The `product` radio's value: a fixed amount's id, or [`CUSTOM`].
    pub selected: RwSignal<Option<String>>,
    /// The custom amount as typed.
    pub amount: RwSignal<String>,
    pub coin: RwSignal<String>,
    pub network: RwSignal<String>,
    pub payment: StoredValue<Vec<CoinChoice>>,
    /// The fixed amounts, priced in the current coin.
    pub fixed: RwSignal<Vec<FixedChoice>>,
    /// New prices for another coin are on their way.
    pub repricing: RwSignal<bool>,
    pub quote: RwSignal<QuoteState>,
    pub in_stock: bool,
    /// The form's words, in the page's language.
    pub words: BuyText,
    /// Which custom-amount request is the latest; older answers are dropped.
    generation: StoredValue<u64>,
    /// The country and the brand's slug, for the server functions.
    place: StoredValue<(String, String)>,
}

impl BuyState {
    /// The state a page starts in; `initial` is the chosen product, when any.
    pub fn new(offer: &BuyOffer, initial: Option<String>, lang: Lang) -> Self {
        Self {
            selected: RwSignal::new(initial),
            amount: RwSignal::new(offer.amount.clone()),
            coin: RwSignal::new(offer.coin.clone()),
            network: RwSignal::new(offer.network.clone()),
            payment: StoredValue::new(offer.payment.clone()),
            fixed: RwSignal::new(offer.fixed.clone()),
            repricing: RwSignal::new(false),
            quote: RwSignal::new(match offer.quote.clone() {
                Some(Ok(price)) => QuoteState::Ready(price),
                Some(Err(message)) => QuoteState::Invalid(message),
                None => QuoteState::Idle,
            }),
            in_stock: offer.in_stock,
            words: BuyText(lang),
            generation: StoredValue::new(0),
            place: StoredValue::new((offer.country.clone(), offer.slug.clone())),
        }
    }

    /// What is wrong with the typed amount, as the server said.
    pub fn amount_error(self) -> Option<String> {
        match self.quote.get() {
            QuoteState::Invalid(message) => Some(message),
            _ => None,
        }
    }

    /// The price of what is chosen, when known (tracked).
    pub fn chosen_price(self) -> Option<String> {
        match self.selected.get().as_deref() {
            Some(CUSTOM) => match self.quote.get() {
                QuoteState::Ready(price) => Some(price),
                _ => None,
            },
            Some(id) => self.fixed.with(|f| {
                f.iter()
                    .find(|c| c.product_id == id)
                    .and_then(|c| c.price.clone())
            }),
            None => None,
        }
    }

    /// A radio of the amounts was chosen (or the custom amount typed into).
    pub fn choose(self, product: String) {
        self.selected.set(Some(product));
        self.remember_choice();
        self.request_quote();
    }

    pub fn type_amount(self, typed: String) {
        self.amount.set(typed);
        self.choose(CUSTOM.to_string());
    }

    /// The URL says the amount (`?amount=25`), which reads well when shared.
    fn remember_choice(self) {
        let choice = self.selected.get_untracked().unwrap_or_default();
        let shown = if choice == CUSTOM {
            self.amount.get_untracked()
        } else {
            self.fixed.with_untracked(|list| {
                list.iter()
                    .find(|c| c.product_id == choice)
                    .and_then(|c| c.amount.clone())
                    .unwrap_or_default()
            })
        };
        crate::browser::replace_query(&[("product", ""), ("amount", &shown)]);
    }

    /// Prices the custom amount shortly after the shopper stops typing (the server checks
    /// it against the range); an answer to an older amount or coin is dropped.
    pub fn request_quote(self) {
        let this = self.generation.get_value() + 1;
        self.generation.set_value(this);
        let typed = self.amount.get_untracked();
        if self.selected.get_untracked().as_deref() != Some(CUSTOM) || typed.trim().is_empty() {
            self.quote.set(QuoteState::Idle);
            return;
        }
        self.quote.set(QuoteState::Loading);
        set_timeout(
            move || {
                if self.generation.get_value() != this {
                    return;
                }
                let (country, slug) = self.place.get_value();
                let coin = self.coin.get_untracked();
                spawn_local(async move {
                    let result = quote_custom_amount(country, slug, typed, coin).await;
                    if self.generation.get_value() != this {
                        return;
                    }
                    self.quote.set(match result {
                        Ok(CustomAmountQuote::Priced { price, .. }) => QuoteState::Ready(price),
                        Ok(CustomAmountQuote::Refused { message }) => QuoteState::Invalid(message),
                        Err(error) => QuoteState::Failed(error.shopper_message(self.words.0)),
                    });
                });
            },
            Duration::from_millis(250),
        );
    }

    /// Another coin: new prices for the same amounts, the choice kept.
    pub fn switch_coin(self, next: String) {
        self.coin.set(next.clone());
        crate::browser::remember_coin(&next);
        let start = self.payment.with_value(|p| {
            p.iter()
                .find(|c| c.name.eq_ignore_ascii_case(&next))
                .and_then(|c| c.preferred_network(None))
                .map(|n| n.name.clone())
        });
        let start = start.unwrap_or_default();
        self.network.set(start.clone());
        crate::browser::replace_query(&[("coin", &next), ("network", &start)]);
        self.request_quote();
        self.repricing.set(true);
        let (country, slug) = self.place.get_value();
        spawn_local(async move {
            let result = load_coin_prices(country, slug, next.clone()).await;
            if self.coin.get_untracked() != next {
                return;
            }
            self.repricing.set(false);
            let Ok(new_prices) = result else {
                // Keep the amounts, without prices in a coin they were not asked in.
                self.fixed
                    .update(|list| list.iter_mut().for_each(|c| c.price = None));
                return;
            };
            // The same amount stays chosen: its id differs from coin to coin.
            let picked_label = self.selected.get_untracked().and_then(|id| {
                self.fixed.with_untracked(|previous| {
                    previous
                        .iter()
                        .find(|c| c.product_id == id)
                        .map(|c| c.label.clone())
                })
            });
            if let Some(same) =
                picked_label.and_then(|label| new_prices.iter().find(|c| c.label == label))
            {
                self.selected.set(Some(same.product_id.clone()));
            }
            self.fixed.set(new_prices);
        });
    }

    pub fn choose_network(self, name: String) {
        crate::browser::replace_query(&[("network", &name)]);
        self.network.set(name);
    }
}
