//! The browser side of the order page: the event stream, the backoff and the polling
//! fallback; when the order moves, the page's parts as the server renders them now
//! (`parts`); the countdown's clock; and this device's list of orders.

use super::parts::{self, Fetched, Page};
use crate::{
    components::countdown,
    domain::{
        order_status::reconnect::{Channel, ReconnectPolicy, POLL_EVERY},
        OrderState,
    },
    i18n::{words::OrderText, Lang},
};
use leptos::{prelude::*, task::spawn_local};
use std::time::Duration;
use wasm_bindgen::{closure::Closure, JsCast};
use web_sys::{Element, EventSource, MessageEvent};

/// How many times the page is asked for after an update, until it shows it: again at once
/// when the order moved on meanwhile, a second later when the answer is behind (a copy of
/// the order from a second ago, as another instance may keep).
const CATCH_UP_TRIES: u8 = 4;

/// The page's live status: `Copy`, for the handlers; what it remembers is in `memory`.
#[derive(Clone, Copy)]
pub struct Live {
    /// The page's language: what the status line says is in it.
    lang: Lang,
    memory: StoredValue<Option<Memory>, LocalStorage>,
}

struct Memory {
    page: Page,
    policy: ReconnectPolicy,
    /// Upstream's own stream is lost (the server said so): the page polls meanwhile.
    upstream_lost: bool,
    stream: Option<Stream>,
    ticker: Option<IntervalHandle>,
    /// The revision the page is catching up with, while it is (updates that arrive
    /// meanwhile change what it waits for rather than start another fetch).
    catching_up: Option<String>,
}

/// An open event stream and its handlers, which live exactly as long as it does.
struct Stream {
    source: EventSource,
    _on_message: Closure<dyn Fn(MessageEvent)>,
    _on_stop: Closure<dyn Fn()>,
    _on_lost: Closure<dyn Fn()>,
    _on_error: Closure<dyn Fn()>,
}

impl Live {
    pub fn new(lang: Lang) -> Self {
        Self {
            lang,
            memory: StoredValue::new_local(None),
        }
    }

    fn with<T>(self, f: impl FnOnce(&mut Memory) -> T) -> Option<T> {
        self.memory
            .try_update_value(|memory| memory.as_mut().map(f))
            .flatten()
    }

    /// Starts following the order on the page under `root` (the server's `data-order`).
    pub fn start(self, root: &Element) {
        let Some(page) = Page::under(root) else {
            return;
        };
        let lang = self.lang;
        let clock = page.element().clone();
        countdown::tick(&clock, lang);
        let ticker = set_interval_with_handle(
            move || countdown::tick(&clock, lang),
            Duration::from_secs(1),
        )
        .ok();
        page.remember_here();
        let is_final = page.is_final();
        self.memory.set_value(Some(Memory {
            page,
            policy: ReconnectPolicy::default(),
            upstream_lost: false,
            stream: None,
            ticker,
            catching_up: None,
        }));
        if is_final {
            // Nothing more will come: the status line says so, as it does on a page that
            // followed the order to the end.
            self.with(|m| m.policy.on_message(true));
            self.say_policy(None);
            return;
        }
        let has_streams = web_sys::window()
            .is_some_and(|w| js_sys::Reflect::has(&w, &"EventSource".into()).unwrap_or(false));
        if has_streams {
            self.connect();
        } else {
            self.with(|m| m.policy = ReconnectPolicy::without_streams());
            self.say_policy(None);
            self.poll_later();
        }
    }

    fn say(self, text: &str) {
        self.with(|m| m.page.say(text));
    }

    fn say_policy(self, wait: Option<Duration>) {
        let text = self.with(|m| m.policy.status_text(self.lang, wait));
        self.say(&text.unwrap_or_default());
    }

    /// Closes the stream and stops the countdown (the page is going away).
    pub fn close(self) {
        self.close_stream();
        if let Some(ticker) = self.with(|m| m.ticker.take()).flatten() {
            ticker.clear();
        }
    }

    fn close_stream(self) {
        if let Some(stream) = self.with(|m| m.stream.take()).flatten() {
            stream.source.close();
            // A handler may be what is closing the stream: its closure goes once it has
            // returned, not from under it.
            set_timeout(move || drop(stream), Duration::ZERO);
        }
    }

    fn is_final(self) -> bool {
        self.with(|m| m.page.is_final()).unwrap_or(true)
    }

    /// An update from the stream: when it is about this order and the page doesn't show it
    /// yet, the page asks the server for its parts again.
    fn heard(self, text: &str) {
        let Some(update) = parts::Update::read(text) else {
            leptos::logging::warn!("ignored an update that does not read");
            return;
        };
        let Some(shown) = self.with(|m| (m.page.id(), m.page.revision())) else {
            return;
        };
        if update.id != shown.0 {
            leptos::logging::warn!("ignored an update about another order");
            return;
        }
        let is_final = OrderState::from_wire(&update.state).is_final();
        self.with(|m| {
            m.upstream_lost = false;
            m.policy.on_message(is_final);
        });
        self.say_policy(None);
        if update.revision != shown.1 {
            self.catch_up(update.revision);
        }
        if is_final {
            self.close_stream();
        }
    }

    /// Fetches the page until it shows `wanted` (or a few tries have passed: then it shows
    /// what the server has), and puts its changed parts in place.
    fn catch_up(self, wanted: String) {
        let under_way = self.with(|m| m.catching_up.replace(wanted).is_some());
        if under_way == Some(false) {
            self.fetch_until_caught_up(0);
        }
    }

    fn fetch_until_caught_up(self, tried: u8) {
        spawn_local(async move {
            let asked_for = self.with(|m| m.catching_up.clone()).flatten();
            let fetched = parts::fetch().await;
            let last_try = tried + 1 >= CATCH_UP_TRIES;
            let next = self
                .with(|m| {
                    let wanted = m.catching_up.clone();
                    match &fetched {
                        Fetched::Page(new) => {
                            let shows = Some(parts::revision_of(new));
                            let current = shows == wanted;
                            // Asked for before the order moved again: newer than what is
                            // shown, so shown, and the page is asked for again at once.
                            let moved_on = shows == asked_for;
                            if current || moved_on || last_try {
                                m.page.take_parts(new);
                            }
                            if current || last_try {
                                None
                            } else if moved_on {
                                Some(Duration::ZERO)
                            } else {
                                // Behind the update (a copy from a second ago).
                                Some(Duration::from_secs(1))
                            }
                        }
                        Fetched::Missing => None,
                        // Still failing: the network is down, not the page behind; the
                        // stream's rules take over (below).
                        Fetched::Failed if last_try => None,
                        Fetched::Failed => Some(Duration::from_secs(1)),
                    }
                })
                .flatten();
            match next {
                Some(wait) => set_timeout(move || self.fetch_until_caught_up(tried + 1), wait),
                None => {
                    self.with(|m| m.catching_up = None);
                    // The page could not be had: don't go on saying "Live" over an old page.
                    // Reconnecting (with backoff, or polling) brings the order as it is, and
                    // its first update asks for the page again.
                    if matches!(fetched, Fetched::Failed) {
                        self.close_stream();
                        // Even after a final update: the page doesn't show it yet.
                        self.with(|m| {
                            if m.policy.channel == Channel::Done && !m.page.is_final() {
                                m.policy = ReconnectPolicy::default();
                            }
                        });
                        self.fail();
                    }
                }
            }
        });
    }

    fn connect(self) {
        let Some(id) = self.with(|m| m.page.id()) else {
            return;
        };
        let Ok(source) = EventSource::new(&format!("/api/orders/{id}/subscribe")) else {
            self.fail();
            return;
        };
        let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
            self.heard(&event.data().as_string().unwrap_or_default())
        });
        // Our stream is fine but upstream's is lost: say so, and check by polling until
        // upstream's updates come back.
        let on_lost = Closure::<dyn Fn()>::new(move || {
            let newly = self.with(|m| !std::mem::replace(&mut m.upstream_lost, true));
            if newly == Some(true) {
                self.say(&OrderText(self.lang).supplier_reconnecting(POLL_EVERY.as_secs()));
                self.poll_while_lost();
            }
        });
        let on_stop = Closure::<dyn Fn()>::new(move || {
            self.close_stream();
            // The stream ended without a final state: ask once more how things stand.
            if !self.is_final() {
                self.fail();
            }
        });
        let on_error = Closure::<dyn Fn()>::new(move || {
            self.close_stream();
            self.fail();
        });
        source.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        let _ = source.add_event_listener_with_callback("stop", on_stop.as_ref().unchecked_ref());
        let _ = source.add_event_listener_with_callback("lost", on_lost.as_ref().unchecked_ref());
        source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        self.with(|m| {
            m.stream = Some(Stream {
                source,
                _on_message: on_message,
                _on_stop: on_stop,
                _on_lost: on_lost,
                _on_error: on_error,
            })
        });
    }

    /// Asks the server for the page now; its changed parts go in place.
    async fn fetch_now(self) -> Fetched {
        let fetched = parts::fetch().await;
        if let Fetched::Page(new) = &fetched {
            self.with(|m| m.page.take_parts(new));
        }
        fetched
    }

    /// Polls every few seconds while upstream's stream is lost, until it is back or the
    /// order is final.
    fn poll_while_lost(self) {
        set_timeout(
            move || {
                let lost = self.with(|m| m.upstream_lost).unwrap_or(false);
                if !lost || self.is_final() {
                    return;
                }
                spawn_local(async move {
                    self.fetch_now().await;
                    if self.is_final() {
                        self.with(|m| m.policy.on_message(true));
                        self.say_policy(None);
                        self.close_stream();
                    }
                    self.poll_while_lost();
                });
            },
            POLL_EVERY,
        );
    }

    /// The stream failed: reconnect after the backoff, or poll.
    fn fail(self) {
        let wait = self
            .with(|m| m.policy.on_stream_error(js_sys::Math::random()))
            .flatten();
        self.say_policy(wait);
        let polling = self.with(|m| m.policy.channel == Channel::Polling) == Some(true);
        match wait {
            Some(wait) => set_timeout(move || self.connect(), wait),
            None if polling => self.poll_later(),
            None => {}
        }
    }

    fn poll_later(self) {
        set_timeout(move || self.poll(), POLL_EVERY);
    }

    fn poll(self) {
        spawn_local(async move {
            match self.fetch_now().await {
                Fetched::Page(_) => {
                    let is_final = self.is_final();
                    self.with(|m| m.policy.on_message(is_final));
                    self.say_policy(None);
                    self.with(|m| m.policy.on_poll_answer(is_final));
                    if !is_final {
                        // The server answers again: give the stream another chance.
                        self.connect();
                    }
                }
                // Upstream knows no such order: asking again won't change that.
                Fetched::Missing => {
                    self.with(|m| m.policy.on_poll_answer(true));
                    self.say(OrderText(self.lang).no_such_order());
                }
                Fetched::Failed => self.poll_later(),
            }
        });
    }
}
