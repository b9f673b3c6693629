//! An order's status as it moves, without reloading: the page listens to our event stream
//! (`/api/orders/{id}/subscribe`), reconnects with backoff, polls when the stream keeps
//! failing, and stops at a final state. The payment details (server-rendered children) hide
//! once the payment is seen; the goods appear when delivered.

use crate::{
    api::live::LiveOrder,
    components::{copy_button::CopyButton, rich_text::RichText},
    domain::{
        order::{Delivery, Goods},
        OrderState, ProductKind,
    },
};
use leptos::prelude::*;

/// The happy path's steps, in order.
const STEPS: &[&str] = &["Awaiting payment", "Payment received", "Delivering", "Done"];

/// Which step of the happy path a state is at, or `None` when it left the path. A part
/// payment is still awaiting payment (the rest): it never lights "Payment received".
pub fn step_of(state: &OrderState) -> Option<usize> {
    Some(match state {
        OrderState::Created | OrderState::WaitingForPayment | OrderState::PartialPaymentStarted => {
            0
        }
        OrderState::PaymentStarted | OrderState::PaymentReceived => 1,
        OrderState::WaitingForDelivery | OrderState::WaitingForManualAction => 2,
        OrderState::Done => 3,
        _ => return None,
    })
}

/// Which part of the page applies to a state: paying, waiting for delivery, or finished.
/// Server-rendered parts marked `data-phase` show only in their phase.
pub fn phase_of(state: &OrderState) -> &'static str {
    if state.awaits_payment() {
        "payment"
    } else if state.is_final() {
        "final"
    } else {
        "delivery"
    }
}

/// The page's main heading for a state.
fn headline(order: &LiveOrder) -> String {
    let kind = order.deliveries.first().map(|d| &d.kind);
    match &order.state {
        OrderState::PartialPaymentStarted => "Part of your payment arrived".into(),
        state if state.awaits_payment() => "Pay for your order".into(),
        OrderState::Done => match kind {
            Some(ProductKind::MobileTopUp) => "Your top-up is done".into(),
            Some(ProductKind::Esim) => "Your eSIM is ready".into(),
            _ => "Your code is ready".into(),
        },
        state => state.label().to_string(),
    }
}

/// The heading over what the order holds: present while it is on its way, past once it
/// is delivered, neutral when it ended without delivering.
fn items_heading(state: &OrderState) -> &'static str {
    match state {
        OrderState::Done => "What you bought",
        state if state.awaits_payment() => "What you're buying",
        state if state.is_final() => "What this order was for",
        _ => "What you bought",
    }
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
        OrderState::PaymentFailed | OrderState::PaymentSetupFailed => "The payment didn't go through. No goods were sent. You can order the same again.".into(),
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
    use std::time::Duration;
    use wasm_bindgen::{closure::Closure, JsCast};
    use web_sys::{EventSource, MessageEvent};

    #[derive(Clone, Copy)]
    pub struct Live {
        pub order: RwSignal<LiveOrder>,
        pub policy: RwSignal<LivePolicy>,
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
        fn accept(self, mut update: LiveOrder) {
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
            self.status
                .set(self.policy.with_untracked(|p| p.status_text(None)));
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
                match serde_json::from_str::<LiveOrder>(&text) {
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
                    self.status.set(format!(
                        "Reconnecting to the supplier; checking every {} s",
                        POLL_EVERY.as_secs()
                    ));
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
            let _ =
                source.add_event_listener_with_callback("stop", on_stop.as_ref().unchecked_ref());
            let _ =
                source.add_event_listener_with_callback("lost", on_lost.as_ref().unchecked_ref());
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
                    // Upstream knows no such order: asking again won't change that.
                    Err(crate::error::AppError::NotFound(_)) => {
                        self.policy.update(|p| p.on_poll_answer(true));
                        self.status.set("No such order".into());
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
            .map(Delivery::title)
            .unwrap_or_else(|| "Order".into());
        storage::save(RecentOrder {
            id: order.id.clone(),
            what,
            at: (js_sys::Date::now() / 1000.0) as i64,
            status: Some(order.state.label().to_string()),
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
            live.policy.set(LivePolicy::without_streams());
            live.status
                .set(live.policy.with_untracked(|p| p.status_text(None)));
            live.poll_later();
        }
    }
}

/// `support` is where "contact support" points; `again` the brand page with this order's
/// choices, for ordering the same again.
#[island(lazy)]
pub fn LiveStatus(
    order: LiveOrder,
    support: String,
    again: Option<String>,
    children: Children,
) -> impl IntoView {
    let order = RwSignal::new(order);
    let status = RwSignal::new(String::new());
    #[cfg(feature = "hydrate")]
    {
        let live = live::Live {
            order,
            policy: RwSignal::new(crate::domain::live::LivePolicy::default()),
            status,
            stream: StoredValue::new_local(None),
            upstream_lost: RwSignal::new(false),
        };
        Effect::new(move |_| live::start(live));
        // Leaving the page (or the island going away) closes the stream.
        on_cleanup(move || live.close());
    }
    let step = move || order.with(|o| step_of(&o.state));
    let part_paid = move || order.with(|o| o.state == OrderState::PartialPaymentStarted);
    let steps = STEPS
        .iter()
        .enumerate()
        .map(|(index, name)| {
            let class = move || match step() {
                Some(at) if index < at => "done",
                Some(at) if index == at && part_paid() => "current attention",
                Some(at) if index == at => "current",
                _ => "",
            };
            let done = move || matches!(step(), Some(at) if index < at);
            view! {
                <li class=class aria-current=move || (step() == Some(index)).then_some("step")>
                    {*name}
                    {move || done().then(|| view! { <span class="visually-hidden">" (done)"</span> })}
                </li>
            }
        })
        .collect_view();
    // What to do next, with the way to do it: support for an expired or refunded order, the
    // same order again for one that failed.
    let what_next = move || {
        let (text, state) = order.with(|o| (next_step(o), o.state.clone()));
        let text = text?;
        let offers_again = matches!(
            state,
            OrderState::Expired
                | OrderState::PaymentFailed
                | OrderState::PaymentSetupFailed
                | OrderState::Canceled
        );
        let needs_support = matches!(
            state,
            OrderState::Expired | OrderState::Refunded | OrderState::WaitingForManualAction
        );
        let again = again.clone().filter(|_| offers_again);
        let support = support.clone();
        Some(view! {
            <div class="notice next-step" role="alert">
                <p>{text}</p>
                <p class="next-step-actions">
                    {again.map(|href| view! { <a class="button primary" href=href>"Order the same again"</a> })}
                    {needs_support.then(|| view! { <a class="button" href=support>"Contact support"</a> })}
                </p>
            </div>
        })
    };
    view! {
        <header class="order-head">
            // Focused on arrival (keyboard and screen reader users start at the order, not at
            // the header's links).
            <h1 tabindex="-1" autofocus=true>{move || order.with(headline)}</h1>
            <p class="order-state">
                "Status: " <strong>{move || order.with(|o| o.state.label().to_string())}</strong>
                " " <span class="connection hint needs-js" role="status" aria-live="polite">{move || status.get()}</span>
            </p>
            <ol class="timeline" aria-label="Progress">{steps}</ol>
            {what_next}
        </header>
        <div id="payment-details" data-phase="payment" hidden=order.with_untracked(|o| !o.state.awaits_payment())>
            {children()}
        </div>
        <section aria-labelledby="bought-heading" class="order-summary">
            <h2 id="bought-heading">{move || order.with(|o| items_heading(&o.state))}</h2>
            <ul class="bought">
                {move || order.with(|o| o.deliveries.clone()).into_iter().map(|d| view! { <BoughtItem delivery=d/> }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn BoughtItem(delivery: Delivery) -> impl IntoView {
    let title = delivery.title();
    let kind = delivery.kind.clone();
    let to = delivery.beneficiary.clone();
    view! {
        <li>
            <strong>{title}</strong>
            {to.clone().map(|to| view! { <span class="hint">" for " {to}</span> })}
            {delivery.goods.clone().map(|goods| view! { <GoodsView goods kind=kind.clone() to/> })}
            {delivery.failure.clone().map(|why| view! { <p class="notice">{why}</p> })}
        </li>
    }
}

/// Apple's link that installs an eSIM on the iPhone it is opened on (iOS 17.4 and later),
/// from its activation code (`LPA:1$…`).
fn esim_install_link(activation: &str) -> Option<String> {
    activation.starts_with("LPA:").then(|| {
        let encoded: String = activation
            .bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                    (b as char).to_string()
                }
                other => format!("%{other:02X}"),
            })
            .collect();
        format!("https://esimsetup.apple.com/esim_qrcode_provisioning?carddata={encoded}")
    })
}

/// The goods, once delivered, as the kind needs them: a card's code large with what to do
/// with it, an eSIM's install link, QR code and activation code, a top-up's confirmation.
#[component]
fn GoodsView(goods: Goods, kind: ProductKind, to: Option<String>) -> impl IntoView {
    let esim = kind == ProductKind::Esim;
    let top_up = kind == ProductKind::MobileTopUp;
    let code_label = if esim { "Activation code" } else { "Your code" };
    let install = goods
        .code
        .as_deref()
        .filter(|_| esim)
        .and_then(esim_install_link);
    view! {
        <div class="goods">
            {top_up.then(|| view! {
                <p class="goods-note">
                    {format!("The credit went to {}. There is no code to enter: it is on the phone already.", to.clone().unwrap_or_else(|| "the phone".into()))}
                </p>
            })}
            {install.map(|href| view! {
                <p><a class="button primary" href=href rel="noopener noreferrer">"Install on this iPhone"</a></p>
                <p class="hint">"On another phone, scan the QR code below from it, or enter the activation code in its eSIM settings (Settings › SIM or Connections › Add eSIM)."</p>
            })}
            {goods.code.clone().map(|code| view! {
                <p class="goods-code-line">
                    <span class="goods-code-label">{code_label}</span>
                    <code class="selectable goods-code">{code.clone()}</code>
                    <CopyButton text=code what="the code".into()/>
                </p>
            })}
            {goods.redeem_url.clone().map(|url| view! {
                <p><a class="button primary" href=url rel="noopener noreferrer" target="_blank">"Redeem now"</a></p>
            })}
            {goods.serial.clone().map(|serial| view! {
                <p>"Serial: " <code class="selectable">{serial.clone()}</code> " "
                   <CopyButton text=serial what="the serial number".into()/></p>
            })}
            {goods.security_code.clone().map(|pin| view! {
                <p>"PIN: " <code class="selectable">{pin.clone()}</code> " "
                   <CopyButton text=pin what="the PIN".into()/></p>
            })}
            {goods.operator_reference.clone().map(|r| view! { <p>"Operator reference: " <code class="selectable">{r}</code></p> })}
            {match (goods.activation_qr_svg.clone(), goods.qr_image_url.clone()) {
                (Some(svg), _) => Some(view! {
                    <figure class="qr"><div role="img" aria-label="eSIM activation QR code" inner_html=svg></div></figure>
                }.into_any()),
                (None, Some(src)) => Some(view! {
                    <img class="qr" src=src alt="eSIM activation QR code" width="232" height="232"/>
                }.into_any()),
                (None, None) => None,
            }}
            {goods.barcode_image_url.clone().map(|src| view! { <img src=src alt="Barcode of the code" loading="lazy"/> })}
            {(!top_up && !esim && goods.redeem_instructions.is_none()).then(|| view! {
                <p class="hint">"Enter the code where the brand asks for a gift card or a voucher when you pay. It was emailed to you too."</p>
            })}
            {goods.redeem_instructions.clone().map(|html| view! {
                <h3>"How to redeem"</h3>
                <RichText html/>
            })}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_esim_installs_from_its_activation_code() {
        assert_eq!(
            esim_install_link("LPA:1$smdp.example$ABC-123").as_deref(),
            Some("https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=LPA%3A1%24smdp.example%24ABC-123")
        );
        assert_eq!(esim_install_link("4GYY-77HK"), None);
    }

    #[test]
    fn a_part_payment_is_not_a_payment_received() {
        assert_eq!(step_of(&OrderState::PartialPaymentStarted), Some(0));
        assert_eq!(step_of(&OrderState::PaymentReceived), Some(1));
        assert_eq!(phase_of(&OrderState::PartialPaymentStarted), "payment");
        assert_eq!(phase_of(&OrderState::WaitingForDelivery), "delivery");
        assert_eq!(phase_of(&OrderState::Done), "final");
        assert_eq!(
            items_heading(&OrderState::Expired),
            "What this order was for"
        );
        assert_eq!(
            items_heading(&OrderState::WaitingForPayment),
            "What you're buying"
        );
    }

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
            price: None,
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
