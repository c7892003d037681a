//! Fuzz target: the date and time parsers.
//!
//! `parse_uk_date`, `PartialDate`, `Date` and `TimeOfDay` must never panic, and whatever parses
//! must round-trip: printing it and parsing that gives the same value.
#![no_main]

use std::fmt::Debug;
use std::str::FromStr;

use libfuzzer_sys::fuzz_target;
use maptoolkit_core::{Date, PartialDate, TimeOfDay};

fn round_trip<T: FromStr + ToString + PartialEq + Debug>(text: &str) {
    if let Ok(value) = text.parse::<T>() {
        let printed = value.to_string();
        let again = printed.parse::<T>();
        assert!(
            again.as_ref().ok() == Some(&value),
            "{text:?} parsed as {value:?}, printed as {printed:?}, which does not parse back"
        );
    }
}

fuzz_target!(|text: &str| {
    if let Ok(date) = maptoolkit_import::parse_uk_date(text) {
        let printed = date.to_string();
        assert_eq!(printed.parse::<PartialDate>().ok(), Some(date), "{text:?}");
        let _ = date.to_uk_string();
    }
    round_trip::<PartialDate>(text);
    round_trip::<Date>(text);
    round_trip::<TimeOfDay>(text);
    if let Ok(time) = text.parse::<TimeOfDay>() {
        let _ = time.to_uk_string();
    }
});
