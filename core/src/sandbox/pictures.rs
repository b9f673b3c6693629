//! What browsers load from the sandbox as pictures and pages: logos, an order's payment QR
//! code, a card's barcode, an eSIM's activation QR code, and the redeem page.

use super::{logos, message, Sandbox};
use axum::{
    extract::{Path, State},
    http::{header, StatusCode},
    response::{Html, IntoResponse, Response},
};

pub(super) async fn logo(State(s): State<Sandbox>, Path(file): Path<String>) -> Response {
    match s.logos.file(&file).await {
        Some((format, bytes)) => (
            [
                (header::CONTENT_TYPE, format.content_type()),
                (header::CACHE_CONTROL, "public, max-age=86400"),
            ],
            bytes.as_ref().clone(),
        )
            .into_response(),
        None => message(StatusCode::NOT_FOUND, "no such logo"),
    }
}

/// The picture behind an order's `qr_url`: its `qr_text` as a QR code. Outside the
/// partner gate because a browser loads it as an `<img>`, like the logos.
pub(super) async fn qr_image(State(s): State<Sandbox>, Path(id): Path<String>) -> Response {
    let Some(record) = s.orders.get(&id) else {
        return message(StatusCode::NOT_FOUND, "order not found");
    };
    qr_svg(&record.qr_text)
}

/// A delivered card's barcode (`barcode_image_url`), drawn from its code.
pub(super) async fn barcode(Path(file): Path<String>) -> Response {
    let code = file.strip_suffix(".jpg").unwrap_or_default();
    let well_formed = (1..=64).contains(&code.len())
        && code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if !well_formed {
        return message(StatusCode::NOT_FOUND, "no such barcode");
    }
    let code = code.to_string();
    match tokio::task::spawn_blocking(move || logos::barcode(&code))
        .await
        .ok()
        .flatten()
    {
        Some(jpeg) => ([(header::CONTENT_TYPE, "image/jpeg")], jpeg).into_response(),
        None => message(StatusCode::NOT_FOUND, "no such barcode"),
    }
}

/// A delivered eSIM's activation QR code (`qr_image_url`), from its activation code.
pub(super) async fn activation_qr(Path(file): Path<String>) -> Response {
    let code = file.strip_suffix(".svg").unwrap_or_default();
    if code.is_empty() || code.len() > 64 || !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return message(StatusCode::NOT_FOUND, "no such activation code");
    }
    qr_svg(&format!("LPA:1$smdp.sandbox.example${code}"))
}

pub(super) fn qr_svg(text: &str) -> Response {
    match qrcode::QrCode::new(text.as_bytes()) {
        Ok(code) => (
            [(header::CONTENT_TYPE, "image/svg+xml")],
            code.render::<qrcode::render::svg::Color>()
                .min_dimensions(256, 256)
                .build(),
        )
            .into_response(),
        Err(error) => message(StatusCode::INTERNAL_SERVER_ERROR, error.to_string()),
    }
}

/// Where sandbox redeem links lead: a page that says the code was accepted.
pub(super) async fn redeem(Path(code): Path<String>) -> Html<String> {
    let code: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    Html(format!(
        "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Sandbox redeem</title>\
         <main><h1>Sandbox redeem page</h1><p>Code <code>{code}</code> accepted. Nothing was charged: this is the sandbox.</p></main></html>"
    ))
}
