//! Compiles `data/countries.tsv` (the 233 countries the partner API serves) into a
//! static table, so neither the server nor the browser reads it at run time.

use std::{env, fmt::Write as _, fs, path::Path};

fn main() {
    let source = "data/countries.tsv";
    println!("cargo::rerun-if-changed={source}");
    let tsv = fs::read_to_string(source).expect("data/countries.tsv is part of the crate");

    let mut rows = Vec::new();
    for (number, line) in tsv.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let (code, name) = line
            .split_once('\t')
            .unwrap_or_else(|| panic!("{source}:{}: expected `code<TAB>name`", number + 1));
        assert!(
            code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()),
            "{source}:{}: `{code}` is not a two-letter upper-case code",
            number + 1
        );
        rows.push((code.to_string(), name.trim().to_string()));
    }

    let mut out = String::new();
    writeln!(
        out,
        "/// Every country the partner API serves, in the order of its guide."
    )
    .ok();
    writeln!(out, "pub static COUNTRIES: [Country; {}] = [", rows.len()).ok();
    for (code, name) in &rows {
        writeln!(out, "    Country {{ code: {code:?}, name: {name:?} }},").ok();
    }
    writeln!(out, "];").ok();

    let dest = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("countries.rs");
    fs::write(dest, out).expect("OUT_DIR is writable");
}
