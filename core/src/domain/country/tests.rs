//! Tests of `domain::country`.

use super::*;

#[test]
fn the_picker_starts_with_the_shopper_then_the_likely_ones() {
    let list = Country::suggested_in(&["VN", "FR", "VN", "XX"], Lang::En);
    let codes: Vec<&str> = list.iter().take(8).map(|c| c.code).collect();
    assert_eq!(codes, ["VN", "FR", "US", "GB", "DE", "CA", "AU", "AX"]);
    assert_eq!(list.len(), 233, "every country, once");
}

#[test]
fn the_list_has_all_233_codes_once() {
    assert_eq!(Country::all().len(), 233);
    let mut codes: Vec<_> = Country::all().iter().map(|c| c.code).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), 233);
}

#[test]
fn codes_are_found_in_either_case_and_nothing_else_is() {
    assert_eq!(Country::find("vn").map(|c| c.name), Some("Vietnam"));
    assert_eq!(Country::find("VN").map(|c| c.name), Some("Vietnam"));
    assert!(Country::find("XX").is_none());
    assert!(Country::find("USA").is_none());
    assert!(Country::find("").is_none());
    assert!(Country::find("ü").is_none());
}

#[test]
fn flags_are_regional_indicators() {
    let vn = Country::find("VN").copied();
    assert_eq!(vn.map(|c| c.flag()).as_deref(), Some("🇻🇳"));
}

#[test]
fn typing_part_of_a_name_finds_it_first() {
    let hits = Country::search_in("viet", Lang::En);
    assert_eq!(hits.first().map(|c| c.code), Some("VN"));
    assert_eq!(
        Country::search_in("cote", Lang::En).first().map(|c| c.code),
        Some("CI")
    );
    assert_eq!(
        Country::search_in("Germ", Lang::En).first().map(|c| c.code),
        Some("DE")
    );
    assert_eq!(
        Country::search_in("uk", Lang::En).first().map(|c| c.code),
        Some("GB")
    );
    assert_eq!(
        Country::search_in("de", Lang::En).first().map(|c| c.code),
        Some("DE")
    );
    assert!(Country::search_in("zzzz", Lang::En).is_empty());
    assert_eq!(Country::search_in("", Lang::En).len(), 233);
}

#[test]
fn either_name_finds_a_country_with_or_without_accents() {
    assert_eq!(
        Country::search_in("duc", Lang::En).first().map(|c| c.code),
        Some("DE")
    );
    assert_eq!(
        Country::search_in("Đức", Lang::En).first().map(|c| c.code),
        Some("DE")
    );
    assert_eq!(
        Country::search_in("viet nam", Lang::En)
            .first()
            .map(|c| c.code),
        Some("VN")
    );
    assert_eq!(
        Country::search_in("Việt Nam", Lang::En)
            .first()
            .map(|c| c.code),
        Some("VN")
    );
    assert_eq!(
        Country::search_in("hoa ky", Lang::En)
            .first()
            .map(|c| c.code),
        Some("US")
    );
    assert_eq!(
        Country::search_in("han quoc", Lang::Vi)
            .first()
            .map(|c| c.code),
        Some("KR")
    );
    assert_eq!(Country::clear_match("nhat ban").map(|c| c.code), Some("JP"));
    // Everyday names before formal ones: "Mỹ" is Hoa Kỳ, "Anh" the United Kingdom.
    let first = |q| Country::search_in(q, Lang::Vi).first().map(|c| c.code);
    assert_eq!(first("mỹ"), Some("US"));
    assert_eq!(first("anh"), Some("GB"));
    assert_eq!(first("ý"), Some("IT"));
    let vi = Country::find("DE").map(|c| c.name_in(Lang::Vi));
    assert_eq!(vi, Some("Đức"));
}

#[test]
fn every_country_has_a_vietnamese_name() {
    for country in Country::all() {
        assert!(!country.name_vi.trim().is_empty(), "{}", country.code);
    }
    // CLDR names most countries differently in Vietnamese.
    let differ = Country::all()
        .iter()
        .filter(|c| c.name != c.name_vi)
        .count();
    assert!(
        differ > 80,
        "only {differ} Vietnamese names differ from the English"
    );
}

/// The Vietnamese names are CLDR's, as the maintained ICU4X data has them (the table is
/// compiled from a file so the browser carries no ICU data; this keeps the file true).
#[cfg(feature = "ssr")]
#[test]
fn vietnamese_names_are_cldrs() {
    use icu_experimental::displaynames::{multi::RegionDisplayNames, DisplayNamesOptions};
    use icu_locale_core::{locale, subtags::Region};
    let names = RegionDisplayNames::try_new(locale!("vi").into(), DisplayNamesOptions::default())
        .expect("compiled data has Vietnamese");
    let differing: Vec<String> = Country::all()
        .iter()
        .filter_map(|c| {
            let region = Region::try_from_str(c.code).ok()?;
            let cldr = names.of(region)?;
            (cldr != c.name_vi).then(|| format!("{}: file {:?}, CLDR {cldr:?}", c.code, c.name_vi))
        })
        .collect();
    assert!(
        differing.is_empty(),
        "data/countries.tsv differs from CLDR:\n{}",
        differing.join("\n")
    );
}

#[test]
fn word_prefixes_rank_above_inner_matches() {
    let hits: Vec<_> = Country::search_in("guinea", Lang::En)
        .iter()
        .map(|c| c.code)
        .collect();
    assert_eq!(hits.first(), Some(&"GN"));
    assert!(hits.contains(&"PG"), "Papua New Guinea matches on a word");
}

#[test]
fn clear_matches_name_one_country() {
    assert_eq!(Country::clear_match("viet").map(|c| c.code), Some("VN"));
    assert_eq!(Country::clear_match("vn").map(|c| c.code), Some("VN"));
    assert_eq!(Country::clear_match("Germany").map(|c| c.code), Some("DE"));
    assert_eq!(Country::clear_match("uk").map(|c| c.code), Some("GB"));
    assert_eq!(
        Country::clear_match("united"),
        None,
        "four countries start with United"
    );
    assert_eq!(Country::clear_match(""), None);
    assert_eq!(Country::clear_match("zzz"), None);
}

#[test]
fn compact_text_ignores_case_accents_spaces_and_punctuation() {
    assert_eq!(compact("Lowe's"), "lowes");
    assert_eq!(compact("Fortnite V-Bucks"), "fortnitevbucks");
    assert_eq!(compact("Côte d’Ivoire"), "cotedivoire");
}

#[test]
fn serde_uses_the_code() {
    let json = serde_json::to_string(&Country::find("FR").copied()).unwrap_or_default();
    assert_eq!(json, "\"FR\"");
    let back: Result<Country, _> = serde_json::from_str("\"fr\"");
    assert_eq!(back.ok().map(|c| c.code), Some("FR"));
    assert!(serde_json::from_str::<Country>("\"QQ\"").is_err());
}

#[test]
fn each_languages_a_to_z_order_holds_every_country_once_by_folded_name() {
    for lang in [Lang::En, Lang::Vi] {
        let order = Country::alphabetical(lang);
        let mut seen = order.to_vec();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), 233, "{lang:?}");
        let names: Vec<String> = order
            .iter()
            .map(|&at| fold(COUNTRIES[usize::from(at)].name_in(lang)))
            .collect();
        let out_of_order: Vec<_> = names.windows(2).filter(|w| w[0] > w[1]).collect();
        assert!(out_of_order.is_empty(), "{lang:?}: {out_of_order:?}");
    }
}

#[test]
fn matches_come_by_rank_then_a_to_z_in_the_pages_language() {
    for lang in [Lang::En, Lang::Vi] {
        for query in ["", "a", "an", "viet", "ng", "de", "uk", "zzzz"] {
            let mut expected: Vec<(u8, String, &str)> = Country::all()
                .iter()
                .filter_map(|c| {
                    c.match_rank(query)
                        .map(|rank| (rank, fold(c.name_in(lang)), c.code))
                })
                .collect();
            expected.sort();
            let expected: Vec<&str> = expected.into_iter().map(|(_, _, code)| code).collect();
            let found: Vec<&str> = Country::search_in(query, lang)
                .iter()
                .map(|c| c.code)
                .collect();
            assert_eq!(found, expected, "{lang:?} {query:?}");
        }
    }
}
