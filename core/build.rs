//! Compiles `data/countries.tsv` (the 233 countries the partner API serves, with their
//! English names and CLDR's Vietnamese ones) into a static table, so neither the server nor
//! the browser reads it at run time; and the table search folds letters with (every
//! accented letter of those names, of Latin-1 and of Vietnamese, to its base letter by
//! Unicode's decomposition: "Đức" is searched as "duc").

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
        let mut columns = line.split('\t');
        let (Some(code), Some(name), Some(name_vi)) =
            (columns.next(), columns.next(), columns.next())
        else {
            panic!(
                "{source}:{}: expected `code<TAB>name<TAB>name_vi`",
                number + 1
            )
        };
        assert!(
            code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()),
            "{source}:{}: `{code}` is not a two-letter upper-case code",
            number + 1
        );
        rows.push((
            code.to_string(),
            name.trim().to_string(),
            name_vi.trim().to_string(),
        ));
    }

    let mut out = String::new();
    writeln!(
        out,
        "/// Every country the partner API serves, in the order of its guide."
    )
    .ok();
    writeln!(out, "pub static COUNTRIES: [Country; {}] = [", rows.len()).ok();
    for (code, name, name_vi) in &rows {
        writeln!(
            out,
            "    Country {{ code: {code:?}, name: {name:?}, name_vi: {name_vi:?} }},"
        )
        .ok();
    }
    writeln!(out, "];").ok();

    // Each language's A–Z order of the table, by names folded as the search folds them:
    // the browser then lists matches without sorting (a sort is kilobytes of WASM).
    for (table, pick) in [("BY_NAME_EN", 1usize), ("BY_NAME_VI", 2usize)] {
        let mut order: Vec<usize> = (0..rows.len()).collect();
        order.sort_by_cached_key(|&i| {
            let (_, name, name_vi) = &rows[i];
            folded(if pick == 1 { name } else { name_vi })
        });
        writeln!(
            out,
            "/// Indexes into `COUNTRIES`, A–Z by folded name ({table})."
        )
        .ok();
        writeln!(out, "pub static {table}: [u8; {}] = {order:?};", rows.len()).ok();
    }

    // Every letter that needs folding: those of the names, Latin-1's (brand names) and
    // Vietnamese's.
    let latin1 = "àáâãäåçèéêëìíîïñòóôõöùúûüýÿÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝ";
    // Every letter of Vietnamese, which shoppers type with its marks or without.
    let vietnamese = "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯưẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ";
    let mut letters: Vec<char> = rows
        .iter()
        .flat_map(|(_, name, name_vi)| name.chars().chain(name_vi.chars()).collect::<Vec<_>>())
        .chain(latin1.chars())
        .chain(vietnamese.chars())
        .filter(|c| !c.is_ascii())
        .collect();
    letters.sort_unstable();
    letters.dedup();
    writeln!(
        out,
        "/// Accented letters and their base letter, lower case, sorted for binary search."
    )
    .ok();
    let folds: Vec<(char, char)> = letters
        .into_iter()
        .filter_map(|c| base_letter(c).map(|base| (c, base)))
        .collect();
    writeln!(out, "pub static FOLDS: [(char, char); {}] = [", folds.len()).ok();
    for (letter, base) in &folds {
        writeln!(out, "    ({letter:?}, {base:?}),").ok();
    }
    writeln!(out, "];").ok();

    let dest = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("countries.rs");
    fs::write(dest, out).expect("OUT_DIR is writable");
}

/// A name as `domain::country::fold` folds it (its test checks the two agree).
fn folded(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            '’' => '\'',
            c if c.is_ascii() => c.to_ascii_lowercase(),
            c => base_letter(c).unwrap_or(c),
        })
        .collect()
}

/// The base letter of an accented one, lower case: `ệ` -> `e` (Unicode's canonical
/// decomposition, marks dropped); `đ`, which Unicode does not decompose, is `d` as
/// Vietnamese shoppers type it without its bar. `None` for what is not a letter to fold.
fn base_letter(letter: char) -> Option<char> {
    use unicode_normalization::UnicodeNormalization;
    if matches!(letter, 'đ' | 'Đ') {
        return Some('d');
    }
    let base = std::iter::once(letter).nfd().next()?;
    (base.is_ascii_alphabetic() && base != letter).then(|| base.to_ascii_lowercase())
}
