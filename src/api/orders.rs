//! Server functions and routes for an order's page: the order as upstream has it, with what
//! paying it needs (the payment URI, its QR code, the token contract), and, on the sandbox,
//! buttons that push the order along.

use crate::{
    domain::{payment_uri::PaymentLink, Order},
    error::AppError,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// An order id as upstream issues them (UUIDs; the guide's example is `ord_abc123xyz`):
/// 1 to 64 letters, digits, `-` and `_`. Anything else is never sent upstream.
pub fn is_order_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Everything the payment page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrderPageData {
    pub order: Order,
    /// What the QR code holds, and whether a wallet can open it.
    pub link: PaymentLink,
    /// The QR code of `link`, as SVG markup made on the server.
    pub qr_svg: Option<String>,
    /// The token's contract (or mint) on the order's network, from upstream's options.
    pub token_contract: Option<String>,
    /// The server's clock when the page was made (epoch seconds), for the time left.
    pub now: i64,
    /// Whether the sandbox's buttons are shown (never with a real upstream).
    pub sandbox: bool,
    /// The brand page with this order's choices, for ordering the same again.
    pub again: Option<String>,
    /// The order as its live status starts.
    pub live: super::live::LiveOrder,
}

#[server]
pub async fn load_order(id: String) -> Result<OrderPageData, AppError> {
    crate::api::context::answer("load_order", async move {
        use super::context;
        use crate::domain::payment_uri::payment_link;
        let state = context::state()?;
        let shopper = context::shopper(None).await;
        let order = super::lookups::order(&state, &id, &shopper).await?;
        let network = match state.catalog.payment_vias(&shopper).await {
            Ok(vias) => vias
                .into_iter()
                .flat_map(|via| via.coins)
                .filter(|coin| coin.name == order.payment.coin)
                .flat_map(|coin| coin.networks)
                .find(|n| Some(&n.name) == order.payment.network.as_ref()),
            Err(error) => {
                tracing::warn!(%error, "payment options unavailable; the QR holds upstream's text");
                None
            }
        };
        let link = payment_link(&order.payment, network.as_ref());
        let again = order_again_href(&order);
        let live = super::live::LiveOrder::for_page(&order).drawn();
        Ok(OrderPageData {
            qr_svg: qr_svg(link.as_str()),
            token_contract: network.and_then(|n| n.token_contract),
            link,
            order,
            now: now_secs(),
            sandbox: state.config.upstream == crate::config::Upstream::Sandbox,
            again,
            live,
        })
    }.await)
}

#[cfg(feature = "ssr")]
/// The brand page with this order's first item chosen again (its amount, coin and
/// network), for "Order the same again" after a failed or expired order.
fn order_again_href(order: &Order) -> Option<String> {
    let item = order.deliveries.first()?;
    let country = item.country?;
    let slug = crate::domain::catalog::slugify(item.brand_name.as_deref()?);
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    if let Some(amount) = &item.face_value {
        query.append_pair("amount", &amount.normalize().to_string());
    }
    query.append_pair("coin", &order.payment.coin);
    if let Some(network) = &order.payment.network {
        query.append_pair("network", network);
    }
    Some(format!("/{}/{slug}?{}", country.code, query.finish()))
}

#[cfg(feature = "ssr")]
fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// The QR code as inline SVG (without the XML prolog, which has no place inside HTML).
#[cfg(feature = "ssr")]
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

#[cfg(feature = "ssr")]
pub use sandbox_panel::push_sandbox_order;

/// `POST /orders/{id}/sandbox/{action}`: the sandbox panel's buttons (sandbox only).
#[cfg(feature = "ssr")]
mod sandbox_panel {
    use super::is_order_id;
    use crate::server::AppState;
    use axum::{
        extract::{Path, State},
        http::StatusCode,
        response::{IntoResponse, Redirect, Response},
    };

    const ACTIONS: &[&str] = &[
        "pay", "underpay", "start", "deliver", "hold", "expire", "fail", "cancel",
    ];

    /// Asks the sandbox, over HTTP like every other call, to move the order on; then back to
    /// the order's page.
    pub async fn push_sandbox_order(
        State(state): State<AppState>,
        Path((id, action)): Path<(String, String)>,
    ) -> Response {
        if !is_order_id(&id) || !ACTIONS.contains(&action.as_str()) {
            return StatusCode::NOT_FOUND.into_response();
        }
        let mut url = state.catalog.client().settings().base_url.clone();
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop_if_empty()
                .extend(["__control", "orders", id.as_str(), action.as_str()]);
        }
        let call = reqwest::Client::new()
            .post(url)
            .json(&serde_json::json!({}))
            .send()
            .await;
        match call {
            Ok(answer)
                if answer.status().is_success() || answer.status() == StatusCode::CONFLICT => {}
            Ok(answer) => {
                tracing::warn!(status = %answer.status(), order = %crate::http::short_id(&id), %action, "the sandbox refused")
            }
            Err(error) => {
                tracing::warn!(%error, order = %crate::http::short_id(&id), %action, "the sandbox did not answer")
            }
        }
        Redirect::to(&format!("/orders/{id}")).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_ids_are_checked_before_anything_is_sent() {
        for good in ["ord_abc123xyz", "f9d624ad-dc5e-4efd-9ecf-f8fb08a22677", "a"] {
            assert!(is_order_id(good), "{good}");
        }
        for bad in ["", "../x", "a b", "a%2F", "ä", &"x".repeat(65), "id?x=1"] {
            assert!(!is_order_id(bad), "{bad}");
        }
    }
}
