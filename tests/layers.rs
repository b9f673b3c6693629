//! Imports run one way (README, "Architecture"; the tables are at the top of `src/lib.rs`
//! and `core/src/lib.rs`): a module may name its own layer and the layers below it, never
//! one above. This reads every `crate::…` path in `src/` and `core/src/` (in `use` trees and
//! in code) and fails on any that runs up a layer, naming the file, the line and the module
//! it reached for. (`core` cannot name `pages`, `app` or `server` at all, being the crate
//! below them; within each crate the layers still hold.) It also holds every file in both
//! to 400 lines, unless its opening comment says why it is longer ("Over 400 lines
//! because …").

use std::{collections::BTreeMap, fs, path::Path};

/// Each top-level module of the crate, and its layer (bottom first).
const LAYERS: &[(&str, u8)] = &[
    ("domain", 0),
    ("web", 0),
    ("i18n", 0),
    ("error", 1),
    ("browser", 1),
    ("cryptorefills", 2),
    ("sandbox", 2),
    ("config", 3),
    ("services", 4),
    ("render", 5),
    ("api", 6),
    ("components", 7),
    ("pages", 8),
    ("app", 9),
    ("server", 10),
];

fn layer_of(module: &str) -> Option<u8> {
    LAYERS
        .iter()
        .find(|(name, _)| *name == module)
        .map(|(_, layer)| *layer)
}

/// The top-level module a file belongs to (`src/api/checkout.rs` -> `api`).
fn module_of(path: &Path, src: &Path) -> Option<String> {
    let relative = path.strip_prefix(src).ok()?;
    let first = relative.components().next()?.as_os_str().to_str()?;
    Some(first.trim_end_matches(".rs").to_string())
}

/// The code without comments and string literals (a path named in a doc comment or a
/// message is not an import).
fn code_only(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '"' => {
                let mut escaped = false;
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                    }
                    if escaped {
                        escaped = false;
                    } else if c == '\\' {
                        escaped = true;
                    } else if c == '"' {
                        break;
                    }
                }
                out.push_str("\"\"");
            }
            _ => out.push(c),
        }
    }
    out
}

/// The top-level modules named after `crate::` in `code`, with their line numbers: plain
/// paths (`crate::api::x`) and every branch of a `use crate::{a::x, b::{…}}` tree.
fn crate_modules(code: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let bytes = code.as_bytes();
    let mut at = 0;
    while let Some(offset) = code[at..].find("crate::") {
        let start = at + offset + "crate::".len();
        at = start;
        let line = code[..start].matches('\n').count() + 1;
        if bytes.get(start) == Some(&b'{') {
            // A use tree: the first segment of each top-level branch.
            let mut depth = 0usize;
            let mut branch_start = true;
            for (i, c) in code[start..].char_indices() {
                match c {
                    '{' => {
                        depth += 1;
                        branch_start = depth == 1;
                    }
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    ',' if depth == 1 => branch_start = true,
                    c if branch_start && depth == 1 && (c.is_alphabetic() || c == '_') => {
                        let rest = &code[start + i..];
                        let name: String = rest
                            .chars()
                            .take_while(|c| c.is_alphanumeric() || *c == '_')
                            .collect();
                        let branch_line = code[..start + i].matches('\n').count() + 1;
                        found.push((branch_line, name));
                        branch_start = false;
                    }
                    _ => {}
                }
            }
        } else {
            let name: String = code[start..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                found.push((line, name));
            }
        }
    }
    found
}

/// The source directories of the two server-side crates: `storefront` and `storefront-core`.
fn source_roots() -> [std::path::PathBuf; 2] {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    [manifest.join("src"), manifest.join("core").join("src")]
}

/// Every `.rs` file under each of `roots`, with the root it was found under.
fn rust_files_in(roots: &[std::path::PathBuf]) -> Vec<(std::path::PathBuf, std::path::PathBuf)> {
    let mut all = Vec::new();
    for root in roots {
        let mut files = Vec::new();
        rust_files(root, &mut files);
        assert!(!files.is_empty(), "no Rust files under {}", root.display());
        all.extend(files.into_iter().map(|file| (root.clone(), file)));
    }
    all
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_module_imports_from_a_layer_above_it() {
    let mut upward = Vec::new();
    let mut unknown = BTreeMap::new();
    for (src, file) in &rust_files_in(&source_roots()) {
        let Some(module) = module_of(file, src) else {
            continue;
        };
        if matches!(module.as_str(), "lib" | "main") {
            continue;
        }
        let Some(own) = layer_of(&module) else {
            unknown.insert(module.clone(), file.display().to_string());
            continue;
        };
        let code = code_only(&fs::read_to_string(file).unwrap_or_default());
        for (line, named) in crate_modules(&code) {
            match layer_of(&named) {
                Some(theirs) if theirs > own => upward.push(format!(
                    "{}:{line}: `{module}` (layer {own}) uses `{named}` (layer {theirs})",
                    file.strip_prefix(src).unwrap_or(file).display()
                )),
                Some(_) => {}
                None => {
                    unknown.insert(named, file.display().to_string());
                }
            }
        }
    }
    assert!(
        unknown.is_empty(),
        "modules missing from the layer table: {unknown:?}"
    );
    assert!(
        upward.is_empty(),
        "imports that run up a layer:\n{}",
        upward.join("\n")
    );
}

#[test]
fn the_check_sees_use_trees_and_plain_paths() {
    let code = code_only(
        "use crate::{\n    api::checkout::{self, X},\n    domain::{a, b},\n};\n// crate::server in a comment\nfn f() { crate::render::set_status(1); let s = \"crate::app\"; }",
    );
    let names: Vec<String> = crate_modules(&code).into_iter().map(|(_, n)| n).collect();
    assert_eq!(names, ["api", "domain", "render"]);
}

/// The most lines a file in `src/` holds without saying why in its opening comment.
const MAX_LINES: usize = 400;

#[test]
fn no_file_passes_400_lines_without_a_reason() {
    let mut long = Vec::new();
    for (src, file) in &rust_files_in(&source_roots()) {
        let text = fs::read_to_string(file).unwrap_or_default();
        let lines = text.lines().count();
        let opening: String = text
            .lines()
            .take_while(|line| line.starts_with("//!"))
            .collect::<Vec<_>>()
            .join(" ");
        if lines > MAX_LINES && !opening.contains("Over 400 lines because") {
            let name = file.strip_prefix(src).unwrap_or(file).display().to_string();
            long.push(format!("{name}: {lines} lines"));
        }
    }
    assert!(
        long.is_empty(),
        "files over {MAX_LINES} lines with no reason in their opening comment:\n{}",
        long.join("\n")
    );
}
