//! The shopper's part of the checkout form: where the goods go (an email, or a phone number
//! for top-ups), their own email, a coupon and the newsletter box. Server-rendered inside the
//! amount picker's form; the messages next to the fields come from the server as text.

use crate::{
    api::checkout::{CheckoutForm, ReturnedForm},
    domain::{problem::ProblemField, ProductKind},
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
pub fn CheckoutFields(form: CheckoutForm, kind: ProductKind) -> impl IntoView {
    let returned = form.returned.clone().unwrap_or_default();
    let said = |field| returned.message_for(field);
    let general = said(ProblemField::General);
    let ReturnedForm {
        email,
        recipient,
        coupon,
        newsletter,
        ..
    } = returned.clone();
    // A phone number for top-ups (prefilled with the country's dialling code), else an
    // optional email address: the shopper's own when left empty.
    let phone = kind == ProductKind::MobileTopUp;
    let (label, input_type, hint, autocomplete) = if phone {
        (
            "Phone number to top up".to_string(),
            "tel",
            "With the country code, like +14155551234.",
            "tel",
        )
    } else {
        let what = if kind == ProductKind::Esim {
            "the eSIM"
        } else {
            "the code"
        };
        (
            format!("Send {what} to (email, optional)"),
            "email",
            "Leave it empty to get it yourself.",
            "off",
        )
    };
    let start = match (phone, recipient.is_empty()) {
        (true, true) => form.dialling_code.clone().unwrap_or_default(),
        _ => recipient,
    };
    let recipient_field = view! {
        <Field
            id="recipient"
            label
            input_type
            value=start
            hint=hint.into()
            message=said(ProblemField::Recipient)
            required=phone
            autocomplete
            inputmode=if phone { "tel" } else { "email" }
        />
    };
    view! {
        <fieldset class="checkout-fields">
            <legend>"Your details"</legend>
            {general.map(|m| view! { <p class="form-error" role="alert">"⚠ " {m}</p> })}
            {recipient_field}
            <Field
                id="email"
                label="Your email".into()
                input_type="email"
                value=email
                hint="For the receipt and the order link. We send nothing else unless you ask.".into()
                message=said(ProblemField::Email)
                required=true
                autocomplete="email"
            />
            <Field
                id="coupon"
                label="Coupon code (optional)".into()
                input_type="text"
                value=coupon
                message=said(ProblemField::Coupon)
                autocomplete="off"
            />
            <label class="check">
                <input type="checkbox" name="newsletter" value="yes" checked=newsletter/>
                <span>"Send me Cryptorefills news and offers"</span>
            </label>
            <input type="hidden" name="key" value=form.key/>
        </fieldset>
    }
}
