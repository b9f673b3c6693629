//! Sanitised upstream HTML (descriptions, redeem instructions) as markup.

use crate::domain::SafeHtml;
use leptos::prelude::*;

#[component]
pub fn RichText(html: SafeHtml) -> impl IntoView {
    view! { <div class="rich-text" inner_html=html.into_string()></div> }
}
