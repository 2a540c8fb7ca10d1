//! The evaluation corpus of issue 15 (`corpora/eval`): the scorer runs this build of the CLI on
//! it and fails when recall, label accuracy or the share of non-sensitive values changed falls
//! below `corpora/eval/thresholds.json` (the figures last achieved), so a regression in
//! detection shows here.

use std::path::PathBuf;
use std::process::Command;

#[test]
fn evaluation_corpus_scores_at_least_its_thresholds() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpora/eval");
    let out = Command::new("python3")
        .arg(root.join("score.py"))
        .arg("--bin")
        .arg(env!("CARGO_BIN_EXE_redactum"))
        .arg("--check")
        .arg("--misses")
        .arg("40")
        .output()
        .expect("python3 must be installed to run the evaluation scorer");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "scorer failed ({}):\n{stdout}\n{stderr}",
        out.status
    );
    // The table names every family; an empty run (no findings read) cannot pass silently.
    assert!(stdout.contains("secrets  recall"), "{stdout}");
}
