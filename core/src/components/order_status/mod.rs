//! An order's status as it moves, without reloading: the page listens to our event stream
//! (`/api/orders/{id}/subscribe`), reconnects with backoff, polls when the stream keeps
//! failing, and stops at a final state. The payment details (server-rendered children) hide
//! once the payment is seen; the goods appear when delivered.

#[cfg(feature = "hydrate")]
mod connection;
mod goods;
#[cfg(test)]
mod tests;

use crate::{
    domain::{order_status::OrderStatus, OrderState, ProductKind},
    i18n::{words::OrderText, Lang},
};
use goods::BoughtItem;
use leptos::prelude::*;

/// The happy path's steps, in order.
fn steps(t: OrderText) -> [&'static str; 4] {
    [
        t.step_awaiting_payment(),
        t.step_payment_received(),
        t.step_delivering(),
        t.state_done(),
    ]
}

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
fn headline(lang: Lang, order: &OrderStatus) -> String {
    let t = OrderText(lang);
    let kind = order.deliveries.first().map(|d| &d.kind);
    match &order.state {
        OrderState::PartialPaymentStarted => t.headline_part_paid().into(),
        state if state.awaits_payment() => t.headline_pay().into(),
        OrderState::Done => match kind {
            Some(ProductKind::MobileTopUp) => t.headline_top_up_done().into(),
            Some(ProductKind::Esim) => t.headline_esim_ready().into(),
            _ => t.headline_code_ready().into(),
        },
        state => state.label(lang).to_string(),
    }
}

/// The heading over what the order holds: present while it is on its way, past once it
/// is delivered, neutral when it ended without delivering.
fn items_heading(lang: Lang, state: &OrderState) -> &'static str {
    let t = OrderText(lang);
    match state {
        OrderState::Done => t.items_bought(),
        state if state.awaits_payment() => t.items_buying(),
        state if state.is_final() => t.items_ended(),
        _ => t.items_bought(),
    }
}

/// What the shopper should know, and do, in a state off the happy path.
pub fn next_step(lang: Lang, order: &OrderStatus) -> Option<String> {
    let t = OrderText(lang);
    Some(match &order.state {
        OrderState::PartialPaymentStarted => match &order.due {
            Some(due) => t.next_part_paid(due),
            None => t.next_part_paid_rest().into(),
        },
        OrderState::WaitingForManualAction => t.next_manual_check().into(),
        OrderState::Expired => t.next_expired().into(),
        OrderState::PaymentFailed | OrderState::PaymentSetupFailed => {
            t.next_payment_failed().into()
        }
        OrderState::Refunded => order
            .refund
            .as_ref()
            .map_or_else(|| t.next_refunded().into(), |note| note.text(lang)),
        OrderState::Canceled => t.next_canceled().into(),
        _ => return None,
    })
}

/// `support` is where "contact support" points; `again` the brand page with this order's
/// choices, for ordering the same again (both in the page's language already).
#[island(lazy)]
pub fn OrderStatusPanel(
    order: OrderStatus,
    support: String,
    again: Option<String>,
    children: Children,
) -> impl IntoView {
    let lang = crate::render::lang();
    let t = OrderText(lang);
    let order = RwSignal::new(order);
    let status = RwSignal::new(String::new());
    #[cfg(feature = "hydrate")]
    {
        let live = connection::Live {
            lang,
            order,
            policy: RwSignal::new(
                crate::domain::order_status::reconnect::ReconnectPolicy::default(),
            ),
            status,
            stream: StoredValue::new_local(None),
            upstream_lost: RwSignal::new(false),
        };
        Effect::new(move |_| connection::start(live));
        // Leaving the page (or the island going away) closes the stream.
        on_cleanup(move || live.close());
    }
    let step = move || order.with(|o| step_of(&o.state));
    let part_paid = move || order.with(|o| o.state == OrderState::PartialPaymentStarted);
    let steps = steps(t)
        .into_iter()
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
                    {name}
                    {move || done().then(|| view! { <span class="visually-hidden">" " {t.step_passed()}</span> })}
                </li>
            }
        })
        .collect_view();
    // What to do next, with the way to do it: support for an expired or refunded order, the
    // same order again for one that failed.
    let what_next = move || {
        let (text, state) = order.with(|o| (next_step(lang, o), o.state.clone()));
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
                    {again.map(|href| view! { <a class="button primary" href=href>{t.order_again()}</a> })}
                    {needs_support.then(|| view! { <a class="button" href=support>{t.contact_support()}</a> })}
                </p>
            </div>
        })
    };
    view! {
        <header class="order-head">
            // Focused on arrival (keyboard and screen reader users start at the order, not at
            // the header's links).
            <h1 tabindex="-1" autofocus=true>{move || order.with(|o| headline(lang, o))}</h1>
            <p class="order-state">
                {t.status()} " " <strong>{move || order.with(|o| o.state.label(lang).to_string())}</strong>
                " " <span
                    class="connection hint needs-js"
                    // The dot only beside words: an empty status renders as a space.
                    class:connection-on=move || !status.read().trim().is_empty()
                    role="status"
                    aria-live="polite"
                >
                    {move || status.get()}
                </span>
            </p>
            <ol class="timeline" aria-label=t.progress()>{steps}</ol>
            {what_next}
        </header>
        <div id="payment-details" data-phase="payment" hidden=order.with_untracked(|o| !o.state.awaits_payment())>
            {children()}
        </div>
        <section aria-labelledby="bought-heading" class="order-summary">
            <h2 id="bought-heading">{move || order.with(|o| items_heading(lang, &o.state))}</h2>
            <ul class="bought">
                {move || order.with(|o| o.deliveries.clone()).into_iter().map(|d| view! { <BoughtItem delivery=d/> }).collect_view()}
            </ul>
        </section>
    }
}
