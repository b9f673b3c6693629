//! `/orders/{order_id}`: the order, rendered on the server from upstream's answer (a reload,
//! a shared link and no JavaScript all work). While unpaid: the exact amount, the address,
//! the network in words, a QR code and the time left. Then its state, and the goods.

use super::not_found::NotFound;
use crate::{
    api::order::{load_order, OrderPageData},
    components::{
        copy_button::CopyButton, countdown::Countdown, error_panel::ErrorPanel,
        order_status::OrderStatusPanel,
    },
    domain::{
        money::{coin_amount_text, coin_display},
        payment_uri::PaymentLink,
        OrderState,
    },
    error::AppError,
};
use leptos::{either::EitherOf3, prelude::*};
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

#[component]
pub fn OrderPage() -> impl IntoView {
    let id = use_params_map()
        .get_untracked()
        .get("order_id")
        .unwrap_or_default();
    let page = Resource::new(|| (), move |_| load_order(id.clone()));
    view! {
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=|| view! { <p class="loading">"Loading your order…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(data) => EitherOf3::A(view! { <OrderView data/> }),
                    Err(AppError::NotFound(what)) => EitherOf3::B(view! { <NotFound what/> }),
                    Err(error) => EitherOf3::C(view! {
                        <ErrorPanel error heading="This order can't be shown right now"/>
                    }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn OrderView(data: OrderPageData) -> impl IntoView {
    let OrderPageData {
        order,
        link,
        qr_svg,
        token_contract,
        now,
        sandbox,
        again,
        live,
    } = data;
    let short_id: String = order.id.chars().take(8).collect();
    let seconds_left = order.payment_window_left(now);
    let id = order.id.clone();
    let is_final = order.state.is_final();
    let shop = crate::render::shop_info();
    let sandbox_panel =
        sandbox.then(|| view! { <SandboxPanel id=order.id.clone() state=order.state.clone()/> });
    let payment_panel = view! {
        <PaymentPanel order=order.clone() link qr_svg token_contract seconds_left/>
    };
    view! {
        <Title text=format!("Order {short_id}")/>
        // Without JavaScript the page asks again every 10 seconds until a final state.
        {(!is_final).then(|| view! { <noscript><meta http-equiv="refresh" content="10"/></noscript> })}
        <article class="order-page">
            <OrderStatusPanel order=live support=shop.support_href(Some(&id)) again>
                {payment_panel}
            </OrderStatusPanel>
            <section class="order-facts" aria-label="Order number">
                <p class="order-id">
                    "Order number: " <code class="selectable">{id.clone()}</code>
                    " "
                    <CopyButton text=id.clone() what="the order number".into()/>
                </p>
                {order.email.clone().map(|email| view! {
                    <p class="hint">"We'll email " {email} " about it. Keep this page's address to come back."</p>
                })}
                <p class="hint">
                    "Questions? " <a href=shop.support_href(Some(&id))>"Contact support"</a>
                    " · " <a href="/help">"Help"</a>
                </p>
                {(!is_final).then(|| view! {
                    <p><a href=format!("/orders/{id}")>"Refresh the status"</a></p>
                })}
            </section>
            {sandbox_panel}
        </article>
    }
}

/// What to send, where, on which network, and the time left; on a phone, in the order the
/// shopper needs them: the time and the wallet button first, then the amount and the
/// address, and the QR code for paying from another device.
#[component]
fn PaymentPanel(
    order: crate::domain::Order,
    link: PaymentLink,
    qr_svg: Option<String>,
    token_contract: Option<String>,
    seconds_left: i64,
) -> impl IntoView {
    let payment = &order.payment;
    let coin = payment.coin.clone();
    let network_words = payment
        .network
        .clone()
        .unwrap_or_else(|| "its own network".into());
    let send_only = format!("Send only {coin} on {network_words}");
    // After a part payment, everything here is about what is still due.
    let part_paid = payment.part_paid();
    let received = part_paid.map(|(received, _)| received);
    let due = part_paid.map_or(payment.amount, |(_, due)| due);
    let amount_text = coin_amount_text(due);
    let (amount_label, copy_what) = if received.is_some() {
        ("Send the remaining", "the remaining amount")
    } else {
        ("Send exactly", "the amount")
    };
    let part_paid = received.map(|got| {
        view! {
            <p class="notice" role="alert">
                {format!(
                    "We received {} of {} so far. Send the remaining {} to the same address before the time runs out.",
                    coin_display(got, &coin),
                    coin_display(payment.amount, &coin),
                    coin_display(due, &coin)
                )}
            </p>
        }
    });
    // A coupon's discount, as upstream priced the order.
    let discount = payment.original.and_then(|original| {
        let off = original
            .checked_sub(payment.amount)
            .filter(|off| *off > rust_decimal::Decimal::ZERO)?;
        Some(view! {
            <p class="discount">
                {format!(
                    "Your coupon took {} off: {} instead of {}.",
                    coin_display(off, &coin),
                    coin_display(payment.amount, &coin),
                    coin_display(original, &coin)
                )}
            </p>
        })
    });
    let bought = order
        .deliveries
        .iter()
        .map(crate::domain::order::Delivery::title)
        .filter(|text| !text.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let lightning = payment.is_lightning();
    let address = payment.wallet_address.clone();
    let address_label = if lightning {
        "Lightning invoice"
    } else {
        "To this address"
    };
    let open_in_wallet = match &link {
        PaymentLink::Uri(uri) => Some(view! {
            <p class="open-in-wallet"><a class="button primary" href=uri.clone()>"Open in wallet"</a></p>
        }),
        PaymentLink::Text(_) => None,
    };
    let contract = token_contract.map(|c| {
        view! {
            <details class="contract">
                <summary>{format!("Check the {coin} token (not an address to pay to)")}</summary>
                <p class="hint">
                    {format!("Your wallet should show {coin} with this token contract on {network_words}. Don't send coins to it: send them to the address above.")}
                </p>
                <p><code class="contract-address">{c}</code></p>
            </details>
        }
    });
    view! {
        <section class="payment-panel" aria-labelledby="pay-heading">
            <h2 id="pay-heading" class="visually-hidden">"Payment details"</h2>
            <p class="send-only"><strong>{send_only}</strong></p>
            // Rendered on the server with the time left now: without JavaScript it is what a
            // reload shows; with it, it counts down.
            <Countdown seconds_left/>
            {open_in_wallet}
            {part_paid}
            {discount}
            <dl class="pay-values">
                <dt>{amount_label}</dt>
                <dd>
                    <code class="selectable pay-amount" aria-label=format!("{amount_label}: {amount_text} {coin}")>{amount_text.clone()}</code>
                    " " <span class="coin">{coin.clone()}</span>
                    " " <CopyButton text=amount_text what=copy_what.into()/>
                </dd>
                {(!bought.is_empty()).then(|| view! {
                    <dt>"For"</dt>
                    <dd class="pay-for">{bought}</dd>
                })}
                <dt>{address_label}</dt>
                <dd>
                    <code class="selectable pay-address">{address.clone()}</code>
                    " " <CopyButton text=address what=if lightning { "the invoice".to_string() } else { "the address".to_string() }/>
                </dd>
            </dl>
            {qr_svg.map(|svg| view! {
                <figure class="qr">
                    <div role="img" aria-label="QR code with the payment details" inner_html=svg></div>
                    <figcaption class="hint">"Paying from another device? Scan this with its wallet app."</figcaption>
                </figure>
            })}
            {contract}
            <div class="pay-advice">
                <p>"You have 30 minutes from ordering to pay. When the time runs out the order expires: don't send coins after that."</p>
                <p>"Send the exact amount. Your wallet charges its own network fee on top; if your exchange deducts a withdrawal fee from what it sends, add it, or the payment arrives short and the order waits for the rest."</p>
                {(order.state == OrderState::PartialPaymentStarted).then(|| view! {
                    <p>"If the rest doesn't arrive in time, the amount received is refunded."</p>
                })}
            </div>
        </section>
    }
}

/// On the sandbox only: buttons that do what a wallet and the supplier would. Each phase's
/// buttons are in the page; the live status shows the ones for the order's state.
#[component]
fn SandboxPanel(id: String, state: OrderState) -> impl IntoView {
    let phases: [(&str, &[(&str, &str)]); 2] = [
        (
            "payment",
            &[
                ("pay", "Simulate payment"),
                ("start", "Payment seen, unconfirmed"),
                ("underpay", "Simulate underpayment"),
                ("expire", "Let it expire"),
                ("fail", "Make the payment fail"),
            ],
        ),
        (
            "delivery",
            &[
                ("deliver", "Deliver now"),
                ("hold", "Hold for review"),
                ("fail", "Make delivery fail"),
            ],
        ),
    ];
    let current = crate::components::order_status::phase_of(&state);
    view! {
        <aside class="sandbox-panel" aria-labelledby="sandbox-heading">
            <h2 id="sandbox-heading">"Sandbox"</h2>
            <p class="hint">"This shop runs on the sandbox: no real coins move. Push the order along:"</p>
            {phases
                .into_iter()
                .map(|(phase, actions)| view! {
                    <div class="sandbox-actions" data-phase=phase hidden=phase != current>
                        {actions
                            .iter()
                            .map(|(action, label)| view! {
                                <form method="post" action=format!("/orders/{id}/sandbox/{action}")>
                                    <button type="submit" class="button small">{*label}</button>
                                </form>
                            })
                            .collect_view()}
                    </div>
                })
                .collect_view()}
            <p class="hint" data-phase="final" hidden=current != "final">"This order is finished."</p>
        </aside>
    }
}
