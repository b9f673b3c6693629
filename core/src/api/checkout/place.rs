//! Placing an order from a posted checkout form: the coin and network as upstream's payment
//! options have them, the amount among the brand's, the recipient, then validation (whose
//! price the shopper confirms when it isn't the one shown) and creation, once per key.

use super::{
    post::{CheckoutPost, MAX_COUPON, MAX_EMAIL, MAX_PHONE},
    recipient::{check_email, check_phone, TopUpNumber},
    FieldMessage, PhoneConfirmation, PriceConfirmation, ReturnedForm, CUSTOM,
};
use crate::{
    cryptorefills::Shopper,
    domain::{
        checkout::{AmountChoice, DraftItem, OrderDraft},
        money::parse_amount,
        payment::USER_WALLET,
        problem::ProblemField,
        BrandDetails, Country, Offer, ProductKind,
    },
    error::AppError,
    i18n::{words::ProblemsText, Lang},
    services::{checkout_key, AppState},
};

/// Why the form goes back to the shopper instead of to an order.
pub enum NotYet {
    /// Something to fix, each message next to its field.
    Fix(Vec<FieldMessage>),
    /// All is well, but a top-up can't be taken back: the number is shown for a yes first.
    ConfirmPhone(TopUpNumber),
    /// Validation priced the order otherwise than the page did: the new price, and why.
    ConfirmPrice(PriceConfirmation),
    /// The store that makes one click one order can't be reached: nothing was ordered,
    /// and nothing can be kept for the form either (the shopper's Back button has it).
    Paused,
}

/// What was typed, kept for the form shown again: each field cut at its real maximum, so
/// a returned form weighs at most a few hundred bytes. Its messages are in `lang`.
pub fn returned_form(
    fields: &CheckoutPost,
    not_yet: NotYet,
    country: Country,
    lang: Lang,
) -> ReturnedForm {
    let cut = |value: &str, max: usize| value.trim().chars().take(max).collect::<String>();
    // A number the shopper already confirmed stays confirmed while they fix something else
    // (a coupon): only a changed number asks again.
    let still_confirmed = || {
        let confirmed = fields.confirmed_phone.trim();
        (!confirmed.is_empty())
            .then(|| check_phone(&fields.recipient, country, lang).ok())
            .flatten()
            .filter(|number| number.e164 == confirmed)
            .map(|number| PhoneConfirmation {
                e164: number.e164,
                display: number.display,
            })
    };
    let (messages, confirm_phone, confirm_price) = match not_yet {
        NotYet::Fix(messages) => (messages, still_confirmed(), None),
        NotYet::ConfirmPhone(number) => (
            Vec::new(),
            Some(PhoneConfirmation {
                e164: number.e164,
                display: number.display,
            }),
            None,
        ),
        NotYet::ConfirmPrice(price) => (Vec::new(), still_confirmed(), Some(price)),
        NotYet::Paused => (
            vec![message(
                ProblemField::General,
                AppError::CheckoutPaused.shopper_message(lang),
            )],
            still_confirmed(),
            None,
        ),
    };
    ReturnedForm {
        email: cut(&fields.email, MAX_EMAIL),
        recipient: cut(&fields.recipient, MAX_EMAIL.max(MAX_PHONE)),
        coupon: cut(&fields.coupon, MAX_COUPON),
        newsletter: fields.newsletter,
        messages,
        confirm_phone,
        confirm_price,
    }
}

pub fn message(field: ProblemField, text: impl Into<String>) -> FieldMessage {
    FieldMessage {
        field,
        text: text.into(),
    }
}

/// Checks the form, then validates and creates the order (once per key). What goes back to
/// the shopper is in `lang`.
pub async fn place_order(
    state: &AppState,
    fields: &CheckoutPost,
    country: Country,
    shopper: &Shopper,
    browser_key: &str,
    lang: Lang,
) -> Result<String, NotYet> {
    let unavailable = |error: AppError| {
        NotYet::Fix(vec![message(
            ProblemField::General,
            error.shopper_message(lang),
        )])
    };
    let (coin, network) = payment_choice(state, fields, shopper, lang)
        .await
        .map_err(|m| NotYet::Fix(vec![m]))?;
    let details = state
        .catalog
        .brand(country, &fields.brand, &coin, shopper)
        .await
        .map_err(|e| unavailable(e.into()))?
        .ok_or_else(|| {
            NotYet::Fix(vec![message(
                ProblemField::General,
                ProblemsText(lang).brand_not_sold_in(country.name_in(lang)),
            )])
        })?;

    let mut messages = Vec::new();
    let amount = amount_choice(&details, fields, lang)
        .map_err(|m| messages.push(m))
        .ok();
    let email = check_email(lang, &fields.email)
        .map_err(|m| messages.push(message(ProblemField::Email, m)))
        .ok();
    let recipient = recipient(&details, fields, country, email.as_deref(), lang)
        .map_err(|m| messages.push(m))
        .ok()
        .flatten();
    let (Some(amount), Some(email), Some(recipient), true) =
        (amount, email, recipient, messages.is_empty())
    else {
        return Err(NotYet::Fix(messages));
    };
    let beneficiary = match recipient {
        Recipient::Email(email) => email,
        Recipient::Phone(number) if fields.confirmed_phone.trim() == number.e164 => number.e164,
        Recipient::Phone(number) => return Err(NotYet::ConfirmPhone(number)),
    };

    let draft = OrderDraft {
        email,
        coin,
        network,
        newsletter: fields.newsletter,
        items: vec![DraftItem {
            brand_name: details.brand.name.clone(),
            country,
            kind: details.brand.kind.clone(),
            amount,
            beneficiary,
        }],
        coupon: Some(fields.coupon.trim().to_string()).filter(|c| !c.is_empty()),
    };
    let problems = |error: AppError| match error {
        AppError::Problems(problems) => NotYet::Fix(
            problems
                .iter()
                .map(|p| message(p.field(), p.explained(lang)))
                .collect(),
        ),
        other => unavailable(other),
    };
    let validated = state
        .catalog
        .client()
        .validate_order(&draft, shopper)
        .await
        .map_err(|e| problems(e.into()))?;
    // What validation says the order costs is what the shopper pays: when it is not the
    // price they saw, they see the new one, and why, before anything is ordered.
    let shown = shown_price(state, &details, &draft, country, shopper).await;
    if let Some(confirm) = price_to_confirm(shown, &validated, fields, lang) {
        return Err(NotYet::ConfirmPrice(confirm));
    }
    // The same browser sending the same draft again gets the same order; anything else,
    // a new one.
    let key = checkout_key::order_key(browser_key, &draft);
    let create = async {
        let order = state.catalog.client().create_order(&draft, shopper).await?;
        state.order_countries.remember(&order.id, country);
        tracing::info!(order = %crate::web::short_id(&order.id), brand = %details.brand.name, "order created");
        Ok::<_, AppError>(order.id)
    };
    state
        .order_once
        .once(&key, Box::pin(create))
        .await
        .map_err(|error| match error {
            AppError::CheckoutPaused => NotYet::Paused,
            other => problems(other),
        })
}

/// The price the brand page showed for the draft: a fixed amount's price in the coin, or
/// the custom amount's quote (from the cache it was shown from).
async fn shown_price(
    state: &AppState,
    details: &BrandDetails,
    draft: &OrderDraft,
    country: Country,
    shopper: &Shopper,
) -> Option<rust_decimal::Decimal> {
    match &draft.items.first()?.amount {
        AmountChoice::Fixed { denomination, .. } => {
            details.fixed_products().find_map(|p| match &p.offer {
                Offer::Fixed {
                    denomination: d,
                    price: Some(price),
                    ..
                } if d == denomination && price.currency.eq_ignore_ascii_case(&draft.coin) => {
                    Some(price.amount)
                }
                _ => None,
            })
        }
        AmountChoice::Custom(money) => state
            .catalog
            .custom_price(
                &details.brand.name,
                country,
                money.amount,
                &draft.coin,
                shopper,
            )
            .await
            .ok()
            .map(|quote| quote.price.amount),
    }
}

/// The new price to confirm, when validation's differs from the one shown and the shopper
/// hasn't confirmed it yet; why it differs, in `lang`.
fn price_to_confirm(
    shown: Option<rust_decimal::Decimal>,
    validated: &crate::domain::checkout::ValidatedOrder,
    fields: &CheckoutPost,
    lang: Lang,
) -> Option<PriceConfirmation> {
    let shown = shown?;
    let now = validated.amount;
    if now == shown || fields.confirmed_price.trim() == now.to_string() {
        return None;
    }
    let coin = &validated.coin;
    let show = |amount| crate::domain::money::coin_display(amount, coin);
    let off = shown
        .checked_sub(now)
        .filter(|off| *off > rust_decimal::Decimal::ZERO);
    let words = ProblemsText(lang);
    let why = match (&validated.coupon, off) {
        (Some(coupon), Some(off)) => words.coupon_takes_off(coupon, &show(off), &show(shown)),
        _ => words.price_moved(&show(shown), &show(now)),
    };
    Some(PriceConfirmation {
        amount: now.to_string(),
        display: show(now),
        why,
    })
}

/// The coin and network, as upstream's payment options have them: a coin or network that
/// is unknown or suspended is refused here (in `lang`), before anything is sent.
async fn payment_choice(
    state: &AppState,
    fields: &CheckoutPost,
    shopper: &Shopper,
    lang: Lang,
) -> Result<(String, String), FieldMessage> {
    let words = ProblemsText(lang);
    let vias = state.catalog.payment_vias(shopper).await.map_err(|e| {
        message(
            ProblemField::General,
            AppError::from(e).shopper_message(lang),
        )
    })?;
    let via = vias
        .iter()
        .find(|v| v.name == USER_WALLET && v.available)
        .ok_or_else(|| message(ProblemField::Payment, words.own_wallet_unavailable()))?;
    let coin = via
        .coins
        .iter()
        .find(|c| c.name.eq_ignore_ascii_case(fields.coin.trim()))
        .ok_or_else(|| message(ProblemField::Payment, words.choose_coin()))?;
    // The same words as upstream's SUSPENDED_COIN and SUSPENDED_NETWORK problems.
    if coin.suspended {
        return Err(message(ProblemField::Payment, words.suspended_coin()));
    }
    let wanted = fields.network.trim();
    // A form without a network (an old page, a hand-made link) gets the page's rule; a
    // named one must exist, suspended or not, so the message can say which.
    let network = if wanted.is_empty() {
        coin.preferred_network(None)
    } else {
        coin.networks
            .iter()
            .find(|n| n.name.eq_ignore_ascii_case(wanted))
    }
    .ok_or_else(|| message(ProblemField::Payment, words.choose_network(&coin.name)))?;
    if network.suspended {
        return Err(message(ProblemField::Payment, words.suspended_network()));
    }
    Ok((coin.name.clone(), network.name.clone()))
}

fn amount_choice(
    details: &BrandDetails,
    fields: &CheckoutPost,
    lang: Lang,
) -> Result<AmountChoice, FieldMessage> {
    let words = ProblemsText(lang);
    // The same words as upstream's OUT_OF_STOCK problem.
    if !details.brand.in_stock {
        return Err(message(ProblemField::Amount, words.out_of_stock()));
    }
    if fields.product == CUSTOM {
        let (_, range) = details
            .range()
            .ok_or_else(|| message(ProblemField::Amount, words.choose_one_of_amounts()))?;
        let amount = parse_amount(&fields.amount)
            .map_err(|e| message(ProblemField::Amount, e.message(lang)))?;
        range
            .check(lang, amount)
            .map_err(|e| message(ProblemField::Amount, e.message(lang)))?;
        return Ok(AmountChoice::Custom(crate::domain::Money::new(
            amount,
            range.currency.clone(),
        )));
    }
    details
        .fixed_products()
        .find(|p| p.id == fields.product)
        .and_then(|p| match &p.offer {
            Offer::Fixed {
                denomination,
                label,
                face_value,
                ..
            } => Some(AmountChoice::Fixed {
                denomination: denomination.clone(),
                label: Some(label.clone()),
                face_value: face_value.clone(),
            }),
            Offer::Range(_) => None,
        })
        .ok_or_else(|| message(ProblemField::Amount, words.choose_amount()))
}

/// Where the goods go.
enum Recipient {
    Email(String),
    Phone(TopUpNumber),
}

/// A phone number for top-ups; an email for everything else: the shopper's own when the
/// recipient field is left empty (`None` while that email is itself wrong: its own message
/// says so, and the optional field stays unmarked). Refusals are in `lang`.
fn recipient(
    details: &BrandDetails,
    fields: &CheckoutPost,
    country: Country,
    shopper_email: Option<&str>,
    lang: Lang,
) -> Result<Option<Recipient>, FieldMessage> {
    if details.brand.kind == ProductKind::MobileTopUp {
        return check_phone(&fields.recipient, country, lang)
            .map(|number| Some(Recipient::Phone(number)))
            .map_err(|m| message(ProblemField::Recipient, m));
    }
    if fields.recipient.trim().is_empty() {
        return Ok(shopper_email.map(|email| Recipient::Email(email.to_string())));
    }
    check_email(lang, &fields.recipient)
        .map(|email| Some(Recipient::Email(email)))
        .map_err(|m| message(ProblemField::Recipient, m))
}
