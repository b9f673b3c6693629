//! What the partner says about their shop: its name, whose newsletter it offers, and where
//! shoppers get help (support address, terms, privacy and refund pages).

use crate::i18n::{words::PagesText, Lang};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShopInfo {
    /// The shop's own name, in titles, the header and the footer.
    pub name: String,
    /// Whose news the newsletter box offers.
    pub newsletter_from: String,
    /// Where shoppers write for help; without one, the help page says how to reach the
    /// supplier through the order email.
    pub support_email: Option<String>,
    /// The partner's own pages, when they have them; else the shop's built-in ones.
    pub terms_url: Option<String>,
    pub privacy_url: Option<String>,
    pub refunds_url: Option<String>,
}

impl Default for ShopInfo {
    fn default() -> Self {
        Self {
            name: "Storefront".into(),
            newsletter_from: "Storefront".into(),
            support_email: None,
            terms_url: None,
            privacy_url: None,
            refunds_url: None,
        }
    }
}

impl ShopInfo {
    /// The partner's own page when configured, else the shop's, in `lang`.
    pub fn terms_href(&self, lang: Lang) -> String {
        self.terms_url
            .clone()
            .unwrap_or_else(|| lang.href("/terms"))
    }

    pub fn privacy_href(&self, lang: Lang) -> String {
        self.privacy_url
            .clone()
            .unwrap_or_else(|| lang.href("/privacy"))
    }

    pub fn refunds_href(&self, lang: Lang) -> String {
        self.refunds_url
            .clone()
            .unwrap_or_else(|| lang.href("/refunds"))
    }

    /// Where "contact support" points: a mail about this order (its subject in `lang`), or
    /// the help page's contact section in `lang`.
    pub fn support_href(&self, lang: Lang, order_id: Option<&str>) -> String {
        match (&self.support_email, order_id) {
            (Some(email), Some(id)) => {
                let subject = PagesText(lang).support_mail_subject(id);
                // A mailto URL writes a space as %20 (RFC 6068), not as a query's `+`; a
                // `+` of the text itself is already %2B by then.
                let subject = crate::web::encode_query_value(&subject).replace('+', "%20");
                format!("mailto:{email}?subject={subject}")
            }
            (Some(email), None) => format!("mailto:{email}"),
            (None, _) => lang.href("/help#contact"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn support_is_reached_in_the_shoppers_language() {
        let shop = ShopInfo {
            support_email: Some("help@shop.example".into()),
            ..ShopInfo::default()
        };
        assert_eq!(
            shop.support_href(Lang::En, Some("abc")),
            "mailto:help@shop.example?subject=Order%20abc"
        );
        assert_eq!(
            shop.support_href(Lang::Vi, Some("abc")),
            "mailto:help@shop.example?subject=%C4%90%C6%A1n%20h%C3%A0ng%20abc"
        );
        let built_in = ShopInfo::default();
        assert_eq!(built_in.support_href(Lang::Vi, None), "/vi/help#contact");
        assert_eq!(built_in.terms_href(Lang::Vi), "/vi/terms");
        assert_eq!(built_in.refunds_href(Lang::En), "/refunds");
    }
}
