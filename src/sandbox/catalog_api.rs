//! The catalog calls: payment options, brands, the homepage, a family's products and a
//! custom amount's price.

use super::{bad_request, brands, catalog_bodies, detail, networks, Refusal, Sandbox};
use axum::{
    extract::{Path, Query, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::{collections::HashMap, str::FromStr};

pub(super) type Params = Query<HashMap<String, String>>;

pub(super) fn country_param(
    params: &HashMap<String, String>,
) -> Result<brands::CountryDef, Refusal> {
    params
        .get("country_code")
        .and_then(|cc| brands::country(cc))
        .ok_or_else(|| bad_request("country_code must be one of the 233 supported codes"))
}

pub(super) fn coin_param(
    params: &HashMap<String, String>,
) -> Result<&'static networks::CoinDef, Refusal> {
    let name = params.get("coin").map_or("USDC", String::as_str);
    networks::coin(name).ok_or_else(|| bad_request(format!("unknown coin {name}")))
}

pub(super) async fn payment_vias() -> Json<Value> {
    Json(catalog_bodies::payment_vias())
}

pub(super) async fn list_brands(
    State(s): State<Sandbox>,
    Query(params): Params,
    headers: HeaderMap,
) -> Result<Json<Value>, Refusal> {
    let country = country_param(&params)?;
    Ok(Json(catalog_bodies::brands(
        &country,
        &s.base_url(&headers),
    )))
}

pub(super) async fn homepage(
    State(s): State<Sandbox>,
    Query(params): Params,
    headers: HeaderMap,
) -> Result<Json<Value>, Refusal> {
    let country = country_param(&params)?;
    Ok(Json(catalog_bodies::homepage(
        &country,
        &s.base_url(&headers),
    )))
}

pub(super) async fn products(
    State(s): State<Sandbox>,
    Path(cc): Path<String>,
    Query(params): Params,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    let country = brands::country(&cc)
        .ok_or_else(|| bad_request(format!("{cc} is not a supported country")))?;
    // Production answers 400 without a family; so does the sandbox.
    let Some(family) = params.get("family_name").filter(|f| !f.trim().is_empty()) else {
        let body = Json(json!({"status": 400, "detail": "family_name is required"}));
        return Ok((StatusCode::BAD_REQUEST, body).into_response());
    };
    let coin = coin_param(&params)?;
    let Some(brand) = country.family(family) else {
        return Ok(Json(json!([])).into_response());
    };
    let network = coin.network(None).unwrap_or(&coin.networks[0]);
    Ok(Json(catalog_bodies::products(
        &country,
        brand,
        coin,
        network,
        &s.base_url(&headers),
    ))
    .into_response())
}

pub(super) async fn price(Query(params): Params) -> Result<Response, Refusal> {
    let country = country_param(&params)?;
    let coin = coin_param(&params)?;
    let Some(brand) = params.get("brand_name").and_then(|b| country.brand(b)) else {
        return Ok(detail(StatusCode::NOT_FOUND, "NOT_AVAILABLE_PRODUCT"));
    };
    let face_value = params
        .get("face_value")
        .and_then(|v| Decimal::from_str(v.trim()).ok())
        .ok_or_else(|| bad_request("face_value must be a number"))?;
    let in_range = brand.range.is_some_and(|(lo, hi)| {
        face_value >= Decimal::from(country.ladder[lo])
            && face_value <= Decimal::from(country.ladder[hi])
    });
    let is_fixed = brand
        .fixed
        .iter()
        .any(|i| Decimal::from(country.ladder[*i]) == face_value);
    if !in_range && !is_fixed {
        return Ok(detail(StatusCode::BAD_REQUEST, "INVALID_PRODUCT_VALUE"));
    }
    let network = coin.network(None).unwrap_or(&coin.networks[0]);
    Ok(Json(catalog_bodies::price(
        &country, brand, face_value, coin, network,
    ))
    .into_response())
}
