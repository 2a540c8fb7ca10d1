//! Fuzz target `parse_rules`: see `target_parse_rules` in core/tests/common/invariants.rs, shared with the
//! test that replays fuzz/regressions/parse_rules/ (core/tests/fuzz_regressions.rs).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../core/tests/common/invariants.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    if let Err(e) = invariants::target_parse_rules(data) {
        panic!("{e}");
    }
});
