//! Replays every input kept under `fuzz/regressions/<target>/` (minimised fuzz crashes and
//! hand-written cases) through the same checks as the fuzz target of that name
//! (`tests/common/invariants.rs`, shared with `fuzz/fuzz_targets/`).

#[path = "common/invariants.rs"]
mod invariants;

use std::path::Path;

#[test]
fn fuzz_regressions_hold() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/regressions");
    let mut failures = Vec::new();
    let mut count = 0;
    let mut targets: Vec<_> = std::fs::read_dir(&root)
        .expect("fuzz/regressions exists")
        .map(|e| e.unwrap().path())
        .collect();
    targets.sort();
    for dir in targets.iter().filter(|p| p.is_dir()) {
        let target = dir.file_name().unwrap().to_str().unwrap();
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for file in files.iter().filter(|p| p.is_file()) {
            let data = std::fs::read(file).unwrap();
            count += 1;
            // A panic is a failure too, reported with the file it came from.
            let res = std::panic::catch_unwind(|| invariants::run_target(target, &data))
                .unwrap_or_else(|p| {
                    Err(format!(
                        "panic: {:?}",
                        p.downcast_ref::<String>()
                            .map(String::as_str)
                            .or(p.downcast_ref::<&str>().copied())
                    ))
                });
            if let Err(e) = res {
                failures.push(format!(
                    "{}: {e}",
                    file.strip_prefix(&root).unwrap().display()
                ));
            }
        }
    }
    eprintln!("replayed {count} fuzz regression inputs");
    assert!(
        count > 0,
        "no regression input found under {}",
        root.display()
    );
    assert!(
        failures.is_empty(),
        "{} of {count} fuzz regressions fail:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
