//! `/` and `/vi`: send the shopper to their country's shop (the remembered one, else the
//! one their browser's languages name, else the configured default), in their language
//! (for `/`: the one they chose last, else the first of their browser's the shop speaks,
//! else English). `/language/{code}` switches language, remembering the choice.

use super::AppState;
use crate::{
    domain::Country,
    i18n::{Lang, LANG_COOKIE},
    web::COUNTRY_COOKIE,
};
use axum::{
    extract::{Path, Query, State},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
};

pub async fn to_country(State(state): State<AppState>, headers: HeaderMap) -> Redirect {
    let lang = chosen_language(&headers)
        .or_else(|| language_from_browser(&headers))
        .unwrap_or_default();
    to_country_in(&state, &headers, lang)
}

/// `/vi`: the Vietnamese shop of the shopper's country.
pub async fn to_country_in_vietnamese(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Redirect {
    to_country_in(&state, &headers, Lang::Vi)
}

fn to_country_in(state: &AppState, headers: &HeaderMap, lang: Lang) -> Redirect {
    let country = remembered(headers)
        .or_else(|| from_languages(headers))
        .unwrap_or(state.config.default_country);
    Redirect::to(&lang.href(&format!("/{}", country.code)))
}

#[derive(serde::Deserialize)]
pub struct SwitchTo {
    to: Option<String>,
}

/// `/language/{code}?to=/US/amazon`: remembers the language for a year and sends the
/// shopper to that page in it (a plain link in the header, so no JavaScript is needed).
/// A page that is not a local path, or a language the shop lacks, is refused: 404 for the
/// language, and the shop's home for the page.
pub async fn switch_language(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(query): Query<SwitchTo>,
) -> Response {
    let Some(lang) = Lang::from_code(&code).filter(|lang| lang.code() == code) else {
        return (
            StatusCode::NOT_FOUND,
            "No such language here. / Cửa hàng không có ngôn ngữ này.",
        )
            .into_response();
    };
    let page = query
        .to
        .filter(|to| crate::web::is_safe_location(to))
        .map_or_else(|| "/".to_string(), |to| Lang::strip(&to).into_owned());
    let target = lang.href(&page);
    let cookie = crate::web::cookies::set_cookie(
        LANG_COOKIE,
        lang.code(),
        crate::web::cookies::Keep::choice(state.public_origin.starts_with("https://")),
    );
    let mut response = Redirect::to(&target).into_response();
    if let Ok(value) = header::HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// The language the shopper chose last with the switch.
fn chosen_language(headers: &HeaderMap) -> Option<Lang> {
    crate::web::cookies::request_cookie(headers, LANG_COOKIE).and_then(Lang::from_code)
}

/// The first of the browser's languages (`Accept-Language`) that the shop speaks.
fn language_from_browser(headers: &HeaderMap) -> Option<Lang> {
    Lang::from_accept_language(headers.get(header::ACCEPT_LANGUAGE)?.to_str().ok()?)
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
    fn the_language_is_the_chosen_one_else_the_browsers() {
        let both = headers(&[
            (header::COOKIE, "storefront_lang=en"),
            (header::ACCEPT_LANGUAGE, "vi-VN,vi;q=0.9"),
        ]);
        assert_eq!(chosen_language(&both), Some(Lang::En));
        assert_eq!(language_from_browser(&both), Some(Lang::Vi));
        let neither = headers(&[(header::ACCEPT_LANGUAGE, "de-DE, fr")]);
        assert_eq!(chosen_language(&neither), None);
        assert_eq!(language_from_browser(&neither), None);
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
