//! The catalog calls: payment options, brands, the homepage, a family's products and a
//! custom amount's price.

use super::{bad_request, brands, catalog_bodies, detail, networks, text::Lang, Refusal, Sandbox};
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
    // Not in the guide; answered in the language asked for, English for any other.
    let lang = Lang::from_param(params.get("lang").map(String::as_str));
    Ok(Json(catalog_bodies::homepage(
        &country,
        &s.base_url(&headers),
        lang,
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
    // An unknown or missing `lang` is English, never an error, as production answers.
    let lang = Lang::from_param(params.get("lang").map(String::as_str));
    Ok(Json(catalog_bodies::products(
        &country,
        brand,
        coin,
        network,
        &s.base_url(&headers),
        lang,
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

#[cfg(test)]
mod tests {
    use crate::sandbox::{router, SandboxSettings};
    use axum::{body::Body, http::Request};
    use serde_json::Value;
    use tower::ServiceExt;

    /// The family the products call answers for `query`, through the sandbox's routes.
    async fn family(query: &str) -> Value {
        let request = Request::get(format!("/v5/products/country/VN?coin=USDC&{query}"))
            .header("x-cr-application", "tests")
            .body(Body::empty())
            .expect("a request");
        let response = router(SandboxSettings::default())
            .oneshot(request)
            .await
            .expect("an answer");
        assert!(
            response.status().is_success(),
            "{query}: {}",
            response.status()
        );
        let body = axum::body::to_bytes(response.into_body(), 1 << 20)
            .await
            .expect("a body");
        let families: Value = serde_json::from_slice(&body).expect("JSON");
        families[0].clone()
    }

    #[tokio::test]
    async fn the_products_call_honours_lang_and_falls_back_to_english() {
        let locale = |family: &Value| family["rich_description"]["locale"].clone();
        let vi = family("family_name=shopee&lang=vi").await;
        assert_eq!(locale(&vi), "vi");
        let vi_esim = family("family_name=esim&lang=vi").await;
        assert_eq!(
            vi_esim["products"][0]["localized_denomination"],
            "1 GB 7 ngày"
        );
        assert_eq!(vi_esim["products"][0]["denomination"], "1 GB 7 days");
        // Upstream lacks Vietnamese for Garena: English, not an error.
        assert_eq!(locale(&family("family_name=garena&lang=vi").await), "en");
        let english = family("family_name=shopee&lang=en").await;
        for query in ["lang=fr", "lang=", "lang=%F0%9F%92%A5", ""] {
            let asked = family(&format!("family_name=shopee&{query}")).await;
            assert_eq!(asked, english, "{query}");
        }
    }
}
