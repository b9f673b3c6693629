//! The browser side of the order status: the event stream, the backoff and the polling
//! fallback, the phase shown, and this device's list of orders.

use super::*;
use crate::{
    api::order_status::poll_order,
    domain::order_status::reconnect::{Channel, ReconnectPolicy, POLL_EVERY},
};
use leptos::task::spawn_local;
use std::time::Duration;
use wasm_bindgen::{closure::Closure, JsCast};
use web_sys::{EventSource, MessageEvent};

#[derive(Clone, Copy)]
pub struct Live {
    /// The page's language: what the status line says is in it.
    pub lang: Lang,
    pub order: RwSignal<OrderStatus>,
    pub policy: RwSignal<ReconnectPolicy>,
    pub status: RwSignal<String>,
    pub stream: StoredValue<Option<Stream>, LocalStorage>,
    /// Upstream's own stream is lost (the server said so): the page polls meanwhile.
    pub upstream_lost: RwSignal<bool>,
}

/// An open event stream and its handlers, which live exactly as long as it does.
pub struct Stream {
    source: EventSource,
    _on_message: Closure<dyn Fn(MessageEvent)>,
    _on_stop: Closure<dyn Fn()>,
    _on_lost: Closure<dyn Fn()>,
    _on_error: Closure<dyn Fn()>,
}

impl Live {
    /// Applies an update when it is about this order; anything else is logged, not shown.
    fn accept(self, mut update: OrderStatus) {
        if update.id != self.order.with_untracked(|o| o.id.clone()) {
            leptos::logging::warn!("ignored an update about another order");
            return;
        }
        let is_final = update.state.is_final();
        show_phase(&update.state);
        // Updates don't carry the recipients: the ones the page started with stay.
        self.order
            .with_untracked(|earlier| update.keep_recipients(earlier));
        // Part of the payment arrived (or more of it): the amount, its copy button, the
        // QR code and the wallet link must all ask for the rest, which the server draws.
        let owed_changed = self
            .order
            .with_untracked(|earlier| earlier.due != update.due);
        if owed_changed && update.state.awaits_payment() {
            if let Some(window) = web_sys::window() {
                let _ = window.location().reload();
            }
            return;
        }
        self.order.set(update);
        remember_here(self);
        self.policy.update(|p| p.on_message(is_final));
        self.status.set(
            self.policy
                .with_untracked(|p| p.status_text(self.lang, None)),
        );
        if is_final {
            self.close();
        }
    }

    pub fn close(self) {
        if let Some(stream) = self.stream.try_update_value(Option::take).flatten() {
            stream.source.close();
            // A handler may be what is closing the stream: its closure goes once it has
            // returned, not from under it.
            set_timeout(move || drop(stream), Duration::ZERO);
        }
    }

    pub fn connect(self) {
        let id = self.order.with_untracked(|o| o.id.clone());
        let Ok(source) = EventSource::new(&format!("/api/orders/{id}/subscribe")) else {
            self.fail();
            return;
        };
        let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
            let text = event.data().as_string().unwrap_or_default();
            match serde_json::from_str::<OrderStatus>(&text) {
                Ok(update) => {
                    self.upstream_lost.set(false);
                    self.accept(update);
                }
                Err(error) => {
                    leptos::logging::warn!("ignored an update that does not read: {error}")
                }
            }
        });
        // Our stream is fine but upstream's is lost: say so, and check by polling until
        // upstream's updates come back.
        let on_lost = Closure::<dyn Fn()>::new(move || {
            if !self.upstream_lost.get_untracked() {
                self.upstream_lost.set(true);
                self.status
                    .set(OrderText(self.lang).supplier_reconnecting(POLL_EVERY.as_secs()));
                self.poll_while_lost();
            }
        });
        let on_stop = Closure::<dyn Fn()>::new(move || {
            self.close();
            // The stream ended without a final state: ask once more how things stand.
            if !self.order.with_untracked(|o| o.state.is_final()) {
                self.fail();
            }
        });
        let on_error = Closure::<dyn Fn()>::new(move || {
            self.close();
            self.fail();
        });
        source.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        let _ = source.add_event_listener_with_callback("stop", on_stop.as_ref().unchecked_ref());
        let _ = source.add_event_listener_with_callback("lost", on_lost.as_ref().unchecked_ref());
        source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        self.stream.set_value(Some(Stream {
            source,
            _on_message: on_message,
            _on_stop: on_stop,
            _on_lost: on_lost,
            _on_error: on_error,
        }));
    }

    /// Polls every few seconds while upstream's stream is lost, until it is back or the
    /// order is final.
    fn poll_while_lost(self) {
        set_timeout(
            move || {
                let done = self.order.with_untracked(|o| o.state.is_final());
                if !self.upstream_lost.get_untracked() || done {
                    return;
                }
                let id = self.order.with_untracked(|o| o.id.clone());
                spawn_local(async move {
                    if let Ok(update) = poll_order(id).await {
                        self.accept(update);
                    }
                    self.poll_while_lost();
                });
            },
            POLL_EVERY,
        );
    }

    /// The stream failed: reconnect after the backoff, or poll.
    fn fail(self) {
        let wait = self
            .policy
            .try_update(|p| p.on_stream_error(js_sys::Math::random()))
            .flatten();
        self.status.set(
            self.policy
                .with_untracked(|p| p.status_text(self.lang, wait)),
        );
        match wait {
            Some(wait) => set_timeout(move || self.connect(), wait),
            None if self
                .policy
                .with_untracked(|p| p.channel == Channel::Polling) =>
            {
                self.poll_later()
            }
            None => {}
        }
    }

    pub fn poll_later(self) {
        set_timeout(move || self.poll(), POLL_EVERY);
    }

    fn poll(self) {
        let id = self.order.with_untracked(|o| o.id.clone());
        spawn_local(async move {
            match poll_order(id).await {
                Ok(update) => {
                    let is_final = update.state.is_final();
                    self.accept(update);
                    self.policy.update(|p| p.on_poll_answer(is_final));
                    if !is_final {
                        // The server answers again: give the stream another chance.
                        self.connect();
                    }
                }
                // Upstream knows no such order: asking again won't change that.
                Err(crate::error::AppError::NotFound(_)) => {
                    self.policy.update(|p| p.on_poll_answer(true));
                    self.status.set(OrderText(self.lang).no_such_order().into());
                }
                Err(_) => self.poll_later(),
            }
        });
    }
}

/// Adds the order to this device's recent orders: the state as upstream names it, which
/// the list shows in the language of the page it is read on.
fn remember_here(live: Live) {
    use crate::components::recent_orders::{storage, RecentOrder};
    let order = live.order.get_untracked();
    // No name: the list says "Order" in its own language.
    let what = order
        .deliveries
        .first()
        .map(|delivery| delivery.title(live.lang))
        .unwrap_or_default();
    storage::save(RecentOrder {
        id: order.id.clone(),
        what,
        at: (js_sys::Date::now() / 1000.0) as i64,
        status: Some(order.state.as_str().to_string()),
        price: order.price.clone(),
    });
}

/// Shows the server-rendered parts of the state's phase (`data-phase`), hides the rest:
/// the payment details once paid, the sandbox's buttons for what can happen next.
fn show_phase(state: &OrderState) {
    let phase = super::phase_of(state);
    let Some(parts) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector_all("[data-phase]").ok())
    else {
        return;
    };
    for index in 0..parts.length() {
        let Some(part) = parts
            .item(index)
            .and_then(|node| node.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        let shown = part.get_attribute("data-phase").as_deref() == Some(phase);
        let _ = if shown {
            part.remove_attribute("hidden")
        } else {
            part.set_attribute("hidden", "")
        };
    }
}

pub fn start(live: Live) {
    remember_here(live);
    if live.order.with_untracked(|o| o.state.is_final()) {
        return;
    }
    let has_streams = web_sys::window()
        .is_some_and(|w| js_sys::Reflect::has(&w, &"EventSource".into()).unwrap_or(false));
    if has_streams {
        live.connect();
    } else {
        live.policy.set(ReconnectPolicy::without_streams());
        live.status.set(
            live.policy
                .with_untracked(|p| p.status_text(live.lang, None)),
        );
        live.poll_later();
    }
}
