//! The words of problems and errors: upstream's problem codes (`domain::problem`), the app's
//! errors (`AppError`) and the error page around them, and what the checkout, the custom
//! amount's price and the request guards refuse, each with what to do instead.

words! { ProblemsText, WORDS =
    // Upstream's problem codes, one sentence each (`domain::problem::KNOWN_PROBLEMS`).
    amount_less_than_minimum => "This order is below the smallest amount that can be paid in this coin. Choose a larger amount.",
        "Đơn hàng này thấp hơn số tiền tối thiểu có thể thanh toán bằng coin này. Vui lòng chọn số tiền lớn hơn.";
    maximum_amount_per_order_exceeded => "This order is above the largest amount allowed in one order. Choose a smaller amount.",
        "Đơn hàng này vượt quá số tiền tối đa cho phép trong một đơn hàng. Vui lòng chọn số tiền nhỏ hơn.";
    daily_spending_limit_exceeded => "You have reached today's spending limit. Try again tomorrow or choose a smaller amount.",
        "Bạn đã đạt hạn mức chi tiêu của hôm nay. Hãy thử lại vào ngày mai hoặc chọn số tiền nhỏ hơn.";
    monthly_spending_limit_exceeded => "You have reached this month's spending limit.",
        "Bạn đã đạt hạn mức chi tiêu của tháng này.";
    product_count_exceeded => "There are too many items in this order. Remove some and try again.",
        "Đơn hàng này có quá nhiều sản phẩm. Hãy bớt một vài sản phẩm rồi thử lại.";
    multiple_limited_products => "Only one limited product is allowed per order. Buy it on its own.",
        "Mỗi đơn hàng chỉ được có một sản phẩm giới hạn. Hãy mua riêng sản phẩm này.";
    not_available_product => "This product is no longer available. Choose another amount or brand.",
        "Sản phẩm này không còn được bán. Hãy chọn mệnh giá hoặc thương hiệu khác.";
    out_of_stock => "This product is out of stock right now. Choose another amount or try later.",
        "Sản phẩm này hiện đang hết hàng. Hãy chọn mệnh giá khác hoặc thử lại sau.";
    not_active => "This product is paused at the moment. Try again later.",
        "Sản phẩm này đang tạm ngừng bán. Vui lòng thử lại sau.";
    invalid_beneficiary_account => "The recipient doesn't look right: use an email address for gift cards and eSIMs, and a phone number with its country code (like +14155551234) for top-ups.",
        "Thông tin người nhận có vẻ chưa đúng: hãy dùng địa chỉ email cho thẻ quà tặng và eSIM, và số điện thoại kèm mã quốc gia (ví dụ +84912345678) cho nạp tiền di động.";
    not_allowed_payment_via => "This way of paying can't be used for this order.",
        "Không thể dùng phương thức thanh toán này cho đơn hàng này.";
    unsupported_coin_network => "This coin can't be paid on the chosen network. Pick another network.",
        "Không thể thanh toán coin này trên mạng đã chọn. Hãy chọn mạng khác.";
    login_required => "This product needs a signed-in Cryptorefills account, which this shop can't provide.",
        "Sản phẩm này cần đăng nhập tài khoản Cryptorefills, điều mà cửa hàng này không hỗ trợ.";
    coupon_requires_login => "This coupon can only be used with a signed-in account.",
        "Mã giảm giá này chỉ dùng được khi đã đăng nhập tài khoản.";
    coupon_not_found => "That coupon code doesn't exist. Check the spelling.",
        "Mã giảm giá này không tồn tại. Hãy kiểm tra lại cách viết.";
    coupon_not_active => "That coupon isn't active yet.", "Mã giảm giá này chưa có hiệu lực.";
    coupon_already_spent => "You have already used that coupon.", "Bạn đã dùng mã giảm giá này rồi.";
    coupon_max_usage_reached => "That coupon has been used up.", "Mã giảm giá này đã hết lượt sử dụng.";
    coupon_expired => "That coupon has expired.", "Mã giảm giá này đã hết hạn.";
    coupon_below_min_amount => "This order is below the coupon's minimum amount.",
        "Đơn hàng này chưa đạt giá trị tối thiểu để dùng mã giảm giá.";
    coupon_not_for_user => "That coupon isn't valid for you.", "Mã giảm giá này không áp dụng cho bạn.";
    /// For a category and for a kind of product alike.
    coupon_not_for_kind => "That coupon doesn't apply to this kind of product.",
        "Mã giảm giá này không áp dụng cho loại sản phẩm này.";
    coupon_not_for_brand => "That coupon doesn't apply to this brand.",
        "Mã giảm giá này không áp dụng cho thương hiệu này.";
    coupon_not_for_country => "That coupon isn't valid in this country.",
        "Mã giảm giá này không có hiệu lực tại quốc gia này.";
    coupon_not_for_store => "That coupon isn't valid in this shop.",
        "Mã giảm giá này không có hiệu lực tại cửa hàng này.";
    suspended_coin => "Payments in this coin are paused right now. Choose another coin.",
        "Thanh toán bằng coin này đang tạm dừng. Hãy chọn coin khác.";
    suspended_network => "Payments on this network are paused right now. Choose another network.",
        "Thanh toán trên mạng này đang tạm dừng. Hãy chọn mạng khác.";
    invalid_email_domain => "Email addresses at that domain can't be used. Use another email address.",
        "Không thể dùng địa chỉ email thuộc tên miền này. Hãy dùng địa chỉ email khác.";
    kyc_missing => "This order needs an identity check on a Cryptorefills account first.",
        "Đơn hàng này cần xác minh danh tính trên tài khoản Cryptorefills trước.";
    kyc_pending => "Your identity check is still being reviewed. Try again once it is approved.",
        "Yêu cầu xác minh danh tính của bạn vẫn đang được xem xét. Hãy thử lại khi đã được duyệt.";
    verification_required => "This order needs extra verification on a Cryptorefills account first.",
        "Đơn hàng này cần xác minh bổ sung trên tài khoản Cryptorefills trước.";
    fullname_missing => "This order needs your full name on a Cryptorefills account.",
        "Đơn hàng này cần họ và tên đầy đủ của bạn trên tài khoản Cryptorefills.";
    invalid_denomination => "That amount can't be bought for this brand. Choose one of its amounts.",
        "Không thể mua số tiền này cho thương hiệu này. Hãy chọn một trong các mệnh giá có sẵn.";
    invalid_product_value => "That amount can't be bought for this brand. Enter an amount within its range.",
        "Không thể mua số tiền này cho thương hiệu này. Hãy nhập số tiền trong khoảng cho phép.";
    not_supported_coin => "This coin can't be used for this product. Choose another coin.",
        "Không thể dùng coin này cho sản phẩm này. Hãy chọn coin khác.";
    invalid_request => "Our supplier couldn't read this order. Check the amount and the details, and try again.",
        "Nhà cung cấp của chúng tôi không đọc được đơn hàng này. Hãy kiểm tra số tiền và các thông tin rồi thử lại.";
    /// A code the shop doesn't know yet, named so support can tell what happened.
    unknown_problem(code: &str) => "This order can't be placed as it is (reason: {code}). Try another amount or payment method.",
        "Không thể đặt đơn hàng này như hiện tại (lý do: {code}). Hãy thử số tiền hoặc phương thức thanh toán khác.";

    // What a problem's details add (`unit` is " USD" or empty).
    details_smallest(min: &str, unit: &str) => "The smallest is {min}{unit}.", "Mức nhỏ nhất là {min}{unit}.";
    details_largest(max: &str, unit: &str) => "The largest is {max}{unit}.", "Mức lớn nhất là {max}{unit}.";
    details_largest_order_usd(max: &str) => "The largest order is {max} USD.",
        "Đơn hàng lớn nhất là {max} USD.";
    details_paid_with(pairs: &str) => "It can be paid with {pairs}.", "Có thể thanh toán bằng {pairs}.";
    /// One coin and network of a list: "USDC on Solana".
    details_coin_on_network(coin: &str, network: &str) => "{coin} on {network}", "{coin} trên {network}";
    details_allowed(vias: &str) => "Allowed: {vias}.", "Được phép: {vias}.";

    // What the shopper reads about an `AppError`.
    not_found_anything => "We couldn't find what you asked for.",
        "Chúng tôi không tìm thấy nội dung bạn yêu cầu.";
    not_found(what: &str) => "We couldn't find {what}.", "Chúng tôi không tìm thấy {what}.";
    supplier_unavailable => "We can't reach our supplier right now. Please try again in a moment.",
        "Hiện không thể kết nối với nhà cung cấp của chúng tôi. Vui lòng thử lại sau giây lát.";
    supplier_refused => "Our supplier couldn't handle this request. Please try again, or choose another amount or payment method.",
        "Nhà cung cấp của chúng tôi không xử lý được yêu cầu này. Vui lòng thử lại, hoặc chọn số tiền hay phương thức thanh toán khác.";
    shop_unreachable => "We couldn't reach the shop. Check your connection and try again.",
        "Không thể kết nối với cửa hàng. Hãy kiểm tra kết nối Internet rồi thử lại.";
    shop_busy => "The shop is very busy right now. Please try again in a few seconds.",
        "Cửa hàng đang rất đông khách. Vui lòng thử lại sau vài giây.";
    too_fast_one_second => "That was a lot of tries in a short time. Please wait 1 second and try again.",
        "Bạn đã thử quá nhiều lần trong thời gian ngắn. Vui lòng đợi 1 giây rồi thử lại.";
    too_fast(secs: u64) => "That was a lot of tries in a short time. Please wait {secs} seconds and try again.",
        "Bạn đã thử quá nhiều lần trong thời gian ngắn. Vui lòng đợi {secs} giây rồi thử lại.";
    too_large => "What was sent is far longer than any order needs, so it was not read.",
        "Nội dung gửi đi dài hơn nhiều so với mức một đơn hàng cần, nên đã không được đọc.";
    checkout_paused => "Checkout is paused for a moment while the shop reconnects. Nothing was ordered or charged: please try again in a minute.",
        "Thanh toán đang tạm dừng trong giây lát để cửa hàng kết nối lại. Chưa có đơn hàng nào được đặt và bạn chưa bị trừ tiền: vui lòng thử lại sau một phút.";
    request_unreadable => "The request could not be read.", "Không đọc được yêu cầu này.";

    // An `AppError`'s heading.
    title_not_found => "Page not found", "Không tìm thấy trang";
    title_wait => "Please wait a moment", "Vui lòng đợi một chút";
    title_forbidden => "This form came from another site", "Biểu mẫu này được gửi từ một trang web khác";
    title_too_large => "This form is too large", "Biểu mẫu này quá lớn";
    title_unreadable => "This request could not be read", "Không thể đọc yêu cầu này";
    title_checkout_paused => "Checkout is paused for a moment", "Thanh toán đang tạm dừng trong giây lát";
    title_problems => "This order can't be placed", "Không thể đặt đơn hàng này";

    // The error page around a refused request, and the guards' refusals.
    nothing_ordered => "Nothing was ordered or charged.",
        "Chưa có đơn hàng nào được đặt và bạn chưa bị trừ tiền.";
    nothing_ordered_go_back => "Nothing was ordered or charged. Your browser's Back button returns to the form with what you typed.",
        "Chưa có đơn hàng nào được đặt và bạn chưa bị trừ tiền. Nút Quay lại của trình duyệt sẽ đưa bạn về biểu mẫu với những gì bạn đã nhập.";
    back_to_your_order => "Back to your order", "Quay lại đơn hàng của bạn";
    form_not_whole => "The form did not arrive whole: please try again.",
        "Biểu mẫu chưa được gửi đến đầy đủ: vui lòng thử lại.";
    only_own_pages => "For your safety the shop only takes orders sent from its own pages. Open the shop and try again there.",
        "Vì sự an toàn của bạn, cửa hàng chỉ nhận đơn hàng gửi từ chính các trang của cửa hàng. Hãy mở cửa hàng và thử lại tại đó.";
    method_not_served => "This method is not served here.", "Phương thức này không được hỗ trợ tại đây.";
    not_a_path => "Not a path this shop serves.", "Đây không phải là đường dẫn mà cửa hàng phục vụ.";
    too_many_open => "You have many requests open at once. Please try again in a moment.",
        "Bạn đang có quá nhiều yêu cầu cùng lúc. Vui lòng thử lại sau giây lát.";

    // What a server function refuses, and what it couldn't find (`what` of `not_found`).
    coin_unusable(coin: &str) => "{coin} can't be used to pay right now.",
        "Hiện không thể thanh toán bằng {coin}.";
    that_coin_unusable => "That coin can't be used to pay right now.",
        "Hiện không thể thanh toán bằng coin này.";
    country_with_code(code: &str) => "a country with the code “{code}”", "quốc gia có mã “{code}”";
    that_country => "that country", "quốc gia này";
    brand_in(slug: &str, country: &str) => "“{slug}” in {country}", "“{slug}” tại {country}";
    that_brand_in(country: &str) => "that brand in {country}", "thương hiệu này tại {country}";
    fixed_amounts_only => "This brand sells fixed amounts only.",
        "Thương hiệu này chỉ bán theo các mệnh giá cố định.";
    amount_not_priced => "That amount can't be priced right now. Try another amount.",
        "Hiện chưa thể báo giá cho số tiền này. Hãy thử số tiền khác.";

    // The checkout form's fields, checked on the server.
    email_too_long(max: usize) => "An email address has at most {max} characters.",
        "Địa chỉ email có tối đa {max} ký tự.";
    field_too_long(max: usize) => "This field takes at most {max} characters.",
        "Ô này chỉ nhận tối đa {max} ký tự.";
    coupon_too_long(max: usize) => "A coupon code has at most {max} characters.",
        "Mã giảm giá có tối đa {max} ký tự.";
    choose_again => "Choose the amount and the coin again.", "Hãy chọn lại số tiền và coin.";
    brand_not_sold_in(country: &str) => "This brand isn't sold in {country} any more.",
        "Thương hiệu này không còn được bán tại {country}.";
    own_wallet_unavailable => "Paying from your own wallet isn't possible right now.",
        "Hiện không thể thanh toán từ ví của bạn.";
    choose_coin => "Choose a coin to pay with.", "Hãy chọn coin để thanh toán.";
    choose_network(coin: &str) => "Choose a network to send {coin} on.", "Hãy chọn mạng để gửi {coin}.";
    choose_one_of_amounts => "Choose one of the amounts.", "Hãy chọn một trong các mệnh giá.";
    choose_amount => "Choose an amount.", "Hãy chọn số tiền.";
    /// Validation priced the order lower than the page: the coupon's doing.
    coupon_takes_off(coupon: &str, off: &str, price: &str) => "Your coupon {coupon} takes {off} off the {price} price.",
        "Mã giảm giá {coupon} của bạn giảm {off} so với giá {price}.";
    price_moved(shown: &str, now: &str) => "The price moved since the page showed {shown}: it is {now} now.",
        "Giá đã thay đổi kể từ khi trang hiển thị {shown}: giá hiện tại là {now}.";

    // A top-up's phone number (`example` is a number of the country, with its code).
    phone_missing(dialling: &str) => "Enter the phone number to top up, with its country code ({dialling}).",
        "Hãy nhập số điện thoại cần nạp tiền, kèm mã quốc gia ({dialling}).";
    phone_not_a_number(example: &str) => "That doesn't look like a phone number. Use digits, with the country code, like {example}.",
        "Đây có vẻ không phải là số điện thoại. Hãy dùng chữ số, kèm mã quốc gia, ví dụ {example}.";
    phone_invalid_in(number: &str, country: &str) => "{number} isn't a valid phone number in {country}. Check the digits and the country code.",
        "{number} không phải là số điện thoại hợp lệ tại {country}. Hãy kiểm tra các chữ số và mã quốc gia.";
    phone_of_another_country(theirs: &str, country: &str, dialling: &str) => "That is a number from {theirs}. This top-up is for numbers in {country} only ({dialling}…).",
        "Đây là số điện thoại của {theirs}. Gói nạp tiền này chỉ dành cho số tại {country} ({dialling}…).";
    phone_not_mobile => "That looks like a landline or service number: a top-up needs a mobile number.",
        "Đây có vẻ là số cố định hoặc số dịch vụ: nạp tiền di động cần số di động.";
    phone_not_exact(example: &str) => "We couldn't read that number exactly. Write it with its country code, digits only, like {example}.",
        "Chúng tôi chưa đọc được chính xác số này. Hãy viết kèm mã quốc gia, chỉ dùng chữ số, ví dụ {example}.";
}
