//! An incremental parser for `text/event-stream`, fed with bytes as they arrive.

/// What the stream carried: a dispatched event, or a comment (upstream's heartbeat).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SseItem {
    Event {
        /// `message` unless an `event:` field named it.
        event: String,
        data: String,
        id: Option<String>,
    },
    Comment(String),
}

/// Holds a partial line and the fields of the event being read.
#[derive(Debug, Default)]
pub struct SseParser {
    partial: Vec<u8>,
    event: Option<String>,
    data: Vec<String>,
    id: Option<String>,
}

impl SseParser {
    /// Feeds bytes; returns the items that are complete. Lines end at `\n` (a `\r` before
    /// it is dropped); a line may be split anywhere, even inside a UTF-8 character.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<SseItem> {
        self.partial.extend_from_slice(bytes);
        let mut items = Vec::new();
        while let Some(end) = self.partial.iter().position(|b| *b == b'\n') {
            let mut line: Vec<u8> = self.partial.drain(..=end).collect();
            line.pop();
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            let line = String::from_utf8_lossy(&line);
            items.extend(self.line(&line));
        }
        items
    }

    fn line(&mut self, line: &str) -> Option<SseItem> {
        if line.is_empty() {
            return self.dispatch();
        }
        if let Some(comment) = line.strip_prefix(':') {
            return Some(SseItem::Comment(comment.trim_start().to_string()));
        }
        let (field, value) = line.split_once(':').unwrap_or((line, ""));
        let value = value.strip_prefix(' ').unwrap_or(value);
        match field {
            "event" => self.event = Some(value.to_string()),
            "data" => self.data.push(value.to_string()),
            "id" => self.id = Some(value.to_string()),
            _ => {} // `retry` and unknown fields: nothing to do on the server side
        }
        None
    }

    /// A blank line ends an event. A named event without data (`event: stop`) still counts.
    fn dispatch(&mut self) -> Option<SseItem> {
        let event = self.event.take();
        let data = std::mem::take(&mut self.data);
        if data.is_empty() && event.is_none() {
            return None;
        }
        Some(SseItem::Event {
            event: event
                .filter(|e| !e.is_empty())
                .unwrap_or_else(|| "message".into()),
            data: data.join("\n"),
            id: self.id.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(name: &str, data: &str) -> SseItem {
        SseItem::Event {
            event: name.into(),
            data: data.into(),
            id: None,
        }
    }

    #[test]
    fn events_comments_and_stop() {
        let mut p = SseParser::default();
        let items = p.feed(b": ping\n\ndata: {\"a\":1}\n\nevent: stop\ndata: {}\n\n");
        assert_eq!(
            items,
            vec![
                SseItem::Comment("ping".into()),
                event("message", "{\"a\":1}"),
                event("stop", "{}"),
            ]
        );
    }

    #[test]
    fn lines_split_across_chunks_and_crlf() {
        let mut p = SseParser::default();
        assert!(p.feed(b"da").is_empty());
        assert!(p.feed(b"ta: h\xC3").is_empty());
        assert!(p.feed(b"\xA9llo\r\n").is_empty());
        assert_eq!(p.feed(b"\r\n"), vec![event("message", "héllo")]);
    }

    #[test]
    fn multi_line_data_joins_with_newlines_and_ids_stick() {
        let mut p = SseParser::default();
        let items = p.feed(b"id: 7\ndata: a\ndata: b\nretry: 100\n\n");
        assert_eq!(
            items,
            vec![SseItem::Event {
                event: "message".into(),
                data: "a\nb".into(),
                id: Some("7".into())
            }]
        );
    }

    #[test]
    fn a_named_event_without_data_is_dispatched() {
        let mut p = SseParser::default();
        assert_eq!(p.feed(b"event: stop\n\n"), vec![event("stop", "")]);
        assert!(p.feed(b"\n\n").is_empty());
    }
}
