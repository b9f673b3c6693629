//! Tests of `domain::order`.

use super::*;

#[test]
fn the_amount_due_never_panics() {
    let mut payment = Payment {
        state: PaymentState::PaymentRequested,
        wallet_address: "a".into(),
        coin: "USDC".into(),
        network: None,
        amount: Decimal::MAX,
        original: None,
        received: Some(Decimal::MIN),
        qr_text: None,
        payment_method: None,
        protocol: None,
    };
    assert_eq!(payment.amount_due(), None, "beyond a decimal");
    payment.amount = Decimal::new(1025, 2);
    payment.received = Some(Decimal::new(512, 2));
    assert_eq!(payment.amount_due(), Some(Decimal::new(513, 2)));
    payment.received = Some(Decimal::new(2000, 2));
    assert_eq!(payment.amount_due(), Some(Decimal::ZERO), "overpaid");
}

#[test]
fn a_part_payment_is_some_but_not_all() {
    let mut payment = Payment {
        state: PaymentState::PaymentRequested,
        wallet_address: "a".into(),
        coin: "USDC".into(),
        network: None,
        amount: Decimal::new(2553, 2),
        original: None,
        received: None,
        qr_text: None,
        payment_method: None,
        protocol: None,
    };
    assert_eq!(payment.part_paid(), None, "nothing yet");
    payment.received = Some(Decimal::ZERO);
    assert_eq!(payment.part_paid(), None, "zero is nothing");
    payment.received = Some(Decimal::new(1276, 2));
    assert_eq!(
        payment.part_paid(),
        Some((Decimal::new(1276, 2), Decimal::new(1277, 2)))
    );
    payment.received = Some(Decimal::new(2553, 2));
    assert_eq!(payment.part_paid(), None, "seen in full: nothing is due");
}

#[test]
fn a_payment_seen_in_full_is_not_asked_for_again() {
    assert!(OrderState::WaitingForPayment.awaits_payment());
    assert!(OrderState::PartialPaymentStarted.awaits_payment());
    assert!(!OrderState::PaymentStarted.awaits_payment());
}

#[test]
fn states_keep_unknown_values() {
    assert_eq!(OrderState::from_wire("Done"), OrderState::Done);
    let new = OrderState::from_wire("OnTheMoon");
    assert_eq!(new, OrderState::Unknown("OnTheMoon".into()));
    assert_eq!(new.as_str(), "OnTheMoon");
    assert_eq!(new.label(Lang::Vi), "OnTheMoon", "as upstream says");
    assert_eq!(OrderState::Done.label(Lang::En), "Done");
    assert_eq!(OrderState::Done.label(Lang::Vi), "Hoàn tất");
    assert!(!new.is_final());
    assert!(DeliveryState::from_wire("Succeeded").is_delivered());
}

#[test]
fn the_contracts_newer_states_are_known() {
    for (raw, state) in [
        ("PaymentFailed", PaymentState::PaymentFailed),
        ("Refunded", PaymentState::Refunded),
    ] {
        assert_eq!(PaymentState::from_wire(raw), state);
    }
    for raw in ["Expired", "Canceled", "Failed"] {
        let state = DeliveryState::from_wire(raw);
        assert!(state.is_lost(), "{raw}");
        assert!(!matches!(state, DeliveryState::Unknown(_)), "{raw}");
    }
}

#[test]
fn final_states_are_the_guides() {
    for final_state in [
        "Done",
        "Expired",
        "PaymentFailed",
        "PaymentSetupFailed",
        "Refunded",
        "Canceled",
    ] {
        assert!(
            OrderState::from_wire(final_state).is_final(),
            "{final_state}"
        );
    }
    for open in [
        "Created",
        "WaitingForPayment",
        "PartialPaymentStarted",
        "WaitingForDelivery",
    ] {
        assert!(!OrderState::from_wire(open).is_final(), "{open}");
    }
}
