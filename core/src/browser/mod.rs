//! What islands do to the browser: navigation, the URL, cookies, the clipboard, the clock
//! and the DOM of server-rendered HTML. They only ever run in the browser (from event
//! handlers and effects). The browser build has them (`dom`); the server's build, which
//! renders islands but never runs their handlers, has inert stand-ins (`inert`), so the
//! browser-only crates stay out of the server.

#[cfg(feature = "hydrate")]
mod dom;
#[cfg(feature = "hydrate")]
pub use dom::*;

#[cfg(not(feature = "hydrate"))]
mod inert;
#[cfg(not(feature = "hydrate"))]
pub use inert::*;
