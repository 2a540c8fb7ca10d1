//! Embeds every `rules/*.toml` file in the library, in file-name order, each with a JSON copy
//! of what a build needs of it: the library reads the copy at start-up (a sixth of the
//! instructions of the TOML parse), and the TOML wherever a message must point into the file
//! and for everything else (examples, references, descriptions: see `LEFT_OUT`).

use std::{env, fs, path::Path};

#[path = "src/catalog/fingerprint.rs"]
mod fingerprint;

/// Fields of a rule that a build does not use, left out of the JSON copies: three fifths of
/// the catalog's text (the examples most of it), which start-up would parse for nothing. The
/// library's `catalog::builtin_rules_to_build` clears the same fields when it reads the TOML.
const LEFT_OUT: [&str; 4] = ["examples", "negative_examples", "references", "description"];

fn main() {
    // The manifest directory of the build being run, read at run time: `env!` would give the
    // directory this script was compiled in, and checkouts that share a target directory can
    // share the compiled script, so a deleted checkout would leave the catalog empty.
    let manifest = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = Path::new(&manifest).join("rules");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read the rule directory {}: {e}", dir.display()))
        .map(|e| {
            e.unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
                .path()
        })
        .collect();
    files.retain(|p| p.extension().is_some_and(|e| e == "toml"));
    files.sort();
    // A library without built-in rules would build and redact nothing: refuse instead.
    assert!(
        !files.is_empty(),
        "no rule file (*.toml) in {}: the built-in catalog would be empty",
        dir.display()
    );
    let out_dir = env::var("OUT_DIR").unwrap();
    let mut out = String::from("/// Built-in rule files: (file name, contents).\npub(crate) static BUILTIN_RULE_FILES: &[(&str, &str)] = &[\n");
    let mut json = String::from(
        "/// The same files as JSON without the fields a build does not use (`LEFT_OUT` of build.rs),\n/// in the same order, each with the fingerprint of the TOML it was made from: `None` for a\n/// file that is not valid TOML (its errors are then reported from the TOML).\npub(crate) static BUILTIN_RULE_JSON: &[Option<(u64, &str)>] = &[\n",
    );
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.file_name().unwrap().to_string_lossy();
        // Relative to the crate being compiled, not this script's absolute path: checkouts
        // that share a target directory (git worktrees) share this script's output too, and
        // an absolute path would embed another checkout's rules.
        out.push_str(&format!(
            "    ({:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), {:?}))),\n",
            format!("rules/{name}"),
            format!("/rules/{name}")
        ));
        let text = fs::read_to_string(f)
            .unwrap_or_else(|e| panic!("cannot read the rule file {}: {e}", f.display()));
        match toml::from_str::<toml::Table>(&text) {
            Ok(mut table) => {
                if let Some(toml::Value::Array(rules)) = table.get_mut("rule") {
                    for rule in rules.iter_mut() {
                        if let toml::Value::Table(rule) = rule {
                            for key in LEFT_OUT {
                                rule.remove(key);
                            }
                        }
                    }
                }
                let file = Path::new(&out_dir).join(format!("{name}.json"));
                let value = serde_json::to_string(&table).expect("a TOML table is JSON data");
                fs::write(&file, value).unwrap();
                json.push_str(&format!(
                    "    Some(({:#x}, include_str!(concat!(env!(\"OUT_DIR\"), {:?})))),\n",
                    fingerprint::fingerprint(text.as_bytes()),
                    format!("/{name}.json")
                ));
            }
            Err(_) => json.push_str("    None,\n"),
        }
    }
    out.push_str("];\n");
    json.push_str("];\n");
    out.push_str(&json);
    let dest = Path::new(&out_dir).join("builtin_rules.rs");
    fs::write(dest, out).unwrap();
}
