//! Files from memory answered before anything else (see [`FilesFirst`]).

use super::assets::Assets;
use axum::{extract::Request, http::Method, response::Response};
use std::{convert::Infallible, sync::Arc, task};

/// The files and the security headers every answer carries, for [`FilesFirst`]'s layer.
#[derive(Clone)]
pub struct FilesFirst {
    pub files: Assets,
    pub policy: Arc<crate::services::content_policy::SecurityPolicy>,
}

impl FilesFirst {
    /// The file `request` reads, with the security headers, or `None` for anything else.
    fn answer(&self, request: &Request) -> Option<Response> {
        let method = request.method();
        if *method != Method::GET && *method != Method::HEAD {
            return None;
        }
        let mut response = self
            .files
            .answer(method, request.uri().path(), request.headers())?;
        super::security::add_headers(response.headers_mut(), &self.policy);
        Some(response)
    }
}

/// Answers a file before the layers for pages and server functions see the request: none
/// of them changes a file's answer (bytes in memory need no limits, timeouts, compression
/// or trace of their own), and together they cost a quarter of a file's throughput
/// (`scripts/bench throughput`). Outermost, and a service of its own rather than
/// `middleware::from_fn`, which clones the whole stack inside it on every request.
impl<S> tower::Layer<S> for FilesFirst {
    type Service = FilesFirstService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        FilesFirstService {
            first: self.clone(),
            inner,
        }
    }
}

#[derive(Clone)]
pub struct FilesFirstService<S> {
    first: FilesFirst,
    inner: S,
}

impl<S> tower::Service<Request> for FilesFirstService<S>
where
    S: tower::Service<Request, Response = Response, Error = Infallible>,
{
    type Response = Response;
    type Error = Infallible;
    type Future =
        futures::future::Either<std::future::Ready<Result<Response, Infallible>>, S::Future>;

    fn poll_ready(&mut self, cx: &mut task::Context<'_>) -> task::Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        match self.first.answer(&request) {
            Some(response) => futures::future::Either::Left(std::future::ready(Ok(response))),
            None => futures::future::Either::Right(self.inner.call(request)),
        }
    }
}
