//! The one rule for what a brand search matches, used by the server (no JavaScript) and by
//! the search island in the browser alike.
//!
//! A brand has two kinds of terms: its **name words** ("amazon", "com", and "amazoncom"
//! written together) and its **topics** (its categories' words, everyday words for them:
//! "game" for gaming, "coffee" for food, "phone" for mobile credit; and what it is: "gift
//! card", "top up", "esim"; and the Vietnamese for them, which shoppers type with accents
//! or without: "thẻ quà tặng", "nap tien", "cà phê"). Every word of the query must start a name word, or be a topic:
//! a category's word is matched by three letters or more of its start, what the brand is
//! only as a whole word (written `=gift` among the topics). Brands matched by name come
//! before brands matched by topic. So "am" finds Amazon and AMC, and not the gaming brands,
//! whose hidden category word merely contains "am"; "ca" doesn't find every gift card.

use super::{country::fold, ProductKind};

/// How a brand matched: by its name, or only through its topics (shown after).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rank {
    Name,
    Topic,
}

/// Lower-case ASCII words of `text` (accents folded; `&`, `.`, `'` and spaces split).
pub fn words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// A brand's name words, each part of the name written as one word the way people type
/// it ("vbucks" for "V-Bucks", "amazoncom" for "Amazon.com"), and the whole name as one
/// word ("fortnitevbucks", "att").
pub fn name_terms(name: &str) -> Vec<String> {
    let mut terms = words(name);
    let joined_parts = fold(name)
        .split_whitespace()
        .map(|part| {
            part.chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
        })
        .collect::<Vec<_>>();
    let whole: String = terms.concat();
    for term in joined_parts.into_iter().chain(std::iter::once(whole)) {
        if !term.is_empty() && !terms.contains(&term) {
            terms.push(term);
        }
    }
    terms
}

/// Everyday words for a category (its slug's own words come too).
fn category_words(slug: &str) -> &'static [&'static str] {
    match slug {
        "gaming" => &[
            "game",
            "games",
            "gamer",
            "console",
            "videogame",
            "choi",
            "=tro",
        ],
        "food" => &[
            "coffee",
            "restaurant",
            "dining",
            "eat",
            "pizza",
            "burger",
            "meal",
            // cà phê, ăn uống, nhà hàng
            "=ca",
            "phe",
            "=an",
            "uong",
            "=nha",
            "=hang",
        ],
        "mobile_credits" => &[
            "phone", "mobile", "top", "up", "topup", "airtime", "recharge", "=nap", "tien",
            "=dien", "thoai",
        ],
        "entertainment" => &[
            "movie",
            "movies",
            "music",
            "streaming",
            "tv",
            "cinema",
            "phim",
            "nhac",
        ],
        "travel" => &[
            "hotel", "hotels", "flight", "flights", "trip", "khach", "=san", "=bay", "lich", "=du",
        ],
        "e-commerce" => &["shop", "shopping", "online", "ecommerce", "=mua", "=sam"],
        "electronics" => &["tech", "gadget", "gadgets", "computer"],
        "groceries" => &["grocery", "supermarket"],
        "fashion" => &[
            "clothes", "clothing", "shoes", "apparel", "thoi", "trang", "quan", "=ao",
        ],
        "health_beauty" => &["pharmacy", "cosmetics", "makeup"],
        "home" => &["furniture", "diy", "garden"],
        "e-sim" => &["esim", "sim", "data", "roaming", "lieu"],
        _ => &[],
    }
}

/// A brand's topics: its categories' words and everyday words, and what kind of thing it
/// sells ("gift card", "top up", "esim").
pub fn topic_terms(categories: &[String], kind: &ProductKind) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    let mut add = |term: &str| {
        if !terms.iter().any(|t| t == term) {
            terms.push(term.to_string());
        }
    };
    for slug in categories {
        for word in words(slug) {
            add(&word);
        }
        for word in category_words(slug) {
            add(word);
        }
    }
    let kind_words: &[&str] = match kind {
        // And as Vietnamese shoppers type them, accents or not: thẻ quà tặng, nạp tiền
        // điện thoại di động, gói dữ liệu.
        ProductKind::GiftCard | ProductKind::Other(_) => {
            &["gift", "giftcard", "card", "voucher", "the", "qua", "tang"]
        }
        ProductKind::MobileTopUp => &[
            "top", "up", "topup", "phone", "mobile", "airtime", "nap", "tien", "dien", "thoai",
            "di", "dong",
        ],
        ProductKind::Esim => &["esim", "sim", "data", "goi", "du", "lieu"],
    };
    for word in kind_words {
        add(&format!("={word}"));
    }
    terms
}

/// How `query` (already split by [`words`]) matches a brand, or `None`. An empty query
/// matches everything by name.
pub fn rank<S: AsRef<str>>(query: &[String], name_terms: &[S], topic_terms: &[S]) -> Option<Rank> {
    let starts_a_name = |q: &str| name_terms.iter().any(|t| t.as_ref().starts_with(q));
    let is_a_topic = |q: &str| {
        topic_terms
            .iter()
            .any(|t| match t.as_ref().strip_prefix('=') {
                Some(whole) => whole == q,
                None => q.len() >= 3 && t.as_ref().starts_with(q),
            })
    };
    // "play station" finds PlayStation: the query written together starts the name too.
    let joined = query.concat();
    if query.iter().all(|q| starts_a_name(q)) || (query.len() > 1 && starts_a_name(&joined)) {
        return Some(Rank::Name);
    }
    query
        .iter()
        .all(|q| starts_a_name(q) || is_a_topic(q))
        .then_some(Rank::Topic)
}

/// The places in `placed` (a card's rank, its place in the shop's order, the card) in the
/// order the cards show: name matches, then topic matches, then the rest, each in the
/// shop's order. Without a sort, which would add kilobytes to the browser's WASM: cards go
/// into the slot of their place (one without a free slot of its own keeps its turn after
/// them).
pub fn show_order<T>(placed: &[(Option<Rank>, usize, T)]) -> Vec<usize> {
    let mut slots: Vec<Option<usize>> = vec![None; placed.len()];
    let mut strays = Vec::new();
    for (at, (_, order, _)) in placed.iter().enumerate() {
        match slots.get_mut(*order) {
            Some(slot @ None) => *slot = Some(at),
            _ => strays.push(at),
        }
    }
    let in_shop_order: Vec<usize> = slots.into_iter().flatten().chain(strays).collect();
    [Some(Rank::Name), Some(Rank::Topic), None]
        .iter()
        .flat_map(|group| {
            in_shop_order
                .iter()
                .copied()
                .filter(move |&at| placed[at].0 == *group)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cards_show_name_matches_then_topic_matches_then_the_rest_in_the_shops_order() {
        // (rank, place in the shop, card) as the page holds them after an earlier filter
        // moved cards around.
        let placed = [
            (None, 0, "amazon"),
            (Some(Rank::Topic), 3, "xbox"),
            (Some(Rank::Name), 4, "steam"),
            (None, 1, "amc"),
            (Some(Rank::Topic), 2, "starbucks"),
            (Some(Rank::Name), 5, "sephora"),
        ];
        let shown: Vec<&str> = show_order(&placed).iter().map(|&at| placed[at].2).collect();
        assert_eq!(
            shown,
            ["steam", "sephora", "starbucks", "xbox", "amazon", "amc"]
        );
    }

    #[test]
    fn a_card_without_a_place_of_its_own_keeps_its_turn_after_the_others() {
        let placed = [
            (Some(Rank::Name), 9, "stray"),
            (Some(Rank::Name), 1, "b"),
            (Some(Rank::Name), 1, "twin"),
            (Some(Rank::Name), 0, "a"),
        ];
        let shown: Vec<&str> = show_order(&placed).iter().map(|&at| placed[at].2).collect();
        assert_eq!(shown, ["a", "b", "stray", "twin"]);
    }

    fn brand(name: &str, categories: &[&str], kind: ProductKind) -> (Vec<String>, Vec<String>) {
        let categories: Vec<String> = categories.iter().map(|c| c.to_string()).collect();
        (name_terms(name), topic_terms(&categories, &kind))
    }

    fn find(query: &str) -> Vec<(&'static str, Rank)> {
        let shop = [
            ("Amazon.com", vec!["e-commerce"], ProductKind::GiftCard),
            ("AMC Theatres", vec!["entertainment"], ProductKind::GiftCard),
            ("Xbox", vec!["gaming"], ProductKind::GiftCard),
            ("Steam", vec!["gaming"], ProductKind::GiftCard),
            ("Starbucks", vec!["food"], ProductKind::GiftCard),
            ("AT&T", vec!["mobile_credits"], ProductKind::MobileTopUp),
            ("eSIM", vec!["e-sim"], ProductKind::Esim),
        ];
        let query = words(query);
        let mut found: Vec<(&'static str, Rank)> = shop
            .iter()
            .filter_map(|(name, categories, kind)| {
                let (names, topics) = brand(name, categories, kind.clone());
                rank(&query, &names, &topics).map(|r| (*name, r))
            })
            .collect();
        found.sort_by_key(|(_, r)| *r);
        found
    }

    #[test]
    fn names_match_by_the_start_of_a_word() {
        assert_eq!(
            find("am"),
            [("Amazon.com", Rank::Name), ("AMC Theatres", Rank::Name)]
        );
        assert_eq!(find("theat"), [("AMC Theatres", Rank::Name)]);
        assert_eq!(find("amazon.com"), [("Amazon.com", Rank::Name)]);
        assert_eq!(find("AT&T"), [("AT&T", Rank::Name)]);
        assert_eq!(find("att"), [("AT&T", Rank::Name)]);
        assert!(find("mazon").is_empty(), "not inside a word");
        assert_eq!(find("x box"), [("Xbox", Rank::Name)], "spaces forgiven");
    }

    #[test]
    fn vietnamese_words_find_what_they_name_with_or_without_accents() {
        let names = |q| find(q).into_iter().map(|(n, _)| n).collect::<Vec<_>>();
        assert_eq!(names("cà phê"), ["Starbucks"]);
        assert_eq!(names("ca phe"), ["Starbucks"]);
        assert_eq!(names("nạp tiền"), ["AT&T"]);
        assert_eq!(names("nap tien dien thoai"), ["AT&T"]);
        assert_eq!(names("gói dữ liệu"), ["eSIM"]);
        assert_eq!(names("trò chơi"), ["Xbox", "Steam"]);
        let gift_cards = names("thẻ quà tặng");
        assert!(gift_cards.contains(&"Amazon.com") && !gift_cards.contains(&"AT&T"));
        assert_eq!(names("thẻ quà tặng"), names("the qua tang"));
    }

    #[test]
    fn a_hyphenated_name_is_found_as_people_type_it() {
        let terms = name_terms("Fortnite V-Bucks");
        for typed in ["vbucks", "v-bucks", "fortnite", "bucks"] {
            let query = words(typed);
            assert_eq!(
                rank(&query, &terms, &[] as &[String]),
                Some(Rank::Name),
                "{typed}"
            );
        }
    }

    #[test]
    fn everyday_words_find_their_categories_after_name_matches() {
        let names = |q| find(q).into_iter().map(|(n, _)| n).collect::<Vec<_>>();
        assert_eq!(names("game"), ["Xbox", "Steam"]);
        assert_eq!(names("gaming"), ["Xbox", "Steam"]);
        assert_eq!(names("coffee"), ["Starbucks"]);
        assert_eq!(names("phone"), ["AT&T"]);
        assert_eq!(names("top up"), ["AT&T"]);
        assert_eq!(names("esim"), ["eSIM"]);
        assert!(names("gift").contains(&"Steam") && !names("gift").contains(&"AT&T"));
        assert!(
            names("gam").contains(&"Xbox"),
            "three letters of a category"
        );
        assert!(!names("ga").contains(&"Xbox") && !names("ca").contains(&"Steam"));
        // A name match ranks before a topic match.
        assert_eq!(find("s")[0], ("Steam", Rank::Name));
        assert_eq!(find("")[0].1, Rank::Name, "an empty query shows everything");
    }
}
