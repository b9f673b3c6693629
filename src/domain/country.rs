//! The 233 countries the partner API serves: lookup, flags and the picker's matching.

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// One country: its ISO 3166-1 alpha-2 code (upper case) and English name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Country {
    pub code: &'static str,
    pub name: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/countries.rs"));

/// Other names shoppers type for a few countries (what a search box should forgive).
const ALIASES: &[(&str, &[&str])] = &[
    (
        "GB",
        &[
            "uk",
            "great britain",
            "england",
            "scotland",
            "wales",
            "britain",
        ],
    ),
    ("US", &["usa", "america", "united states of america"]),
    ("TR", &["turkey"]),
    ("CZ", &["czech republic"]),
    ("KR", &["korea"]),
    ("AE", &["uae", "emirates"]),
    ("NL", &["holland"]),
    ("CI", &["ivory coast"]),
    ("CV", &["cape verde"]),
    ("SZ", &["swaziland"]),
    ("MK", &["macedonia"]),
    ("VA", &["holy see"]),
];

impl Country {
    /// Every supported country.
    pub fn all() -> &'static [Country] {
        &COUNTRIES
    }

    /// The country with this code, in either case; `None` for anything outside the 233.
    pub fn find(code: &str) -> Option<&'static Country> {
        if code.len() != 2 {
            return None;
        }
        COUNTRIES.iter().find(|c| c.code.eq_ignore_ascii_case(code))
    }

    /// The flag emoji: the two regional-indicator symbols of the code.
    pub fn flag(&self) -> String {
        self.code
            .chars()
            .filter_map(|c| char::from_u32(0x1F1E6 + (c as u32).checked_sub('A' as u32)?))
            .collect()
    }

    /// How well this country answers what a shopper typed: `None` when it does not,
    /// lower is better (exact code, then name prefix, then word prefix, then anywhere).
    pub fn match_rank(&self, query: &str) -> Option<u8> {
        let query = fold(query.trim());
        if query.is_empty() {
            return Some(3);
        }
        let aliases = ALIASES
            .iter()
            .find(|(code, _)| *code == self.code)
            .map(|(_, names)| *names)
            .unwrap_or(&[]);
        let exact_code = query.len() == 2 && self.code.eq_ignore_ascii_case(&query);
        if exact_code || aliases.contains(&query.as_str()) {
            return Some(0);
        }
        let name = fold(self.name);
        if name.starts_with(&query) {
            Some(1)
        } else if name
            .split(|c: char| !c.is_alphanumeric())
            .any(|word| word.starts_with(&query))
            || aliases.iter().any(|alias| alias.starts_with(&query))
        {
            Some(2)
        } else if name.contains(&query) || aliases.iter().any(|alias| alias.contains(&query)) {
            Some(3)
        } else {
            None
        }
    }

    /// The country a query clearly names: the only match, or a code or name-prefix match
    /// that ranks above every other. "viet" is Vietnam; "united" is not clear.
    pub fn clear_match(query: &str) -> Option<&'static Country> {
        if query.trim().is_empty() {
            return None;
        }
        let hits = Self::search(query);
        let first = *hits.first()?;
        let rank = |c: &Country| c.match_rank(query).unwrap_or(u8::MAX);
        let clear = match hits.get(1) {
            None => true,
            Some(second) => rank(first) <= 1 && rank(first) < rank(second),
        };
        clear.then_some(first)
    }

    /// The countries that answer `query`, best first (alphabetical within a rank).
    /// The picker's list before anything is typed: `first` (the shopper's country, then
    /// the regions of their browser's languages), the most shopped countries, then every
    /// other country A–Z.
    pub fn suggested(first: &[&str]) -> Vec<&'static Country> {
        let mut list: Vec<&'static Country> = Vec::new();
        for code in first.iter().copied().chain(MOST_SHOPPED) {
            if let Some(country) = Country::find(code) {
                if !list.iter().any(|c| c.code == country.code) {
                    list.push(country);
                }
            }
        }
        let rest: Vec<&'static Country> = Country::search("")
            .into_iter()
            .filter(|c| !list.iter().any(|l| l.code == c.code))
            .collect();
        list.extend(rest);
        list
    }

    pub fn search(query: &str) -> Vec<&'static Country> {
        let mut hits: Vec<(u8, &'static Country)> = COUNTRIES
            .iter()
            .filter_map(|c| c.match_rank(query).map(|rank| (rank, c)))
            .collect();
        hits.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| fold(a.1.name).cmp(&fold(b.1.name)))
        });
        hits.into_iter().map(|(_, c)| c).collect()
    }
}

impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

/// Where most orders come from: the picker offers them right after the shopper's own.
pub const MOST_SHOPPED: [&str; 6] = ["US", "GB", "DE", "CA", "AU", "VN"];

/// Lower case without the accents the names in the list carry, so "cote" finds "Côte".
/// ASCII only on purpose: Unicode case tables would cost the browser bundle kilobytes.
pub fn fold(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'Á' | 'À' | 'Â' | 'Ä' | 'Ã' | 'Å' => {
                'a'
            }
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' | 'Í' | 'Ì' | 'Î' | 'Ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' | 'Ú' | 'Ù' | 'Û' | 'Ü' => 'u',
            'ç' | 'Ç' => 'c',
            'ñ' | 'Ñ' => 'n',
            '’' => '\'',
            other => other.to_ascii_lowercase(),
        })
        .collect()
}

/// Folded, with only letters and digits: what search compares, so "lowes" finds "Lowe's"
/// and "play station" finds "PlayStation".
pub fn compact(text: &str) -> String {
    fold(text)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

impl Serialize for Country {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code)
    }
}

impl<'de> Deserialize<'de> for Country {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        Country::find(&code)
            .copied()
            .ok_or_else(|| de::Error::custom(format!("`{code}` is not a supported country code")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_picker_starts_with_the_shopper_then_the_likely_ones() {
        let list = Country::suggested(&["VN", "FR", "VN", "XX"]);
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
        let hits = Country::search("viet");
        assert_eq!(hits.first().map(|c| c.code), Some("VN"));
        assert_eq!(Country::search("cote").first().map(|c| c.code), Some("CI"));
        assert_eq!(Country::search("Germ").first().map(|c| c.code), Some("DE"));
        assert_eq!(Country::search("uk").first().map(|c| c.code), Some("GB"));
        assert_eq!(Country::search("de").first().map(|c| c.code), Some("DE"));
        assert!(Country::search("zzzz").is_empty());
        assert_eq!(Country::search("").len(), 233);
    }

    #[test]
    fn word_prefixes_rank_above_inner_matches() {
        let hits: Vec<_> = Country::search("guinea").iter().map(|c| c.code).collect();
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
}
