//! Writes `core/data/phonenumber/metadata.bin`, libphonenumber's metadata split by country
//! calling code, from the XML the `phonenumber` crate ships (`assets/PhoneNumberMetadata.xml`,
//! found with `cargo metadata`, or given as the first argument).
//!
//! The core validates `+CC` numbers with the metadata of their own code only: building the
//! crate's whole database parses about 4,800 patterns (0.6G instructions, a fifth of a second)
//! on the first international number a process meets. The file holds, for each code in
//! ascending order, the code (u16, little-endian), the length of the rest (u32, little-endian)
//! and the code's regions as `postcard` encodes `Vec<phonenumber::metadata::loader::Metadata>`,
//! in the order of the XML (the order the crate's own database keeps), each descriptor's
//! `example` number and each region's formats removed (no parse or validation reads them;
//! the formats' patterns were most of the syntax checks of a code's database build).
//!
//! Run from the repository root after a `phonenumber` upgrade:
//! `cargo run --release -p redactum-benches --bin phone_metadata`
//! (`core/tests/phone_metadata.rs` checks the file against the crate's database).
use phonenumber::metadata::loader;
use std::collections::BTreeMap;
use std::path::PathBuf;

fn xml_path() -> PathBuf {
    if let Some(p) = std::env::args_os().nth(1) {
        return PathBuf::from(p);
    }
    let out = std::process::Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["metadata", "--format-version", "1", "--locked"])
        .output()
        .expect("cargo metadata");
    assert!(out.status.success(), "cargo metadata failed");
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).expect("cargo metadata JSON");
    let pkg = meta["packages"]
        .as_array()
        .expect("packages")
        .iter()
        .find(|p| p["name"] == "phonenumber")
        .expect("the phonenumber package");
    let manifest = PathBuf::from(pkg["manifest_path"].as_str().expect("manifest_path"));
    manifest
        .parent()
        .expect("crate directory")
        .join("assets/PhoneNumberMetadata.xml")
}

fn strip(d: &mut Option<loader::Descriptor>) {
    if let Some(d) = d {
        d.example = None;
    }
}

fn main() {
    let xml = xml_path();
    eprintln!("reading {}", xml.display());
    let file = std::fs::File::open(&xml).expect("the metadata XML");
    let metas = loader::load(std::io::BufReader::new(file)).expect("the metadata loads");
    let mut by_code: BTreeMap<u16, Vec<loader::Metadata>> = BTreeMap::new();
    for mut m in metas {
        for d in [
            &mut m.general,
            &mut m.fixed_line,
            &mut m.mobile,
            &mut m.toll_free,
            &mut m.premium_rate,
            &mut m.shared_cost,
            &mut m.personal_number,
            &mut m.voip,
            &mut m.pager,
            &mut m.uan,
            &mut m.emergency,
            &mut m.voicemail,
            &mut m.short_code,
            &mut m.standard_rate,
            &mut m.carrier,
            &mut m.no_international,
        ] {
            strip(d);
        }
        // Formats only serve to write numbers out; parsing and validation read none, and
        // each holds patterns that the database parses when it is built.
        m.formats.clear();
        m.international_formats.clear();
        let code = m.country_code.expect("every region has a country code");
        by_code.entry(code).or_default().push(m);
    }
    let mut out = Vec::new();
    for (code, metas) in &by_code {
        let body = postcard::to_allocvec(metas).expect("postcard encodes the metadata");
        out.extend_from_slice(&code.to_le_bytes());
        out.extend_from_slice(&(body.len() as u32).to_le_bytes());
        out.extend_from_slice(&body);
    }
    let dest = std::env::args_os()
        .nth(2)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("core/data/phonenumber/metadata.bin"));
    std::fs::create_dir_all(dest.parent().expect("a directory")).expect("create the directory");
    std::fs::write(&dest, &out).expect("write the file");
    eprintln!(
        "{} codes, {} regions, {} bytes -> {}",
        by_code.len(),
        by_code.values().map(Vec::len).sum::<usize>(),
        out.len(),
        dest.display()
    );
}
