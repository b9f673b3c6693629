//! An order as upstream's JSON: `created_at` a string, `payment_requested_at` and
//! `payment_value` numbers, amounts strings.

use super::{Line, Record};
use crate::sandbox::{catalog_bodies::stable_id, text::Lang};
use rust_decimal::Decimal;
use serde_json::{json, Value};

impl Record {
    /// The order as upstream sends it: `created_at` a string, `payment_requested_at` and
    /// `payment_value` numbers, amounts strings.
    pub fn to_json(&self) -> Value {
        let deliveries: Vec<Value> = self
            .lines
            .iter()
            .map(|l| {
                let mut deliverable = json!({
                    "denomination": l.denomination,
                    "localized_denomination": l.localized,
                    "family": l.brand,
                    "brand_name": l.brand,
                    "category": l.category,
                    "beneficiary_account": l.beneficiary,
                    "country_code": l.country,
                    "delivery_type": if l.is_top_up { "by_phone" } else { "by_email" },
                    "coin_amount": l.coin_amount.to_string(),
                    "currency_code": l.currency,
                });
                if let (Some(goods), Some(map)) = (&l.goods, deliverable.as_object_mut()) {
                    map.insert("pin_code".into(), json!(goods.pin_code));
                    map.insert("pin_serial".into(), json!(goods.pin_serial));
                    map.insert("security_code".into(), json!(goods.security_code));
                    if let Some(url) = &goods.qr_image_url {
                        map.insert("qr_image_url".into(), json!(url));
                    }
                    if let Some(reference) = &goods.operator_reference {
                        map.insert("operator_reference".into(), json!(reference));
                    }
                    let plain_card = !(l.is_top_up || l.is_esim || l.link_delivery);
                    let barcode = goods
                        .pin_code
                        .as_ref()
                        .filter(|_| plain_card)
                        .map(|code| format!("{}/barcodes/{code}.jpg", self.base_url));
                    map.insert("barcode_image_url".into(), json!(barcode));
                    if let Some(instructions) = redeem_instructions(l) {
                        map.insert("redeem_instructions".into(), json!(instructions));
                    }
                }
                if let (Some(failure), Some(map)) = (&l.failure, deliverable.as_object_mut()) {
                    map.insert("error_description".into(), json!(failure));
                    map.insert("failure_reason".into(), json!(failure));
                }
                json!({"id": l.id, "delivery_state": l.state, "kind": l.kind, "deliverable": deliverable})
            })
            .collect();
        // Production sends epoch seconds as strings mostly, as numbers at times: half the
        // orders (by id) swap the two forms.
        let swap_forms = self.id.bytes().last().is_some_and(|b| b % 2 == 1);
        let (created_at, requested_at) = if swap_forms {
            (json!(self.created_at), json!(self.created_at.to_string()))
        } else {
            (json!(self.created_at.to_string()), json!(self.created_at))
        };
        let mut order = json!({
            "order_id": self.id,
            "created_at": created_at,
            "wallet_address": self.wallet,
            "payment_method": self.payment_method,
            "network": self.network,
            "coin": self.coin,
            "coin_amount": self.amount.to_string(),
            "original_price": self.original.to_string(),
            "qr_url": format!("{}/v3/qrs/{}", self.base_url, self.id),
            "qr_text": self.qr_text,
            "payment_method_protocol": self.protocol,
            "sent_coin_amount": self.sent.to_string(),
            "payment_state": self.payment_state,
            "payment_via": "USER_WALLET",
            "payment_requested_at": requested_at,
            "payment_id": stable_id(&[&self.id, "payment"]),
            "payment_value": self.lines.iter().map(|l| l.face_value).sum::<Decimal>().to_string().parse::<f64>().unwrap_or(0.0),
            "deliveries": deliveries,
            "order_state": self.state,
            "user": {"email": self.email},
        });
        if let (Some((amount, reason)), Some(map)) = (&self.refund, order.as_object_mut()) {
            map.insert(
                "refund".into(),
                json!({"amount": amount.to_string(), "currency": self.coin, "reason": reason}),
            );
        }
        order
    }
}

/// A delivered line's `redeem_instructions`, in the language of its brand's texts, with a
/// script in either language that the shop must never run: a card's redeem steps, an
/// eSIM's install steps, and none for a top-up (the credit is on the phone already).
fn redeem_instructions(line: &Line) -> Option<String> {
    if line.is_top_up {
        return None;
    }
    let script = "<script>window.__sandboxScriptRan = true;</script>";
    if line.is_esim {
        return Some(match line.texts {
            Lang::En => format!(
                "<p>On the phone, open Settings › Mobile data › Add eSIM, then scan the QR \
                 code or enter the activation code.</p>{script}"
            ),
            Lang::Vi => format!(
                "<p>Trên điện thoại, mở Cài đặt › Di động › Thêm eSIM, rồi quét mã QR hoặc \
                 nhập mã kích hoạt.</p>{script}"
            ),
        });
    }
    Some(match line.texts {
        Lang::En => format!(
            "<p>Redeem your <b>{}</b> at <a href=\"https://www.example.com/redeem\">example.com/redeem</a>.</p>\
             <script>window.__sandboxScriptRan = true;</script>\
             <ol><li>Sign in.</li><li>Enter the code.</li></ol>",
            line.brand
        ),
        Lang::Vi => format!(
            "<p>Đổi thẻ <b>{}</b> tại <a href=\"https://www.example.com/redeem\">example.com/redeem</a>.</p>\
             <script>window.__sandboxScriptRan = true;</script>\
             <ol><li>Đăng nhập tài khoản của bạn.</li><li>Nhập mã thẻ.</li></ol>",
            line.brand
        ),
    })
}
