//! The responses captured from production (`tests/fixtures/samples/`, copied unmodified
//! from the project's shared ground truth), decoded through the client's own path, with the
//! values a shopper would see.

use super::{
    answers,
    contract_tests::{dec, us},
    mapping, wire, ApiError,
};
use crate::domain::{
    order::{DeliveryState, PaymentState},
    BrandDetails, CountryCatalog, Offer, Order, OrderState, ProductKind,
};
use std::path::PathBuf;

fn sample(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/samples")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn us_catalog() -> Result<CountryCatalog, ApiError> {
    let raw: wire::Brands = answers::decode("brands", &sample("brands_us_excerpt.json"))?;
    Ok(mapping::catalog(us(), raw))
}

fn amazon_details() -> Result<BrandDetails, ApiError> {
    let catalog = us_catalog()?;
    let amazon = catalog
        .brand_by_slug("amazon-com")
        .cloned()
        .ok_or_else(|| ApiError::Transport("Amazon.com is missing from the catalog".into()))?;
    let families: Vec<wire::Family> =
        answers::decode("products", &sample("products_country_us_amazon.json"))?;
    Ok(mapping::brand_details(&amazon, families, "BTC"))
}

fn order_sample(name: &str) -> Result<Order, ApiError> {
    let raw: wire::Order = answers::order_answer("order", 200, &sample(name))?;
    mapping::order(raw).map_err(|m| answers::decode_missing("order", m))
}

#[test]
fn brands_sample() -> Result<(), ApiError> {
    let catalog = us_catalog()?;
    let names: Vec<&str> = catalog.brands.iter().map(|b| b.name.as_str()).collect();
    assert_eq!(names.len(), 3, "{names:?}");
    for name in ["eSIM", "Amazon.com", "OOS Brand"] {
        assert!(names.contains(&name), "{name} in {names:?}");
    }
    let esim = catalog.brand_by_slug("esim").expect("eSIM");
    assert_eq!(esim.kind, ProductKind::Esim);
    assert_eq!(esim.price_from.as_deref(), Some("1 GB 3 days"));
    let amazon = catalog.brand_by_slug("amazon-com").expect("Amazon.com");
    assert_eq!(amazon.kind, ProductKind::GiftCard);
    assert_eq!(
        amazon.categories,
        [
            "e-commerce",
            "electronics",
            "entertainment",
            "books_learning"
        ]
    );
    assert_eq!(
        amazon.price_range(crate::i18n::Lang::En).as_deref(),
        Some("$5 – $500")
    );
    assert!(amazon.in_stock);
    assert_eq!(amazon.bg_color.as_deref(), Some("#FFFFFF"));
    assert!(amazon.logo.as_ref().is_some_and(|l| l
        .url(Some("300x190"), "webp")
        .ends_with("/logos_v2/amazon-com_300x190.webp")));
    let out = catalog
        .brand_by_slug("oos-brand")
        .expect("the out-of-stock brand");
    assert!(!out.in_stock);
    assert!(out.logo.is_none(), "`x` is no logo");
    Ok(())
}

#[test]
fn products_sample_keeps_the_custom_amount_with_object_bounds() -> Result<(), ApiError> {
    let details = amazon_details()?;
    assert_eq!(details.unreadable_products, 0, "nothing skipped");
    assert!(!details.is_unavailable());
    assert_eq!(details.products.len(), 1);
    assert_eq!(
        details.products[0].id,
        "356004d6-c53d-48b5-9ebb-7e04044c5c8b"
    );
    let (_, range) = details.range().expect("the custom amount survives");
    assert_eq!((range.min, range.max), (dec("5"), dec("500")));
    assert_eq!(range.step, Some(dec("1")));
    assert_eq!(range.default, Some(dec("500")));
    assert_eq!(range.currency, "USD");
    assert!(matches!(details.products[0].offer, Offer::Range(_)));
    Ok(())
}

#[test]
fn products_sample_without_range_takes_the_face_value_objects() -> Result<(), ApiError> {
    // The same product, had upstream left out `range`: the object bounds alone must do.
    let text = String::from_utf8_lossy(&sample("products_country_us_amazon.json")).replace(
        r#""range":{"min":5.0,"max":500.0,"currency":"USD","step_size":1.0,"default":"500.0"},"#,
        "",
    );
    assert!(!text.contains("\"range\":{"), "the edit applied");
    let catalog = us_catalog()?;
    let amazon = catalog
        .brand_by_slug("amazon-com")
        .cloned()
        .expect("Amazon.com");
    let families: Vec<wire::Family> = answers::decode("products", text.as_bytes())?;
    let details = mapping::brand_details(&amazon, families, "BTC");
    let (_, range) = details.range().expect("a custom amount");
    assert_eq!((range.min, range.max), (dec("5"), dec("500")));
    Ok(())
}

#[test]
fn price_sample() -> Result<(), ApiError> {
    let raw: wire::Price = answers::decode("price", &sample("price.json"))?;
    let quote = mapping::quote(raw, "USDC").map_err(|m| answers::decode_missing("price", m))?;
    assert_eq!(quote.product_id, "356004d6");
    assert_eq!(quote.price.currency, "BTC");
    assert_eq!(
        quote.price.amount.to_string(),
        "0.00032666",
        "every digit kept"
    );
    Ok(())
}

#[test]
fn validation_sample() -> Result<(), ApiError> {
    let raw: wire::Validation =
        answers::order_answer("validate_order", 200, &sample("validation.json"))?;
    let validated = mapping::validated(raw, "USDC")
        .map_err(|m| answers::decode_missing("validate_order", m))?;
    assert_eq!(validated.coin, "BTC");
    assert_eq!(validated.amount.to_string(), "0.00032833");
    Ok(())
}

#[test]
fn create_order_sample_is_a_lightning_order() -> Result<(), ApiError> {
    let order = order_sample("create_order.json")?;
    assert_eq!(order.id, "f9d624ad-dc5e-4efd-9ecf-f8fb08a22677");
    assert_eq!(order.created_at, 1_787_679_708);
    assert_eq!(order.payment_deadline(), 1_787_679_708 + 30 * 60);
    assert_eq!(order.state, OrderState::WaitingForPayment);
    assert!(order.state.awaits_payment());
    let payment = &order.payment;
    assert_eq!(payment.state, PaymentState::WalletCreated);
    assert_eq!(payment.coin, "BTC");
    assert_eq!(
        payment.amount.to_string(),
        "0.00032833",
        "8 decimals, as sent"
    );
    assert_eq!(payment.network.as_deref(), Some("Lightning"));
    assert_eq!(payment.payment_method.as_deref(), Some("BTC-LIGHTNING"));
    assert_eq!(payment.protocol.as_deref(), Some("LIGHTNING_LIKE"));
    assert!(payment.is_lightning());
    assert!(payment.wallet_address.starts_with("lnbc328330n1"));
    assert!(payment
        .qr_text
        .as_deref()
        .is_some_and(|q| q.starts_with("lightning:lnbc")));
    assert_eq!(payment.received, None, "\"0\" sent is nothing received");
    assert_eq!(order.email.as_deref(), Some("test@example.com"));
    let delivery = &order.deliveries[0];
    assert_eq!(delivery.id, "521def0e-7b78-48d9-b907-b4ed130e3015");
    assert_eq!(delivery.state, DeliveryState::WaitingForPayment);
    assert_eq!(delivery.kind, ProductKind::GiftCard);
    assert_eq!(delivery.brand_name.as_deref(), Some("Amazon.com"));
    assert_eq!(delivery.label.as_deref(), Some("$25"));
    assert_eq!(delivery.beneficiary.as_deref(), Some("test@example.com"));
    assert!(delivery.goods.is_none());
    Ok(())
}

#[test]
fn delivered_order_sample_carries_the_goods() -> Result<(), ApiError> {
    let order = order_sample("get_order_done.json")?;
    assert_eq!(order.id, "0d2c9d55-1111-4bbb-8ccc-000000000001");
    assert_eq!(order.state, OrderState::Done);
    assert!(order.state.is_final());
    assert_eq!(order.payment.state, PaymentState::PaymentCompleted);
    assert_eq!(order.created_at, 1_787_679_708);
    assert_eq!(order.updated_at, Some(1_787_679_900));
    assert!(order.payment.is_lightning());
    let delivery = &order.deliveries[0];
    assert!(delivery.state.is_delivered());
    assert_eq!(
        delivery.label.as_deref(),
        Some("25 USD"),
        "no localized label sent"
    );
    let goods = delivery.goods.as_ref().expect("goods");
    assert_eq!(goods.code.as_deref(), Some("4GYY-77HKKG-2J6M"));
    assert_eq!(goods.serial.as_deref(), Some("1234"));
    assert_eq!(
        goods.barcode_image_url.as_deref(),
        Some("https://cdn.cryptorefills.com/barcodes/x.png")
    );
    let instructions = goods.redeem_instructions.as_ref().expect("instructions");
    assert!(instructions.as_str().contains("<li>Visit amazon.com</li>"));
    Ok(())
}
