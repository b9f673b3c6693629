//! HTML from upstream (descriptions, redeem instructions), only ever held sanitised.

use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
mod sanitizer;

/// HTML that went through the sanitiser: the only HTML a page may render as markup.
/// It is built on the server (see `SafeHtml::sanitize`); the browser gets it from there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SafeHtml(String);

impl SafeHtml {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}
