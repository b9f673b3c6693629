//! What a page may load and where: the Content-Security-Policy's parts, built once from
//! the configuration (the layer that puts it on responses is `server::security`).

/// What a page may load, built once from the configuration.
#[derive(Clone, Debug)]
pub struct SecurityPolicy {
    /// `img-src`: this shop, `data:` (inline QR codes) and the API's and logos' hosts.
    img_src: String,
    /// `connect-src` besides `'self'`: the live-reload socket under `cargo leptos watch`.
    connect_extra: String,
    /// Shoppers reach the shop over HTTPS: browsers are told to keep to it.
    pub https: bool,
}

impl SecurityPolicy {
    /// `api_origin` serves order QR pictures (and, in the sandbox, the logos);
    /// `image_hosts` are the logos' CDN; `reload_port` is set only under `cargo leptos watch`.
    pub fn new(
        api_origin: &str,
        image_hosts: &[String],
        reload_port: Option<u32>,
        https: bool,
    ) -> Self {
        let mut img_src = vec!["'self'".to_string(), "data:".into(), api_origin.into()];
        for host in image_hosts {
            if !img_src.contains(host) {
                img_src.push(host.clone());
            }
        }
        Self {
            img_src: img_src.join(" "),
            connect_extra: reload_port
                .map(|port| format!(" ws://localhost:{port} ws://127.0.0.1:{port}"))
                .unwrap_or_default(),
            https,
        }
    }

    /// The policy of a page kept for every shopper: its inline scripts are allowed by their
    /// hashes (`'sha256-…'`), which stay true however many times the bytes are sent.
    pub fn for_hashes(&self, hashes: &[String]) -> String {
        self.policy(&hashes.join(" "))
    }

    /// The policy of a page whose inline scripts carry `nonce`.
    pub fn for_page(&self, nonce: &str) -> String {
        // The nonce is Leptos's (base64): anything else would end the directive early.
        let nonce: String = nonce
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=' | '-' | '_'))
            .collect();
        self.policy(&format!("'nonce-{nonce}'"))
    }

    fn policy(&self, inline: &str) -> String {
        format!(
            "default-src 'self'; script-src 'self' {inline} 'wasm-unsafe-eval'; \
             style-src 'self'; style-src-attr 'unsafe-inline'; img-src {}; \
             connect-src 'self'{}; font-src 'self'; object-src 'none'; base-uri 'none'; \
             frame-ancestors 'none'; form-action 'self'",
            self.img_src, self.connect_extra
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_may_run_only_our_scripts() {
        let policy = SecurityPolicy::new(
            "https://api.cryptorefills.com",
            &["https://cdn.cryptorefills.com".into()],
            None,
            true,
        );
        let csp = policy.for_page("abc123+/=");
        assert!(csp.contains("script-src 'self' 'nonce-abc123+/=' 'wasm-unsafe-eval';"));
        for directive in [
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
            "form-action 'self'",
            "img-src 'self' data: https://api.cryptorefills.com https://cdn.cryptorefills.com;",
        ] {
            assert!(csp.contains(directive), "{directive} in {csp}");
        }
        assert!(!csp.contains("unsafe-eval'") || csp.contains("'wasm-unsafe-eval'"));
        assert!(
            !csp.contains("ws://"),
            "no live-reload socket outside watch"
        );
    }

    #[test]
    fn a_nonce_cannot_end_the_directive() {
        let policy = SecurityPolicy::new("http://127.0.0.1:3000", &[], Some(3001), false);
        let csp = policy.for_page("x'; script-src *");
        assert!(csp.contains("'nonce-xscript-src'"), "{csp}");
        assert!(csp.contains("connect-src 'self' ws://localhost:3001 ws://127.0.0.1:3001;"));
    }
}
