//! The order page's server function: the order as upstream has it, with what paying it
//! needs (the payment URI, its QR code, the token contract).

use crate::{
    domain::{order_status::OrderStatus, payment_uri::PaymentLink, Order},
    error::AppError,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

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
    /// The brand page with this order's choices, for ordering the same again (in the
    /// page's language).
    pub again: Option<String>,
    /// The order as its live status starts.
    pub live: OrderStatus,
}

#[server(output = crate::web::json_text::PostJsonText)]
pub async fn load_order(id: String) -> Result<OrderPageData, AppError> {
    super::context::answer("load_order", order_page(&id).await)
}

#[cfg(feature = "ssr")]
async fn order_page(id: &str) -> Result<OrderPageData, AppError> {
    use super::context;
    use crate::domain::payment_uri::payment_link;
    let state = context::state()?;
    let shopper = context::shopper_for_order().await;
    let order = crate::services::order_lookups::order(&state, id, &shopper).await?;
    let network = match state.catalog.payment_vias(&shopper).await {
        Ok(vias) => vias
            .into_iter()
            .flat_map(|via| via.coins)
            .filter(|coin| coin.name.eq_ignore_ascii_case(&order.payment.coin))
            .flat_map(|coin| coin.networks)
            .find(|n| {
                order
                    .payment
                    .network
                    .as_ref()
                    .is_some_and(|network| network.eq_ignore_ascii_case(&n.name))
            }),
        Err(error) => {
            tracing::warn!(%error, "payment options unavailable; the QR holds upstream's text");
            None
        }
    };
    let link = payment_link(&order.payment, network.as_ref());
    let again = order_again_href(&order, crate::render::lang());
    let live = crate::services::qr::drawn(OrderStatus::for_page(&order));
    Ok(OrderPageData {
        qr_svg: crate::services::qr::qr_svg(link.as_str()),
        token_contract: network.and_then(|n| n.token_contract),
        link,
        order,
        now: now_secs(),
        sandbox: state.config.api == crate::config::ApiSource::Sandbox,
        again,
        live,
    })
}

#[cfg(feature = "ssr")]
/// The brand page (in `lang`) with this order's first item chosen again (its amount, coin
/// and network), for "Order the same again" after a failed or expired order.
fn order_again_href(order: &Order, lang: crate::i18n::Lang) -> Option<String> {
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
    Some(lang.href(&format!("/{}/{slug}?{}", country.code, query.finish())))
}

#[cfg(feature = "ssr")]
fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}
