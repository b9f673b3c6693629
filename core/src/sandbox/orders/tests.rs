//! The state machine's paths, and the timers that move orders on by themselves.

use super::*;
use crate::sandbox::{
    text::Lang,
    validation::{validate, Denomination, LineInput, OrderInput, Verdict},
};
use rust_decimal::Decimal;

fn record() -> Record {
    record_of(&[("Amazon.com", "US", 25)], Lang::En)
}

/// An order of $`amount` cards of each (brand, country), created with `lang`.
fn record_of(lines: &[(&str, &str, u32)], lang: Lang) -> Record {
    let input = OrderInput {
        email: "a@example.com".into(),
        payment_via: "USER_WALLET".into(),
        coin: "USDC".into(),
        network: None,
        coupon: None,
        lang,
        lines: lines
            .iter()
            .map(|(brand, country, amount)| LineInput {
                brand_name: brand.to_string(),
                country_code: country.to_string(),
                denomination: Denomination::Amount {
                    value: Decimal::from(*amount),
                    currency: Some("USD".into()),
                },
                beneficiary: "a@example.com".into(),
                kind: None,
            })
            .collect(),
    };
    let Verdict::Fine(priced) = validate(&input) else {
        panic!("valid order");
    };
    Record::new(&priced, "a@example.com", "http://sandbox")
}

/// The `redeem_instructions` of each delivered line.
fn instructions(record: &Record) -> Vec<String> {
    let json = record.to_json();
    json["deliveries"]
        .as_array()
        .map(|deliveries| {
            deliveries
                .iter()
                .map(|d| {
                    d["deliverable"]["redeem_instructions"]
                        .as_str()
                        .unwrap_or_default()
                        .to_string()
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn the_happy_path_ends_with_a_code() {
    let mut r = record();
    assert_eq!(r.state, "WaitingForPayment");
    assert!(r.qr_text.starts_with("solana:"));
    assert_eq!(r.apply(Action::Pay), Ok(()));
    assert_eq!(r.state, "WaitingForDelivery");
    assert_eq!(r.apply(Action::Deliver), Ok(()));
    assert_eq!(r.state, "Done");
    let json = r.to_json();
    assert!(json["deliveries"][0]["deliverable"]["pin_code"].is_string());
    assert!(
        r.apply(Action::Pay).is_err(),
        "a done order can't be paid again"
    );
}

#[test]
fn underpaid_orders_can_still_be_paid_or_expire() {
    let mut r = record();
    assert_eq!(r.apply(Action::Underpay), Ok(()));
    assert_eq!(r.state, "PartialPaymentStarted");
    assert!(r.sent > Decimal::ZERO && r.sent < r.amount);
    let mut expired = r.clone();
    assert_eq!(expired.apply(Action::Expire), Ok(()));
    assert_eq!(expired.payment_state, "ExpiredAfterPaymentDetection");
    assert_eq!(r.apply(Action::Pay), Ok(()));
}

#[test]
fn failing_after_payment_refunds() {
    let mut r = record();
    assert_eq!(r.apply(Action::Pay), Ok(()));
    assert_eq!(r.apply(Action::Fail), Ok(()));
    assert_eq!(r.state, "Refunded");
    assert!(r.to_json()["refund"]["amount"].is_string());
    let mut unpaid = record();
    assert_eq!(unpaid.apply(Action::Fail), Ok(()));
    assert_eq!(unpaid.state, "PaymentFailed");
}

#[tokio::test(start_paused = true)]
async fn timers_of_evicted_orders_end() {
    let store = OrderStore::new(Timings {
        pay_after: Some(Duration::from_secs(3600)),
        deliver_after: Duration::from_secs(5),
        expire_after: PAYMENT_WINDOW,
    });
    for _ in 0..MAX_ORDERS + 300 {
        store.insert(record());
    }
    // Let the timers of evicted orders see their order go.
    tokio::time::sleep(Duration::from_millis(10)).await;
    assert_eq!(store.running_timers(), 2 * MAX_ORDERS);
}

#[tokio::test(start_paused = true)]
async fn orders_move_on_by_themselves() {
    let store = OrderStore::new(Timings {
        pay_after: Some(Duration::from_secs(20)),
        deliver_after: Duration::from_secs(5),
        expire_after: PAYMENT_WINDOW,
    });
    let r = record();
    let id = r.id.clone();
    store.insert(r);
    tokio::time::sleep(Duration::from_secs(21)).await;
    assert_eq!(store.get(&id).map(|r| r.state), Some("WaitingForDelivery"));
    tokio::time::sleep(Duration::from_secs(5)).await;
    assert_eq!(store.get(&id).map(|r| r.state), Some("Done"));
}

#[tokio::test(start_paused = true)]
async fn unpaid_orders_expire_after_thirty_minutes() {
    let store = OrderStore::new(Timings {
        pay_after: None,
        deliver_after: Duration::from_secs(5),
        expire_after: PAYMENT_WINDOW,
    });
    let r = record();
    let id = r.id.clone();
    store.insert(r);
    tokio::time::sleep(Duration::from_secs(29 * 60)).await;
    assert_eq!(store.get(&id).map(|r| r.state), Some("WaitingForPayment"));
    tokio::time::sleep(Duration::from_secs(61)).await;
    assert_eq!(store.get(&id).map(|r| r.state), Some("Expired"));
}

#[test]
fn a_vietnamese_order_is_delivered_with_vietnamese_instructions() {
    // Razer Gold: upstream has no Vietnamese for it, so its instructions stay English.
    let mut r = record_of(
        &[("Amazon.com", "US", 25), ("Razer Gold", "US", 25)],
        Lang::Vi,
    );
    assert_eq!(r.apply(Action::Deliver), Ok(()));
    let [amazon, razer]: [String; 2] = instructions(&r).try_into().expect("two lines");
    assert!(amazon.contains("Đổi thẻ <b>Amazon.com</b>"), "{amazon}");
    assert!(amazon.contains("Nhập mã thẻ."), "{amazon}");
    assert!(razer.contains("Redeem your <b>Razer Gold</b>"), "{razer}");
    assert!(!razer.contains("Nhập"), "{razer}");
    // The script is there in Vietnamese too: the shop must never run it.
    assert!(amazon.contains("<script>"));
}

#[test]
fn an_english_order_is_delivered_with_english_instructions() {
    let mut r = record();
    assert_eq!(r.apply(Action::Deliver), Ok(()));
    let [amazon]: [String; 1] = instructions(&r).try_into().expect("one line");
    assert!(amazon.contains("Redeem your <b>Amazon.com</b>"), "{amazon}");
}

#[test]
fn a_vietnamese_order_is_refunded_in_vietnamese() {
    let mut r = record_of(&[("Amazon.com", "US", 25)], Lang::Vi);
    assert_eq!(r.apply(Action::Pay), Ok(()));
    assert_eq!(r.apply(Action::Fail), Ok(()));
    let json = r.to_json();
    let reason = json["refund"]["reason"].as_str().unwrap_or_default();
    assert!(reason.contains("hoàn lại"), "{reason}");
    let failure = json["deliveries"][0]["deliverable"]["error_description"]
        .as_str()
        .unwrap_or_default();
    assert_eq!(failure, "Thương hiệu đã từ chối yêu cầu phát hành thẻ.");
    let mut english = record();
    assert_eq!(english.apply(Action::Pay), Ok(()));
    assert_eq!(english.apply(Action::Fail), Ok(()));
    assert_eq!(
        english.to_json()["deliveries"][0]["deliverable"]["error_description"],
        "The brand rejected the card request."
    );
}
