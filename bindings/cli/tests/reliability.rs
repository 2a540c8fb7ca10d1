//! Issue 19: no silent loss, no leak through options or files, bounded work. Each test names
//! the guarantee of docs/reliability.md it checks.
//!
//! `REDACTUM_TEST_BIN=/path/to/redactum` runs these tests against another build (used to show
//! that each one fails on the code before its fix).

mod common;
use common::run;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const RULES: &str = r#"
[[rule]]
id = "tok"
name = "Test token"
category = "secret"
keywords = ["tok_"]
pattern = '\btok_[A-Za-z0-9]{16}\b'
"#;

const SECRET: &str = "tok_ABCDEFGH12345678";

fn bin() -> Command {
    match std::env::var_os("REDACTUM_TEST_BIN") {
        Some(b) => Command::new(b),
        None => Command::new(env!("CARGO_BIN_EXE_redactum")),
    }
}

/// `redactum --only-rules <rules>` in `dir`.
fn rd(dir: &Path) -> Command {
    let rules = dir.join("rules.toml");
    if !rules.exists() {
        std::fs::write(&rules, RULES).unwrap();
    }
    let mut c = bin();
    c.current_dir(dir).arg("--only-rules").arg(rules);
    c
}

fn write(p: &Path, text: &str) {
    if let Some(d) = p.parent() {
        std::fs::create_dir_all(d).unwrap();
    }
    std::fs::write(p, text).unwrap();
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Every file under `d`, relative.
fn tree(d: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = walk(d)
        .into_iter()
        .map(|p| p.strip_prefix(d).unwrap().to_path_buf())
        .collect();
    v.sort();
    v
}

fn walk(d: &Path) -> Vec<PathBuf> {
    let mut v = Vec::new();
    if let Ok(rd) = std::fs::read_dir(d) {
        for e in rd.flatten() {
            if e.file_type().unwrap().is_dir() {
                v.extend(walk(&e.path()));
            } else {
                v.push(e.path());
            }
        }
    }
    v
}

// 1. --output

#[test]
fn output_mirrors_input_paths_so_same_names_do_not_collide() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    write(&d.join("d1/app.log"), &format!("one {SECRET}\n"));
    write(&d.join("d2/app.log"), "two\n");
    let (code, _, err) = run(rd(d).args(["-o", "out", "d1/app.log", "d2/app.log"]), b"");
    assert_eq!(code, 0, "{err}");
    assert_eq!(read(&d.join("out/d1/app.log")), "one [REDACTED:tok]\n");
    assert_eq!(read(&d.join("out/d2/app.log")), "two\n");
    // Absolute paths are mirrored without their root.
    let abs = d.join("d2/app.log");
    let (code, _, err) = run(rd(d).arg("-o").arg(d.join("abs")).arg(&abs), b"");
    assert_eq!(code, 0, "{err}");
    let rel = abs.strip_prefix("/").unwrap();
    assert_eq!(read(&d.join("abs").join(rel)), "two\n");
}

#[test]
fn output_collision_is_refused_before_anything_is_written() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    write(&d.join("d1/app.log"), &format!("one {SECRET}\n"));
    write(&d.join("d1/z.log"), "z\n");
    // The directory and one of its files: two inputs with one destination.
    let (code, _, err) = run(rd(d).args(["-o", "out", "d1", "d1/app.log"]), b"");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("would both be written to"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        tree(&d.join("out")).is_empty(),
        "{:?}",
        tree(&d.join("out"))
    );
}

// 2. --report memory

#[test]
fn report_is_written_while_the_input_is_still_coming() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    for fmt in ["json", "sarif"] {
        let report = d.join(format!("r.{fmt}"));
        let mut child = rd(d)
            .args(["--report", fmt, "--report-file"])
            .arg(&report)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut si = child.stdin.take().unwrap();
        // 20,000 findings, then the input stays open: the report must already hold some.
        let chunk = format!("a {SECRET} b\n").repeat(20_000);
        si.write_all(chunk.as_bytes()).unwrap();
        si.flush().unwrap();
        let mut grew = false;
        for _ in 0..200 {
            if std::fs::metadata(&report).map(|m| m.len()).unwrap_or(0) > 10_000 {
                grew = true;
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        drop(si);
        let out = child.wait_with_output().unwrap();
        assert!(grew, "{fmt}: nothing written before the end of the input");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&report).unwrap())
            .unwrap_or_else(|e| panic!("{fmt}: {e}"));
        let n = match fmt {
            "json" => v["findings"].as_array().unwrap().len(),
            _ => v["runs"][0]["results"].as_array().unwrap().len(),
        };
        assert_eq!(n, 20_000, "{fmt}");
    }
}

// 3. --in-place and links

#[cfg(unix)]
#[test]
fn in_place_on_a_symlink_redacts_the_target_and_keeps_the_link() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    write(&d.join("real/app.log"), &format!("k {SECRET}\n"));
    std::os::unix::fs::symlink("real/app.log", d.join("link.log")).unwrap();
    let (code, _, err) = run(rd(d).args(["--in-place", "link.log"]), b"");
    assert_eq!(code, 0, "{err}");
    let m = std::fs::symlink_metadata(d.join("link.log")).unwrap();
    assert!(m.file_type().is_symlink(), "the link was replaced");
    assert_eq!(read(&d.join("real/app.log")), "k [REDACTED:tok]\n");
    assert!(tree(&d.join("real")) == [PathBuf::from("app.log")]);
}

#[cfg(unix)]
#[test]
fn in_place_on_a_hard_link_warns_that_other_names_keep_the_content() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    write(&d.join("a.log"), &format!("k {SECRET}\n"));
    std::fs::hard_link(d.join("a.log"), d.join("b.log")).unwrap();
    let (code, _, err) = run(rd(d).args(["--in-place", "a.log"]), b"");
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("hard links"), "{err}");
    assert_eq!(read(&d.join("a.log")), "k [REDACTED:tok]\n");
    assert_eq!(read(&d.join("b.log")), format!("k {SECRET}\n"));
}

// 4. absurd numbers

#[test]
fn absurd_keep_values_are_rejected() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    for args in [
        &["--style", "partial", "--keep", "9223372036854775808"][..],
        &["--style", "partial", "--keep", "257"],
        &["--style-for", "tok=partial:18446744073709551615:1"],
        &["--style-for", "tok=partial:0:99999999999999999999999"],
    ] {
        let (code, out, err) = run(rd(d).args(args), format!("{SECRET}\n").as_bytes());
        assert_eq!(code, 2, "{args:?}: {out}");
        assert!(!out.contains(SECRET) && !err.contains(SECRET), "{args:?}");
        assert!(err.contains("at most 256"), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    let (code, out, err) = run(
        rd(d).args(["--style", "partial", "--keep", "256"]),
        format!("{SECRET}\n").as_bytes(),
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, format!("{}\n", "*".repeat(SECRET.len())));
}

#[test]
fn absurd_thread_counts_are_rejected() {
    let t = tempfile::tempdir().unwrap();
    for n in ["20000", "18446744073709551615", "0"] {
        let (code, _, err) = run(rd(t.path()).args(["-j", n]), b"x\n");
        assert_eq!(code, 2, "-j {n}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
}

// 5. ownership, mode, untouched files

#[cfg(unix)]
#[test]
fn in_place_keeps_owner_group_and_mode() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    let f = d.join("a.log");
    write(&f, &format!("k {SECRET}\n"));
    std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o640)).unwrap();
    // As root, give the file to another user: it must stay theirs.
    let root = std::fs::metadata(d).unwrap().uid() == 0 && is_root();
    if root {
        std::os::unix::fs::chown(&f, Some(4242), Some(4343)).unwrap();
    } else {
        eprintln!("not root: ownership part skipped");
    }
    let (code, _, err) = run(rd(d).args(["--in-place", "a.log"]), b"");
    assert_eq!(code, 0, "{err}");
    let m = std::fs::metadata(&f).unwrap();
    assert_eq!(read(&f), "k [REDACTED:tok]\n");
    assert_eq!(m.mode() & 0o7777, 0o640);
    if root {
        assert_eq!((m.uid(), m.gid()), (4242, 4343));
    }
}

#[cfg(target_os = "linux")]
#[test]
fn in_place_keeps_extended_attributes() {
    use std::ffi::CString;
    let t = tempfile::tempdir().unwrap();
    let f = t.path().join("a.log");
    write(&f, &format!("k {SECRET}\n"));
    let (cp, name) = (
        CString::new(f.to_str().unwrap()).unwrap(),
        CString::new("user.redactum-test").unwrap(),
    );
    // SAFETY: valid C strings and buffer lengths.
    let set = unsafe { libc::setxattr(cp.as_ptr(), name.as_ptr(), b"v1".as_ptr().cast(), 2, 0) };
    if set != 0 {
        eprintln!("no user xattrs on this file system: skipped");
        return;
    }
    let (code, _, err) = run(rd(t.path()).args(["--in-place", "a.log"]), b"");
    assert_eq!(code, 0, "{err}");
    assert_eq!(read(&f), "k [REDACTED:tok]\n");
    let mut buf = [0u8; 16];
    // SAFETY: as above.
    let n = unsafe {
        libc::getxattr(
            cp.as_ptr(),
            name.as_ptr(),
            buf.as_mut_ptr().cast(),
            buf.len(),
        )
    };
    assert_eq!(n, 2, "attribute lost");
    assert_eq!(&buf[..2], b"v1");
}

#[cfg(unix)]
fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

#[cfg(unix)]
#[test]
fn in_place_leaves_files_without_findings_untouched() {
    use std::os::unix::fs::MetadataExt;
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    write(&d.join("clean.log"), "nothing here\n");
    write(&d.join("dirty.log"), &format!("k {SECRET}\n"));
    let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000_000);
    for f in ["clean.log", "dirty.log"] {
        std::fs::File::options()
            .write(true)
            .open(d.join(f))
            .unwrap()
            .set_modified(old)
            .unwrap();
    }
    let before = std::fs::metadata(d.join("clean.log")).unwrap();
    let (code, _, err) = run(rd(d).args(["--in-place", "clean.log", "dirty.log"]), b"");
    assert_eq!(code, 0, "{err}");
    let after = std::fs::metadata(d.join("clean.log")).unwrap();
    assert_eq!(before.ino(), after.ino());
    assert_eq!(after.modified().unwrap(), old);
    assert_ne!(
        std::fs::metadata(d.join("dirty.log"))
            .unwrap()
            .modified()
            .unwrap(),
        old
    );
}

// 6. keys

#[cfg(unix)]
#[test]
fn keys_are_bytes_and_never_printed() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    let key: &[u8] = b"\xffsecret-key-\xfe-0123456789";
    let input = format!("{SECRET}\n");
    let (code, by_arg, err) = run(
        rd(d)
            .args(["--style", "hash", "--key"])
            .arg(OsStr::from_bytes(key)),
        input.as_bytes(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(by_arg.starts_with("[REDACTED:tok:"), "{by_arg}");
    assert!(err.is_empty(), "{err}");
    // The same key in hexadecimal and in a file gives the same tokens.
    let hex: String = key.iter().map(|b| format!("{b:02x}")).collect();
    let (code, by_hex, err) = run(
        rd(d).args(["--style", "hash", "--key-hex", &hex]),
        input.as_bytes(),
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(by_hex, by_arg);
    let kf = d.join("key");
    std::fs::write(&kf, [key, b"\n"].concat()).unwrap();
    let (code, by_file, err) = run(
        rd(d).args(["--style", "hash", "--key-file"]).arg(&kf),
        input.as_bytes(),
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(by_file, by_arg);
    // From the environment too.
    let (code, by_env, err) = run(
        rd(d)
            .args(["--style", "hash"])
            .env("REDACTUM_KEY", OsStr::from_bytes(key)),
        input.as_bytes(),
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(by_env, by_arg);
    // Errors around a key never show it.
    for args in [
        vec![OsStr::new("--key-hex"), OsStr::new("zz-not-hex-key-value")],
        vec![
            OsStr::new("--key"),
            OsStr::from_bytes(key),
            OsStr::new("--key-hex"),
            OsStr::new("00"),
        ],
        vec![
            OsStr::new("--key"),
            OsStr::from_bytes(key),
            OsStr::new("--bogus"),
        ],
    ] {
        let (code, _, err) = run(rd(d).args(["--style", "hash"]).args(&args), b"x\n");
        assert_eq!(code, 2, "{args:?}");
        assert!(
            !err.contains("not-hex-key") && !err.contains("secret-key"),
            "{err}"
        );
    }
}

#[test]
fn short_keys_get_a_warning() {
    let t = tempfile::tempdir().unwrap();
    let (code, _, err) = run(
        rd(t.path()).args(["--style", "hash", "--key", "k3y9"]),
        format!("{SECRET}\n").as_bytes(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("warning") && err.contains("16"), "{err}");
    assert!(!err.contains("k3y9"), "{err}");
}

// 7. --check on a directory

#[test]
fn check_with_a_sarif_report_on_a_directory() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    write(&d.join("src/a.rs"), &format!("let k = \"{SECRET}\";\n"));
    write(&d.join("src/sub/b.rs"), "fn main() {}\n");
    let (code, out, err) = run(
        rd(d).args([
            "--check",
            "--report",
            "sarif",
            "--report-file",
            "f.sarif",
            "src/",
        ]),
        b"",
    );
    assert_eq!(code, 1, "{err}");
    assert!(out.is_empty(), "{out}");
    let v: serde_json::Value = serde_json::from_str(&read(&d.join("f.sarif"))).unwrap();
    let res = v["runs"][0]["results"].as_array().unwrap();
    assert_eq!(res.len(), 1);
    assert_eq!(
        res[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "src/a.rs"
    );
    // Nothing found: exit 0.
    let (code, _, err) = run(rd(d).args(["--check", "src/sub"]), b"");
    assert_eq!(code, 0, "{err}");
}

// 8. SARIF

#[test]
fn sarif_columns_uris_and_rules() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    // Code points before the finding: é (2 bytes), 🔑 (4 bytes).
    write(
        &d.join("dir a/x#1.log"),
        &format!("é🔑 {SECRET}\n{{\"password\": \"hunter2xyz\"}}\n"),
    );
    let (code, _, err) = run(
        rd(d).args([
            "--check",
            "--report",
            "sarif",
            "--report-file",
            "r.sarif",
            "dir a",
        ]),
        b"",
    );
    assert_eq!(code, 1, "{err}");
    let v: serde_json::Value = serde_json::from_str(&read(&d.join("r.sarif"))).unwrap();
    let run0 = &v["runs"][0];
    assert_eq!(run0["columnKind"], "unicodeCodePoints");
    let res = run0["results"].as_array().unwrap();
    assert_eq!(res.len(), 2, "{res:?}");
    let loc = &res[0]["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "dir%20a/x%231.log");
    assert_eq!(loc["region"]["startLine"], 1);
    assert_eq!(loc["region"]["startColumn"], 4);
    assert_eq!(loc["region"]["endColumn"], 4 + SECRET.len());
    assert_eq!(loc["region"]["byteOffset"], 7);
    // Every result's rule has an entry, sensitive-key included.
    let ids: Vec<&str> = run0["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    for r in res {
        assert!(ids.contains(&r["ruleId"].as_str().unwrap()), "{ids:?}");
    }
    assert!(ids.contains(&"sensitive-key"), "{ids:?}");
}

// Loss and silence

#[cfg(unix)]
#[test]
fn walk_names_what_it_skips_and_check_fails_on_it() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    write(&d.join("tree/a.log"), "clean\n");
    write(&d.join("outside.log"), &format!("k {SECRET}\n"));
    std::os::unix::fs::symlink("../outside.log", d.join("tree/link.log")).unwrap();
    let fifo = std::ffi::CString::new(d.join("tree/pipe").to_str().unwrap()).unwrap();
    // SAFETY: a valid C string.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
    let (code, _, err) = run(rd(d).args(["--check", "tree"]), b"");
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("tree/link.log") && err.contains("symbolic link"),
        "{err}"
    );
    assert!(err.contains("tree/pipe"), "{err}");
    // --follow reads through the link and finds the secret.
    let (code, _, err) = run(rd(d).args(["--check", "--follow", "tree"]), b"");
    assert!(err.contains("tree/pipe"), "{err}");
    assert_eq!(code, 2, "{err}");
    std::fs::remove_file(d.join("tree/pipe")).unwrap();
    let (code, _, err) = run(rd(d).args(["--check", "--follow", "tree"]), b"");
    assert_eq!(code, 1, "{err}");
}

#[test]
fn every_failing_file_is_named_and_the_others_are_processed() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    write(&d.join("a.log"), &format!("a {SECRET}\n"));
    write(&d.join("b.log"), &format!("b {SECRET}\n"));
    let (code, _, err) = run(
        rd(d).args([
            "-o",
            "out",
            "a.log",
            "missing-1.log",
            "b.log",
            "missing\n2.log",
        ]),
        b"",
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("missing-1.log"), "{err}");
    // The newline in a name is escaped: one line per problem.
    assert!(err.contains("missing\\n2.log"), "{err}");
    assert_eq!(err.lines().count(), 3, "{err}");
    assert_eq!(read(&d.join("out/a.log")), "a [REDACTED:tok]\n");
    assert_eq!(read(&d.join("out/b.log")), "b [REDACTED:tok]\n");
    // Files to stdout: the same.
    let (code, out, err) = run(rd(d).args(["a.log", "missing-1.log", "b.log"]), b"");
    assert_eq!(code, 2, "{err}");
    assert_eq!(out, "a [REDACTED:tok]\nb [REDACTED:tok]\n");
}

#[cfg(target_os = "linux")]
#[test]
fn output_of_a_failing_file_is_removed() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    write(&d.join("a.log"), &format!("a {SECRET}\n"));
    // A regular file whose read fails (EIO at offset 0).
    let (code, _, err) = run(rd(d).args(["-o", "out", "/proc/self/mem", "a.log"]), b"");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("/proc/self/mem"), "{err}");
    assert!(!d.join("out/proc/self/mem").exists());
    assert_eq!(read(&d.join("out/a.log")), "a [REDACTED:tok]\n");
}

#[test]
fn in_place_never_drops_lines_appended_meanwhile() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    let f = d.join("big.log");
    let line = format!("line {SECRET} with some padding text to make it longer\n");
    let original = line.repeat(100_000);
    std::fs::write(&f, &original).unwrap();
    let mut child = rd(d)
        .args(["--in-place", "big.log"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Once the run is under way (its temporary file exists), a writer appends lines until the
    // run ends, each with its own open (as a logger that reopens does: a writer that keeps
    // the file open writes into the old inode after any rename, see docs/reliability.md).
    let started = std::time::Instant::now();
    while !has_temp(d) && child.try_wait().unwrap().is_none() {
        assert!(started.elapsed().as_secs() < 60, "no temporary file seen");
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    let mut appended = String::new();
    for i in 0.. {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        let l = format!("appended {i}\n");
        let mut app = std::fs::OpenOptions::new().append(true).open(&f).unwrap();
        app.write_all(l.as_bytes()).unwrap();
        appended.push_str(&l);
        // Slow enough for the reader to reach the end of the file.
        std::thread::sleep(std::time::Duration::from_micros(200));
    }
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    let text = read(&f);
    if out.status.success() {
        // The run finished before the lines came: all of them after its output.
        assert!(text.ends_with(&appended), "lines lost: {err}");
    } else {
        assert!(err.contains("changed while being redacted"), "{err}");
        assert_eq!(text, format!("{original}{appended}"), "file changed: {err}");
    }
}

fn has_temp(d: &Path) -> bool {
    std::fs::read_dir(d)
        .unwrap()
        .flatten()
        .any(|e| e.file_name().to_string_lossy().starts_with(".redactum-"))
}

#[cfg(unix)]
#[test]
fn in_place_removes_its_temporary_files_on_sigterm() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    let line = format!("line {SECRET} with some padding text to make it longer\n");
    std::fs::write(d.join("big.log"), line.repeat(400_000)).unwrap();
    let child = rd(d)
        .args(["--in-place", "big.log"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait for the temporary file to appear, then stop the run.
    let temp = || has_temp(d);
    let mut seen = false;
    for _ in 0..400 {
        if temp() {
            seen = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    // SAFETY: kill on our own child's pid.
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    let out = child.wait_with_output().unwrap();
    if !seen {
        eprintln!("the run ended before a temporary file was seen: nothing to check");
        return;
    }
    assert!(!out.status.success());
    assert!(!temp(), "temporary file left behind");
    assert_eq!(read(&d.join("big.log")), line.repeat(400_000));
}

#[cfg(unix)]
#[test]
fn in_place_never_rewrites_temporary_files_and_names_stale_ones() {
    use std::os::fd::AsRawFd;
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    write(&d.join("tree/a.log"), &format!("a {SECRET}\n"));
    write(
        &d.join("tree/.redactum-stale1"),
        &format!("half {SECRET}\n"),
    );
    write(
        &d.join("tree/.redactum-live22"),
        &format!("live {SECRET}\n"),
    );
    // A run in progress holds a lock on its temporary file.
    let live = std::fs::File::open(d.join("tree/.redactum-live22")).unwrap();
    // SAFETY: flock on an open descriptor.
    assert_eq!(unsafe { libc::flock(live.as_raw_fd(), libc::LOCK_EX) }, 0);
    let (code, _, err) = run(rd(d).args(["--in-place", "tree"]), b"");
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(".redactum-stale1: a temporary file left by an interrupted"),
        "{err}"
    );
    assert!(
        err.contains(".redactum-live22: a temporary file of a redactum run in progress"),
        "{err}"
    );
    assert_eq!(read(&d.join("tree/a.log")), "a [REDACTED:tok]\n");
    assert_eq!(
        read(&d.join("tree/.redactum-stale1")),
        format!("half {SECRET}\n")
    );
    assert_eq!(
        read(&d.join("tree/.redactum-live22")),
        format!("live {SECRET}\n")
    );
    drop(live);
}

#[cfg(unix)]
#[test]
fn closed_stdout_is_an_error() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    write(&d.join("rules.toml"), RULES);
    let exe = std::env::var_os("REDACTUM_TEST_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_redactum")));
    let (code, _, err) = run(
        Command::new("sh")
            .current_dir(d)
            .arg("-c")
            .arg("exec \"$0\" --only-rules rules.toml >&-")
            .arg(&exe),
        format!("{SECRET}\n").as_bytes(),
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("stdout is closed"), "{err}");
    // With --in-place stdout is not needed: a closed one is fine, and no file lands on fd 1.
    write(&d.join("a.log"), &format!("{SECRET}\n"));
    let (code, _, err) = run(
        Command::new("sh")
            .current_dir(d)
            .arg("-c")
            .arg("exec \"$0\" --only-rules rules.toml --in-place a.log >&-")
            .arg(&exe),
        b"",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(read(&d.join("a.log")), "[REDACTED:tok]\n");
}

#[test]
fn rule_files_are_capped() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    let big = d.join("big.toml");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(17 << 20)
        .unwrap();
    let (code, _, err) = run(bin().arg("--rules").arg(&big), b"x\n");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("larger than 16 MB"), "{err}");
    #[cfg(unix)]
    {
        let (code, _, err) = run(bin().args(["--rules", "/dev/zero"]), b"x\n");
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("regular file"), "{err}");
    }
}

#[test]
fn stdin_with_in_place_or_output_is_an_error() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    for args in [&["-i", "-"][..], &["-o", "out"], &["-o", "out", "-"]] {
        let (code, out, err) = run(rd(d).args(args), format!("{SECRET}\n").as_bytes());
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty(), "{out}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
}

/// Unmounts a test's tmpfs, whatever happens to the test.
struct Unmount(PathBuf);

impl Drop for Unmount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// A full disk fails the file with a clear error and loses nothing: `--in-place` leaves the
/// original as it was and no temporary file behind, `--output` removes its incomplete copy,
/// and stdout on a full disk is an error (exit 2), not a quiet end. The disk is a 256 KiB
/// tmpfs mounted for the test (as root); where none can be mounted the test says so and
/// passes without checking.
#[test]
fn a_full_disk_loses_nothing() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    let small = d.join("small");
    std::fs::create_dir(&small).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=256k", "tmpfs"])
        .arg(&small)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("a_full_disk_loses_nothing: skipped, no tmpfs can be mounted here (needs root)");
        return;
    }
    let _unmount = Unmount(small.clone());
    let line = format!("a {SECRET}\n");

    // In place: the original fits, the original and its redacted copy do not.
    let original = line.repeat(7_000);
    write(&small.join("big.log"), &original);
    let (code, _, err) = run(rd(d).args(["--in-place", "small/big.log"]), b"");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("big.log"), "{err}");
    assert!(err.to_lowercase().contains("space"), "{err}");
    assert_eq!(read(&small.join("big.log")), original, "original changed");
    assert!(!has_temp(&small), "temporary file left behind");
    std::fs::remove_file(small.join("big.log")).unwrap();

    // --output onto the full disk: the incomplete copy is removed.
    write(&d.join("in.log"), &line.repeat(20_000));
    let (code, _, err) = run(rd(d).args(["-o", "small", "in.log"]), b"");
    assert_eq!(code, 2, "{err}");
    assert!(err.to_lowercase().contains("space"), "{err}");
    assert!(
        !small.join("in.log").exists(),
        "incomplete output left behind"
    );

    // Standard output on the full disk.
    let out = std::fs::File::create(small.join("stdout.txt")).unwrap();
    let status = rd(d)
        .arg("in.log")
        .stdout(out)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&status.stderr);
    assert_eq!(status.status.code(), Some(2), "{err}");
    assert!(err.to_lowercase().contains("space"), "{err}");
}
