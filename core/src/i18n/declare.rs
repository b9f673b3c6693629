//! `words!`: declares words as methods on `Lang`, each written in both languages.
//!
//! ```ignore
//! words! { CheckoutText, WORDS =
//!     /// The button that places the order.
//!     buy_now => "Buy now", "Mua ngay";
//!     pay_within(minutes: u32) => "Pay within {minutes} min", "Thanh toán trong {minutes} phút";
//!     email => "Email", "Email" (same);
//! }
//! ```
//! This makes `pub struct CheckoutText(pub Lang)` with one method per word, used as
//! `let t = CheckoutText(crate::render::lang()); t.buy_now()`. A word without arguments is
//! a `&'static str`; one with arguments a `String`, its placeholders (`{minutes}`) filled
//! by [`fill`]: one small function for every word, where `format!` would build its
//! arguments anew in each word and each language (kilobytes of WASM). A test holds each
//! placeholder to an argument of its word. `(same)` marks a word both languages write
//! alike, which the tests otherwise refuse as an untranslated copy.

use std::fmt::{Display, Write as _};

/// `template` with each `{name}` replaced by the value of the argument so named; anything
/// else between braces stays as it is.
#[inline(never)]
pub fn fill(template: &str, values: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            let value = values.iter().find(|(n, _)| *n == name)?.1;
            Some((close, value))
        });
        match value {
            Some((close, value)) => {
                let _ = write!(out, "{value}");
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// One word as the tests see it.
#[cfg(test)]
pub struct Word {
    pub name: &'static str,
    /// The names of its arguments.
    pub args: &'static [&'static str],
    pub en: &'static str,
    pub vi: &'static str,
    pub same_in_both: bool,
}

macro_rules! words {
    ($ty:ident, $list:ident = $(
        $(#[$attr:meta])*
        $name:ident $(( $($arg:ident : $argty:ty),* ))? => $en:literal, $vi:literal $(($same:ident))?;
    )*) => {
        /// The words of one area, in one language.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub struct $ty(pub $crate::i18n::Lang);

        impl $ty {
            $( words!(@method $(#[$attr])* $name $(( $($arg : $argty),* ))? => $en, $vi); )*
        }

        /// Every word of this area, for the tests.
        #[cfg(test)]
        pub const $list: &[$crate::i18n::declare::Word] = &[$(
            $crate::i18n::declare::Word {
                name: stringify!($name),
                args: &[$($(stringify!($arg)),*)?],
                en: $en,
                vi: $vi,
                same_in_both: words!(@same $($same)?),
            },
        )*];
    };
    (@method $(#[$attr:meta])* $name:ident => $en:literal, $vi:literal) => {
        $(#[$attr])*
        pub fn $name(self) -> &'static str {
            match self.0 {
                $crate::i18n::Lang::En => $en,
                $crate::i18n::Lang::Vi => $vi,
            }
        }
    };
    (@method $(#[$attr:meta])* $name:ident ( $($arg:ident : $ty:ty),* ) => $en:literal, $vi:literal) => {
        $(#[$attr])*
        pub fn $name(self, $($arg: $ty),*) -> String {
            let template = match self.0 {
                $crate::i18n::Lang::En => $en,
                $crate::i18n::Lang::Vi => $vi,
            };
            $crate::i18n::declare::fill(
                template,
                &[$((stringify!($arg), &$arg as &dyn ::std::fmt::Display)),*],
            )
        }
    };
    (@same same) => { true };
    (@same) => { false };
}

#[cfg(test)]
mod tests {
    use super::fill;

    #[test]
    fn placeholders_take_their_values_and_the_rest_stays() {
        let (minutes, seconds) = (29, "05");
        assert_eq!(
            fill(
                "{minutes}:{seconds} left",
                &[("minutes", &minutes), ("seconds", &seconds)]
            ),
            "29:05 left"
        );
        assert_eq!(fill("{other} {", &[("minutes", &minutes)]), "{other} {");
        assert_eq!(fill("Còn lại {m}", &[("m", &"1")]), "Còn lại 1");
    }
}
