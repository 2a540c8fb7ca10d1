//! Embeds every `rules/*.toml` file in the library, in file-name order.

use std::{env, fs, path::Path};

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
    let mut out = String::from("/// Built-in rule files: (file name, contents).\npub(crate) static BUILTIN_RULE_FILES: &[(&str, &str)] = &[\n");
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
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("builtin_rules.rs");
    fs::write(dest, out).unwrap();
}
