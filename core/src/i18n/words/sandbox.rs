//! The words of the sandbox's panel on the order page: buttons that do what a wallet and
//! the supplier would (shown only when the shop runs on the sandbox).

words! { SandboxText, WORDS =
    heading => "Sandbox", "Môi trường thử nghiệm";
    intro => "This shop runs on the sandbox: no real coins move. Push the order along:",
        "Cửa hàng này đang chạy trên môi trường thử nghiệm: không có tiền thật nào được chuyển. Đẩy đơn hàng sang bước tiếp theo:";
    pay => "Simulate payment", "Giả lập thanh toán";
    start => "Payment seen, unconfirmed", "Đã phát hiện giao dịch, chưa xác nhận";
    underpay => "Simulate underpayment", "Giả lập thanh toán thiếu";
    expire => "Let it expire", "Để đơn hàng hết hạn";
    fail_payment => "Make the payment fail", "Giả lập thanh toán thất bại";
    deliver => "Deliver now", "Giao hàng ngay";
    hold => "Hold for review", "Tạm giữ để xem xét";
    fail_delivery => "Make delivery fail", "Giả lập giao hàng thất bại";
    finished => "This order is finished.", "Đơn hàng này đã kết thúc.";
}
