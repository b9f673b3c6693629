//! Where each state sits on the timeline, and what it tells the shopper to do.

use super::{goods::esim_install_link, *};
use crate::domain::order_status::RefundNote;

#[test]
fn an_esim_installs_from_its_activation_code() {
    assert_eq!(
        esim_install_link("LPA:1$smdp.example$ABC-123").as_deref(),
        Some("https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=LPA%3A1%24smdp.example%24ABC-123")
    );
    assert_eq!(esim_install_link("4GYY-77HK"), None);
}

#[test]
fn a_part_payment_is_not_a_payment_received() {
    assert_eq!(step_of(&OrderState::PartialPaymentStarted), Some(0));
    assert_eq!(step_of(&OrderState::PaymentReceived), Some(1));
    assert_eq!(phase_of(&OrderState::PartialPaymentStarted), "payment");
    assert_eq!(phase_of(&OrderState::WaitingForDelivery), "delivery");
    assert_eq!(phase_of(&OrderState::Done), "final");
    assert_eq!(
        items_heading(Lang::En, &OrderState::Expired),
        "What this order was for"
    );
    assert_eq!(
        items_heading(Lang::En, &OrderState::WaitingForPayment),
        "What you're buying"
    );
    assert_eq!(
        items_heading(Lang::Vi, &OrderState::WaitingForPayment),
        "Sản phẩm bạn đang mua"
    );
}

#[test]
fn states_sit_on_the_timeline_or_say_what_to_do() {
    assert_eq!(step_of(&OrderState::WaitingForPayment), Some(0));
    assert_eq!(step_of(&OrderState::WaitingForDelivery), Some(2));
    assert_eq!(step_of(&OrderState::Done), Some(3));
    assert_eq!(step_of(&OrderState::Expired), None);
    let mut order = OrderStatus {
        id: "o".into(),
        state: OrderState::PartialPaymentStarted,
        received: Some("12.76 USDC".into()),
        due: Some("12.77 USDC".into()),
        deliveries: Vec::new(),
        refund: None,
        price: None,
    };
    assert!(next_step(Lang::En, &order).is_some_and(|t| t.contains("12.77 USDC")));
    assert!(next_step(Lang::Vi, &order).is_some_and(|t| t.contains("Vui lòng gửi 12.77 USDC")));
    for state in [
        OrderState::Expired,
        OrderState::PaymentFailed,
        OrderState::Refunded,
        OrderState::WaitingForManualAction,
        OrderState::Canceled,
    ] {
        order.state = state.clone();
        assert!(next_step(Lang::En, &order).is_some(), "{state:?}");
    }
    order.state = OrderState::Refunded;
    order.refund = Some(RefundNote {
        amount: Some("25.53 USDC".into()),
        reason: None,
    });
    assert_eq!(
        next_step(Lang::Vi, &order).as_deref(),
        Some("Đã hoàn 25.53 USDC.")
    );
    order.state = OrderState::Done;
    assert_eq!(next_step(Lang::En, &order), None);
    assert_eq!(headline(Lang::Vi, &order), "Mã thẻ của bạn đã sẵn sàng");
}
