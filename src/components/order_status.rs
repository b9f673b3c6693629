//! An order's status as it moves, without reloading: the page listens to our event stream
//! (`/api/orders/{id}/subscribe`), reconnects with backoff, polls when the stream keeps
//! failing, and stops at a final state. The payment details (server-rendered children) hide
//! once the payment is seen; the goods appear when delivered.

use crate::{
    api::live::LiveOrder,
    components::{copy_button::CopyButton, rich_text::RichText},
    domain::{
        order::{Delivery, Goods},
        OrderState,
    },
};
use leptos::prelude::*;

/// The happy path's steps, in order.
const STEPS: &[&str] = &["Awaiting payment", "Payment seen", "Delivering", "Done"];

/// Which step of the happy path a state is at, or `None` when it left the path.
pub fn step_of(state: &OrderState) -> Option<usize> {
    Some(match state {
        OrderState::Created | OrderState::WaitingForPayment => 0,
        OrderState::PaymentStarted | OrderState::PartialPaymentStarted => 1,
        OrderState::PaymentReceived
        | OrderState::WaitingForDelivery
        | OrderState::WaitingForManualAction => 2,
        OrderState::Done => 3,
        _ => return None,
    })
}

/// What the shopper should know, and do, in a state off the happy path.
pub fn next_step(order: &LiveOrder) -> Option<String> {
    Some(match &order.state {
        OrderState::PartialPaymentStarted => match &order.due {
            Some(due) => format!("Part of the payment arrived. Send the remaining {due} to the same address before the time runs out."),
            None => "Part of the payment arrived. Send the rest to the same address before the time runs out.".into(),
        },
        OrderState::WaitingForManualAction => "Our team is checking this order. Nothing to do: it goes on by itself, usually within an hour.".into(),
        OrderState::Expired => "The payment window closed before the payment arrived. Don't send coins for this order. If you already did, contact support with the order number for a refund.".into(),
        OrderState::PaymentFailed | OrderState::PaymentSetupFailed => "The payment didn't go through. No goods were sent. Place a new order to try again.".into(),
        OrderState::Refunded => order.refund.clone().unwrap_or_else(|| "The order couldn't be delivered, so your payment was refunded.".into()),
        OrderState::Canceled => "This order was cancelled. Don't send coins for it.".into(),
        _ => return None,
    })
}

/// The browser side: the stream, the backoff and the polling fallback.
#[cfg(feature = "hydrate")]
mod live {
    use super::*;
    use crate::{
        api::live::poll_order,
        domain::live::{Channel, LivePolicy, POLL_EVERY},
    };
    use leptos::task::spawn_local;
    use wasm_bindgen::{closure::Closure, JsCast};
    use web_sys::{EventSource, MessageEvent};

    #[derive(Clone, Copy)]
    pub struct Live {
        pub order: RwSignal<LiveOrder>,
        pub policy: RwSignal<LivePolicy>,
        pub status: RwSignal<String>,
        pub source: StoredValue<Option<EventSource>, LocalStorage>,
    }

    impl Live {
        /// Applies an update when it is about this order; anything else is logged, not shown.
        fn accept(self, update: LiveOrder) {
            if update.id != self.order.with_untracked(|o| o.id.clone()) {
                leptos::logging::warn!("ignored an update about another order");
                return;
            }
            let is_final = update.state.is_final();
            hide_payment_when_paid(&update.state);
            self.order.set(update);
            self.policy.update(|p| p.on_message(is_final));
            self.status
                .set(self.policy.with_untracked(|p| p.status_text(None)));
            if is_final {
                self.close();
            }
        }

        pub fn close(self) {
            if let Some(source) = self.source.try_update_value(Option::take).flatten() {
                source.close();
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
                match serde_json::from_str::<LiveOrder>(&text) {
                    Ok(update) => self.accept(update),
                    Err(error) => {
                        leptos::logging::warn!("ignored an update that does not read: {error}")
                    }
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
            let _ =
                source.add_event_listener_with_callback("stop", on_stop.as_ref().unchecked_ref());
            source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
            // The closures live as long as the page: the source holds them.
            on_message.forget();
            on_stop.forget();
            on_error.forget();
            self.source.set_value(Some(source));
        }

        /// The stream failed: reconnect after the backoff, or poll.
        fn fail(self) {
            let wait = self
                .policy
                .try_update(|p| p.on_stream_error(js_sys::Math::random()))
                .flatten();
            self.status
                .set(self.policy.with_untracked(|p| p.status_text(wait)));
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
                    Err(_) => self.poll_later(),
                }
            });
        }
    }

    /// Adds the order to this device's recent orders.
    fn remember_here(live: Live) {
        use crate::components::recent_orders::{storage, RecentOrder};
        let order = live.order.get_untracked();
        let what = order
            .deliveries
            .first()
            .map(|d| {
                [d.brand_name.clone(), d.label.clone()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" · ")
            })
            .unwrap_or_else(|| "Order".into());
        storage::save(RecentOrder {
            id: order.id,
            what,
            at: (js_sys::Date::now() / 1000.0) as i64,
        });
    }

    fn hide_payment_when_paid(state: &OrderState) {
        if state.awaits_payment() {
            return;
        }
        let panel = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("payment-details"));
        if let Some(panel) = panel {
            let _ = panel.set_attribute("hidden", "");
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
            live.policy.set(LivePolicy::without_streams());
            live.status
                .set(live.policy.with_untracked(|p| p.status_text(None)));
            live.poll_later();
        }
    }
}

#[island(lazy)]
pub fn LiveStatus(order: LiveOrder, children: Children) -> impl IntoView {
    let order = RwSignal::new(order);
    let status = RwSignal::new(String::new());
    #[cfg(feature = "hydrate")]
    {
        let live = live::Live {
            order,
            policy: RwSignal::new(crate::domain::live::LivePolicy::default()),
            status,
            source: StoredValue::new_local(None),
        };
        Effect::new(move |_| live::start(live));
        // Leaving the page (or the island going away) closes the stream.
        on_cleanup(move || live.close());
    }
    let heading = move || {
        order.with(|o| {
            if o.state.awaits_payment() {
                "Pay for your order".to_string()
            } else {
                o.state.label().to_string()
            }
        })
    };
    let step = move || order.with(|o| step_of(&o.state));
    let steps = STEPS
        .iter()
        .enumerate()
        .map(|(index, name)| {
            let class = move || match step() {
                Some(at) if index < at => "done",
                Some(at) if index == at => "current",
                _ => "",
            };
            view! {
                <li class=class aria-current=move || (step() == Some(index)).then_some("step")>{*name}</li>
            }
        })
        .collect_view();
    view! {
        <header class="order-head">
            <h1>{heading}</h1>
            <p class="order-state">
                "Status: " <strong>{move || order.with(|o| o.state.label().to_string())}</strong>
                " " <span class="connection hint needs-js" role="status" aria-live="polite">{move || status.get()}</span>
            </p>
            <ol class="timeline" aria-label="Progress">{steps}</ol>
            {move || order.with(next_step).map(|text| view! { <p class="notice" role="alert">{text}</p> })}
        </header>
        <div id="payment-details" hidden=order.with_untracked(|o| !o.state.awaits_payment())>
            {children()}
        </div>
        <section aria-labelledby="bought-heading" class="order-summary">
            <h2 id="bought-heading">"What you're buying"</h2>
            <ul class="bought">
                {move || order.with(|o| o.deliveries.clone()).into_iter().map(|d| view! { <BoughtItem delivery=d/> }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn BoughtItem(delivery: Delivery) -> impl IntoView {
    let title = [delivery.brand_name.clone(), delivery.label.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    view! {
        <li>
            <strong>{title}</strong>
            {delivery.beneficiary.clone().map(|to| view! { <span class="hint">" for " {to}</span> })}
            {delivery.goods.clone().map(|goods| view! { <GoodsView goods/> })}
            {delivery.failure.clone().map(|why| view! { <p class="notice">{why}</p> })}
        </li>
    }
}

/// The code and how to use it, once delivered.
#[component]
fn GoodsView(goods: Goods) -> impl IntoView {
    view! {
        <div class="goods">
            {goods.code.clone().map(|code| view! {
                <p>
                    "Your code: " <code class="selectable goods-code">{code.clone()}</code>
                    " " <CopyButton text=code what="the code".into()/>
                </p>
            })}
            {goods.redeem_url.clone().map(|url| view! {
                <p><a class="button" href=url rel="noopener noreferrer" target="_blank">"Redeem now"</a></p>
            })}
            {goods.serial.clone().map(|serial| view! { <p>"Serial: " <code class="selectable">{serial}</code></p> })}
            {goods.security_code.clone().map(|pin| view! { <p>"PIN: " <code class="selectable">{pin}</code></p> })}
            {goods.operator_reference.clone().map(|r| view! { <p>"Operator reference: " <code class="selectable">{r}</code></p> })}
            {goods.qr_image_url.clone().map(|src| view! {
                <img class="qr" src=src alt="eSIM activation QR code" width="232" height="232"/>
            })}
            {goods.barcode_image_url.clone().map(|src| view! { <img src=src alt="Barcode of the code" loading="lazy"/> })}
            {goods.redeem_instructions.clone().map(|html| view! { <RichText html/> })}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_sit_on_the_timeline_or_say_what_to_do() {
        assert_eq!(step_of(&OrderState::WaitingForPayment), Some(0));
        assert_eq!(step_of(&OrderState::WaitingForDelivery), Some(2));
        assert_eq!(step_of(&OrderState::Done), Some(3));
        assert_eq!(step_of(&OrderState::Expired), None);
        let mut order = LiveOrder {
            id: "o".into(),
            state: OrderState::PartialPaymentStarted,
            received: Some("12.76 USDC".into()),
            due: Some("12.77 USDC".into()),
            deliveries: Vec::new(),
            refund: None,
        };
        assert!(next_step(&order).is_some_and(|t| t.contains("12.77 USDC")));
        for state in [
            OrderState::Expired,
            OrderState::PaymentFailed,
            OrderState::Refunded,
            OrderState::WaitingForManualAction,
            OrderState::Canceled,
        ] {
            order.state = state.clone();
            assert!(next_step(&order).is_some(), "{state:?}");
        }
        order.state = OrderState::Done;
        assert_eq!(next_step(&order), None);
    }
}
