//! The 233 countries the partner API serves: lookup, flags and the picker's matching.

use crate::i18n::Lang;
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// One country: its ISO 3166-1 alpha-2 code (upper case), English name, and Vietnamese
/// name (CLDR's, `data/countries.tsv`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Country {
    pub code: &'static str,
    pub name: &'static str,
    pub name_vi: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/countries.rs"));

/// Other names shoppers type for a few countries (what a search box should forgive).
const ALIASES: &[(&str, &[&str])] = &[
    (
        "GB",
        &[
            "uk",
            "anh",
            "great britain",
            "england",
            "scotland",
            "wales",
            "britain",
        ],
    ),
    // Vietnamese shoppers' everyday names too (CLDR's are the formal ones: "Hoa Kỳ").
    (
        "US",
        &[
            "usa",
            "america",
            "united states of america",
            "my",
            "nuoc my",
        ],
    ),
    ("IT", &["y", "italia"]),
    ("KP", &["trieu tien", "bac han"]),
    ("CI", &["bo bien nga"]),
    ("TR", &["turkey"]),
    ("CZ", &["czech republic"]),
    ("KR", &["korea", "nam han"]),
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

    /// The country's name in `lang`.
    pub fn name_in(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.name,
            Lang::Vi => self.name_vi,
        }
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
        let exact_name = fold(self.name) == query || fold(self.name_vi) == query;
        if exact_code || exact_name || aliases.contains(&query.as_str()) {
            return Some(0);
        }
        // Either language's name answers, whatever the page's language: a shopper may
        // know a country by its English name on a Vietnamese page.
        let names = [fold(self.name), fold(self.name_vi)];
        let word_prefix = |name: &String| {
            name.split(|c: char| !c.is_alphanumeric())
                .any(|word| word.starts_with(&query))
        };
        // "viet nam" finds "Việt Nam" and "vietnam" too: spaces typed or not.
        let unspaced = query.replace(' ', "");
        let joined = |name: &String| name.replace(' ', "").starts_with(&unspaced);
        if names
            .iter()
            .any(|name| name.starts_with(&query) || joined(name))
        {
            Some(1)
        } else if names.iter().any(word_prefix)
            || aliases.iter().any(|alias| alias.starts_with(&query))
        {
            Some(2)
        } else if names.iter().any(|name| name.contains(&query))
            || aliases.iter().any(|alias| alias.contains(&query))
        {
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
        let hits = Self::search_in(query, Lang::En);
        let first = *hits.first()?;
        let rank = |c: &Country| c.match_rank(query).unwrap_or(u8::MAX);
        let clear = match hits.get(1) {
            None => true,
            Some(second) => rank(first) <= 1 && rank(first) < rank(second),
        };
        clear.then_some(first)
    }

    /// The picker's list before anything is typed: `first` (the shopper's country, then
    /// the regions of their browser's languages), the most shopped countries, then every
    /// other country A–Z by its name in `lang`.
    pub fn suggested_in(first: &[&str], lang: Lang) -> Vec<&'static Country> {
        let mut list: Vec<&'static Country> = Vec::new();
        for code in first.iter().copied().chain(MOST_SHOPPED) {
            if let Some(country) = Country::find(code) {
                if !list.iter().any(|c| c.code == country.code) {
                    list.push(country);
                }
            }
        }
        let rest: Vec<&'static Country> = Country::search_in("", lang)
            .into_iter()
            .filter(|c| !list.iter().any(|l| l.code == c.code))
            .collect();
        list.extend(rest);
        list
    }

    /// The countries that answer `query` in either language, best first (alphabetical by
    /// their names in `lang` within a rank).
    pub fn search_in(query: &str, lang: Lang) -> Vec<&'static Country> {
        let ranks: Vec<Option<u8>> = COUNTRIES.iter().map(|c| c.match_rank(query)).collect();
        let ranks = &ranks;
        // Ranks are 0 to 3: one pass per rank over the A–Z order the build made.
        (0..=3u8)
            .flat_map(|rank| {
                Self::alphabetical(lang)
                    .iter()
                    .map(|&at| usize::from(at))
                    .filter(move |&at| ranks[at] == Some(rank))
                    .map(|at| &COUNTRIES[at])
            })
            .collect()
    }

    /// Indexes into the table, A–Z by their folded names in `lang` (`build.rs`).
    fn alphabetical(lang: Lang) -> &'static [u8] {
        match lang {
            Lang::En => &BY_NAME_EN,
            Lang::Vi => &BY_NAME_VI,
        }
    }
}

impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

/// Where most orders come from: the picker offers them right after the shopper's own.
pub const MOST_SHOPPED: [&str; 6] = ["US", "GB", "DE", "CA", "AU", "VN"];

/// Lower case without accents, so "cote" finds "Côte" and "duc" finds "Đức". The accented
/// letters folded are those of the names in the list and of Latin-1 (`FOLDS`, made by the
/// build script from Unicode's decompositions); ASCII case only on purpose: Unicode case
/// tables would cost the browser bundle kilobytes.
pub fn fold(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '’' => '\'',
            c if c.is_ascii() => c.to_ascii_lowercase(),
            c => FOLDS
                .binary_search_by_key(&c, |(letter, _)| *letter)
                .map_or(c, |at| FOLDS[at].1),
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
mod tests;
