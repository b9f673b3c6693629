//! A family's `rich_description` and `product_tc`, in the language the call asked for, as
//! production writes them: Vietnamese (`locale:"vi"`) for `lang=vi`, except for the brands
//! upstream has no translation for (`BrandDef::english_only`), which stay English
//! (`locale:"en"`), as does any other language. Hostile HTML included in both languages,
//! which the shop must disarm.

use crate::sandbox::{
    brands::{BrandDef, CountryDef, Kind},
    text::Lang,
};
use serde_json::{json, Value};

/// What shoppers of the sandbox's full catalogs call their country in Vietnamese; the code
/// elsewhere, as the English texts write every country.
fn country_in_vietnamese(code: &str) -> &str {
    match code {
        "US" => "Hoa Kỳ",
        "GB" => "Vương quốc Anh",
        "DE" => "Đức",
        "FR" => "Pháp",
        "VN" => "Việt Nam",
        "BR" => "Brazil",
        "IN" => "Ấn Độ",
        "NG" => "Nigeria",
        other => other,
    }
}

/// The script and the handler are there on purpose, in every language: the shop must never
/// run them.
const HOSTILE: &str = "<script>window.__sandboxScriptRan = true;</script>\
                       <img src=\"x\" onerror=\"window.__sandboxScriptRan = true\">";

/// The family's `rich_description` for a shopper who asked for `lang`.
pub(super) fn rich_description(brand: &BrandDef, country: &CountryDef, lang: Lang) -> Value {
    let lang = brand.texts_in(lang);
    let (description, how_to_redeem, terms) = match lang {
        Lang::En => english(brand, country),
        Lang::Vi => vietnamese(brand, country),
    };
    json!({
        "markup": "html",
        "description": description,
        "how_to_redeem": how_to_redeem,
        "term_and_conditions": terms,
        "locale": lang.code(),
        "brand_url": "https://www.example.com",
    })
}

/// The family's `product_tc`: a pointer to the terms, in the brand's texts' language.
pub(super) fn product_tc(brand: &BrandDef, lang: Lang) -> &'static str {
    match brand.texts_in(lang) {
        Lang::En => "See the terms below.",
        Lang::Vi => "Xem điều khoản bên dưới.",
    }
}

/// (description, how to redeem, terms) in English.
fn english(brand: &BrandDef, country: &CountryDef) -> (String, String, String) {
    let what = match brand.kind {
        Kind::GiftCard => "gift card",
        Kind::TopUp => "mobile top-up",
        Kind::Esim => "eSIM data plan",
    };
    let description = format!(
        "<p><strong>{name}</strong> {what}s for {cc}, paid with stablecoins.</p>{HOSTILE}\
         <ul><li>Delivered in minutes</li><li>No account needed</li></ul>",
        name = brand.name,
        cc = country.code
    );
    let how_to_redeem = match brand.kind {
        Kind::TopUp => "<p>The credit lands on the phone number you give. Nothing to redeem.</p>".to_string(),
        Kind::Esim => "<ol><li>Open your phone's settings.</li><li>Add an eSIM and scan the QR code, or enter the activation code.</li></ol>".to_string(),
        Kind::GiftCard => format!(
            "<ol><li>Go to <a href=\"https://www.example.com/redeem\">{} redeem page</a>.</li><li>Enter the code.</li></ol>",
            brand.name
        ),
    };
    // A hostile link mid-sentence: disarmed, its words still read as a sentence.
    let terms = match brand.kind {
        Kind::GiftCard => "<p>Cards cannot be exchanged for cash. The <a href=\"javascript:alert(1)\">brand's full terms</a> apply.</p>",
        Kind::TopUp => "<p>Top-ups cannot be reversed once sent to a number. The <a href=\"javascript:alert(1)\">operator's full terms</a> apply.</p>",
        Kind::Esim => "<p>Data plans start when the eSIM first connects. The <a href=\"javascript:alert(1)\">provider's full terms</a> apply.</p>",
    };
    (description, how_to_redeem, terms.to_string())
}

/// (description, how to redeem, terms) in Vietnamese, written for Vietnamese shoppers
/// rather than word for word: the kind leads ("Thẻ quà tặng Shopee"), the country is named.
fn vietnamese(brand: &BrandDef, country: &CountryDef) -> (String, String, String) {
    let (name, place) = (brand.name, country_in_vietnamese(country.code));
    let lead = match brand.kind {
        Kind::GiftCard => format!("<strong>Thẻ quà tặng {name}</strong> dùng tại {place}"),
        Kind::TopUp => {
            format!("<strong>Nạp tiền di động {name}</strong> cho số điện thoại tại {place}")
        }
        // The eSIM family is named "eSIM": "Gói dữ liệu eSIM", not "eSIM eSIM".
        Kind::Esim => format!("<strong>Gói dữ liệu {name}</strong> dùng tại {place}"),
    };
    let delivered = match brand.kind {
        Kind::GiftCard => "Nhận mã thẻ chỉ trong vài phút",
        Kind::TopUp => "Tiền vào tài khoản chỉ trong vài phút",
        Kind::Esim => "Nhận eSIM chỉ trong vài phút",
    };
    let description = format!(
        "<p>{lead}, thanh toán bằng stablecoin.</p>{HOSTILE}\
         <ul><li>{delivered}</li><li>Không cần tạo tài khoản</li></ul>"
    );
    let how_to_redeem = match brand.kind {
        Kind::TopUp => "<p>Tiền nạp được chuyển thẳng vào số điện thoại bạn nhập, không cần đổi mã.</p>".to_string(),
        Kind::Esim => "<ol><li>Mở phần Cài đặt trên điện thoại.</li><li>Chọn thêm eSIM rồi quét mã QR, hoặc nhập mã kích hoạt.</li></ol>".to_string(),
        Kind::GiftCard => format!(
            "<ol><li>Truy cập <a href=\"https://www.example.com/redeem\">trang đổi thẻ {name}</a>.</li><li>Nhập mã thẻ.</li></ol>"
        ),
    };
    // The same hostile link mid-sentence as in English.
    let terms = match brand.kind {
        Kind::GiftCard => "<p>Thẻ quà tặng không thể quy đổi thành tiền mặt. Áp dụng <a href=\"javascript:alert(1)\">toàn bộ điều khoản của thương hiệu</a>.</p>",
        Kind::TopUp => "<p>Tiền đã nạp vào số điện thoại thì không thể hoàn lại. Áp dụng <a href=\"javascript:alert(1)\">toàn bộ điều khoản của nhà mạng</a>.</p>",
        Kind::Esim => "<p>Gói dữ liệu bắt đầu được tính từ lần đầu eSIM kết nối mạng. Áp dụng <a href=\"javascript:alert(1)\">toàn bộ điều khoản của nhà cung cấp</a>.</p>",
    };
    (description, how_to_redeem, terms.to_string())
}
