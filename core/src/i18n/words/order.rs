//! The words of an order: its page (what to pay, where, the time left), its live status
//! (states, timeline, what to do next, the connection), the goods once delivered, the copy
//! buttons, and this device's list of orders.

words! { OrderText, WORDS =
    // Where an order stands (`OrderState::label`).
    state_waiting_for_payment => "Waiting for your payment", "Chờ thanh toán";
    state_payment_started => "Payment seen, waiting for confirmation",
        "Đã phát hiện giao dịch, đang chờ xác nhận";
    state_part_paid => "Part of the payment arrived", "Đã nhận một phần thanh toán";
    state_payment_received => "Payment received", "Đã nhận thanh toán";
    state_waiting_for_delivery => "Payment received, preparing your order",
        "Đã nhận thanh toán, đang chuẩn bị đơn hàng";
    state_manual_check => "Being checked by our team", "Đang được đội ngũ của chúng tôi kiểm tra";
    state_done => "Done", "Hoàn tất";
    state_expired => "Expired: the payment window closed", "Hết hạn: đã quá thời hạn thanh toán";
    state_payment_failed => "Payment failed", "Thanh toán không thành công";
    state_payment_setup_failed => "Payment could not be set up", "Không thể khởi tạo thanh toán";
    state_refunded => "Refunded", "Đã hoàn tiền";
    state_canceled => "Canceled", "Đã hủy";

    // The timeline of the happy path.
    step_awaiting_payment => "Awaiting payment", "Chờ thanh toán";
    step_payment_received => "Payment received", "Đã nhận thanh toán";
    step_delivering => "Delivering", "Đang giao";
    /// Read after a step already passed, by screen readers only.
    step_passed => "(done)", "(đã xong)";
    progress => "Progress", "Tiến trình";
    status => "Status:", "Trạng thái:";

    // The page's main heading.
    headline_part_paid => "Part of your payment arrived", "Đã nhận được một phần thanh toán của bạn";
    headline_pay => "Pay for your order", "Thanh toán đơn hàng của bạn";
    headline_top_up_done => "Your top-up is done", "Bạn đã nạp tiền thành công";
    headline_esim_ready => "Your eSIM is ready", "eSIM của bạn đã sẵn sàng";
    headline_code_ready => "Your code is ready", "Mã thẻ của bạn đã sẵn sàng";

    // The heading over what the order holds.
    items_bought => "What you bought", "Sản phẩm bạn đã mua";
    items_buying => "What you're buying", "Sản phẩm bạn đang mua";
    items_ended => "What this order was for", "Sản phẩm của đơn hàng này";

    // What to do next, off the happy path.
    next_part_paid(due: &str) => "Part of the payment arrived. Send the remaining {due} to the same address before the time runs out.",
        "Đã nhận được một phần thanh toán. Vui lòng gửi {due} còn lại đến cùng địa chỉ ví trước khi hết thời gian.";
    next_part_paid_rest => "Part of the payment arrived. Send the rest to the same address before the time runs out.",
        "Đã nhận được một phần thanh toán. Vui lòng gửi phần còn lại đến cùng địa chỉ ví trước khi hết thời gian.";
    next_manual_check => "Our team is checking this order. Nothing to do: it goes on by itself, usually within an hour.",
        "Đội ngũ của chúng tôi đang kiểm tra đơn hàng này. Bạn không cần làm gì: đơn hàng sẽ tự tiếp tục, thường trong vòng một giờ.";
    next_expired => "The payment window closed before the payment arrived. Don't send coins for this order. If you already did, contact support with the order number for a refund.",
        "Thời hạn thanh toán đã kết thúc trước khi nhận được thanh toán. Đừng gửi tiền cho đơn hàng này. Nếu bạn đã gửi, hãy liên hệ bộ phận hỗ trợ kèm mã đơn hàng để được hoàn tiền.";
    next_payment_failed => "The payment didn't go through. No goods were sent. You can order the same again.",
        "Thanh toán không thành công và chưa có sản phẩm nào được gửi. Bạn có thể đặt lại đơn hàng tương tự.";
    next_refunded => "The order couldn't be delivered, so your payment was refunded.",
        "Không thể giao đơn hàng nên khoản thanh toán của bạn đã được hoàn lại.";
    next_canceled => "This order was canceled. Don't send coins for it.",
        "Đơn hàng này đã bị hủy. Đừng gửi tiền cho đơn hàng này.";
    /// A refund as upstream reports it: `amount` in coins, `reason` in upstream's words.
    refunded_amount_because(amount: &str, reason: &str) => "Refunded {amount}: {reason}",
        "Đã hoàn {amount}: {reason}";
    refunded_amount(amount: &str) => "Refunded {amount}.", "Đã hoàn {amount}.";
    refunded_because(reason: &str) => "Refunded: {reason}", "Đã hoàn tiền: {reason}";
    refunded => "Refunded.", "Đã hoàn tiền.";
    order_again => "Order the same again", "Đặt mua lại";
    contact_support => "Contact support", "Liên hệ hỗ trợ";

    // The connection of the live status (announced politely to screen readers).
    live => "Live", "Đang cập nhật trực tiếp";
    reconnecting_in(seconds: u64) => "Reconnecting in {seconds} s", "Kết nối lại sau {seconds} giây";
    reconnecting => "Reconnecting", "Đang kết nối lại";
    checking_every(seconds: u64) => "Checking every {seconds} s", "Kiểm tra mỗi {seconds} giây";
    up_to_date => "Up to date", "Đã cập nhật";
    supplier_reconnecting(seconds: u64) => "Reconnecting to the supplier; checking every {seconds} s",
        "Đang kết nối lại với nhà cung cấp; kiểm tra mỗi {seconds} giây";
    no_such_order => "No such order", "Không tìm thấy đơn hàng này";

    // The order page around the status.
    loading => "Loading your order…", "Đang tải đơn hàng của bạn…";
    cannot_show => "This order can't be shown right now", "Hiện không thể hiển thị đơn hàng này";
    /// The page's title; `id` is the order number's start.
    title(id: &str) => "Order {id}", "Đơn hàng {id}";
    order_number => "Order number", "Mã đơn hàng";
    order_number_is => "Order number:", "Mã đơn hàng:";
    will_email(email: &str) => "We'll email {email} about it. Keep this page's address to come back.",
        "Chúng tôi sẽ gửi email về đơn hàng này đến {email}. Hãy lưu lại địa chỉ trang này để quay lại sau.";
    questions => "Questions?", "Có thắc mắc?";
    refresh_status => "Refresh the status", "Cập nhật trạng thái";

    // Paying.
    payment_details => "Payment details", "Chi tiết thanh toán";
    /// A named network, as "Send only USDC on …" reads it.
    on_network(network: &str) => "{network}", "mạng {network}";
    own_network => "its own network", "mạng gốc của đồng tiền này";
    send_only(coin: &str, network: &str) => "Send only {coin} on {network}", "Chỉ gửi {coin} trên {network}";
    send_remaining => "Send the remaining", "Gửi số tiền còn lại";
    send_exactly => "Send exactly", "Gửi chính xác";
    received_so_far(received: &str, total: &str, due: &str) => "We received {received} of {total} so far. Send the remaining {due} to the same address before the time runs out.",
        "Chúng tôi đã nhận được {received} trên tổng số {total}. Vui lòng gửi {due} còn lại đến cùng địa chỉ ví trước khi hết thời gian.";
    coupon_took(off: &str, paid: &str, original: &str) => "Your coupon took {off} off: {paid} instead of {original}.",
        "Mã giảm giá của bạn đã giảm {off}: chỉ còn {paid} thay vì {original}.";
    lightning_invoice => "Lightning invoice", "Hóa đơn Lightning";
    to_this_address => "To this address", "Đến địa chỉ ví này";
    open_in_wallet => "Open in wallet", "Mở trong ví";
    /// What was bought, next to the amount.
    paying_for => "For", "Sản phẩm";
    check_token(coin: &str) => "Check the {coin} token (not an address to pay to)",
        "Kiểm tra token {coin} (không phải địa chỉ để thanh toán)";
    token_hint(coin: &str, network: &str) => "Your wallet should show {coin} with this token contract on {network}. Don't send coins to it: send them to the address above.",
        "Ví của bạn sẽ hiển thị {coin} với hợp đồng token này trên {network}. Đừng gửi tiền vào hợp đồng này: hãy gửi đến địa chỉ ví ở trên.";
    payment_qr => "QR code with the payment details", "Mã QR chứa thông tin thanh toán";
    scan_from_other_device => "Paying from another device? Scan this with its wallet app.",
        "Thanh toán từ thiết bị khác? Hãy quét mã này bằng ứng dụng ví trên thiết bị đó.";
    advice_window => "You have 30 minutes from ordering to pay. When the time runs out the order expires: don't send coins after that.",
        "Bạn có 30 phút kể từ khi đặt hàng để thanh toán. Khi hết thời gian, đơn hàng sẽ hết hạn: đừng gửi tiền sau thời điểm đó.";
    advice_exact => "Send the exact amount. Your wallet charges its own network fee on top; if your exchange deducts a withdrawal fee from what it sends, add it, or the payment arrives short and the order waits for the rest.",
        "Hãy gửi đúng số tiền. Ví của bạn tính phí mạng riêng, cộng thêm vào số tiền gửi; nếu sàn giao dịch của bạn trừ phí rút vào số tiền gửi đi, hãy cộng khoản phí đó vào, nếu không khoản thanh toán sẽ bị thiếu và đơn hàng sẽ chờ phần còn lại.";
    advice_part_refund => "If the rest doesn't arrive in time, the amount received is refunded.",
        "Nếu phần còn lại không đến kịp thời hạn, số tiền đã nhận sẽ được hoàn lại.";

    // The time left to pay.
    /// `seconds` with two digits ("05").
    time_left(minutes: i64, seconds: &str) => "{minutes}:{seconds} left", "Còn lại {minutes}:{seconds}";
    time_is_up => "Time is up", "Đã hết thời gian";
    window_closed => "The payment window has closed: don't send coins now. The order will expire.",
        "Thời hạn thanh toán đã kết thúc: đừng gửi tiền nữa. Đơn hàng sẽ hết hạn.";

    // Copy buttons; `what` is one of the `copy_*` names below.
    copy => "Copy", "Sao chép";
    copy_what(what: &str) => "Copy {what}", "Sao chép {what}";
    copied => "Copied ✓", "Đã sao chép ✓";
    copied_what(what: &str) => "Copied {what}", "Đã sao chép {what}";
    select_and_copy => "Select and copy", "Chọn và sao chép";
    copy_failed => "Copying failed: select the text and copy it",
        "Không sao chép được: hãy chọn văn bản và tự sao chép";
    copy_order_number => "the order number", "mã đơn hàng";
    copy_amount => "the amount", "số tiền";
    copy_remaining => "the remaining amount", "số tiền còn lại";
    copy_address => "the address", "địa chỉ ví";
    copy_invoice => "the invoice", "hóa đơn";
    copy_code => "the code", "mã";
    copy_activation_code => "the activation code", "mã kích hoạt";
    copy_serial => "the serial number", "số sê-ri";
    copy_pin => "the PIN", "mã PIN";

    // The goods.
    for_recipient(to: &str) => "for {to}", "cho {to}";
    activation_code => "Activation code", "Mã kích hoạt";
    your_code => "Your code", "Mã thẻ của bạn";
    top_up_went_to(to: &str) => "The credit went to {to}. There is no code to enter: it is on the phone already.",
        "Tiền đã được nạp vào {to}. Bạn không cần nhập mã: tiền đã có sẵn trong tài khoản điện thoại.";
    top_up_went_to_phone => "The credit went to the phone. There is no code to enter: it is on the phone already.",
        "Tiền đã được nạp vào điện thoại. Bạn không cần nhập mã: tiền đã có sẵn trong tài khoản điện thoại.";
    install_on_iphone => "Install on this iPhone", "Cài đặt trên iPhone này";
    install_elsewhere => "On another phone, scan the QR code below from it, or enter the activation code in its eSIM settings (Settings › SIM or Connections › Add eSIM).",
        "Trên điện thoại khác, hãy dùng điện thoại đó quét mã QR bên dưới, hoặc nhập mã kích hoạt trong phần cài đặt eSIM (Cài đặt › Di động hoặc Kết nối › Thêm eSIM).";
    redeem_now => "Redeem now", "Đổi thẻ ngay";
    serial => "Serial:", "Số sê-ri:";
    pin => "PIN:", "Mã PIN:";
    operator_reference => "Operator reference:", "Mã tham chiếu của nhà mạng:";
    esim_qr => "eSIM activation QR code", "Mã QR kích hoạt eSIM";
    barcode => "Barcode of the code", "Mã vạch của mã thẻ";
    enter_code_hint => "Enter the code where the brand asks for a gift card or a voucher when you pay. It was emailed to you too.",
        "Khi thanh toán với thương hiệu, hãy nhập mã vào ô thẻ quà tặng hoặc phiếu mua hàng (voucher). Mã cũng đã được gửi đến email của bạn.";
    how_to_redeem => "How to redeem", "Cách sử dụng";

    // This device's orders (`/orders`).
    recent_intro => "Orders placed on this device. The order link in your email works on any device.",
        "Các đơn hàng đã đặt trên thiết bị này. Đường dẫn đơn hàng trong email của bạn dùng được trên mọi thiết bị.";
    recent_without_js => "This list is kept in your browser and shows with JavaScript turned on. Each order's link is also in the email we sent you.",
        "Danh sách này được lưu trong trình duyệt của bạn và chỉ hiển thị khi bật JavaScript. Đường dẫn của từng đơn hàng cũng có trong email chúng tôi đã gửi cho bạn.";
    recent_looking => "Looking for orders placed on this device…", "Đang tìm các đơn hàng đã đặt trên thiết bị này…";
    recent_none => "No orders on this device yet. Orders you place here are listed for you to come back to.",
        "Chưa có đơn hàng nào trên thiết bị này. Các đơn hàng bạn đặt tại đây sẽ được liệt kê để bạn quay lại xem.";
    /// An order in the list, by the start of its number.
    recent_order(id: &str) => "order {id}", "đơn hàng {id}";
    /// An order whose items have no name.
    an_order => "Order", "Đơn hàng";
    /// What the 404 page says it could not find: "We couldn't find that order."
    that_order => "that order", "đơn hàng đó";
}
