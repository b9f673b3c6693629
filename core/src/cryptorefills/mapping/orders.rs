//! Orders as the shop's types: problems, validation's answer, the order and its goods.

use super::{non_empty, web_url, Missing};
use crate::cryptorefills::wire;
use crate::domain::{
    checkout::ValidatedOrder,
    order::{Delivery, DeliveryState, Goods, Payment, PaymentState, Refund},
    Money, Order, OrderState, Problem, ProductKind, SafeHtml,
};
use rust_decimal::Decimal;

/// Upstream's problems. One without a code is still a problem (the order must not go on
/// as if all were well): it reads as an unknown one, and is logged and counted.
pub fn problems(entries: Vec<wire::ProblemEntry>) -> Vec<Problem> {
    entries
        .into_iter()
        .map(|e| {
            let code = e
                .problem
                .filter(|c| !c.trim().is_empty())
                .unwrap_or_else(|| {
                    crate::cryptorefills::tolerant::skip_element("problem", "no code");
                    "UNKNOWN_PROBLEM".to_string()
                });
            Problem::with_details(code, e.more_details.map(|d| d.to_string()))
        })
        .collect()
}

pub fn validated(raw: wire::Validation, coin_asked: &str) -> Result<ValidatedOrder, Missing> {
    Ok(ValidatedOrder {
        coin: raw.coin.unwrap_or_else(|| coin_asked.to_string()),
        amount: raw.coin_amount.ok_or(Missing("coin_amount"))?,
        original: raw.original_coin_amount,
        coupon: raw.coupon_code.filter(|c| !c.trim().is_empty()),
    })
}

pub fn order(raw: wire::Order) -> Result<Order, Missing> {
    let id = raw
        .order_id
        .filter(|id| !id.is_empty())
        .ok_or(Missing("order_id"))?;
    let state = OrderState::from_wire(raw.order_state.as_deref().ok_or(Missing("order_state"))?);
    let created_at = raw
        .created_at
        .or(raw.payment_requested_at)
        .ok_or(Missing("created_at"))?;
    Ok(Order {
        id,
        created_at,
        updated_at: raw.updated_at,
        state,
        payment: Payment {
            state: PaymentState::from_wire(raw.payment_state.as_deref().unwrap_or("")),
            wallet_address: raw.wallet_address.unwrap_or_default(),
            coin: raw.coin.ok_or(Missing("coin"))?,
            network: raw.network,
            amount: raw.coin_amount.ok_or(Missing("coin_amount"))?,
            original: raw.original_price,
            received: raw.sent_coin_amount.filter(|a| *a > Decimal::ZERO),
            qr_text: raw.qr_text.filter(|q| !q.is_empty()),
            payment_method: raw.payment_method,
            protocol: raw.payment_method_protocol,
        },
        deliveries: raw.deliveries.into_iter().map(delivery).collect(),
        email: raw.user.and_then(|u| u.email),
        refund: raw.refund.map(|r| Refund {
            amount: r
                .amount
                .map(|a| Money::new(a, r.currency.unwrap_or_else(|| "USD".into()))),
            reason: r.reason,
        }),
    })
}

fn delivery(raw: wire::Delivery) -> Delivery {
    let state = DeliveryState::from_wire(raw.delivery_state.as_deref().unwrap_or(""));
    let d = raw.deliverable.unwrap_or_default();
    let family = d.family.clone().unwrap_or_default();
    let kind = ProductKind::classify(
        raw.kind.as_deref().unwrap_or("giftcard"),
        d.category.as_deref(),
        &family,
    );
    let failure = d.failure_reason.clone().or(d.error_description.clone());
    let goods = goods(&d);
    Delivery {
        id: raw.id.unwrap_or_default(),
        state,
        kind,
        country: d
            .country_code
            .as_deref()
            .and_then(|code| crate::domain::Country::find(code).copied()),
        face_value: d
            .denomination
            .as_deref()
            .and_then(crate::domain::money::denomination_amount),
        currency: d
            .denomination
            .as_deref()
            .and_then(crate::domain::money::denomination_currency),
        brand_name: d.brand_name.or(d.family),
        label: d.localized_denomination.or(d.denomination),
        beneficiary: d.beneficiary_account,
        goods,
        failure,
    }
}

/// The goods, when there are any: a `pin_code` starting with `http` is a redeem link.
fn goods(d: &wire::Deliverable) -> Option<Goods> {
    let pin = d.pin_code.clone().filter(|p| !p.trim().is_empty());
    let (code, redeem_url) = match pin {
        Some(p) if p.starts_with("http://") || p.starts_with("https://") => (None, Some(p)),
        other => (other, None),
    };
    let instructions = d
        .redeem_instructions
        .as_deref()
        .or(d.how_to_redeem.as_deref())
        .and_then(SafeHtml::sanitize_non_empty);
    let goods = Goods {
        code,
        redeem_url,
        serial: non_empty(&d.pin_serial),
        security_code: non_empty(&d.security_code),
        barcode_image_url: web_url(&d.barcode_image_url),
        qr_image_url: web_url(&d.qr_image_url),
        activation_qr_svg: None,
        operator_reference: non_empty(&d.operator_reference),
        redeem_instructions: instructions,
    };
    let empty = goods.code.is_none()
        && goods.redeem_url.is_none()
        && goods.serial.is_none()
        && goods.barcode_image_url.is_none()
        && goods.qr_image_url.is_none()
        && goods.operator_reference.is_none();
    (!empty).then_some(goods)
}
