//! The words of the text pages: help, terms, privacy, refunds, the 404 page and the panel a
//! page shows when it can't load. A sentence with a link in it is split around the link
//! (`…_before`, the link's own word, `…_after`), so each language orders its own words.

words! { PagesText, WORDS =
    // Help (`/help`).
    help_description => "How buying gift cards, top-ups and eSIMs with stablecoins works, and what to do when something goes wrong.",
        "Cách mua thẻ quà tặng, nạp tiền di động và eSIM bằng stablecoin, và cần làm gì khi có sự cố.";
    /// The label of the help page's table of contents.
    on_this_page => "On this page", "Trên trang này";
    how_buying_works => "How buying works", "Cách mua hàng";
    paying => "Paying", "Thanh toán";
    when_something_goes_wrong => "When something goes wrong", "Khi có sự cố";
    contact_support => "Contact support", "Liên hệ hỗ trợ";
    step_choose => "Choose your country, a brand and an amount.",
        "Chọn quốc gia, thương hiệu và số tiền.";
    step_coin => "Choose the coin you pay with (USDC, USDT…) and the network you send it on.",
        "Chọn đồng tiền bạn dùng để thanh toán (USDC, USDT…) và mạng bạn dùng để gửi.";
    step_email => "Enter your email: the code goes there, and to the order's page.",
        "Nhập email của bạn: mã sẽ được gửi đến email đó và hiển thị trên trang đơn hàng.";
    step_send => "Send the exact amount to the address shown, within 30 minutes.",
        "Gửi đúng số tiền đến địa chỉ ví được hiển thị, trong vòng 30 phút.";
    step_follow => "The order's page moves by itself: payment received, delivering, done. Gift card codes usually arrive within minutes of the payment.",
        "Trang đơn hàng tự cập nhật: đã nhận thanh toán, đang giao, hoàn tất. Mã thẻ quà tặng thường đến trong vài phút sau khi thanh toán.";
    which_network_question => "Which network should I choose?", "Tôi nên chọn mạng nào?";
    which_network_answer => "The one your wallet or exchange can send on. Solana and Base cost a cent or less to send; Ethereum (ETH Mainnet) and Tron can cost a dollar or more, which matters on a small card. Coins sent on another network than the one you chose are lost.",
        "Mạng mà ví hoặc sàn giao dịch của bạn hỗ trợ gửi. Phí gửi trên Solana và Base chỉ khoảng 1 cent (0,01 USD) hoặc thấp hơn; trên Ethereum (ETH Mainnet) và Tron có thể từ 1 USD trở lên, một khoản đáng kể với thẻ mệnh giá nhỏ. Tiền gửi trên mạng khác với mạng bạn đã chọn sẽ bị mất.";
    fees_question => "Does the price include fees?", "Giá đã bao gồm phí chưa?";
    fees_answer => "The price includes the shop's fees. Your wallet or exchange adds its own network fee when you send. If your exchange takes its fee out of the amount it sends, add the fee, so that the exact amount arrives.",
        "Giá đã bao gồm phí của cửa hàng. Khi gửi, ví hoặc sàn giao dịch của bạn sẽ tính thêm phí mạng của riêng họ. Nếu sàn trừ phí vào số tiền gửi đi, hãy cộng thêm khoản phí đó để số tiền đến nơi đúng bằng số cần thanh toán.";
    time_question => "How long do I have?", "Tôi có bao lâu để thanh toán?";
    time_answer => "30 minutes from ordering. The order's page shows the time left. Don't send coins after the time is up: the order expires.",
        "30 phút kể từ khi đặt hàng. Trang đơn hàng hiển thị thời gian còn lại. Đừng gửi tiền sau khi hết thời gian: khi đó đơn hàng đã hết hạn.";
    too_little_question => "I sent too little", "Tôi đã gửi thiếu tiền";
    too_little_answer => "The order's page says what arrived and what is still due. Send the rest to the same address before the time runs out. If it doesn't arrive in time, what you sent is refunded.",
        "Trang đơn hàng cho biết số tiền đã nhận và số tiền còn thiếu. Hãy gửi phần còn lại đến cùng địa chỉ ví trước khi hết thời gian. Nếu phần đó không đến kịp, số tiền bạn đã gửi sẽ được hoàn lại.";
    too_late_question => "I sent too late", "Tôi đã gửi tiền quá hạn";
    too_late_answer => "An expired order is not delivered. Contact support with the order number and the transaction: the payment is refunded.",
        "Đơn hàng đã hết hạn sẽ không được giao. Hãy liên hệ bộ phận hỗ trợ, kèm mã đơn hàng và giao dịch của bạn: khoản thanh toán sẽ được hoàn lại.";
    failed_question => "The order failed", "Đơn hàng không thành công";
    failed_answer => "No goods were sent. If you paid, the payment is refunded. The order's page has a button to order the same again.",
        "Chưa có sản phẩm nào được gửi đi. Nếu bạn đã thanh toán, khoản thanh toán sẽ được hoàn lại. Trên trang đơn hàng có nút để đặt lại đúng đơn hàng đó.";
    no_code_question => "I can't find my code", "Tôi không tìm thấy mã thẻ";
    /// Around the link to "Your orders" (the header's word).
    no_code_answer_before => "It is on the order's page (keep its address, or find it under ",
        "Mã có trên trang đơn hàng (hãy lưu lại địa chỉ trang, hoặc tìm trong mục ";
    no_code_answer_after => " on the device you ordered from) and in the email about the order. Check your spam folder.",
        " trên thiết bị bạn đã dùng để đặt hàng) và trong email về đơn hàng. Hãy kiểm tra cả thư mục thư rác.";
    /// "More in the refund policy, the terms and the privacy notice.", around three links.
    more_in => "More in the ", "Xem thêm trong ";
    refund_policy_link => "refund policy", "chính sách hoàn tiền";
    list_then => ", the ", ", ";
    terms_link => "terms", "điều khoản";
    list_last => " and the ", " và ";
    privacy_notice_link => "privacy notice", "thông báo quyền riêng tư";
    more_in_after => ".", "." (same);
    /// Around the partner's support address.
    write_to => "Write to ", "Hãy gửi email đến ";
    write_to_after => ". Put your order number in the subject (it is on the order's page and in the email about it): we answer faster.",
        ". Ghi mã đơn hàng vào tiêu đề (mã có trên trang đơn hàng và trong email về đơn hàng) để được trả lời nhanh hơn.";
    reply_to_order_email => "Reply to the email you received about your order: it goes to the supplier's support team, who handle every order of this shop. Put your order number in it.",
        "Hãy trả lời email bạn đã nhận về đơn hàng: thư sẽ đến đội hỗ trợ của nhà cung cấp, nơi xử lý mọi đơn hàng của cửa hàng này. Nhớ ghi mã đơn hàng trong thư.";
    /// The subject of the mail "contact support" opens about an order.
    support_mail_subject(order: &str) => "Order {order}", "Đơn hàng {order}";

    // Terms (`/terms`).
    terms_heading => "Terms of sale", "Điều khoản bán hàng";
    terms_intro(shop: &str) => "{shop} sells digital gift cards, mobile top-ups and eSIMs supplied by Cryptorefills, paid with cryptocurrencies.",
        "{shop} bán thẻ quà tặng kỹ thuật số, nạp tiền di động và eSIM do Cryptorefills cung cấp, thanh toán bằng tiền mã hóa.";
    prices_heading => "Prices and payment", "Giá và thanh toán";
    prices_text => "Prices are in the coin you choose and include the shop's fees; your wallet's network fee is yours. An order must be paid in full, on the network chosen, within 30 minutes of ordering.",
        "Giá được tính bằng đồng tiền bạn chọn và đã bao gồm phí của cửa hàng; phí mạng của ví do bạn chi trả. Đơn hàng phải được thanh toán đủ, trên đúng mạng đã chọn, trong vòng 30 phút kể từ khi đặt hàng.";
    delivery_heading => "Delivery", "Giao hàng";
    delivery_text => "Codes are delivered to the email address given and on the order's page, usually within minutes of the payment. Top-ups go to the phone number given; check it before confirming: a top-up can't be taken back.",
        "Mã được gửi đến địa chỉ email bạn cung cấp và hiển thị trên trang đơn hàng, thường trong vài phút sau khi thanh toán. Tiền nạp được chuyển vào số điện thoại bạn cung cấp; hãy kiểm tra kỹ trước khi xác nhận, vì tiền đã nạp thì không thể thu hồi.";
    using_heading => "Using the goods", "Sử dụng sản phẩm";
    using_text => "Each brand's own terms apply to its cards (shown on its page). A delivered code is like cash: keep it safe.",
        "Thẻ của mỗi thương hiệu tuân theo điều khoản riêng của thương hiệu đó (hiển thị trên trang thương hiệu). Mã đã giao có giá trị như tiền mặt: hãy giữ cẩn thận.";
    undeliverable_heading => "When an order can't be delivered", "Khi không thể giao đơn hàng";
    /// Around the link to the refund policy.
    undeliverable_before => "It is refunded, as the ", "Đơn hàng sẽ được hoàn tiền theo ";
    undeliverable_after => " says.", ".";

    // Privacy (`/privacy`).
    privacy_heading => "Privacy notice", "Thông báo quyền riêng tư";
    privacy_intro(shop: &str) => "{shop} has no accounts. Here is what it uses, and why.",
        "{shop} không có tài khoản người dùng. Dưới đây là những thông tin cửa hàng sử dụng, và lý do.";
    for_an_order_heading => "For an order", "Khi đặt hàng";
    for_an_order_text => "Your email address (and the recipient's email or phone number) go to our supplier, Cryptorefills, who delivers the order and emails you about it. With each request the supplier also receives your IP address and browser name, to prevent fraud.",
        "Địa chỉ email của bạn (và email hoặc số điện thoại của người nhận) được chuyển đến nhà cung cấp của chúng tôi là Cryptorefills, đơn vị giao đơn hàng và gửi email cho bạn về đơn hàng đó. Với mỗi yêu cầu, nhà cung cấp cũng nhận được địa chỉ IP và tên trình duyệt của bạn để phòng chống gian lận.";
    in_your_browser_heading => "In your browser", "Trong trình duyệt của bạn";
    in_your_browser_text => "Cookies remember your country, your language, the coin you last chose, and a random key that stops a double click from ordering twice. The list under Your orders is kept in your browser's storage and never leaves it.",
        "Cookie ghi nhớ quốc gia, ngôn ngữ, đồng tiền bạn chọn gần nhất, và một khóa ngẫu nhiên giúp tránh đặt hàng hai lần khi bạn lỡ nhấn đúp. Danh sách trong mục Đơn hàng của bạn được lưu trong bộ nhớ của trình duyệt và không bao giờ rời khỏi đó.";
    newsletter_heading => "Newsletter", "Bản tin";
    newsletter_text => "Only if you tick the box when ordering.",
        "Chỉ khi bạn đánh dấu vào ô đăng ký lúc đặt hàng.";

    // Refunds (`/refunds`).
    refund_policy_heading => "Refund policy", "Chính sách hoàn tiền";
    refund_undeliverable => "An order that can't be delivered (out of stock, the brand refused it) is refunded in full.",
        "Đơn hàng không thể giao (hết hàng, hoặc bị thương hiệu từ chối) sẽ được hoàn tiền đầy đủ.";
    refund_late_or_short => "A payment that arrives after the 30 minutes, or short and never completed, is refunded.",
        "Khoản thanh toán đến sau 30 phút, hoặc thanh toán thiếu mà không được bổ sung đủ, sẽ được hoàn lại.";
    refund_delivered => "A delivered code can't be refunded: it is as good as cash once you have it.",
        "Mã đã giao không thể hoàn tiền: khi đã đến tay bạn, mã có giá trị như tiền mặt.";
    /// Around the "contact support" link.
    refund_contact_before => "For an expired or short-paid order, ",
        "Với đơn hàng đã hết hạn hoặc thanh toán thiếu, hãy ";
    contact_support_link => "contact support", "liên hệ bộ phận hỗ trợ";
    refund_contact_after => " with the order number and your transaction: support arranges the refund with you.",
        " kèm mã đơn hàng và giao dịch của bạn: bộ phận hỗ trợ sẽ cùng bạn sắp xếp việc hoàn tiền.";

    // The 404 page.
    page_not_found => "Page not found", "Không tìm thấy trang";
    no_page_here => "There is no page at this address.", "Không có trang nào ở địa chỉ này.";
    /// `what` is a phrase in the page's language ("that order", "đơn hàng này").
    could_not_find(what: &str) => "We couldn't find {what}.", "Chúng tôi không tìm thấy {what}.";
    go_to_shop => "Go to the shop", "Đến cửa hàng";
    /// Between "Go to the shop" and "choose a country".
    or => " or ", " hoặc ";
    choose_a_country => "choose a country", "chọn quốc gia";

    // The panel of a page that can't load.
    try_again => "Try again", "Thử lại";
    choose_another_country => "Choose another country", "Chọn quốc gia khác";
}
