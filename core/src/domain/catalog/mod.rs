//! What a country's shop offers: brands, their categories and the curated home feed.

use super::country::Country;
use super::search::Rank;
use crate::i18n::{words::BrowseText, Lang};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// What kind of thing a brand sells; it decides the wording and what the shopper enters.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ProductKind {
    GiftCard,
    MobileTopUp,
    Esim,
    /// A kind this shop does not know yet: sold like a gift card, named as upstream names it.
    Other(String),
}

impl ProductKind {
    /// From upstream's `kind` and `category` (eSIMs are `mobile_recharge` in category `e-sim`).
    pub fn classify(kind: &str, category: Option<&str>, family: &str) -> Self {
        let is_esim = category.is_some_and(|c| c.eq_ignore_ascii_case("e-sim"))
            || family.eq_ignore_ascii_case("esim");
        match kind {
            "giftcard" => Self::GiftCard,
            "mobile_recharge" if is_esim => Self::Esim,
            "mobile_recharge" => Self::MobileTopUp,
            _ if is_esim => Self::Esim,
            other => Self::Other(other.to_string()),
        }
    }

    /// "gift card", "mobile top-up", "eSIM plan" (lower case, to stand in a sentence).
    pub fn noun(&self, lang: Lang) -> &'static str {
        let t = BrowseText(lang);
        match self {
            Self::GiftCard | Self::Other(_) => t.noun_gift_card(),
            Self::MobileTopUp => t.noun_mobile_top_up(),
            Self::Esim => t.noun_esim_plan(),
        }
    }

    /// What the shopper picks an amount of, as a heading.
    pub fn choose_heading(&self, lang: Lang) -> &'static str {
        let t = BrowseText(lang);
        match self {
            Self::GiftCard | Self::Other(_) => t.choose_amount(),
            Self::MobileTopUp => t.choose_top_up(),
            Self::Esim => t.choose_data_plan(),
        }
    }
}

/// The brand's logo, in the six variants the CDN serves from one base URL.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Logo {
    base_url: String,
}

impl Logo {
    /// Only absolute http(s) URLs: anything else would let upstream point the page elsewhere.
    pub fn from_base_url(base_url: &str) -> Option<Self> {
        let base_url = base_url.trim().trim_end_matches(['.', '/']);
        let scheme_ok = base_url.starts_with("https://") || base_url.starts_with("http://");
        let clean = !base_url.contains(['"', '\'', '<', '>', ' ', '\\']);
        (scheme_ok && clean).then(|| Self {
            base_url: base_url.to_string(),
        })
    }

    /// `size` is "300x190", "500x318" or None for the full picture; `ext` "webp" or "jpg".
    pub fn url(&self, size: Option<&str>, ext: &str) -> String {
        match size {
            Some(size) => format!("{}_{size}.{ext}", self.base_url),
            None => format!("{}.{ext}", self.base_url),
        }
    }

    /// The webp `srcset` for a card: both sized variants and the full picture.
    pub fn webp_srcset(&self) -> String {
        format!(
            "{} 300w, {} 500w, {} 1000w",
            self.url(Some("300x190"), "webp"),
            self.url(Some("500x318"), "webp"),
            self.url(None, "webp")
        )
    }
}

/// One brand as a country's shop lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Brand {
    pub id: String,
    pub name: String,
    /// Upstream's family name: the key for the products of this brand.
    pub family: String,
    /// The brand's part of the URL (`/US/amazon-com`).
    pub slug: String,
    pub kind: ProductKind,
    /// Category slugs, the main one first.
    pub categories: Vec<String>,
    pub logo: Option<Logo>,
    /// A CSS colour, checked: only `#rgb`, `#rrggbb` or `#rrggbbaa`.
    pub bg_color: Option<String>,
    /// Display strings from upstream ("$5", "1 GB 3 days").
    pub price_from: Option<String>,
    pub price_to: Option<String>,
    pub in_stock: bool,
}

impl Brand {
    /// "$5 – $500", "$10", or nothing when upstream gave no range.
    /// "$5 – $500", "1 GB 7 days – 20 GB 30 days" ("1 GB 7 ngày – 20 GB 30 ngày"): the
    /// brand list's bounds as upstream wrote them (that call takes no `lang`), a plan's
    /// days in `lang`.
    pub fn price_range(&self, lang: Lang) -> Option<String> {
        // Each end stays on one line ("5.000.000 ₫"), the range may break at its dash.
        let end = |p: &str| plan_in(lang, p).replace(' ', "\u{a0}");
        let from = self.price_from.as_deref().map(end);
        let to = self.price_to.as_deref().map(end);
        match (from, to) {
            (Some(from), Some(to)) if from != to => Some(format!("{from} – {to}")),
            (Some(one), _) | (None, Some(one)) => Some(one),
            (None, None) => None,
        }
    }

    pub fn main_category(&self) -> Option<&str> {
        self.categories.first().map(String::as_str)
    }

    /// The words search matches by name (`domain::search`).
    pub fn name_terms(&self) -> Vec<String> {
        super::search::name_terms(&self.name)
    }

    /// The words search matches by topic: categories, everyday words, the kind.
    pub fn topic_terms(&self) -> Vec<String> {
        super::search::topic_terms(&self.categories, &self.kind)
    }
}

/// The longest search the shop reads; the rest of a longer one is ignored.
pub const MAX_QUERY_CHARS: usize = 100;

/// A search as the shop reads it: its first `MAX_QUERY_CHARS` characters.
pub fn capped_query(query: &str) -> String {
    query.chars().take(MAX_QUERY_CHARS).collect()
}

/// Accepts a CSS hex colour and nothing else (the value lands in a `style` attribute).
pub fn checked_color(raw: &str) -> Option<String> {
    let hex = raw.trim().strip_prefix('#')?;
    let ok = matches!(hex.len(), 3 | 4 | 6 | 8) && hex.bytes().all(|b| b.is_ascii_hexdigit());
    ok.then(|| format!("#{hex}"))
}

/// A filter chip: a category slug and how many brands it holds. The catalog is shared by
/// every language, so the chip's words come from [`Category::label`] in the page's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    pub slug: String,
    pub brand_count: usize,
}

impl Category {
    /// The chip's label in `lang`.
    pub fn label(&self, lang: Lang) -> String {
        category_label(&self.slug, lang)
    }
}

/// A readable label for a category slug: "e-commerce" -> "E-commerce", "mobile_credits" ->
/// "Mobile credits" ("Nạp tiền điện thoại"). A slug the shop does not know reads as itself,
/// spaced and capitalised, in every language.
pub fn category_label(slug: &str, lang: Lang) -> String {
    let t = BrowseText(lang);
    let known = match slug {
        "e-sim" => Some(t.category_esim()),
        "mobile_credits" => Some(t.category_mobile_credits()),
        "mobile_talk_time" => Some(t.category_talk_time()),
        "mobile_bundle" => Some(t.category_mobile_bundles()),
        "uncategorized" => Some(t.category_other()),
        "health_beauty" => Some(t.category_health_beauty()),
        "gaming" => Some(t.category_gaming()),
        "food" => Some(t.category_food()),
        "entertainment" => Some(t.category_entertainment()),
        "travel" => Some(t.category_travel()),
        "e-commerce" => Some(t.category_e_commerce()),
        "electronics" => Some(t.category_electronics()),
        "groceries" => Some(t.category_groceries()),
        "fashion" => Some(t.category_fashion()),
        "home" => Some(t.category_home()),
        "prepaid" => Some(t.category_prepaid()),
        "popular" => Some(t.feed_popular()),
        "trending" | "trending_gift_cards" => Some(t.feed_trending()),
        "featured" | "featured_gift_cards" => Some(t.feed_featured()),
        "new" | "new_arrivals" => Some(t.feed_new()),
        _ => None,
    };
    if let Some(label) = known {
        return label.to_string();
    }
    let spaced = slug.replace('_', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A data plan as upstream's English names it ("1 GB 7 days", "10 GB 1 day"), with its
/// days in `lang` ("1 GB 7 ngày"); anything else as it is.
pub fn plan_in(lang: Lang, text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let is_plan = matches!(
        words.as_slice(),
        [amount, unit, days, "day" | "days"]
            if amount.parse::<Decimal>().is_ok()
                && matches!(*unit, "MB" | "GB" | "TB")
                && days.parse::<u32>().is_ok()
    );
    if !is_plan || lang == Lang::En {
        return text.to_string();
    }
    let days = words[2].parse::<u32>().unwrap_or_default();
    format!(
        "{} {} {}",
        words[0],
        words[1],
        BrowseText(lang).plan_days(days)
    )
}

/// Everything a country's shop sells, ready for the grid.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountryCatalog {
    pub country: Country,
    /// In upstream's order, except that out-of-stock brands come last.
    pub brands: Vec<Brand>,
    /// The categories that hold at least one brand, largest first.
    pub categories: Vec<Category>,
    /// Ids of upstream's popular brands, the home feed's fallback.
    pub popular: Vec<String>,
}

impl CountryCatalog {
    /// Builds the catalog: one entry per brand id, out-of-stock last, chips counted.
    pub fn new(country: Country, brands: Vec<Brand>, popular: Vec<String>) -> Self {
        let mut seen = std::collections::HashSet::new();
        let mut brands: Vec<Brand> = brands
            .into_iter()
            .filter(|b| seen.insert(b.id.clone()))
            .collect();
        brands.sort_by_key(|b| !b.in_stock);

        let mut categories: Vec<Category> = Vec::new();
        for slug in brands.iter().flat_map(|b| b.categories.iter()) {
            match categories.iter_mut().find(|c| &c.slug == slug) {
                Some(category) => category.brand_count += 1,
                None => categories.push(Category {
                    slug: slug.clone(),
                    brand_count: 1,
                }),
            }
        }
        // Ties in English label order, so the chips stand in the same order in every
        // language.
        categories.sort_by_cached_key(|c| {
            (
                std::cmp::Reverse(c.brand_count),
                category_label(&c.slug, Lang::En),
            )
        });

        Self {
            country,
            brands,
            categories,
            popular,
        }
    }

    pub fn brand_by_slug(&self, slug: &str) -> Option<&Brand> {
        self.brands
            .iter()
            .find(|b| b.slug.eq_ignore_ascii_case(slug))
    }

    /// The brands a shopper sees for a search text and category (both optional).
    /// The brands matching a search (folded once, here, at most `MAX_QUERY_CHARS` of it)
    /// and a category.
    /// The brands a search (and category) finds, name matches first, each keeping the
    /// shop's order within its rank.
    pub fn filtered(&self, query: &str, category: Option<&str>) -> Vec<(&Brand, Rank)> {
        let query = super::search::words(&capped_query(query));
        let mut found: Vec<(&Brand, Rank)> = self
            .brands
            .iter()
            .filter(|b| category.is_none_or(|c| b.categories.iter().any(|bc| bc == c)))
            .filter_map(|b| {
                super::search::rank(&query, &b.name_terms(), &b.topic_terms()).map(|r| (b, r))
            })
            .collect();
        found.sort_by_key(|(_, rank)| *rank);
        found
    }

    /// Up to `n` brands in stock to suggest instead of `brand`: of its main category first,
    /// then of any category it shares, in the shop's order.
    pub fn alternatives_to(&self, brand: &Brand, n: usize) -> Vec<Brand> {
        let shares = |b: &Brand, main_only: bool| match (main_only, brand.main_category()) {
            (true, Some(main)) => b.main_category() == Some(main),
            _ => b.categories.iter().any(|c| brand.categories.contains(c)),
        };
        let candidates = |main_only| {
            self.brands
                .iter()
                .filter(move |b| b.in_stock && b.id != brand.id && shares(b, main_only))
        };
        let mut found: Vec<Brand> = Vec::new();
        for b in candidates(true).chain(candidates(false)) {
            if found.len() < n && !found.iter().any(|f| f.id == b.id) {
                found.push(b.clone());
            }
        }
        found
    }

    /// The popular brands, in upstream's order, for when there is no home feed.
    pub fn popular_brands(&self) -> Vec<Brand> {
        self.popular
            .iter()
            .filter_map(|id| self.brands.iter().find(|b| &b.id == id))
            .cloned()
            .collect()
    }
}

/// A named row of the curated home feed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedSection {
    /// As upstream titled it: a title in the shopper's language, or a slug
    /// (`trending_gift_cards`) the page names in it (see [`FeedSection::heading`]).
    pub title: String,
    pub brands: Vec<Brand>,
}

impl FeedSection {
    /// The section's heading in `lang`: upstream's title when it is one, a slug named by the
    /// shop ("trending_gift_cards" -> "Trending gift cards", "Thẻ quà tặng thịnh hành").
    pub fn heading(&self, lang: Lang) -> String {
        if self.title.contains(' ') {
            return self.title.clone();
        }
        category_label(&self.title, lang)
    }
}

/// Turns a brand name into its URL part: "Amazon.com" -> "amazon-com", "Café Zoë" -> "cafe-zoe".
pub fn slugify(name: &str) -> String {
    let folded = super::country::fold(name);
    let mut slug = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

#[cfg(test)]
mod tests;
