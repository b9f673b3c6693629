//! The shop's two languages: which one a page is in (from its URL), and every word a
//! shopper reads, in both (`words`). English pages have no prefix (`/US/amazon`);
//! Vietnamese ones start with `/vi` (`/vi/VN/shopee`), so each is linkable, cacheable and
//! indexable on its own.
//!
//! Words are methods on [`Lang`] declared with [`words!`]: a word missing in one language
//! does not compile, and `tests::every_word_is_written_in_both` fails on an empty one or on
//! placeholders that differ. The browser build keeps only the words its islands call.

#[macro_use]
mod declare;
pub mod format;
pub mod words;

use std::borrow::Cow;

/// A language of the shop's pages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    Vi,
}

/// The cookie that remembers the language the shopper chose last (for `/`).
pub const LANG_COOKIE: &str = "storefront_lang";

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Vi];

    /// The BCP 47 code: `<html lang>`, `hreflang`, and upstream's `lang`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Vi => "vi",
        }
    }

    /// The language with this code (`vi`, `VI`, `vi-VN`); `None` for one the shop lacks.
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.split(['-', '_']).next()?.trim();
        Lang::ALL
            .into_iter()
            .find(|lang| lang.code().eq_ignore_ascii_case(primary))
    }

    /// The language's name in itself, as a switcher offers it.
    pub fn autonym(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Vi => "Tiếng Việt",
        }
    }

    /// What starts this language's paths: nothing for English, `/vi` for Vietnamese.
    pub fn prefix(self) -> &'static str {
        match self {
            Lang::En => "",
            Lang::Vi => "/vi",
        }
    }

    /// The language of a path: Vietnamese for `/vi` and `/vi/…` (lower case only: `/VI` is
    /// the U.S. Virgin Islands' shop), English otherwise.
    pub fn of_path(path: &str) -> Lang {
        if path == "/vi" || path.starts_with("/vi/") || path.starts_with("/vi?") {
            Lang::Vi
        } else {
            Lang::En
        }
    }

    /// `path` without its language prefix: `/vi/VN/x` -> `/VN/x`, `/vi` -> `/`,
    /// `/vi?q=1` -> `/?q=1`.
    /// Borrowed but for `/vi` and `/vi?…`: the page cache asks on every request.
    pub fn strip(path: &str) -> Cow<'_, str> {
        match Lang::of_path(path) {
            Lang::En => Cow::Borrowed(path),
            Lang::Vi => match &path[3..] {
                rest if rest.is_empty() || rest.starts_with('?') => Cow::Owned(format!("/{rest}")),
                rest => Cow::Borrowed(rest),
            },
        }
    }

    /// A path of the shop in this language: `/VN` -> `/vi/VN`, `/` -> `/vi`. `path` is
    /// language-free (as the English pages write it).
    pub fn href(self, path: &str) -> String {
        match (self, path.strip_prefix("/?")) {
            (Lang::En, _) => path.to_string(),
            (Lang::Vi, _) if path == "/" => "/vi".to_string(),
            (Lang::Vi, Some(query)) => format!("/vi?{query}"),
            (Lang::Vi, None) => format!("/vi{path}"),
        }
    }

    /// The language the shopper's browser prefers among the shop's (`Accept-Language`,
    /// best first); `None` when it names neither.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        crate::web::preferences::ranked(header)
            .into_iter()
            .find_map(Lang::from_code)
    }
}

/// Tests that hold every word of every area to both languages.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_carry_the_language() {
        assert_eq!(Lang::of_path("/vi/VN/shopee"), Lang::Vi);
        assert_eq!(Lang::of_path("/vi"), Lang::Vi);
        assert_eq!(Lang::of_path("/VI"), Lang::En);
        assert_eq!(Lang::of_path("/VI/amazon"), Lang::En);
        assert_eq!(Lang::of_path("/video"), Lang::En);
        assert_eq!(Lang::of_path("/US"), Lang::En);
        assert_eq!(Lang::strip("/vi/VN/shopee"), "/VN/shopee");
        assert_eq!(Lang::strip("/vi"), "/");
        assert_eq!(Lang::strip("/vi?q=1"), "/?q=1");
        assert_eq!(Lang::strip("/US"), "/US");
        assert_eq!(Lang::Vi.href("/VN"), "/vi/VN");
        assert_eq!(Lang::Vi.href("/"), "/vi");
        assert_eq!(Lang::En.href("/VN"), "/VN");
        for path in ["/", "/VN/shopee", "/orders/abc", "/countries?q=duc"] {
            for lang in Lang::ALL {
                assert_eq!(Lang::strip(&lang.href(path)), path);
                assert_eq!(Lang::of_path(&lang.href(path)), lang);
            }
        }
    }

    #[test]
    fn codes_and_browser_preferences() {
        assert_eq!(Lang::from_code("vi-VN"), Some(Lang::Vi));
        assert_eq!(Lang::from_code("EN"), Some(Lang::En));
        assert_eq!(Lang::from_code("fr"), None);
        assert_eq!(
            Lang::from_accept_language("fr-FR, vi;q=0.9, en;q=0.8"),
            Some(Lang::Vi)
        );
        assert_eq!(
            Lang::from_accept_language("en-US,en;q=0.9,vi;q=0.8"),
            Some(Lang::En)
        );
        assert_eq!(Lang::from_accept_language("de, fr"), None);
    }

    /// Every word: written (not empty) in both languages, with the same placeholders, and
    /// Vietnamese that is not the English copied over (but for the few words both share).
    #[test]
    fn every_word_is_written_in_both() {
        let mut problems = Vec::new();
        for (area, list) in words::ALL {
            for word in *list {
                let (en, vi) = (word.en, word.vi);
                if en.trim().is_empty() || vi.trim().is_empty() {
                    problems.push(format!("{area}::{}: empty", word.name));
                }
                if placeholders(en) != placeholders(vi) {
                    problems.push(format!(
                        "{area}::{}: placeholders differ: {:?} vs {:?}",
                        word.name,
                        placeholders(en),
                        placeholders(vi)
                    ));
                }
                let mut args = word.args.to_vec();
                args.sort_unstable();
                let mut named = placeholders(en);
                named.dedup();
                if named != args {
                    problems.push(format!(
                        "{area}::{}: placeholders {named:?}, arguments {args:?}",
                        word.name
                    ));
                }
                if en == vi && !word.same_in_both {
                    problems.push(format!("{area}::{}: Vietnamese is the English", word.name));
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    fn placeholders(text: &str) -> Vec<&str> {
        let mut found: Vec<&str> = text
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect();
        found.sort_unstable();
        found
    }
}
