//! The words of browsing: a country's shop (its heading, trust line, search and category
//! chips), the list of countries, the country picker, brand cards, loading placeholders,
//! and the names of categories and of what a brand sells.

words! { BrowseText, WORDS =
    // A country's shop.
    /// What the 404 page could not find: "We couldn't find {what}."
    country_with_code(code: &str) => "a country with the code “{code}”", "quốc gia có mã “{code}”";
    shop_title(country: &str) => "Gift cards in {country}", "Thẻ quà tặng tại {country}";
    shop_description(country: &str) => "Buy gift cards, mobile top-ups and eSIMs for {country} with USDC and other stablecoins.",
        "Mua thẻ quà tặng, nạp tiền di động và eSIM tại {country}, thanh toán bằng USDC và các stablecoin khác.";
    shop_unavailable(country: &str) => "The shop for {country} can't open right now",
        "Hiện chưa mở được cửa hàng tại {country}";
    shop_heading(country: &str) => "Gift cards, top-ups and eSIMs in {country}",
        "Thẻ quà tặng, nạp tiền và eSIM tại {country}";
    how_buying_works => "How buying works", "Cách mua hàng";
    codes_by_email => "Codes arrive by email within minutes of payment",
        "Mã được gửi qua email trong vài phút sau khi thanh toán";
    refunded_if_undelivered => "Refunded if an order can't be delivered",
        "Hoàn tiền nếu đơn hàng không giao được";
    pay_with_stablecoins => "Pay with stablecoins", "Thanh toán bằng stablecoin";
    /// `coins`: "USDC, USDT or DAI".
    pay_with(coins: &str) => "Pay with {coins}", "Thanh toán bằng {coins}";
    /// `networks`: "Solana, Base or Polygon".
    pay_with_on(coins: &str, networks: &str) => "Pay with {coins} on {networks}",
        "Thanh toán bằng {coins} trên mạng {networks}";
    /// The end of a list of choices: "USDC, USDT" and "DAI".
    list_or(rest: &str, last: &str) => "{rest} or {last}", "{rest} hoặc {last}";
    skip_to_all_brands => "Skip to all brands", "Chuyển đến tất cả thương hiệu";
    all_brands => "All brands", "Tất cả thương hiệu";

    // The search and category chips over the grid.
    brands => "Brands", "Thương hiệu";
    search_brands => "Search brands", "Tìm thương hiệu";
    search => "Search", "Tìm kiếm";
    categories => "Categories", "Danh mục";
    category => "Category", "Danh mục";
    /// The chip for every category.
    all => "All", "Tất cả";
    brands_all(total: usize) => "{total} brands", "{total} thương hiệu";
    brands_shown(shown: usize, total: usize) => "{shown} of {total} brands",
        "{shown}/{total} thương hiệu";
    no_brands_yet => "No brands here yet.", "Chưa có thương hiệu nào ở đây.";
    no_brands_in(category: &str) => "No brands in {category}.",
        "Không có thương hiệu nào trong danh mục {category}.";
    no_brands_match(query: &str) => "No brands match “{query}”.",
        "Không có thương hiệu nào khớp với “{query}”.";
    no_brands_in_match(category: &str, query: &str) => "No brands in {category} match “{query}”.",
        "Không có thương hiệu nào trong danh mục {category} khớp với “{query}”.";
    show_all_brands => "Show all brands", "Xem tất cả thương hiệu";

    // A brand card.
    out_of_stock => "Out of stock", "Hết hàng";

    // The list of countries.
    choose_your_country => "Choose your country", "Chọn quốc gia của bạn";
    countries_description => "Gift cards, mobile top-ups and eSIMs for 233 countries, paid with stablecoins.",
        "Thẻ quà tặng, nạp tiền di động và eSIM cho 233 quốc gia và vùng lãnh thổ, thanh toán bằng stablecoin.";
    countries => "Countries", "Quốc gia";
    search_countries => "Search countries", "Tìm quốc gia";
    all_countries_summary => "All 233 countries we sell in.", "Chúng tôi bán hàng tại 233 quốc gia và vùng lãnh thổ.";
    no_country_matches_query(query: &str) => "No country matches “{query}”.",
        "Không có quốc gia nào khớp với “{query}”.";
    one_country_matches_query(query: &str) => "1 country matches “{query}”.",
        "1 quốc gia khớp với “{query}”.";
    countries_match_query(count: usize, query: &str) => "{count} countries match “{query}”.",
        "{count} quốc gia khớp với “{query}”.";
    countries_a_to_z => "Countries from A to Z", "Quốc gia từ A đến Z";

    // The country picker in the header.
    country => "Country", "Quốc gia";
    type_a_country => "Type a country", "Nhập tên quốc gia";
    go => "Go", "Chọn";
    picker_no_match => "No country matches", "Không có quốc gia nào phù hợp";
    picker_one_match => "1 country matches", "1 quốc gia phù hợp";
    picker_matches(count: usize) => "{count} countries match", "{count} quốc gia phù hợp";
    /// Vietnamese pages find a country by either name (`Country::search`).
    picker_empty => "No country matches. Try its English name or its two-letter code.",
        "Không tìm thấy quốc gia nào. Hãy thử tên tiếng Việt hoặc tiếng Anh, hoặc mã hai chữ cái của quốc gia.";

    // Placeholders while something loads.
    loading_brands => "Loading brands", "Đang tải các thương hiệu";
    loading_brand => "Loading the brand", "Đang tải trang thương hiệu";
    loading_price => "Loading the price", "Đang tải giá";

    // What a brand sells (`ProductKind`).
    noun_gift_card => "gift card", "thẻ quà tặng";
    noun_mobile_top_up => "mobile top-up", "nạp tiền di động";
    noun_esim_plan => "eSIM plan", "gói eSIM";
    choose_amount => "Choose an amount", "Chọn mệnh giá";
    choose_top_up => "Choose a top-up", "Chọn số tiền nạp";
    choose_data_plan => "Choose a data plan", "Chọn gói dữ liệu";

    // Category chips (upstream's slugs; one not listed here is shown as its slug reads).
    category_esim => "eSIM", "eSIM" (same);
    category_mobile_credits => "Mobile credits", "Nạp tiền điện thoại";
    category_talk_time => "Talk time", "Phút gọi";
    category_mobile_bundles => "Mobile bundles", "Gói cước di động";
    category_other => "Other", "Khác";
    category_health_beauty => "Health & beauty", "Sức khỏe & làm đẹp";
    category_gaming => "Gaming", "Trò chơi";
    category_food => "Food", "Ẩm thực";
    category_entertainment => "Entertainment", "Giải trí";
    category_travel => "Travel", "Du lịch";
    category_e_commerce => "E-commerce", "Mua sắm trực tuyến";
    category_electronics => "Electronics", "Điện tử";
    category_groceries => "Groceries", "Siêu thị & tạp hóa";
    category_fashion => "Fashion", "Thời trang";
    category_home => "Home", "Nhà cửa";
    category_prepaid => "Prepaid", "Trả trước";
    /// Home feed rows the shop names from upstream's slugs.
    feed_popular => "Popular", "Phổ biến";
    feed_trending => "Trending gift cards", "Thẻ quà tặng thịnh hành";
    feed_featured => "Featured", "Nổi bật";
    feed_new => "New arrivals", "Mới có";
    /// A data plan's length, after its data ("1 GB 7 days").
    plan_days(days: u32) => "{days} days", "{days} ngày";
}
