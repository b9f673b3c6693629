//! The sandbox's catalog: full catalogs for eight countries, a small one for the rest.
//!
//! Over 400 lines because it is a data table: every brand of those countries, one line
//! each, with the few functions that look them up.

use super::text::Lang;

/// What a brand sells, as the sandbox describes it upstream-style.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    GiftCard,
    TopUp,
    Esim,
}

/// One brand of a country. Fixed amounts and range bounds are indexes into the country's
/// ladder of round amounts, so one definition reads right in dollars and in dong.
#[derive(Clone, Copy, Debug)]
pub struct BrandDef {
    pub name: &'static str,
    pub category: &'static str,
    pub extra_categories: &'static [&'static str],
    pub kind: Kind,
    pub color: &'static str,
    pub fixed: &'static [usize],
    pub range: Option<(usize, usize)>,
    /// eSIM plans: (plan, price in USD).
    pub plans: &'static [(&'static str, u32)],
    pub out_of_stock: bool,
    pub paused: bool,
    pub limited: bool,
    pub login_required: bool,
    /// Delivered as a redeem link rather than a code.
    pub link_delivery: bool,
    /// Upstream has this brand's texts (description, how to redeem, terms, redeem
    /// instructions) in English only: served in English, `locale:"en"`, whatever `lang` asks.
    pub english_only: bool,
}

const fn brand(
    name: &'static str,
    category: &'static str,
    color: &'static str,
    kind: Kind,
) -> BrandDef {
    BrandDef {
        name,
        category,
        extra_categories: &[],
        kind,
        color,
        fixed: &[1, 2, 3, 4],
        range: None,
        plans: &[],
        out_of_stock: false,
        paused: false,
        limited: false,
        login_required: false,
        link_delivery: false,
        english_only: false,
    }
}

const fn gift(name: &'static str, category: &'static str, color: &'static str) -> BrandDef {
    brand(name, category, color, Kind::GiftCard)
}

const fn topup(name: &'static str, color: &'static str) -> BrandDef {
    BrandDef {
        fixed: &[0, 1, 2, 3],
        ..brand(name, "mobile_credits", color, Kind::TopUp)
    }
}

const ESIM_PLANS: &[(&str, u32)] = &[
    ("1 GB 7 days", 5),
    ("3 GB 15 days", 11),
    ("5 GB 30 days", 17),
    ("10 GB 30 days", 29),
    ("20 GB 30 days", 49),
];

const ESIM: BrandDef = BrandDef {
    fixed: &[],
    plans: ESIM_PLANS,
    ..brand("eSIM", "e-sim", "#0B6E4F", Kind::Esim)
};

impl BrandDef {
    const fn amounts(self, fixed: &'static [usize]) -> Self {
        Self { fixed, ..self }
    }
    const fn range(self, min: usize, max: usize) -> Self {
        Self {
            range: Some((min, max)),
            ..self
        }
    }
    const fn only_range(self, min: usize, max: usize) -> Self {
        Self {
            fixed: &[],
            range: Some((min, max)),
            ..self
        }
    }
    const fn also(self, extra_categories: &'static [&'static str]) -> Self {
        Self {
            extra_categories,
            ..self
        }
    }
    const fn out_of_stock(self) -> Self {
        Self {
            out_of_stock: true,
            ..self
        }
    }
    const fn paused(self) -> Self {
        Self {
            paused: true,
            ..self
        }
    }
    const fn limited(self) -> Self {
        Self {
            limited: true,
            ..self
        }
    }
    const fn login_required(self) -> Self {
        Self {
            login_required: true,
            ..self
        }
    }
    const fn link_delivery(self) -> Self {
        Self {
            link_delivery: true,
            ..self
        }
    }
    const fn english_only(self) -> Self {
        Self {
            english_only: true,
            ..self
        }
    }

    /// The language upstream writes this brand's texts in for a shopper who asked for
    /// `lang`: English when it has no translation.
    pub fn texts_in(&self, lang: Lang) -> Lang {
        if self.english_only {
            Lang::En
        } else {
            lang
        }
    }
}

/// A country the sandbox sells in: its currency, its ladder of round amounts, the step of
/// its custom amounts, and its brands.
#[derive(Clone, Copy)]
pub struct CountryDef {
    pub code: &'static str,
    pub currency: &'static str,
    pub ladder: [u64; 7],
    pub step: u64,
    pub brands: &'static [BrandDef],
    /// Whether it has a curated home feed.
    pub home_feed: bool,
}

// Brands sold in several countries, defined once.
const NETFLIX: BrandDef = gift("Netflix", "entertainment", "#E50914");
const SPOTIFY: BrandDef = gift("Spotify", "entertainment", "#1DB954");
const STEAM: BrandDef = gift("Steam", "gaming", "#171A21");
const PLAYSTATION: BrandDef = gift("PlayStation", "gaming", "#003791");
const XBOX: BrandDef = gift("Xbox", "gaming", "#107C10");
const APPLE: BrandDef = gift("Apple", "electronics", "#1D1D1F");
const GOOGLE_PLAY: BrandDef = gift("Google Play", "gaming", "#01875F");
const NINTENDO_ESHOP: BrandDef = gift("Nintendo eShop", "gaming", "#E60012").out_of_stock();
const UBER: BrandDef = gift("Uber", "travel", "#000000").link_delivery();
const AIRBNB: BrandDef = gift("Airbnb", "travel", "#FF5A5F").only_range(2, 6);
// Upstream lacks Vietnamese for a few minor brands; Razer Gold (US and the small catalog)
// and Garena (VN) stand for them, so a Vietnamese page shows an English description too.
const RAZER_GOLD: BrandDef = gift("Razer Gold", "gaming", "#44D62C").english_only();

const DOLLAR_LADDER: [u64; 7] = [5, 10, 25, 50, 100, 200, 500];

const US_BRANDS: &[BrandDef] = &[
    gift("Amazon.com", "e-commerce", "#FF9900")
        .range(0, 6)
        .also(&["electronics"]),
    gift("Walmart", "e-commerce", "#0071CE").also(&["groceries"]),
    gift("Target", "e-commerce", "#CC0000"),
    gift("eBay", "e-commerce", "#E53238"),
    gift("Best Buy", "electronics", "#0046BE"),
    gift("Home Depot", "home", "#F96302"),
    gift("Lowe's", "home", "#004990"),
    gift("IKEA", "home", "#0058A3"),
    APPLE.amounts(&[2, 3, 4, 5]).limited(),
    GOOGLE_PLAY.also(&["entertainment"]),
    XBOX,
    PLAYSTATION,
    NINTENDO_ESHOP,
    STEAM.amounts(&[0, 1, 2, 3, 4]),
    gift("Roblox", "gaming", "#393B3D"),
    RAZER_GOLD,
    gift("Fortnite V-Bucks", "gaming", "#313131"),
    gift("Twitch", "entertainment", "#9146FF"),
    NETFLIX.amounts(&[2, 3, 4]),
    SPOTIFY.amounts(&[1, 3]),
    gift("Hulu", "entertainment", "#1CE783"),
    gift("Disney+", "entertainment", "#113CCF"),
    gift("AMC Theatres", "entertainment", "#D0021B"),
    gift("Fandango", "entertainment", "#FF7300").paused(),
    gift("Uber", "travel", "#000000")
        .also(&["food"])
        .link_delivery(),
    gift("Lyft", "travel", "#FF00BF"),
    AIRBNB,
    gift("Hotels.com", "travel", "#D32F2F").only_range(3, 6),
    gift("Southwest Airlines", "travel", "#304CB2").amounts(&[3, 4, 5]),
    gift("Starbucks", "food", "#00704A").amounts(&[0, 1, 2, 3]),
    gift("DoorDash", "food", "#FF3008"),
    gift("Uber Eats", "food", "#06C167"),
    gift("Domino's", "food", "#006491").amounts(&[1, 2, 3]),
    gift("Chipotle", "food", "#A81612").amounts(&[1, 2, 3]),
    gift("Dunkin'", "food", "#FF671F").amounts(&[0, 1, 2]),
    gift("Whole Foods Market", "groceries", "#00674B"),
    gift("Instacart", "groceries", "#43B02A"),
    gift("Sephora", "fashion", "#000000").also(&["health_beauty"]),
    gift("Nike", "fashion", "#111111"),
    gift("Adidas", "fashion", "#000000"),
    gift("Macy's", "fashion", "#E21A2C"),
    gift("Nordstrom", "fashion", "#000000"),
    gift("CVS Pharmacy", "health_beauty", "#CC0000"),
    gift("Walgreens", "health_beauty", "#E31837"),
    gift("Visa Prepaid", "prepaid", "#1A1F71")
        .amounts(&[3, 4, 5])
        .limited()
        .login_required(),
    topup("AT&T", "#00A8E0"),
    topup("T-Mobile", "#E20074"),
    topup("Verizon", "#CD040B"),
    ESIM,
];

const GB_BRANDS: &[BrandDef] = &[
    gift("Amazon.co.uk", "e-commerce", "#FF9900").range(0, 6),
    gift("Tesco", "groceries", "#00539F"),
    gift("ASDA", "groceries", "#78BE20"),
    gift("Argos", "e-commerce", "#D42114"),
    gift("John Lewis", "e-commerce", "#000000").also(&["home"]),
    gift("Marks & Spencer", "fashion", "#000000"),
    gift("Deliveroo", "food", "#00CCBC"),
    gift("Just Eat", "food", "#FF8000"),
    NETFLIX.amounts(&[2, 3, 4]),
    SPOTIFY.amounts(&[1, 3]),
    STEAM,
    PLAYSTATION,
    XBOX,
    APPLE.amounts(&[2, 3, 4, 5]),
    GOOGLE_PLAY,
    UBER,
    AIRBNB,
    NINTENDO_ESHOP,
    topup("EE", "#007B85"),
    topup("Vodafone UK", "#E60000"),
    ESIM,
];

const DE_BRANDS: &[BrandDef] = &[
    gift("Amazon.de", "e-commerce", "#FF9900").range(0, 6),
    gift("Zalando", "fashion", "#FF6900"),
    gift("MediaMarkt", "electronics", "#DF0000"),
    gift("Lieferando", "food", "#FF8000"),
    gift("REWE", "groceries", "#CC071E"),
    gift("IKEA", "home", "#0058A3"),
    NETFLIX.amounts(&[2, 3, 4]),
    SPOTIFY.amounts(&[1, 3]),
    STEAM,
    PLAYSTATION,
    XBOX,
    APPLE.amounts(&[2, 3, 4, 5]),
    GOOGLE_PLAY,
    NINTENDO_ESHOP,
    topup("Telekom", "#E20074"),
    topup("Vodafone DE", "#E60000"),
    ESIM,
];

const FR_BRANDS: &[BrandDef] = &[
    gift("Amazon.fr", "e-commerce", "#FF9900").range(0, 6),
    gift("Carrefour", "groceries", "#004E9F"),
    gift("Fnac", "electronics", "#E1A925"),
    gift("Decathlon", "fashion", "#0082C3"),
    gift("Sephora", "health_beauty", "#000000"),
    NETFLIX.amounts(&[2, 3, 4]),
    SPOTIFY.amounts(&[1, 3]),
    STEAM,
    PLAYSTATION,
    GOOGLE_PLAY,
    UBER,
    AIRBNB,
    NINTENDO_ESHOP,
    topup("Orange", "#FF7900"),
    topup("SFR", "#E2001A"),
    ESIM,
];

const VN_BRANDS: &[BrandDef] = &[
    gift("Shopee", "e-commerce", "#EE4D2D"),
    gift("Lazada", "e-commerce", "#0F146D"),
    gift("Tiki", "e-commerce", "#1A94FF"),
    gift("Grab", "travel", "#00B14F").also(&["food"]),
    gift("Got It", "e-commerce", "#F26B21").range(0, 6),
    gift("Garena", "gaming", "#EE2B24").english_only(),
    STEAM,
    GOOGLE_PLAY,
    NETFLIX.amounts(&[2, 3]),
    gift("Zing Xu", "gaming", "#0068FF").out_of_stock(),
    topup("Viettel", "#EE0033"),
    topup("Mobifone", "#0055A5"),
    topup("Vinaphone", "#0091D5"),
    ESIM,
];

const BR_BRANDS: &[BrandDef] = &[
    gift("iFood", "food", "#EA1D2C"),
    gift("Mercado Livre", "e-commerce", "#FFE600"),
    gift("Americanas", "e-commerce", "#E60014"),
    NETFLIX.amounts(&[1, 2, 3]),
    SPOTIFY.amounts(&[0, 1, 2]),
    STEAM,
    PLAYSTATION,
    XBOX,
    GOOGLE_PLAY.range(0, 5),
    UBER,
    NINTENDO_ESHOP,
    topup("Claro", "#DA291C"),
    topup("Vivo", "#660099"),
    topup("TIM", "#004691"),
    ESIM,
];

const IN_BRANDS: &[BrandDef] = &[
    gift("Flipkart", "e-commerce", "#2874F0"),
    gift("Amazon.in", "e-commerce", "#FF9900").range(0, 6),
    gift("Swiggy", "food", "#FC8019"),
    gift("Zomato", "food", "#E23744"),
    gift("Myntra", "fashion", "#FF3F6C"),
    gift("BigBasket", "groceries", "#84C225"),
    GOOGLE_PLAY,
    NETFLIX.amounts(&[1, 2, 3]),
    SPOTIFY.amounts(&[0, 1]),
    NINTENDO_ESHOP,
    topup("Airtel", "#E40000"),
    topup("Jio", "#0F3CC9"),
    topup("Vi", "#EE2737"),
    ESIM,
];

const NG_BRANDS: &[BrandDef] = &[
    gift("Jumia", "e-commerce", "#F68B1E"),
    gift("Konga", "e-commerce", "#ED017F"),
    NETFLIX.amounts(&[2, 3]),
    SPOTIFY.amounts(&[1, 2]),
    STEAM,
    PLAYSTATION,
    GOOGLE_PLAY,
    NINTENDO_ESHOP,
    topup("MTN", "#FFCB05"),
    topup("Glo", "#50B651"),
    topup("Airtel Nigeria", "#E40000"),
    topup("9mobile", "#006F3F"),
    ESIM,
];

/// Every other country: eSIMs and two brands sold worldwide, in US dollars.
const WORLD_BRANDS: &[BrandDef] = &[
    ESIM,
    STEAM.amounts(&[1, 2, 3]),
    RAZER_GOLD.amounts(&[1, 2, 3]),
];

const FULL: &[CountryDef] = &[
    CountryDef {
        code: "US",
        currency: "USD",
        ladder: DOLLAR_LADDER,
        step: 1,
        brands: US_BRANDS,
        home_feed: true,
    },
    CountryDef {
        code: "GB",
        currency: "GBP",
        ladder: DOLLAR_LADDER,
        step: 1,
        brands: GB_BRANDS,
        home_feed: true,
    },
    CountryDef {
        code: "DE",
        currency: "EUR",
        ladder: [5, 15, 25, 50, 100, 200, 500],
        step: 1,
        brands: DE_BRANDS,
        home_feed: true,
    },
    CountryDef {
        code: "FR",
        currency: "EUR",
        ladder: [5, 15, 25, 50, 100, 200, 500],
        step: 1,
        brands: FR_BRANDS,
        home_feed: true,
    },
    CountryDef {
        code: "VN",
        currency: "VND",
        ladder: [
            50_000, 100_000, 200_000, 500_000, 1_000_000, 2_000_000, 5_000_000,
        ],
        step: 10_000,
        brands: VN_BRANDS,
        home_feed: true,
    },
    CountryDef {
        code: "BR",
        currency: "BRL",
        ladder: [25, 50, 100, 150, 250, 500, 1_000],
        step: 1,
        brands: BR_BRANDS,
        home_feed: true,
    },
    CountryDef {
        code: "IN",
        currency: "INR",
        ladder: [250, 500, 1_000, 2_000, 5_000, 10_000, 25_000],
        step: 10,
        brands: IN_BRANDS,
        home_feed: true,
    },
    CountryDef {
        code: "NG",
        currency: "NGN",
        ladder: [2_500, 5_000, 10_000, 20_000, 50_000, 100_000, 250_000],
        step: 500,
        brands: NG_BRANDS,
        home_feed: true,
    },
];

/// The sandbox's catalog for a country code (any case); `None` outside the 233.
pub fn country(code: &str) -> Option<CountryDef> {
    let code = crate::domain::Country::find(code)?.code;
    Some(match FULL.iter().find(|c| c.code == code) {
        Some(full) => *full,
        None => CountryDef {
            code,
            currency: "USD",
            ladder: DOLLAR_LADDER,
            step: 1,
            brands: WORLD_BRANDS,
            home_feed: false,
        },
    })
}

/// Every brand the sandbox knows, in any country (for logos).
pub fn every_brand() -> impl Iterator<Item = &'static BrandDef> {
    FULL.iter()
        .flat_map(|c| c.brands.iter())
        .chain(WORLD_BRANDS.iter())
}

impl CountryDef {
    pub fn brand(&self, name: &str) -> Option<&'static BrandDef> {
        self.brands
            .iter()
            .find(|b| b.name.eq_ignore_ascii_case(name.trim()))
    }

    /// A brand by `family_name` as partners pass it: the name, or its first word(s) in any
    /// case (the guide asks for `family_name=airbnb`).
    pub fn family(&self, family_name: &str) -> Option<&'static BrandDef> {
        self.brand(family_name).or_else(|| {
            self.brands
                .iter()
                .find(|b| super::text::names_brand(family_name, b.name))
        })
    }
}
