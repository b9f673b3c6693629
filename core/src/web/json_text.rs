//! JSON as text: the answers of server functions (and their errors) decoded with
//! `serde_json::from_str`, the reader the browser already uses for island props and for
//! the order's event stream.
//!
//! server_fn's own `Json` decodes with `from_slice`: a second reader type, and with it a
//! second copy of the deserialiser of every type an island receives both ways (an order's
//! status comes as a prop, as events and as a poll's answer). One reader keeps one copy in
//! the WASM. The bytes on the wire are the same JSON.

use leptos::server_fn::{codec::Post, Bytes, ContentType, Decodes, Encodes, Format, FormatType};
use serde::{de::DeserializeOwned, Serialize};

/// JSON read as UTF-8 text (see the module's note).
pub struct JsonText;

impl ContentType for JsonText {
    const CONTENT_TYPE: &'static str = "application/json";
}

impl FormatType for JsonText {
    const FORMAT_TYPE: Format = Format::Text;
}

impl<T: Serialize> Encodes<T> for JsonText {
    type Error = serde_json::Error;

    fn encode(output: &T) -> Result<Bytes, Self::Error> {
        serde_json::to_vec(output).map(Bytes::from)
    }
}

impl<T: DeserializeOwned> Decodes<T> for JsonText {
    type Error = TextJsonError;

    fn decode(bytes: Bytes) -> Result<T, Self::Error> {
        let text = std::str::from_utf8(&bytes).map_err(|_| TextJsonError::NotUtf8)?;
        serde_json::from_str(text).map_err(TextJsonError::Json)
    }
}

/// Why an answer could not be read.
#[derive(Debug, thiserror::Error)]
pub enum TextJsonError {
    #[error("the answer is not UTF-8 text")]
    NotUtf8,
    #[error(transparent)]
    Json(serde_json::Error),
}

/// A server function's answer as JSON in the body of a `POST` (`#[server(output = …)]`).
pub type PostJsonText = Post<JsonText>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_encoded_decodes_back_and_bad_bytes_are_an_error() {
        let bytes = <JsonText as Encodes<Vec<String>>>::encode(&vec!["Đã hoàn".to_string()])
            .expect("encodes");
        let back: Vec<String> = <JsonText as Decodes<Vec<String>>>::decode(bytes).expect("decodes");
        assert_eq!(back, ["Đã hoàn"]);
        let not_text =
            <JsonText as Decodes<Vec<String>>>::decode(Bytes::from_static(&[0xff, 0x5b]));
        assert!(matches!(not_text, Err(TextJsonError::NotUtf8)));
        let not_json = <JsonText as Decodes<Vec<String>>>::decode(Bytes::from_static(b"[1"));
        assert!(matches!(not_json, Err(TextJsonError::Json(_))));
    }
}
