//! The words of the frame around every page: header, footer, skip link, language switcher,
//! the error boundary's page.

words! { CommonText, WORDS =
    skip_to_content => "Skip to content", "Chuyển đến nội dung chính";
    your_orders => "Your orders", "Đơn hàng của bạn";
    /// The header's link to them, where a phone has little room.
    orders_short => "Your orders", "Đơn hàng";
    /// The footer's line about the shop; `shop` is the partner's shop name.
    footer_about(shop: &str) => "{shop} sells gift cards, mobile top-ups and eSIMs for stablecoins, supplied by Cryptorefills.",
        "{shop} bán thẻ quà tặng, nạp tiền di động và eSIM, thanh toán bằng stablecoin, do Cryptorefills cung cấp.";
    footer_nav => "Footer", "Chân trang";
    help => "Help", "Trợ giúp";
    all_countries => "All countries", "Tất cả quốc gia";
    terms => "Terms", "Điều khoản";
    privacy => "Privacy", "Quyền riêng tư";
    refunds => "Refunds", "Hoàn tiền";
    language => "Language", "Ngôn ngữ";
    something_went_wrong => "Something went wrong", "Đã xảy ra lỗi";
    problem_on_our_side => "This page hit a problem on our side. Reloading usually helps.",
        "Trang này gặp sự cố từ phía chúng tôi. Tải lại trang thường sẽ khắc phục được.";
    reload => "Reload", "Tải lại";
    back_to_shop => "Back to the shop", "Quay lại cửa hàng";
}
