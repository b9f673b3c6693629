//! What the partner says about their shop: its name, whose newsletter it offers, and where
//! shoppers get help (support address, terms, privacy and refund pages).

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
    pub fn terms_href(&self) -> String {
        self.terms_url.clone().unwrap_or_else(|| "/terms".into())
    }

    pub fn privacy_href(&self) -> String {
        self.privacy_url
            .clone()
            .unwrap_or_else(|| "/privacy".into())
    }

    pub fn refunds_href(&self) -> String {
        self.refunds_url
            .clone()
            .unwrap_or_else(|| "/refunds".into())
    }

    /// Where "contact support" points: a mail about this order, or the help page's contact
    /// section.
    pub fn support_href(&self, order_id: Option<&str>) -> String {
        match (&self.support_email, order_id) {
            (Some(email), Some(id)) => format!("mailto:{email}?subject=Order%20{id}"),
            (Some(email), None) => format!("mailto:{email}"),
            (None, _) => "/help#contact".into(),
        }
    }
}
