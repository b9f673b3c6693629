//! The built site as cargo-leptos leaves it: the file of hashed names beside the binary,
//! and the stylesheet's address it gives.

/// The build's hash file (`js: …`, `wasm: …`, `css: …`), beside the server binary, as
/// Leptos reads it.
pub fn hash_file(options: &leptos::config::LeptosOptions) -> Option<String> {
    let dir = std::env::current_exe().ok()?.parent()?.to_path_buf();
    std::fs::read_to_string(dir.join(options.hash_file.as_ref())).ok()
}

/// `/pkg/storefront.3f9c….css`: the stylesheet as this build named it.
pub fn stylesheet_href(options: &leptos::config::LeptosOptions) -> String {
    let hash = options
        .hash_files
        .then(|| hash_file(options))
        .flatten()
        .and_then(|hashes| {
            hashes.lines().find_map(|line| {
                let (file, hash) = line.split_once(':')?;
                (file.trim() == "css").then(|| format!(".{}", hash.trim()))
            })
        })
        .unwrap_or_default();
    format!(
        "/{}/{}{hash}.css",
        options.site_pkg_dir, options.output_name
    )
}
