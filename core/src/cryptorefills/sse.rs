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

/// The longest line, and the most data one event may gather, in bytes: past it the line or
/// event is dropped (and logged), so a stream that never ends a line can't grow memory.
pub const MAX_EVENT_BYTES: usize = 1 << 20;

/// Holds a partial line and the fields of the event being read. Each byte is looked at once:
/// `scanned` remembers how far the partial line was searched for its end.
#[derive(Debug, Default)]
pub struct SseParser {
    partial: Vec<u8>,
    scanned: usize,
    event: Option<String>,
    data: Vec<String>,
    data_bytes: usize,
    id: Option<String>,
    /// Set while the rest of an overlong line is being skipped.
    skipping: bool,
}

impl SseParser {
    /// Feeds bytes; returns the items that are complete. Lines end at `\n` (a `\r` before
    /// it is dropped); a line may be split anywhere, even inside a UTF-8 character.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<SseItem> {
        self.partial.extend_from_slice(bytes);
        let mut items = Vec::new();
        let mut start = 0;
        while let Some(offset) = self.partial[start + self.scanned..]
            .iter()
            .position(|b| *b == b'\n')
        {
            let end = start + self.scanned + offset;
            self.scanned = 0;
            let mut line = &self.partial[start..end];
            start = end + 1;
            if std::mem::take(&mut self.skipping) {
                continue;
            }
            if line.last() == Some(&b'\r') {
                line = &line[..line.len() - 1];
            }
            let line = String::from_utf8_lossy(line).into_owned();
            items.extend(self.line(&line));
        }
        self.partial.drain(..start);
        self.scanned = self.partial.len();
        if self.partial.len() > MAX_EVENT_BYTES {
            tracing::warn!(
                bytes = self.partial.len(),
                "skipped an overlong event-stream line"
            );
            self.partial.clear();
            self.scanned = 0;
            self.skipping = true;
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
            "data" if self.data_bytes + value.len() > MAX_EVENT_BYTES => {
                tracing::warn!("skipped an event whose data is too long");
                self.data.clear();
                self.data_bytes = 0;
                self.skipping_event();
            }
            "data" => {
                self.data_bytes += value.len();
                self.data.push(value.to_string());
            }
            "id" => self.id = Some(value.to_string()),
            _ => {} // `retry` and unknown fields: nothing to do on the server side
        }
        None
    }

    fn skipping_event(&mut self) {
        self.event = Some(String::from("\u{0}skipped"));
    }

    /// A blank line ends an event. A named event without data (`event: stop`) still counts.
    fn dispatch(&mut self) -> Option<SseItem> {
        let event = self.event.take();
        let data = std::mem::take(&mut self.data);
        self.data_bytes = 0;
        if event.as_deref() == Some("\u{0}skipped") {
            return None;
        }
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
    fn long_streams_are_read_in_linear_time_and_bounded_memory() {
        // A megabyte line fed a byte at a time would take minutes if each feed rescanned.
        let mut p = SseParser::default();
        let line = format!("data: {}\n\n", "x".repeat(600_000));
        let mut items = Vec::new();
        for chunk in line.as_bytes().chunks(7) {
            items.extend(p.feed(chunk));
        }
        assert_eq!(items.len(), 1);
        // A line that never ends is dropped past the cap; the stream goes on after it.
        let mut p = SseParser::default();
        for _ in 0..3 {
            assert!(p.feed(&vec![b'y'; MAX_EVENT_BYTES / 2]).is_empty());
        }
        assert!(p.partial.len() <= MAX_EVENT_BYTES);
        assert!(
            p.feed(b"yyy\n\n").is_empty(),
            "the rest of the long line is skipped"
        );
        assert_eq!(p.feed(b"data: ok\n\n"), vec![event("message", "ok")]);
        // Many data lines that add up past the cap drop that event, not the stream.
        let mut p = SseParser::default();
        let mut big = Vec::new();
        for _ in 0..5 {
            big.extend_from_slice(format!("data: {}\n", "z".repeat(300_000)).as_bytes());
        }
        big.extend_from_slice(b"\ndata: next\n\n");
        assert_eq!(p.feed(&big), vec![event("message", "next")]);
    }

    #[test]
    fn a_named_event_without_data_is_dispatched() {
        let mut p = SseParser::default();
        assert_eq!(p.feed(b"event: stop\n\n"), vec![event("stop", "")]);
        assert!(p.feed(b"\n\n").is_empty());
    }
}
