//! Fuzz target `simd_classes`: see `target_simd_classes` in core/tests/common/invariants.rs, shared
//! with the test that replays fuzz/regressions/simd_classes/ (core/tests/fuzz_regressions.rs).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../core/tests/common/invariants.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    if let Err(e) = invariants::target_simd_classes(data) {
        panic!("{e}");
    }
});
