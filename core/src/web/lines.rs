//! Answers as lines of text: what the buy form's server functions send (prices in another
//! coin, a custom amount's price) and every server function's error. The browser reads them
//! by splitting text, so a brand page's WASM carries no JSON reader (`scripts/bench bundle`:
//! serde_json, with the float tables any of its string readers pulls in, was 10.5 KB of
//! brotli). Each line is a record, its fields separated by tabs; no field holds a tab or a
//! line break (`field` replaces them with spaces).

use leptos::server_fn::{codec::Post, Bytes, ContentType, Decodes, Encodes, Format, FormatType};
use std::{borrow::Cow, convert::Infallible};

/// A value written as lines of tab-separated fields, and read back.
pub trait Lines: Sized {
    fn to_lines(&self) -> String;
    /// The value back, or `None` when `text` is not one.
    fn from_lines(text: &str) -> Option<Self>;
}

/// `text` as one field of a line: its tabs and line breaks become spaces.
pub fn field(text: &str) -> Cow<'_, str> {
    if text.contains(['\t', '\n', '\r']) {
        Cow::Owned(text.replace(['\t', '\n', '\r'], " "))
    } else {
        Cow::Borrowed(text)
    }
}

/// A line of `fields`, each made safe with [`field`].
pub fn line<'a>(fields: impl IntoIterator<Item = &'a str>) -> String {
    fields.into_iter().map(field).collect::<Vec<_>>().join("\t")
}

/// An optional field: empty when there is none.
pub fn optional(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_string())
}

/// The server_fn codec of [`Lines`] (`#[server(output = PostLines)]`).
pub struct LinesText;

impl ContentType for LinesText {
    const CONTENT_TYPE: &'static str = "text/plain; charset=utf-8";
}

impl FormatType for LinesText {
    const FORMAT_TYPE: Format = Format::Text;
}

impl<T: Lines> Encodes<T> for LinesText {
    type Error = Infallible;

    fn encode(output: &T) -> Result<Bytes, Self::Error> {
        Ok(Bytes::from(output.to_lines()))
    }
}

impl<T: Lines> Decodes<T> for LinesText {
    type Error = NotLines;

    fn decode(bytes: Bytes) -> Result<T, Self::Error> {
        let text = std::str::from_utf8(&bytes).map_err(|_| NotLines)?;
        T::from_lines(text).ok_or(NotLines)
    }
}

/// An answer that is not the lines its type writes.
#[derive(Debug, thiserror::Error)]
#[error("the answer could not be read")]
pub struct NotLines;

/// A server function's answer as lines in the body of a `POST`.
pub type PostLines = Post<LinesText>;

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    struct Pair(String, Option<String>);

    impl Lines for Pair {
        fn to_lines(&self) -> String {
            line([self.0.as_str(), self.1.as_deref().unwrap_or_default()])
        }

        fn from_lines(text: &str) -> Option<Self> {
            let (first, second) = text.split_once('\t')?;
            Some(Self(first.to_string(), optional(second)))
        }
    }

    #[test]
    fn what_is_written_reads_back_and_other_bytes_are_an_error() {
        let pair = Pair("Đã\thoàn\nthành".into(), None);
        let bytes = <LinesText as Encodes<Pair>>::encode(&pair).expect("encodes");
        assert_eq!(&bytes[..], "Đã hoàn thành\t".as_bytes());
        let back = <LinesText as Decodes<Pair>>::decode(bytes).expect("decodes");
        assert_eq!(back, Pair("Đã hoàn thành".into(), None));
        let not_text = <LinesText as Decodes<Pair>>::decode(Bytes::from_static(&[0xff, 0x09]));
        assert!(not_text.is_err());
        let not_a_pair = <LinesText as Decodes<Pair>>::decode(Bytes::from_static(b"one field"));
        assert!(not_a_pair.is_err());
    }
}
