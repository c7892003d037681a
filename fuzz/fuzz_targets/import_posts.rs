//! Fuzz target: arbitrary text through the post importer.
//!
//! The importer promises to return only sources that validate; anything it cannot use goes into
//! its report. So: no panic, and the source always validates.
#![no_main]

use libfuzzer_sys::fuzz_target;
use maptoolkit_import::{ImportOptions, import};

fuzz_target!(|text: &str| {
    let imported = import(text, &ImportOptions::default());
    if let Err(report) = imported.source.validate(None) {
        panic!("the importer returned a source that does not validate:\n{report:#?}");
    }
});
