//! Fuzz target `keyword_prefilter`: see `target_keyword_prefilter` in core/tests/common/invariants.rs, shared
//! with the test that replays fuzz/regressions/keyword_prefilter/ (core/tests/fuzz_regressions.rs).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../core/tests/common/invariants.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    if let Err(e) = invariants::target_keyword_prefilter(data) {
        panic!("{e}");
    }
});
