//! What a request prefers, in the one shape HTTP writes it (`a;q=0.9, b`): languages
//! (`Accept-Language`) and encodings (`Accept-Encoding`), and the region a language tag
//! names (the browser's `navigator.languages` too).

/// The items of a `q`-weighted list, best first (a missing `q` is 1; ties keep their
/// order); an item with `q=0` is refused and left out.
pub fn ranked(header: &str) -> Vec<&str> {
    let mut items: Vec<(u16, &str)> = header
        .split(',')
        .filter_map(|part| {
            let mut pieces = part.trim().split(';');
            let item = pieces.next()?.trim();
            let quality = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
            let quality = (quality.clamp(0.0, 1.0) * 1000.0) as u16;
            (!item.is_empty() && quality > 0).then_some((quality, item))
        })
        .collect();
    items.sort_by_key(|(quality, _)| std::cmp::Reverse(*quality));
    items.into_iter().map(|(_, item)| item).collect()
}

/// The region of a language tag, upper case: `vi-VN` -> `VN`, `pt_br` -> `BR`; `en` and
/// `zh-Hant` have none.
pub fn region(tag: &str) -> Option<String> {
    tag.split(['-', '_'])
        .skip(1)
        .find(|part| part.len() == 2 && part.bytes().all(|b| b.is_ascii_alphabetic()))
        .map(str::to_ascii_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_come_best_first_without_the_refused() {
        assert_eq!(
            ranked("de-DE;q=0.5, pt-BR, en;q=0.8"),
            ["pt-BR", "en", "de-DE"]
        );
        assert_eq!(ranked("br;q=0, gzip"), ["gzip"]);
        assert_eq!(ranked("gzip;q=nonsense, br"), ["br"]);
        assert!(ranked("").is_empty());
    }

    #[test]
    fn regions_come_from_the_tag() {
        assert_eq!(region("vi-VN").as_deref(), Some("VN"));
        assert_eq!(region("pt_br").as_deref(), Some("BR"));
        assert_eq!(region("zh-Hant-TW").as_deref(), Some("TW"));
        assert_eq!(region("en"), None);
        assert_eq!(region("zh-Hant"), None);
    }
}
