//! What an order holds, and once delivered, the goods: a code with its PIN and serial, a
//! barcode, an eSIM's activation (QR code and install link), a top-up's reference.

use crate::{
    components::{copy_button::CopyButton, rich_text::RichText},
    domain::{
        order::{Delivery, Goods},
        ProductKind,
    },
    i18n::words::OrderText,
};
use leptos::prelude::*;

#[component]
pub(super) fn BoughtItem(delivery: Delivery) -> impl IntoView {
    let lang = crate::render::lang();
    let t = OrderText(lang);
    let title = delivery.title(lang);
    let kind = delivery.kind.clone();
    let to = delivery.beneficiary.clone();
    view! {
        <li>
            <strong>{title}</strong>
            {to.clone().map(|to| view! { <span class="hint">" " {t.for_recipient(&to)}</span> })}
            {delivery.goods.clone().map(|goods| view! { <GoodsView goods kind=kind.clone() to/> })}
            {delivery.failure.clone().map(|why| view! { <p class="notice">{why}</p> })}
        </li>
    }
}

/// Apple's link that installs an eSIM on the iPhone it is opened on (iOS 17.4 and later),
/// from its activation code (`LPA:1$…`).
pub(super) fn esim_install_link(activation: &str) -> Option<String> {
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
    let t = OrderText(crate::render::lang());
    let esim = kind == ProductKind::Esim;
    let top_up = kind == ProductKind::MobileTopUp;
    let code_label = if esim {
        t.activation_code()
    } else {
        t.your_code()
    };
    let install = goods
        .code
        .as_deref()
        .filter(|_| esim)
        .and_then(esim_install_link);
    view! {
        <div class="goods">
            {top_up.then(|| view! {
                <p class="goods-note">
                    {to.as_deref().map_or_else(|| t.top_up_went_to_phone().into(), |to| t.top_up_went_to(to))}
                </p>
            })}
            {install.map(|href| view! {
                <p><a class="button primary" href=href rel="noopener noreferrer">{t.install_on_iphone()}</a></p>
                <p class="hint">{t.install_elsewhere()}</p>
            })}
            {goods.code.clone().map(|code| view! {
                <p class="goods-code-line">
                    <span class="goods-code-label">{code_label}</span>
                    <code class="selectable goods-code">{code.clone()}</code>
                    <CopyButton text=code what=if esim { t.copy_activation_code() } else { t.copy_code() }.into()/>
                </p>
            })}
            {goods.redeem_url.clone().map(|url| view! {
                <p><a class="button primary" href=url rel="noopener noreferrer" target="_blank">{t.redeem_now()}</a></p>
            })}
            {goods.serial.clone().map(|serial| view! {
                <p>{t.serial()} " " <code class="selectable">{serial.clone()}</code> " "
                   <CopyButton text=serial what=t.copy_serial().into()/></p>
            })}
            {goods.security_code.clone().map(|pin| view! {
                <p>{t.pin()} " " <code class="selectable">{pin.clone()}</code> " "
                   <CopyButton text=pin what=t.copy_pin().into()/></p>
            })}
            {goods.operator_reference.clone().map(|r| view! { <p>{t.operator_reference()} " " <code class="selectable">{r}</code></p> })}
            {match (goods.activation_qr_svg.clone(), goods.qr_image_url.clone()) {
                (Some(svg), _) => Some(view! {
                    <figure class="qr"><div role="img" aria-label=t.esim_qr() inner_html=svg></div></figure>
                }.into_any()),
                (None, Some(src)) => Some(view! {
                    <img class="qr" src=src alt=t.esim_qr() width="232" height="232"/>
                }.into_any()),
                (None, None) => None,
            }}
            {goods.barcode_image_url.clone().map(|src| view! { <img class="barcode" src=src alt=t.barcode() loading="lazy"/> })}
            {(!top_up && !esim && goods.redeem_instructions.is_none()).then(|| view! {
                <p class="hint">{t.enter_code_hint()}</p>
            })}
            {goods.redeem_instructions.clone().map(|html| view! {
                <h3>{t.how_to_redeem()}</h3>
                <RichText html/>
            })}
        </div>
    }
}
