//! The words of buying: a brand's page (its title, notes and sections), the buy form (the
//! amounts, the coin and its network, the price and its notes, the Buy button), the
//! shopper's details, what the form says when it comes back, and why an amount or an email
//! address can't be used.

words! { BuyText, WORDS =
    // A brand's page.
    /// The page's title and heading, by what the brand sells; `name` is the brand's.
    gift_card_title(name: &str) => "{name} gift card", "Thẻ quà tặng {name}";
    top_up_title(name: &str) => "{name} mobile top-up", "Nạp tiền di động {name}";
    esim_title(name: &str) => "{name} data plans", "Gói dữ liệu {name}";
    top_up_note => "Top-ups go straight to the phone number you enter below.",
        "Tiền nạp được chuyển thẳng vào số điện thoại bạn nhập bên dưới.";
    esim_note => "You get an activation code to install the eSIM on your phone. Check that your phone supports eSIMs.",
        "Bạn sẽ nhận được mã kích hoạt để cài eSIM lên điện thoại. Hãy kiểm tra xem điện thoại của bạn có hỗ trợ eSIM không.";
    /// The page's meta description; `prices` is the brand's range ("$5 – $500"), or empty.
    brand_description(heading: &str, country: &str, prices: &str) =>
        "{heading} in {country}, paid with USDC or another stablecoin. {prices}",
        "{heading} tại {country}, thanh toán bằng USDC hoặc stablecoin khác. {prices}";
    brand_unavailable => "This brand can't be shown right now",
        "Hiện chưa thể hiển thị thương hiệu này";
    breadcrumb => "Breadcrumb", "Đường dẫn";
    all_brands_in(country: &str) => "← All brands in {country}", "← Tất cả thương hiệu tại {country}";
    out_of_stock => "Out of stock", "Hết hàng";
    buy_heading => "Buy", "Mua hàng";
    try_these_instead => "This brand is out of stock. Try one of these instead:",
        "Thương hiệu này đã hết hàng. Bạn có thể thử một trong các thương hiệu sau:";
    not_available_now(brand: &str) => "{brand} is not available right now.",
        "{brand} hiện không có sẵn.";
    /// Followed by a link, "choose another brand", and a full stop.
    try_later_or => "Try again later, or ", "Vui lòng thử lại sau, hoặc ";
    choose_another_brand => "choose another brand", "chọn thương hiệu khác";
    about_brand(brand: &str) => "About {brand}", "Giới thiệu về {brand}";
    how_to_redeem => "How to redeem", "Cách sử dụng";
    terms_and_conditions => "Terms and conditions", "Điều khoản và điều kiện";
    /// The custom amount's range, under its input: "From $5.00 to $500.00".
    amount_range(min: &str, max: &str) => "From {min} to {max}", "Từ {min} đến {max}";

    // The buy form.
    /// The custom amount's radio when the brand sells nothing else.
    your_amount => "Your amount", "Số tiền của bạn";
    /// The custom amount's radio beside fixed amounts.
    other_amount => "Other amount", "Số tiền khác";
    amount_in(currency: &str) => "Amount in {currency}", "Số tiền ({currency})";
    sold_out_now => "Out of stock right now. Check back soon.",
        "Hiện đã hết hàng. Bạn vui lòng quay lại sau nhé.";
    pay_with => "Pay with", "Thanh toán bằng";
    on_the_network => "On the network", "Chọn mạng";
    network_warning => "Send only on the network you choose here: coins sent on another network are lost.",
        "Chỉ gửi trên mạng bạn chọn ở đây: tiền gửi qua mạng khác sẽ bị mất.";
    /// After a coin's or a network's name, when it can't be chosen now.
    paused_now => "(paused right now)", "(đang tạm dừng)";
    /// After the network with the lowest fees.
    lowest_fee => "lowest fee", "phí thấp nhất";
    /// Before a coin's networks, without JavaScript: "USDC on:".
    coin_on(coin: &str) => "{coin} on:", "Mạng cho {coin}:";
    price => "Price", "Giá";
    buy_now => "Buy now", "Mua ngay";
    /// The Buy button when the price the shopper is asked to confirm changed.
    buy_for(price: &str) => "Buy for {price}", "Mua với giá {price}";
    /// The Buy button when a top-up's number is to be confirmed.
    yes_top_up(number: &str) => "Yes, top up {number}", "Đồng ý, nạp tiền cho {number}";
    placing_order => "Placing your order…", "Đang đặt hàng…";
    show_new_price => "Changed the amount or the coin? Show the new price before you buy.",
        "Bạn đã đổi số tiền hoặc loại coin? Hãy xem giá mới trước khi mua.";
    show_price => "Show price", "Xem giá";

    // The price in the buy bar, and what to know about it.
    choose_an_amount => "Choose an amount", "Hãy chọn số tiền";
    enter_amount_for_price => "Enter an amount to see the price", "Nhập số tiền để xem giá";
    try_again => "Try again", "Thử lại";
    priced_when_you_buy => "Priced when you buy", "Giá được tính khi bạn mua";
    /// `fee` is a network's typical fee ("about $1 to $5").
    fee_warning(network: &str, fee: &str) =>
        "Sending on {network} usually costs {fee} in network fees, a lot next to this price. Solana and Base cost a cent or less.",
        "Gửi trên mạng {network} thường tốn {fee} phí mạng, khá cao so với giá này. Trên Solana và Base, phí chỉ khoảng 1 cent hoặc thấp hơn.";
    /// A wallet's usual fee on a network, in US dollars.
    network_fee_range(low: u32, high: u32) => "about ${low} to ${high}", "khoảng {low}–{high} US$";
    paid_in(coin: &str) => "Paid in {coin}.", "Thanh toán bằng {coin}.";
    paid_in_on(coin: &str, network: &str) => "Paid in {coin} on {network}.",
        "Thanh toán bằng {coin} trên mạng {network}.";
    fees_included => "Includes the shop's fees; your wallet adds its own network fee when you send.",
        "Giá đã gồm phí của cửa hàng; ví của bạn sẽ tự cộng thêm phí mạng khi gửi.";

    // The shopper's details.
    your_details => "Your details", "Thông tin của bạn";
    phone_to_top_up => "Phone number to top up", "Số điện thoại cần nạp tiền";
    /// `example`: a number of the brand's country ("+1 201-555-0123"), or its dialling code.
    phone_hint(example: &str) => "A mobile number of this country, with its country code, like {example}.",
        "Số di động của quốc gia này, kèm mã quốc gia, ví dụ {example}.";
    send_code_to => "Send the code to (email, optional)", "Gửi tặng mã thẻ tới email (không bắt buộc)";
    send_esim_to => "Send the eSIM to (email, optional)", "Gửi eSIM đến (email, không bắt buộc)";
    recipient_hint => "Leave it empty to get it yourself.", "Để trống nếu bạn muốn tự nhận.";
    your_email => "Your email", "Email của bạn";
    email_hint => "For the receipt and the order link. We send nothing else unless you ask.",
        "Để gửi biên nhận và đường dẫn đến đơn hàng. Chúng tôi không gửi gì khác trừ khi bạn yêu cầu.";
    coupon_code => "Coupon code (optional)", "Mã giảm giá (không bắt buộc)";
    /// `from`: the shop's name, or whose news the partner says.
    newsletter(from: &str) => "Send me news and offers from {from}",
        "Gửi cho tôi tin tức và ưu đãi từ {from}";

    // What the form says when it comes back.
    price_is_now(price: &str) => "The price is now {price}", "Giá hiện tại là {price}";
    nothing_ordered_yet => "Nothing is ordered until you press the button below.",
        "Đơn hàng chỉ được đặt khi bạn nhấn nút bên dưới.";
    confirm_top_up(number: &str) => "Top up {number}?", "Nạp tiền cho số {number}?";
    check_the_number => "Check the number: a top-up goes straight to the phone and can't be taken back. If it is right, press the button below; if not, change it.",
        "Hãy kiểm tra lại số điện thoại: tiền nạp được chuyển thẳng vào máy và không thể lấy lại. Nếu số đúng, hãy nhấn nút bên dưới; nếu chưa đúng, hãy sửa lại.";
    one_thing_to_fix => "One thing to fix", "Có 1 mục cần sửa";
    things_to_fix(count: usize) => "{count} things to fix", "Có {count} mục cần sửa";

    // Why an amount can't be bought (`AmountError`); amounts are written by `format::fiat`.
    amount_not_a_number => "Enter the amount as a number, like 25.",
        "Hãy nhập số tiền bằng chữ số, ví dụ 25.";
    amount_below_minimum(min: &str) => "The smallest amount is {min}.", "Số tiền tối thiểu là {min}.";
    amount_above_maximum(max: &str) => "The largest amount is {max}.", "Số tiền tối đa là {max}.";
    amount_off_step(step: &str) => "Amounts go in steps of {step}.",
        "Số tiền phải tăng theo từng bước {step}.";
    amount_whole_only => "Whole amounts only, like 25 (no cents).",
        "Chỉ nhận số tiền chẵn, ví dụ 25 (không có phần lẻ).";

    // Why an email address can't be used.
    email_missing => "Enter your email address: the receipt and the code go there.",
        "Hãy nhập địa chỉ email của bạn: biên nhận và mã thẻ sẽ được gửi đến đó.";
    email_without_at => "That email address is missing an @, like name@example.com.",
        "Địa chỉ email này thiếu ký tự @. Email hợp lệ có dạng ten@example.com.";
    email_incomplete => "That email address doesn't look complete, like name@example.com.",
        "Địa chỉ email này có vẻ chưa đầy đủ. Email hợp lệ có dạng ten@example.com.";
}
