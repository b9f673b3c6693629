//! An order's status as it moves, without reloading: the page listens to our event stream
//! (`/api/orders/{id}/subscribe`), reconnects with backoff, polls when the stream keeps
//! failing, and stops at a final state. The server renders every part; when the order moves
//! the page asks it for the parts again: the payment details hide once the payment is seen,
//! the goods appear when delivered.

#[cfg(feature = "hydrate")]
mod connection;
mod goods;
#[cfg(feature = "hydrate")]
mod parts;
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
/// The sandbox panel shows the buttons of the order's phase.
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

/// The order's status as the server sees it now: the heading, the state, the timeline, what
/// to do next, the payment details (`children`, shown while payment is awaited) and what the
/// order holds. `support` is where "contact support" points; `again` the brand page with
/// this order's choices, for ordering the same again (both in the page's language already).
///
/// Each part that a change of state can change is marked `data-live`: the page's island
/// (`OrderPageLive`) asks the server for the page again when the order moves and puts the
/// new parts in place of the old.
#[component]
pub fn OrderStatusPanel(
    order: OrderStatus,
    support: String,
    again: Option<String>,
    children: Children,
) -> impl IntoView {
    let lang = crate::render::lang();
    let t = OrderText(lang);
    let step = step_of(&order.state);
    let part_paid = order.state == OrderState::PartialPaymentStarted;
    let steps = steps(t)
        .into_iter()
        .enumerate()
        .map(|(index, name)| {
            let class = match step {
                Some(at) if index < at => "done",
                Some(at) if index == at && part_paid => "current attention",
                Some(at) if index == at => "current",
                _ => "",
            };
            let done = matches!(step, Some(at) if index < at);
            view! {
                <li class=class aria-current=(step == Some(index)).then_some("step")>
                    {name}
                    {done.then(|| view! { <span class="visually-hidden">" " {t.step_passed()}</span> })}
                </li>
            }
        })
        .collect_view();
    let what_next = next_step(lang, &order).map(|text| {
        let state = &order.state;
        // What to do next, with the way to do it: support for an expired or refunded order,
        // the same order again for one that failed.
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
        let again = again.filter(|_| offers_again);
        view! {
            <div class="notice next-step" role="alert">
                <p>{text}</p>
                <p class="next-step-actions">
                    {again.map(|href| view! { <a class="button primary" href=href>{t.order_again()}</a> })}
                    {needs_support.then(|| view! { <a class="button" href=support>{t.contact_support()}</a> })}
                </p>
            </div>
        }
    });
    let items = order
        .deliveries
        .iter()
        .cloned()
        .map(|delivery| view! { <BoughtItem delivery/> })
        .collect_view();
    view! {
        <header class="order-head">
            // Focused on arrival (keyboard and screen reader users start at the order, not at
            // the header's links). Its words change in place, so the focus stays.
            <h1 tabindex="-1" autofocus=true data-live="headline">{headline(lang, &order)}</h1>
            <p class="order-state">
                // A status region: when the order moves, its new state is said (the heading's
                // words change too, but a changed heading is not announced).
                {t.status()} " " <strong data-live="state" role="status">{order.state.label(lang).to_string()}</strong>
                // How the page is keeping up (live, reconnecting, polling): the island's words.
                " " <span class="connection hint needs-js" role="status" aria-live="polite"></span>
            </p>
            <ol class="timeline" aria-label=t.progress() data-live="timeline">{steps}</ol>
            <div data-live="next">{what_next}</div>
        </header>
        <div id="payment-details" data-live="payment" hidden=!order.state.awaits_payment()>
            {children()}
        </div>
        <section aria-labelledby="bought-heading" class="order-summary" data-live="items">
            <h2 id="bought-heading">{items_heading(lang, &order.state)}</h2>
            <ul class="bought">{items}</ul>
        </section>
    }
}

/// Makes the server's order page live: it follows the order (our event stream, with backoff
/// and polling) and, when it moves, asks the server for the page again and swaps in the
/// parts that changed (`connection`); it also ticks the countdown and answers the copy
/// buttons. It takes no props and draws nothing of its own, so its WASM is its handlers.
#[island(lazy)]
pub fn OrderPageLive(children: Children) -> impl IntoView {
    let lang = crate::render::lang();
    let root = NodeRef::<leptos::html::Div>::new();
    #[cfg(feature = "hydrate")]
    {
        let live = connection::Live::new(lang);
        Effect::new(move |_| {
            if let Some(root) = root.get() {
                live.start(&root);
            }
        });
        // Leaving the page (or the island going away) closes the stream.
        on_cleanup(move || live.close());
    }
    let clicked = move |event: leptos::ev::MouseEvent| {
        #[cfg(feature = "hydrate")]
        crate::components::copy_button::clicked(&event, OrderText(lang));
        #[cfg(not(feature = "hydrate"))]
        let _ = (event, lang);
    };
    view! {
        <div class="order-live" node_ref=root on:click=clicked>
            {children()}
        </div>
    }
}
