//! Fuzz target `stream_vs_whole`: see `target_stream_vs_whole` in core/tests/common/invariants.rs, shared with the
//! test that replays fuzz/regressions/stream_vs_whole/ (core/tests/fuzz_regressions.rs).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../core/tests/common/invariants.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    if let Err(e) = invariants::target_stream_vs_whole(data) {
        panic!("{e}");
    }
});
