//! The build's static files (`/pkg`, `/assets`), read into memory once at start with their
//! `.br`/`.gz` copies, and answered from there: no file system call per request.
//!
//! Under `cargo leptos watch` the files change on every rebuild, so they are served from
//! disk as they are (see `routes::static_files`).

use axum::{
    body::Body,
    extract::{Request, State},
    http::{header, HeaderMap, HeaderValue, Method, StatusCode},
    response::{IntoResponse, Response},
};
use bytes::Bytes;
use std::{collections::HashMap, path::Path, sync::Arc};

/// A file larger than this is not a static asset of ours: leave it out (and say so).
const MAX_FILE: u64 = 16 * 1024 * 1024;

/// One file and its pre-compressed copies.
struct Asset {
    identity: Bytes,
    br: Option<Bytes>,
    gzip: Option<Bytes>,
    content_type: HeaderValue,
    cache_control: HeaderValue,
    etag: HeaderValue,
    /// The tags of the compressed copies (`"…-br"`, `"…-gzip"`): made once, not per request.
    etag_br: HeaderValue,
    etag_gzip: HeaderValue,
}

/// Every static file, by URL path (`/pkg/storefront.4f2a….wasm`).
#[derive(Clone, Default)]
pub struct Assets {
    files: Arc<HashMap<String, Asset>>,
}

/// How long a browser may keep a file: for ever when its name changes with its content,
/// else it asks again each time (and gets a 304 when nothing changed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Freshness {
    Immutable,
    Revalidate,
    /// Favicons and pictures: a day.
    Day,
}

impl Freshness {
    fn header(self) -> HeaderValue {
        HeaderValue::from_static(match self {
            Self::Immutable => "public, max-age=31536000, immutable",
            Self::Revalidate => "public, max-age=0, must-revalidate",
            Self::Day => "public, max-age=86400",
        })
    }
}

impl Assets {
    /// Reads every file under each `dir` (recursively) as `{prefix}/{relative path}`.
    pub fn load(dirs: &[(&Path, &str, Freshness)]) -> Self {
        let mut files = HashMap::new();
        for (dir, prefix, freshness) in dirs {
            let mut pending = vec![dir.to_path_buf()];
            while let Some(current) = pending.pop() {
                let Ok(entries) = std::fs::read_dir(&current) else {
                    continue;
                };
                for entry in entries.flatten() {
                    let path = entry.path();
                    if path.is_dir() {
                        pending.push(path);
                        continue;
                    }
                    let name = path.to_string_lossy();
                    if name.ends_with(".br") || name.ends_with(".gz") {
                        continue;
                    }
                    let Ok(relative) = path.strip_prefix(dir) else {
                        continue;
                    };
                    let url = format!("{prefix}/{}", relative.to_string_lossy().replace('\\', "/"));
                    if let Some(asset) = read_asset(&path, *freshness) {
                        files.insert(url, asset);
                    }
                }
            }
        }
        Self {
            files: Arc::new(files),
        }
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The answer for `method path` given the request's headers, or `None` when no such
    /// file exists.
    pub fn answer(&self, method: &Method, path: &str, headers: &HeaderMap) -> Option<Response> {
        let asset = self.files.get(path)?;
        if method != Method::GET && method != Method::HEAD {
            return Some(
                (
                    StatusCode::METHOD_NOT_ALLOWED,
                    [(header::ALLOW, "GET, HEAD")],
                )
                    .into_response(),
            );
        }
        let mut response = Response::new(Body::empty());
        let out = response.headers_mut();
        out.insert(header::CACHE_CONTROL, asset.cache_control.clone());
        out.insert(header::ETAG, asset.etag.clone());
        out.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        // Any encoding's tag names the same content: unchanged is unchanged.
        if headers
            .get(header::IF_NONE_MATCH)
            .is_some_and(|tags| etag_matches(tags, &asset.etag))
        {
            *response.status_mut() = StatusCode::NOT_MODIFIED;
            return Some(response);
        }
        let accepted = accepted_encodings(headers);
        let (bytes, encoding, etag) = match (&asset.br, &asset.gzip) {
            (Some(br), _) if accepted.brotli => (br.clone(), Some("br"), &asset.etag_br),
            (_, Some(gzip)) if accepted.gzip => (gzip.clone(), Some("gzip"), &asset.etag_gzip),
            _ => (asset.identity.clone(), None, &asset.etag),
        };
        let out = response.headers_mut();
        // One tag per encoding: the bytes differ.
        out.insert(header::ETAG, etag.clone());
        out.insert(header::CONTENT_TYPE, asset.content_type.clone());
        if let Some(encoding) = encoding {
            out.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
        }
        out.insert(header::CONTENT_LENGTH, HeaderValue::from(bytes.len()));
        if method == Method::GET {
            *response.body_mut() = Body::from(bytes);
        }
        Some(response)
    }
}

fn read_asset(path: &Path, freshness: Freshness) -> Option<Asset> {
    let read = |path: &Path| -> Option<Bytes> {
        let size = std::fs::metadata(path).ok()?.len();
        if size > MAX_FILE {
            tracing::warn!(path = %path.display(), size, "too large to serve from memory; left out");
            return None;
        }
        std::fs::read(path).ok().map(Bytes::from)
    };
    let identity = read(path)?;
    let sibling = |suffix: &str| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        read(Path::new(&name))
    };
    let hex: String = {
        use sha2::{Digest, Sha256};
        let digest = Sha256::digest(&identity);
        digest[..12].iter().map(|b| format!("{b:02x}")).collect()
    };
    let tag = |suffix: &str| HeaderValue::from_str(&format!("\"{hex}{suffix}\"")).ok();
    Some(Asset {
        etag: tag("")?,
        etag_br: tag("-br")?,
        etag_gzip: tag("-gzip")?,
        br: sibling(".br"),
        gzip: sibling(".gz"),
        content_type: HeaderValue::from_static(content_type(path)),
        cache_control: freshness.header(),
        identity,
    })
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "txt" => "text/plain; charset=utf-8",
        "ts" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

/// The encodings a client takes (a `q=0` refuses one).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Accepted {
    pub brotli: bool,
    pub gzip: bool,
}

/// The best encoding the client takes: brotli, then gzip.
pub fn preferred_encoding(headers: &HeaderMap) -> Encoding {
    match accepted_encodings(headers) {
        Accepted { brotli: true, .. } => Encoding::Brotli,
        Accepted { gzip: true, .. } => Encoding::Gzip,
        _ => Encoding::Identity,
    }
}

pub fn accepted_encodings(headers: &HeaderMap) -> Accepted {
    let mut br = false;
    let mut gzip = false;
    for value in headers.get_all(header::ACCEPT_ENCODING) {
        let Ok(value) = value.to_str() else { continue };
        for name in crate::web::preferences::ranked(value) {
            match name {
                "br" => br = true,
                "gzip" => gzip = true,
                "*" => {
                    br = true;
                    gzip = true;
                }
                _ => {}
            }
        }
    }
    Accepted { brotli: br, gzip }
}

fn etag_matches(if_none_match: &HeaderValue, etag: &HeaderValue) -> bool {
    let Ok(tags) = if_none_match.to_str() else {
        return false;
    };
    let ours = etag.to_str().unwrap_or("").trim_end_matches('"');
    tags.split(',').any(|tag| {
        let tag = tag.trim().trim_start_matches("W/");
        // `"abc"`, `"abc-br"` and `"abc-gzip"` are the same content.
        tag == "*"
            || tag
                .strip_prefix(ours)
                .is_some_and(|rest| matches!(rest, "\"" | "-br\"" | "-gzip\""))
    })
}

/// The route: a file from memory, or 404.
pub async fn serve(State(assets): State<Assets>, request: Request) -> Response {
    let path = request.uri().path().to_string();
    assets
        .answer(request.method(), &path, request.headers())
        .unwrap_or_else(|| (StatusCode::NOT_FOUND, "No such file").into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(accept: &'static str) -> HeaderMap {
        let mut map = HeaderMap::new();
        map.insert(header::ACCEPT_ENCODING, HeaderValue::from_static(accept));
        map
    }

    #[test]
    fn brotli_first_and_q_zero_refuses() {
        assert_eq!(
            preferred_encoding(&headers("gzip, deflate, br")),
            Encoding::Brotli
        );
        assert_eq!(preferred_encoding(&headers("gzip")), Encoding::Gzip);
        assert_eq!(preferred_encoding(&headers("br;q=0, gzip")), Encoding::Gzip);
        assert_eq!(preferred_encoding(&headers("identity")), Encoding::Identity);
        assert_eq!(preferred_encoding(&HeaderMap::new()), Encoding::Identity);
    }

    #[test]
    fn files_come_from_memory_with_their_encodings_and_headers() {
        let dir = std::env::temp_dir().join(format!("assets-test-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("sub")).expect("a temp dir");
        std::fs::write(dir.join("app.1a2b.js"), b"console.log(1)").expect("written");
        std::fs::write(dir.join("app.1a2b.js.br"), b"BROTLI").expect("written");
        std::fs::write(dir.join("sub/logo.svg"), b"<svg/>").expect("written");
        let assets = Assets::load(&[(&dir, "/pkg", Freshness::Immutable)]);
        assert_eq!(assets.len(), 2, "the .br copy is not a file of its own");

        let br = assets
            .answer(&Method::GET, "/pkg/app.1a2b.js", &headers("gzip, br"))
            .expect("found");
        assert_eq!(br.headers()[header::CONTENT_ENCODING], "br");
        assert_eq!(br.headers()[header::VARY], "accept-encoding");
        assert_eq!(
            br.headers()[header::CACHE_CONTROL],
            "public, max-age=31536000, immutable"
        );
        assert_eq!(
            br.headers()[header::CONTENT_TYPE],
            "text/javascript; charset=utf-8"
        );
        let plain = assets
            .answer(&Method::GET, "/pkg/app.1a2b.js", &headers("gzip"))
            .expect("found");
        assert!(
            plain.headers().get(header::CONTENT_ENCODING).is_none(),
            "no .gz copy"
        );
        assert_eq!(plain.headers()[header::CONTENT_LENGTH], "14");
        assert_ne!(plain.headers()[header::ETAG], br.headers()[header::ETAG]);
        // Brotli only, and no .br copy: plain, never a gzip the client didn't take.
        std::fs::write(dir.join("only-gz.js"), b"x").expect("written");
        std::fs::write(dir.join("only-gz.js.gz"), b"GZ").expect("written");
        let assets = Assets::load(&[(&dir, "/pkg", Freshness::Immutable)]);
        let answer = assets
            .answer(&Method::GET, "/pkg/only-gz.js", &headers("br"))
            .expect("found");
        assert!(answer.headers().get(header::CONTENT_ENCODING).is_none());

        let etag = br.headers()[header::ETAG].clone();
        let mut again = headers("br");
        again.insert(header::IF_NONE_MATCH, etag);
        let not_modified = assets
            .answer(&Method::GET, "/pkg/app.1a2b.js", &again)
            .expect("found");
        assert_eq!(not_modified.status(), StatusCode::NOT_MODIFIED);

        assert!(assets
            .answer(&Method::GET, "/pkg/sub/logo.svg", &headers("br"))
            .is_some());
        assert!(assets
            .answer(&Method::GET, "/pkg/missing.js", &headers("br"))
            .is_none());
        let post = assets
            .answer(&Method::POST, "/pkg/app.1a2b.js", &headers("br"))
            .expect("found");
        assert_eq!(post.status(), StatusCode::METHOD_NOT_ALLOWED);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
