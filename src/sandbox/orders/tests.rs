//! The state machine's paths, and the timers that move orders on by themselves.

use super::*;
use crate::sandbox::validation::{validate, LineInput, OrderInput, Verdict};
use rust_decimal::Decimal;

fn record() -> Record {
    let input = OrderInput {
        email: "a@example.com".into(),
        payment_via: "USER_WALLET".into(),
        coin: "USDC".into(),
        network: None,
        coupon: None,
        lines: vec![LineInput {
            brand_name: "Amazon.com".into(),
            country_code: "US".into(),
            denomination: crate::sandbox::validation::Denomination::Amount {
                value: Decimal::from(25),
                currency: Some("USD".into()),
            },
            beneficiary: "a@example.com".into(),
            kind: None,
        }],
    };
    let Verdict::Fine(priced) = validate(&input) else {
        panic!("valid order");
    };
    Record::new(&priced, "a@example.com", "http://sandbox")
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
