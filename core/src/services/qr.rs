//! QR codes drawn on the server as inline SVG: a payment's URI, an eSIM's activation code.

use crate::domain::order_status::OrderStatus;

/// The QR code as inline SVG (without the XML prolog, which has no place inside HTML).
pub fn qr_svg(text: &str) -> Option<String> {
    use qrcode::render::svg;
    let code = qrcode::QrCode::new(text.as_bytes()).ok()?;
    let image = code
        .render::<svg::Color>()
        .min_dimensions(232, 232)
        .dark_color(svg::Color("#111111"))
        .light_color(svg::Color("#ffffff"))
        .build();
    let start = image.find("<svg")?;
    Some(image[start..].to_string())
}

/// `live` with each eSIM's activation QR code drawn from its activation code (`LPA:1$…`),
/// so the page shows it whatever host upstream keeps its picture on.
pub fn drawn(mut live: OrderStatus) -> OrderStatus {
    for goods in live.deliveries.iter_mut().filter_map(|d| d.goods.as_mut()) {
        if let Some(code) = goods.code.as_deref().filter(|c| c.starts_with("LPA:")) {
            goods.activation_qr_svg = qr_svg(code);
        }
    }
    live
}
