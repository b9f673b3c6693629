//! The checkout form as the browser posts it (`POST /checkout`), read field by field, each
//! field checked against its real length.

use super::{field, FieldMessage};
use crate::{
    domain::problem::ProblemField,
    i18n::{words::ProblemsText, Lang},
};

/// The most a checkout form may weigh: its fields at their longest fit in 2 KB.
pub const MAX_FORM_BYTES: usize = 8 * 1024;

/// The longest value each field may hold (an email address is at most 254 characters).
pub const MAX_EMAIL: usize = 254;
pub const MAX_PHONE: usize = 32;
pub const MAX_COUPON: usize = 64;
pub const MAX_AMOUNT: usize = 32;
/// Country, brand, product id, coin, network: ids, never long.
pub const MAX_ID: usize = 100;

/// The form as the browser sends it; every field may be missing or anything at all.
#[derive(Debug, Default)]
pub struct CheckoutPost {
    pub country: String,
    pub brand: String,
    pub product: String,
    pub amount: String,
    pub coin: String,
    pub network: String,
    pub email: String,
    pub recipient: String,
    pub newsletter: bool,
    pub coupon: String,
    /// `price`: only show the price (the no-JavaScript "Show price" button).
    pub intent: String,
    /// The top-up number (E.164) the shopper confirmed after seeing it echoed back.
    pub confirmed_phone: String,
    /// The price (a coin amount) the shopper confirmed after validation changed it.
    pub confirmed_price: String,
}

impl CheckoutPost {
    /// Reads `application/x-www-form-urlencoded` bytes; unknown names are ignored (an old
    /// page's `key` among them: keys come only from the browser's cookie now).
    pub fn parse(body: &[u8]) -> Self {
        let mut fields = Self::default();
        for (name, value) in url::form_urlencoded::parse(body) {
            let value = value.into_owned();
            match &*name {
                field::COUNTRY => fields.country = value,
                field::BRAND => fields.brand = value,
                field::PRODUCT => fields.product = value,
                field::AMOUNT => fields.amount = value,
                field::COIN => fields.coin = value,
                field::NETWORK => fields.network = value,
                field::EMAIL => fields.email = value,
                field::RECIPIENT => fields.recipient = value,
                field::NEWSLETTER => fields.newsletter = true,
                field::COUPON => fields.coupon = value,
                field::INTENT => fields.intent = value,
                field::CONFIRMED_PHONE => fields.confirmed_phone = value,
                field::CONFIRMED_PRICE => fields.confirmed_price = value,
                _ => {}
            }
        }
        fields
    }

    /// What is wrong with the fields' lengths, each message (in `lang`) next to its field.
    /// Nothing longer than a field's real maximum is checked further, priced or kept.
    pub fn length_problems(&self, lang: Lang) -> Vec<FieldMessage> {
        let words = ProblemsText(lang);
        let too_long = |value: &str, max: usize| value.trim().chars().count() > max;
        let limits = [
            (
                &self.email,
                MAX_EMAIL,
                ProblemField::Email,
                words.email_too_long(MAX_EMAIL),
            ),
            (
                &self.recipient,
                MAX_EMAIL,
                ProblemField::Recipient,
                words.field_too_long(MAX_EMAIL),
            ),
            (
                &self.coupon,
                MAX_COUPON,
                ProblemField::Coupon,
                words.coupon_too_long(MAX_COUPON),
            ),
            (
                &self.amount,
                MAX_AMOUNT,
                ProblemField::Amount,
                crate::domain::money::AmountError::NotANumber.message(lang),
            ),
        ];
        let mut problems: Vec<FieldMessage> = limits
            .into_iter()
            .filter(|(value, max, _, _)| too_long(value, *max))
            .map(|(_, _, field, text)| super::place::message(field, text))
            .collect();
        if [
            &self.product,
            &self.coin,
            &self.network,
            &self.confirmed_phone,
        ]
        .iter()
        .any(|v| too_long(v, MAX_ID))
        {
            problems.push(super::place::message(
                ProblemField::General,
                words.choose_again(),
            ));
        }
        problems
    }
}
