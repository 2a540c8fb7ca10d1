//! The files a run processes: the command-line paths, directories walked, each file with its
//! destination under `--output` (the input path mirrored), and what the walk had to skip.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use crate::args::Args;
use crate::show;

/// One file to process.
#[derive(Debug)]
pub struct Input {
    /// The path as given or as found by the walk.
    pub path: PathBuf,
    /// Its destination under `--output`.
    pub dest: Option<PathBuf>,
    /// Found by walking a directory under `--check` without `--output` or `--in-place`:
    /// scanned, its redacted text not written anywhere.
    pub scan_only: bool,
}

/// What the walk found.
#[derive(Debug, Default)]
pub struct Walk {
    pub files: Vec<Input>,
    /// Entries deliberately left out (symlinks without `--follow`, FIFOs, sockets, devices),
    /// each a message.
    pub skipped: Vec<String>,
    /// Entries that could not be read (permission, vanished, link loops), each a message.
    pub errors: Vec<String>,
}

/// Walks the command-line paths. Errors that make the whole run meaningless (a directory with
/// nowhere to go, two inputs with one destination, an input inside the output directory) are
/// returned before anything is written; per-entry problems are collected in the [`Walk`].
pub fn collect(args: &Args, exclude: Option<&std::fs::Metadata>) -> Result<Walk, String> {
    let mut w = Walk::default();
    let is_excluded = |m: &std::fs::Metadata| exclude.is_some_and(|x| same_file(x, m));
    for p in &args.paths {
        let meta = match std::fs::metadata(p) {
            Ok(m) => m,
            Err(e) => {
                w.errors.push(format!("{}: {e}", show::path(p)));
                continue;
            }
        };
        if meta.is_dir() {
            if args.output.is_none() && !args.in_place && !args.check {
                return Err(format!(
                    "{} is a directory: give --output DIR, --in-place or --check",
                    show::path(p)
                ));
            }
            let scan_only = args.output.is_none() && !args.in_place;
            walk_dir(p, args, scan_only, &is_excluded, &mut w);
        } else if meta.is_file() {
            if !is_excluded(&meta) {
                w.files.push(Input {
                    path: p.clone(),
                    dest: None,
                    scan_only: false,
                });
            }
        } else {
            // A FIFO or device named on the command line is read like stdin, in turn.
            if args.in_place {
                w.errors.push(format!(
                    "{}: not a regular file, cannot be replaced in place",
                    show::path(p)
                ));
            } else {
                w.files.push(Input {
                    path: p.clone(),
                    dest: None,
                    scan_only: false,
                });
            }
        }
    }
    if let Some(out) = &args.output {
        mirror(out, &mut w.files)?;
    }
    if args.in_place {
        dedup_same_files(&mut w.files);
    }
    Ok(w)
}

fn walk_dir(
    root: &Path,
    args: &Args,
    scan_only: bool,
    excluded: &dyn Fn(&std::fs::Metadata) -> bool,
    w: &mut Walk,
) {
    let follow = args.follow;
    for entry in walkdir::WalkDir::new(root)
        .follow_links(follow)
        .sort_by_file_name()
    {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let at = e.path().map(show::path).unwrap_or_else(|| show::path(root));
                let why = match e.io_error() {
                    Some(io) => io.to_string(),
                    None if e.loop_ancestor().is_some() => "symbolic link loop".to_string(),
                    None => e.to_string(),
                };
                w.errors.push(format!("{at}: {why}"));
                continue;
            }
        };
        let t = entry.file_type();
        if t.is_dir() {
            continue;
        }
        if t.is_file() {
            if entry.metadata().map(|m| excluded(&m)).unwrap_or(false) {
                continue;
            }
            if args.in_place && crate::inplace::is_temp_name(entry.file_name()) {
                // Never rewrite a temporary file: a running redactum's, or one left behind.
                let why = match crate::inplace::temp_in_use(entry.path()) {
                    Some(true) => "a temporary file of a redactum run in progress",
                    _ => "a temporary file left by an interrupted redactum run (its content is a partial redacted copy; remove it)",
                };
                w.skipped
                    .push(format!("skipped {}: {why}", show::path(entry.path())));
                continue;
            }
            w.files.push(Input {
                path: entry.path().to_path_buf(),
                dest: None,
                scan_only,
            });
        } else if t.is_symlink() {
            // Only without --follow (with it, walkdir reports the target's type), or a link
            // whose target is missing.
            let why = if follow {
                "a broken symbolic link"
            } else {
                "a symbolic link (--follow follows links)"
            };
            w.skipped
                .push(format!("skipped {}: {why}", show::path(entry.path())));
        } else {
            w.skipped.push(format!(
                "skipped {}: not a regular file (FIFO, socket or device)",
                show::path(entry.path())
            ));
        }
    }
}

/// Sets each file's destination to `out` joined with the file's own path (a relative path as
/// it is, an absolute one without its root) and refuses two inputs with one destination.
fn mirror(out: &Path, files: &mut [Input]) -> Result<(), String> {
    let out_abs = std::fs::canonicalize(out).ok();
    let mut seen: HashMap<PathBuf, usize> = HashMap::new();
    for i in 0..files.len() {
        let rel = mirrored(&files[i].path)?;
        let dest = out.join(&rel);
        if let Some(&j) = seen.get(&dest) {
            return Err(format!(
                "{} and {} would both be written to {}: nothing written",
                show::path(&files[j].path),
                show::path(&files[i].path),
                show::path(&dest)
            ));
        }
        // Never write over an input.
        if let (Some(o), Ok(fa)) = (&out_abs, std::fs::canonicalize(&files[i].path)) {
            if fa.starts_with(o) {
                return Err(format!(
                    "{} is inside the output directory",
                    show::path(&files[i].path)
                ));
            }
        }
        seen.insert(dest.clone(), i);
        files[i].dest = Some(dest);
    }
    Ok(())
}

/// The relative path under which `p` is mirrored: `.` parts dropped, `a/../b` folded; a path
/// that climbs out of the current directory (`../x`) or is absolute is taken as an absolute
/// path without its root (`/var/log/a` becomes `var/log/a`).
fn mirrored(p: &Path) -> Result<PathBuf, String> {
    if let Some(r) = fold(p) {
        if !p.is_absolute() {
            return Ok(r);
        }
    }
    let abs = std::path::absolute(p).map_err(|e| format!("{}: {e}", show::path(p)))?;
    fold(&abs).ok_or_else(|| format!("{}: cannot be mirrored under --output", show::path(p)))
}

/// Folds `.` and `..` lexically and drops the root; `None` if `..` would climb above the start.
fn fold(p: &Path) -> Option<PathBuf> {
    let mut parts: Vec<&std::ffi::OsStr> = Vec::new();
    for c in p.components() {
        match c {
            Component::Prefix(_) | Component::RootDir | Component::CurDir => {}
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::Normal(s) => parts.push(s),
        }
    }
    if parts.is_empty() {
        return None;
    }
    Some(parts.iter().collect())
}

/// In place, one file named twice (`a.log ./a.log`, or a file and its directory) is rewritten
/// once: two concurrent rewrites of one file would race.
fn dedup_same_files(files: &mut Vec<Input>) {
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| match std::fs::canonicalize(&f.path) {
        Ok(c) => seen.insert(c),
        Err(_) => true,
    });
}

#[cfg(unix)]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(_: &std::fs::Metadata, _: &std::fs::Metadata) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::fold;
    use std::path::{Path, PathBuf};

    #[test]
    fn folding() {
        assert_eq!(fold(Path::new("./a/b/../c")), Some(PathBuf::from("a/c")));
        assert_eq!(
            fold(Path::new("/var/log/x")),
            Some(PathBuf::from("var/log/x"))
        );
        assert_eq!(fold(Path::new("../x")), None);
        assert_eq!(fold(Path::new(".")), None);
    }
}
