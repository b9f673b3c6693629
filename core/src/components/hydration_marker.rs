//! An empty island placed after every other one: islands hydrate in document order, so
//! when its effect runs, the whole page is interactive. Tests wait for the mark.

use leptos::prelude::*;

#[island]
pub fn HydrationMarker() -> impl IntoView {
    Effect::new(|_| {
        crate::browser::note_flag_emoji_support();
        crate::browser::mark_hydrated();
    });
}
