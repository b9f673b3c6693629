//! The server build's stand-ins for `dom`: same names, nothing done. Islands' handlers and
//! effects, which call them, never run on the server; what an island reads of the page
//! (`attribute`) the server has from the page itself.

use leptos::web_sys::Element;

pub fn mark_hydrated() {}

pub fn note_flag_emoji_support() {}

pub fn language_regions() -> Vec<String> {
    Vec::new()
}

pub fn go_to(_url: &str) {}

pub fn remember_country(_code: &str) {}

pub fn remember_coin(_coin: &str) {}

pub fn current_url_with(_params: &[(&str, &str)]) -> Option<String> {
    None
}

pub fn replace_query(_params: &[(&str, &str)]) {}

pub fn filter_cards(_root: &Element, _query: &str, _category: Option<&str>) -> usize {
    0
}

pub fn attribute(_id: &str, _name: &str) -> Option<String> {
    None
}

pub fn attribute_in(_root: &Element, _selector: &str, _name: &str) -> Option<String> {
    None
}

pub fn field_value(_root: &Element, _selector: &str) -> String {
    String::new()
}

pub fn set_field_value(_root: &Element, _selector: &str, _value: &str) {}

pub fn checked_radio(_root: &Element, _name: &str) -> Option<(String, String)> {
    None
}

pub fn check_radio(_root: &Element, _name: &str, _value: &str) {}

pub fn set_text(_root: &Element, _selector: &str, _text: &str) {}

pub fn text_in(_root: &Element, _selector: &str) -> String {
    String::new()
}

pub fn event_target_matches(_event: &leptos::web_sys::Event, _selector: &str) -> bool {
    false
}

pub fn set_hidden(_root: &Element, _selector: &str, _hidden: bool) {}

pub fn set_attribute(_root: &Element, _selector: &str, _name: &str, _value: Option<&str>) {}

pub fn set_text_all(_root: &Element, _selector: &str, _text: &str) {}

pub fn set_class(_root: &Element, _selector: &str, _class: &str, _on: bool) {}

pub fn set_checked(_root: &Element, _selector: &str, _checked: bool) {}

pub fn event_field(_event: &leptos::web_sys::Event) -> Option<(String, String)> {
    None
}

pub fn scroll_into_view(_id: &str) {}

pub fn copy_text(_text: &str, _failed: impl FnOnce() + 'static) -> bool {
    false
}

pub fn now_ms() -> f64 {
    0.0
}

pub fn local_date(at: i64) -> String {
    at.to_string()
}
