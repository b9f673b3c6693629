//! `/`: sends the shopper to their country's shop (the remembered one, else the one their
//! browser's languages name, else the configured default).

use super::AppState;
use crate::{domain::Country, web::COUNTRY_COOKIE};
use axum::{
    extract::State,
    http::{header, HeaderMap},
    response::Redirect,
};

pub async fn to_country(State(state): State<AppState>, headers: HeaderMap) -> Redirect {
    let country = remembered(&headers)
        .or_else(|| from_languages(&headers))
        .unwrap_or(state.config.default_country);
    Redirect::to(&format!("/{}", country.code))
}

fn remembered(headers: &HeaderMap) -> Option<Country> {
    crate::web::cookies::request_cookie(headers, COUNTRY_COOKIE)
        .and_then(|code| Country::find(code).copied())
}

/// The first region in `Accept-Language`, by preference: `vi-VN,vi;q=0.9` -> VN.
fn from_languages(headers: &HeaderMap) -> Option<Country> {
    use crate::web::preferences::{ranked, region};
    let header = headers.get(header::ACCEPT_LANGUAGE)?.to_str().ok()?;
    ranked(header)
        .into_iter()
        .filter_map(region)
        .find_map(|region| Country::find(&region).copied())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(header::HeaderName, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(name.clone(), HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn the_cookie_wins() {
        let h = headers(&[
            (header::COOKIE, "a=b; storefront_country=vn"),
            (header::ACCEPT_LANGUAGE, "de-DE"),
        ]);
        assert_eq!(remembered(&h).map(|c| c.code), Some("VN"));
    }

    #[test]
    fn languages_give_a_region_by_preference() {
        let h = headers(&[(
            header::ACCEPT_LANGUAGE,
            "en;q=0.5, pt-BR;q=0.9, fr-FR;q=0.8",
        )]);
        assert_eq!(from_languages(&h).map(|c| c.code), Some("BR"));
        assert_eq!(
            from_languages(&headers(&[(header::ACCEPT_LANGUAGE, "en")])),
            None
        );
        assert_eq!(
            from_languages(&headers(&[(header::ACCEPT_LANGUAGE, "xx-QQ")])),
            None
        );
    }
}
