//! `/orders/{order_id}`: the order, rendered on the server from upstream's answer (a reload,
//! a shared link and no JavaScript all work). While unpaid: the exact amount, the address,
//! the network in words, a QR code and the time left. Then its state, and the goods.

use super::not_found::NotFound;
use crate::{
    api::order::{load_order, OrderPageData},
    components::{
        copy_button::CopyButton,
        countdown::Countdown,
        error_panel::ErrorPanel,
        order_status::{OrderPageLive, OrderStatusPanel},
    },
    domain::{
        money::{coin_amount_text, coin_display},
        payment_uri::PaymentLink,
        OrderState,
    },
    error::AppError,
    i18n::{
        words::{CommonText, OrderText, SandboxText},
        Lang,
    },
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
    let t = OrderText(crate::render::lang());
    view! {
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=move || view! { <p class="loading">{t.loading()}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(data) => EitherOf3::A(view! { <OrderView data/> }),
                    Err(AppError::NotFound(_)) => EitherOf3::B(view! { <NotFound what=t.that_order()/> }),
                    Err(error) => EitherOf3::C(view! {
                        <ErrorPanel error heading=t.cannot_show()/>
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
    let lang = crate::render::lang();
    let t = OrderText(lang);
    let short_id: String = order.id.chars().take(8).collect();
    let seconds_left = order.payment_window_left(now);
    let id = order.id.clone();
    let is_final = order.state.is_final();
    let shop = crate::render::shop_info();
    let support = shop.support_href(lang, Some(&id));
    let support_link = support.clone();
    let again = again.map(|href| in_lang(lang, href));
    let sandbox_panel =
        sandbox.then(|| view! { <SandboxPanel id=order.id.clone() state=order.state.clone()/> });
    let payment_panel = view! {
        <PaymentPanel order=order.clone() link qr_svg token_contract seconds_left/>
    };
    // What the island reads off the page: the order, where it stands, and what this
    // device's list of orders says about it ("Amazon.com · $25.00", "25.53 USDC").
    let revision = live.revision();
    let state = live.state.as_str().to_string();
    let what = live
        .deliveries
        .first()
        .map(|delivery| delivery.title(lang))
        .unwrap_or_default();
    let price = live.price.clone();
    view! {
        <Title text=t.title(&short_id)/>
        // Without JavaScript the page asks again every 10 seconds until a final state.
        {(!is_final).then(|| view! { <noscript><meta http-equiv="refresh" content="10"/></noscript> })}
        <OrderPageLive>
        <article
            class="order-page"
            data-order=id.clone()
            data-revision=revision
            data-state=state
            data-final=is_final
            data-what=what
            data-price=price
        >
            <OrderStatusPanel order=live support again>
                {payment_panel}
            </OrderStatusPanel>
            <section class="order-facts" aria-label=t.order_number()>
                <p class="order-id">
                    {t.order_number_is()} " " <code class="selectable">{id.clone()}</code>
                    " "
                    <CopyButton text=id.clone() what=t.copy_order_number().into()/>
                </p>
                {order.email.clone().map(|email| view! {
                    <p class="hint">{t.will_email(&email)}</p>
                })}
                <p class="hint">
                    {t.questions()} " " <a href=support_link>{t.contact_support()}</a>
                    " · " <a href=lang.href("/help")>{CommonText(lang).help()}</a>
                </p>
                {(!is_final).then(|| view! {
                    <p><a href=lang.href(&format!("/orders/{id}"))>{t.refresh_status()}</a></p>
                })}
            </section>
            {sandbox_panel}
        </article>
        </OrderPageLive>
    }
}

/// `href`, one of the shop's own paths, in the page's language, and only once: it may come
/// in the language already.
fn in_lang(lang: Lang, href: String) -> String {
    if Lang::of_path(&href) == lang {
        href
    } else {
        lang.href(&href)
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
    let lang = crate::render::lang();
    let t = OrderText(lang);
    let payment = &order.payment;
    let coin = payment.coin.clone();
    let network_words = payment.network.as_deref().map_or_else(
        || t.own_network().to_string(),
        |network| t.on_network(network),
    );
    let send_only = t.send_only(&coin, &network_words);
    // After a part payment, everything here is about what is still due.
    let part_paid = payment.part_paid();
    let received = part_paid.map(|(received, _)| received);
    let due = part_paid.map_or(payment.amount, |(_, due)| due);
    let amount_text = coin_amount_text(due);
    let (amount_label, copy_what) = if received.is_some() {
        (t.send_remaining(), t.copy_remaining())
    } else {
        (t.send_exactly(), t.copy_amount())
    };
    let part_paid = received.map(|got| {
        view! {
            // Not an alert: the next step's notice above says the same, and says it once.
            <p class="notice">
                {t.received_so_far(
                    &coin_display(got, &coin),
                    &coin_display(payment.amount, &coin),
                    &coin_display(due, &coin),
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
                {t.coupon_took(
                    &coin_display(off, &coin),
                    &coin_display(payment.amount, &coin),
                    &coin_display(original, &coin),
                )}
            </p>
        })
    });
    let bought = order
        .deliveries
        .iter()
        .map(|delivery| delivery.title(lang))
        .filter(|text| !text.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let lightning = payment.is_lightning();
    let address = payment.wallet_address.clone();
    let (address_label, copy_address) = if lightning {
        (t.lightning_invoice(), t.copy_invoice())
    } else {
        (t.to_this_address(), t.copy_address())
    };
    let open_in_wallet = match &link {
        // Gone when the time is up (here, and in the browser when the countdown reaches
        // zero): one tap would send coins the page now says not to send.
        PaymentLink::Uri(uri) => Some(view! {
            <p class="open-in-wallet" data-until-time-up="" hidden=seconds_left <= 0>
                <a class="button primary" href=uri.clone()>{t.open_in_wallet()}</a>
            </p>
        }),
        PaymentLink::Text(_) => None,
    };
    let contract = token_contract.map(|c| {
        view! {
            <details class="contract">
                <summary>{t.check_token(&coin)}</summary>
                <p class="hint">{t.token_hint(&coin, &network_words)}</p>
                <p><code class="contract-address">{c}</code></p>
            </details>
        }
    });
    view! {
        <section class="payment-panel" aria-labelledby="pay-heading">
            <h2 id="pay-heading" class="visually-hidden">{t.payment_details()}</h2>
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
                    " " <CopyButton text=amount_text what=copy_what.to_string()/>
                </dd>
                {(!bought.is_empty()).then(|| view! {
                    <dt>{t.paying_for()}</dt>
                    <dd class="pay-for">{bought}</dd>
                })}
                <dt>{address_label}</dt>
                <dd>
                    <code class="selectable pay-address">{address.clone()}</code>
                    " " <CopyButton text=address what=copy_address.to_string()/>
                </dd>
            </dl>
            {qr_svg.map(|svg| view! {
                <figure class="qr">
                    <div role="img" aria-label=t.payment_qr() inner_html=svg></div>
                    <figcaption class="hint">{t.scan_from_other_device()}</figcaption>
                </figure>
            })}
            {contract}
            <div class="pay-advice">
                <p>{t.advice_window()}</p>
                <p>{t.advice_exact()}</p>
                {(order.state == OrderState::PartialPaymentStarted).then(|| view! {
                    <p>{t.advice_part_refund()}</p>
                })}
            </div>
        </section>
    }
}

/// On the sandbox only: buttons that do what a wallet and the supplier would, for the
/// order's state (the page's island swaps this part in again when the state changes).
#[component]
fn SandboxPanel(id: String, state: OrderState) -> impl IntoView {
    let lang = crate::render::lang();
    let t = SandboxText(lang);
    let phases: [(&str, Vec<(&str, &str)>); 2] = [
        (
            "payment",
            vec![
                ("pay", t.pay()),
                ("start", t.start()),
                ("underpay", t.underpay()),
                ("expire", t.expire()),
                ("fail", t.fail_payment()),
            ],
        ),
        (
            "delivery",
            vec![
                ("deliver", t.deliver()),
                ("hold", t.hold()),
                ("fail", t.fail_delivery()),
            ],
        ),
    ];
    let current = crate::components::order_status::phase_of(&state);
    view! {
        <aside class="sandbox-panel" aria-labelledby="sandbox-heading" data-live="sandbox">
            <h2 id="sandbox-heading">{t.heading()}</h2>
            <p class="hint">{t.intro()}</p>
            {phases
                .into_iter()
                .map(|(phase, actions)| view! {
                    <div class="sandbox-actions" hidden=phase != current>
                        {actions
                            .iter()
                            .map(|(action, label)| view! {
                                <form method="post" action=lang.href(&format!("/orders/{id}/sandbox/{action}"))>
                                    <button type="submit" class="button small">{*label}</button>
                                </form>
                            })
                            .collect_view()}
                    </div>
                })
                .collect_view()}
            <p class="hint" hidden=current != "final">{t.finished()}</p>
        </aside>
    }
}
