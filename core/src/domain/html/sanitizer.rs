//! The sanitiser behind `SafeHtml` (server only): a short allow-list of text markup.

use super::SafeHtml;
use std::{collections::HashSet, sync::LazyLock};

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .tags(HashSet::from([
            "p", "br", "b", "strong", "i", "em", "u", "ul", "ol", "li", "a", "h3", "h4", "h5",
            "small", "span", "div", "table", "thead", "tbody", "tr", "td", "th",
        ]))
        .url_schemes(HashSet::from(["https", "http", "mailto"]))
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean_content_tags(HashSet::from(["script", "style"]))
        .generic_attributes(HashSet::new())
        .tag_attributes(std::collections::HashMap::from([(
            "a",
            HashSet::from(["href"]),
        )]));
    builder
});

impl SafeHtml {
    /// Keeps text markup, links (opening safely) and nothing that runs or styles.
    pub fn sanitize(raw: &str) -> Self {
        Self(unlink_dead_anchors(&CLEANER.clean(raw).to_string()))
    }

    /// Sanitised HTML, or `None` when nothing readable is left.
    pub fn sanitize_non_empty(raw: &str) -> Option<Self> {
        let clean = Self::sanitize(raw);
        has_text(&clean.0).then_some(clean)
    }
}

/// An `<a>` whose `href` was removed (a `javascript:` one) is a dangling link that goes
/// nowhere and can't be crawled: it becomes plain text in a `<span>`. The input is ammonia's
/// output, so tags are well formed and anchors are never nested.
fn unlink_dead_anchors(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let mut open_dead = false;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest.find('>').map_or(rest.len(), |e| e + 1);
        let tag = &rest[..end];
        if tag.starts_with("<a ") || tag == "<a>" {
            open_dead = !tag.contains("href=");
            out.push_str(if open_dead { "<span>" } else { tag });
        } else if tag == "</a>" && open_dead {
            open_dead = false;
            out.push_str("</span>");
        } else {
            out.push_str(tag);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Whether any letter or digit stands outside the tags.
fn has_text(html: &str) -> bool {
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag && c.is_alphanumeric() => return true,
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_without_a_target_become_text() {
        let clean = SafeHtml::sanitize(
            r#"<p>See <a href="javascript:alert(1)">Terms</a> and <a href="https://example.com/t">these</a>.</p>"#,
        )
        .into_string();
        assert!(clean.contains("<span>Terms</span>"), "{clean}");
        assert!(clean.contains(r#"href="https://example.com/t""#), "{clean}");
        assert_eq!(clean.matches("<a ").count(), 1, "{clean}");
    }

    #[test]
    fn scripts_handlers_and_styles_are_gone() {
        let raw = r#"<p onclick="x()">Hi <script>alert(1)</script><b>there</b></p>
            <img src=x onerror=alert(2)><a href="javascript:alert(3)">bad</a>
            <a href="https://example.com">ok</a><style>p{}</style><iframe src="//x"></iframe>"#;
        let clean = SafeHtml::sanitize(raw).into_string();
        assert!(!clean.contains("script"), "{clean}");
        assert!(!clean.contains("alert"), "{clean}");
        assert!(!clean.contains("onclick"), "{clean}");
        assert!(!clean.contains("<img"), "{clean}");
        assert!(!clean.contains("<style"), "{clean}");
        assert!(!clean.contains("iframe"), "{clean}");
        assert!(clean.contains("<b>there</b>"), "{clean}");
        assert!(clean.contains(r#"href="https://example.com""#), "{clean}");
        assert!(clean.contains("noopener"), "{clean}");
    }

    #[test]
    fn empty_markup_is_none() {
        assert!(SafeHtml::sanitize_non_empty("<p> </p><script>x</script>").is_none());
        assert!(SafeHtml::sanitize_non_empty("<p>Use it online</p>").is_some());
    }
}
