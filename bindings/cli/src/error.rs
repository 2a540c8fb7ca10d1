//! The CLI's errors. Each prints as one line; file names are escaped ([`crate::show`]); no
//! variant holds a key or input text.

use std::fmt;
use std::io;
use std::path::Path;

#[derive(Debug)]
pub enum CliError {
    /// Bad arguments or options.
    Usage(String),
    /// A file that could not be read, written or replaced; the name is already escaped.
    File { name: String, source: io::Error },
    /// Writing to stdout failed (a closed pipe is told apart by the caller).
    Stdout(io::Error),
    /// Any other failure, already phrased.
    Other(String),
}

impl CliError {
    pub fn file(path: &Path, source: io::Error) -> CliError {
        CliError::File {
            name: crate::show::path(path),
            source,
        }
    }

    pub fn msg(m: impl Into<String>) -> CliError {
        CliError::Other(m.into())
    }

    /// An error out of `stream_redact_with` reading `path` and writing to `dest` (`None`:
    /// stdout): named after the side that failed.
    pub fn stream(path: &Path, dest: Option<&Path>, e: io::Error) -> CliError {
        match (side(&e), dest) {
            (Some(false), None) => CliError::Stdout(untag(e)),
            (Some(false), Some(d)) => CliError::file(d, untag(e)),
            _ => CliError::file(path, untag(e)),
        }
    }

    /// True for a closed output pipe, which ends the run quietly.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, CliError::Stdout(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Usage(m) | CliError::Other(m) => f.write_str(m),
            CliError::File { name, source } => write!(f, "{name}: {source}"),
            CliError::Stdout(e) => write!(f, "writing to stdout: {e}"),
        }
    }
}

impl std::error::Error for CliError {}

/// Marks an error with the side of a stream it came from, so that a failing input file, a
/// failing output and a failing scan are told apart after `stream_redact_with` returns.
#[derive(Debug)]
pub struct Tagged {
    pub input: bool,
    pub err: io::Error,
}

impl fmt::Display for Tagged {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.err.fmt(f)
    }
}

impl std::error::Error for Tagged {}

/// Tags an input-side error.
pub fn input(e: io::Error) -> io::Error {
    io::Error::new(
        e.kind(),
        Tagged {
            input: true,
            err: e,
        },
    )
}

/// Tags an output-side error.
pub fn output(e: io::Error) -> io::Error {
    io::Error::new(
        e.kind(),
        Tagged {
            input: false,
            err: e,
        },
    )
}

/// `Some(true)` for an input error, `Some(false)` for an output error, `None` for the scanner's.
pub fn side(e: &io::Error) -> Option<bool> {
    e.get_ref()
        .and_then(|i| i.downcast_ref::<Tagged>())
        .map(|t| t.input)
}

/// The error without its tag.
pub fn untag(e: io::Error) -> io::Error {
    if side(&e).is_none() {
        return e;
    }
    match e.into_inner().map(|b| b.downcast::<Tagged>()) {
        Some(Ok(t)) => t.err,
        _ => io::Error::other("i/o error"),
    }
}

/// A writer whose errors are tagged as output errors.
pub struct OutputTag<W>(pub W);

impl<W: io::Write> io::Write for OutputTag<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf).map_err(output)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.0.flush().map_err(output)
    }
}
