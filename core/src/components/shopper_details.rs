//! The shopper's part of the checkout form: where the goods go (an email, or a phone number
//! for top-ups), their own email, a coupon and the newsletter box. Server-rendered inside the
//! buy form; the messages next to the fields come from the server as text.

use crate::{
    api::checkout::{field, CheckoutForm, ReturnedForm},
    domain::{problem::ProblemField, ProductKind},
    i18n::words::BuyText,
};
use leptos::prelude::*;

/// One labelled input with its hint and the server's message about it.
#[component]
fn Field(
    id: &'static str,
    label: String,
    input_type: &'static str,
    value: String,
    #[prop(optional)] hint: Option<String>,
    #[prop(optional_no_strip)] message: Option<String>,
    #[prop(optional)] required: bool,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = match (&hint, &message) {
        (Some(_), Some(_)) => format!("{hint_id} {error_id}"),
        (Some(_), None) => hint_id.clone(),
        (None, _) => error_id.clone(),
    };
    let invalid = message.is_some();
    view! {
        <div class="field" class:invalid=invalid>
            <label for=id>{label}</label>
            <input
                id=id
                name=id
                type=input_type
                value=value
                required=required
                autocomplete=autocomplete
                inputmode=inputmode
                aria-describedby=described
                aria-invalid=invalid.to_string()
            />
            {hint.map(|h| view! { <p id=hint_id class="hint">{h}</p> })}
            {message.map(|m| view! { <p id=error_id class="field-error" role="alert">"⚠ " {m}</p> })}
        </div>
    }
}

#[component]
pub fn ShopperDetails(form: CheckoutForm, kind: ProductKind) -> impl IntoView {
    let t = BuyText(crate::render::lang());
    let returned = form.returned.clone().unwrap_or_default();
    let said = |field| returned.message_for(field);
    let ReturnedForm {
        email,
        recipient,
        coupon,
        newsletter,
        confirm_phone,
        confirm_price,
        ..
    } = returned.clone();
    // A phone number for top-ups (prefilled with the country's dialling code), else an
    // optional email address: the shopper's own when left empty.
    let phone = kind == ProductKind::MobileTopUp;
    let (label, input_type, hint, autocomplete) = if phone {
        let example = form
            .example_phone
            .clone()
            .or_else(|| form.dialling_code.clone())
            .unwrap_or_default();
        (t.phone_to_top_up(), "tel", t.phone_hint(&example), "tel")
    } else {
        let label = if kind == ProductKind::Esim {
            t.send_esim_to()
        } else {
            t.send_code_to()
        };
        (label, "email", t.recipient_hint().to_string(), "off")
    };
    let start = match (phone, recipient.is_empty()) {
        (true, true) => form.dialling_code.clone().unwrap_or_default(),
        _ => recipient,
    };
    let recipient_field = view! {
        <Field
            id=field::RECIPIENT
            label=label.to_string()
            input_type
            value=start
            hint=hint
            message=said(ProblemField::Recipient)
            required=phone
            autocomplete
            inputmode=if phone { "tel" } else { "email" }
        />
    };
    let email_field = view! {
        <Field
            id=field::EMAIL
            label=t.your_email().to_string()
            input_type="email"
            value=email
            hint=t.email_hint().to_string()
            message=said(ProblemField::Email)
            required=true
            autocomplete="email"
        />
    };
    // Required fields first: for a top-up the number (both are required), else the
    // shopper's own email before the optional recipient.
    let (first, second) = if phone {
        (recipient_field.into_any(), email_field.into_any())
    } else {
        (email_field.into_any(), recipient_field.into_any())
    };
    view! {
        <fieldset class="shopper-details">
            <legend>{t.your_details()}</legend>
            {first}
            {second}
            <Field
                id=field::COUPON
                label=t.coupon_code().to_string()
                input_type="text"
                value=coupon
                message=said(ProblemField::Coupon)
                autocomplete="off"
            />
            <label class="check">
                <input type="checkbox" name=field::NEWSLETTER value="yes" checked=newsletter/>
                <span>{t.newsletter(&form.newsletter_from)}</span>
            </label>
            {confirm_phone.map(|number| view! {
                <input type="hidden" name=field::CONFIRMED_PHONE value=number.e164/>
            })}
            {confirm_price.map(|price| view! {
                <input type="hidden" name=field::CONFIRMED_PRICE value=price.amount/>
            })}
        </fieldset>
    }
}

/// What the form says about itself when it comes back: every problem, each linked to its
/// field, or the top-up number to confirm. It sits above the form and takes the focus (the
/// page's address ends in `#form-status`), so the shopper reads it first.
#[component]
pub fn FormStatus(form: CheckoutForm) -> impl IntoView {
    let t = BuyText(crate::render::lang());
    let returned = form.returned.unwrap_or_default();
    let target = |field: ProblemField| match field {
        ProblemField::Amount => "#amounts",
        ProblemField::Recipient => "#recipient",
        ProblemField::Email => "#email",
        ProblemField::Payment => "#coin-choice",
        ProblemField::Coupon => "#coupon",
        ProblemField::General => "#buy-heading",
    };
    if returned.messages.is_empty() {
        if let Some(price) = returned.confirm_price {
            return view! {
                <div id="form-status" class="form-status confirm" tabindex="-1" role="status" autofocus=true>
                    <h3>{t.price_is_now(&price.display)}</h3>
                    <p>{price.why}</p>
                    <p>{t.nothing_ordered_yet()}</p>
                </div>
            }
            .into_any();
        }
        let Some(number) = returned.confirm_phone else {
            return ().into_any();
        };
        return view! {
            <div id="form-status" class="form-status confirm" tabindex="-1" role="status" autofocus=true>
                <h3>{t.confirm_top_up(&number.display)}</h3>
                <p>{t.check_the_number()}</p>
            </div>
        }
        .into_any();
    }
    let count = returned.messages.len();
    view! {
        <div id="form-status" class="form-status problems" tabindex="-1" role="alert" autofocus=true>
            <h3>{if count == 1 { t.one_thing_to_fix().to_string() } else { t.things_to_fix(count) }}</h3>
            <ul>
                {returned.messages.into_iter().map(|m| view! {
                    <li><a href=target(m.field)>{m.text}</a></li>
                }).collect_view()}
            </ul>
        </div>
    }
    .into_any()
}
