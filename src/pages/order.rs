//! `/orders/{order_id}`: the order, rendered on the server from upstream's answer (a reload,
//! a shared link and no JavaScript all work). While unpaid: the exact amount, the address,
//! the network in words, a QR code and the time left. Then its state, and the goods.

use super::not_found::NotFound;
use crate::{
    api::{
        live::LiveOrder,
        orders::{load_order, OrderPageData},
    },
    components::{
        copy_button::CopyButton, countdown::Countdown, error_panel::ErrorPanel,
        order_status::LiveStatus,
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
    } = data;
    let short_id: String = order.id.chars().take(8).collect();
    let seconds_left = order.payment_window_left(now);
    let id = order.id.clone();
    let live = LiveOrder::of(&order);
    let is_final = order.state.is_final();
    let sandbox_panel =
        sandbox.then(|| view! { <SandboxPanel id=order.id.clone() state=order.state.clone()/> });
    let payment_panel = view! {
        <PaymentPanel
            order_state=order.state.clone()
            amount=order.payment.amount
            received=order.payment.received
            coin=order.payment.coin.clone()
            network=order.payment.network.clone()
            address=order.payment.wallet_address.clone()
            lightning=order.payment.is_lightning()
            link
            qr_svg
            token_contract
            seconds_left
        />
    };
    view! {
        <Title text=format!("Order {short_id}")/>
        // Without JavaScript the page asks again every 10 seconds until a final state.
        {(!is_final).then(|| view! { <noscript><meta http-equiv="refresh" content="10"/></noscript> })}
        <article class="order-page">
            <LiveStatus order=live>{payment_panel}</LiveStatus>
            <section class="order-facts" aria-label="Order number">
                <p class="order-id">
                    "Order number: " <code class="selectable">{id.clone()}</code>
                    " "
                    <CopyButton text=id.clone() what="the order number".into()/>
                </p>
                {order.email.clone().map(|email| view! {
                    <p class="hint">"We'll email " {email} " about it. Keep this page's address to come back."</p>
                })}
                {(!is_final).then(|| view! {
                    <p><a href=format!("/orders/{id}")>"Refresh the status"</a></p>
                })}
            </section>
            {sandbox_panel}
        </article>
    }
}

/// The exact amount, where to send it, on which network, the QR code and the time left.
#[component]
fn PaymentPanel(
    order_state: OrderState,
    amount: rust_decimal::Decimal,
    received: Option<rust_decimal::Decimal>,
    coin: String,
    network: Option<String>,
    address: String,
    lightning: bool,
    link: PaymentLink,
    qr_svg: Option<String>,
    token_contract: Option<String>,
    seconds_left: i64,
) -> impl IntoView {
    let network_words = network.clone().unwrap_or_else(|| "its own network".into());
    let send_only = format!("Send only {coin} on {network_words}");
    let contract = token_contract.map(|c| {
        view! {
            <p class="hint contract">
                {format!("{coin} token contract on {network_words}: ")}
                <code class="selectable">{c}</code>
            </p>
        }
    });
    let amount_text = coin_amount_text(amount);
    let due = received.map(|got| {
        let owed = (amount - got).max(rust_decimal::Decimal::ZERO);
        view! {
            <p class="notice" role="alert">
                {format!(
                    "We received {} so far. Send the remaining {} to the same address before the time runs out.",
                    coin_display(got, &coin),
                    coin_display(owed, &coin)
                )}
            </p>
        }
    });
    let address_label = if lightning {
        "Lightning invoice"
    } else {
        "To this address"
    };
    let open_in_wallet = match &link {
        PaymentLink::Uri(uri) => Some(view! {
            <p><a class="button primary" href=uri.clone()>"Open in wallet"</a></p>
        }),
        PaymentLink::Text(_) => None,
    };
    view! {
        <section class="payment-panel" aria-labelledby="pay-heading">
            <h2 id="pay-heading" class="visually-hidden">"Payment details"</h2>
            <p class="send-only"><strong>{send_only}</strong></p>
            {contract}
            {due}
            <dl class="pay-values">
                <dt>"Send exactly"</dt>
                <dd>
                    <code class="selectable pay-amount">{amount_text.clone()}</code>
                    " " <span class="coin">{coin.clone()}</span>
                    " " <CopyButton text=amount_text what="the amount".into()/>
                </dd>
                <dt>{address_label}</dt>
                <dd>
                    <code class="selectable pay-address">{address.clone()}</code>
                    " " <CopyButton text=address what="the address".into()/>
                </dd>
            </dl>
            {qr_svg.map(|svg| view! {
                <figure class="qr">
                    <div role="img" aria-label="QR code with the payment details" inner_html=svg></div>
                    <figcaption class="hint">"Scan with your wallet app."</figcaption>
                </figure>
            })}
            {open_in_wallet}
            // Rendered on the server with the time left now: without JavaScript it is what a
            // reload shows; with it, it counts down.
            <Countdown seconds_left/>
            <div class="pay-advice">
                <p>"You have 30 minutes from ordering to pay. When the time runs out the order expires: don't send coins after that."</p>
                <p>"Send the exact amount. If your exchange or wallet deducts a withdrawal fee, add it, or the payment arrives short and the order waits for the rest."</p>
                {(order_state == OrderState::PartialPaymentStarted).then(|| view! {
                    <p>"If the rest doesn't arrive in time, the amount received is refunded."</p>
                })}
            </div>
        </section>
    }
}

/// On the sandbox only: buttons that do what a wallet and the supplier would.
#[component]
fn SandboxPanel(id: String, state: OrderState) -> impl IntoView {
    let actions: &[(&str, &str)] = if state.awaits_payment() {
        &[
            ("pay", "Simulate payment"),
            ("underpay", "Simulate underpayment"),
            ("expire", "Let it expire"),
            ("fail", "Make the payment fail"),
        ]
    } else if state.is_final() {
        &[]
    } else {
        &[("deliver", "Deliver now"), ("fail", "Make delivery fail")]
    };
    view! {
        <aside class="sandbox-panel" aria-labelledby="sandbox-heading">
            <h2 id="sandbox-heading">"Sandbox"</h2>
            <p class="hint">"This shop runs on the sandbox: no real coins move. Push the order along:"</p>
            <div class="sandbox-actions">
                {actions
                    .iter()
                    .map(|(action, label)| view! {
                        <form method="post" action=format!("/orders/{id}/sandbox/{action}")>
                            <button type="submit" class="button small">{*label}</button>
                        </form>
                    })
                    .collect_view()}
                {state.is_final().then(|| view! { <p class="hint">"This order is finished."</p> })}
            </div>
        </aside>
    }
}
