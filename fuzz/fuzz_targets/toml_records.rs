//! Fuzz target: arbitrary text read as each kind of record file, then validated as a toolkit.
//!
//! `parse_record` must turn any text into a record or a located error, never panic; a record that
//! parses must survive `validate` (valid or a report, never a panic).
#![no_main]

use libfuzzer_sys::fuzz_target;
use maptoolkit_core::{
    Briefing, Driver, Entry, IdeaCapture, MapStory, Meeting, ToolkitInfo, ToolkitSource,
    parse_record, synthetic,
};

fuzz_target!(|text: &str| {
    // A small valid toolkit to put the parsed record into.
    let base = synthetic(1, 1);
    if let Ok(info) = parse_record::<ToolkitInfo>(text) {
        let source = ToolkitSource {
            info,
            ..base.clone()
        };
        let _ = source.validate(None);
    }
    if let Ok(driver) = parse_record::<Driver>(text) {
        let mut source = base.clone();
        source.drivers.push(Entry::new("fuzzed", driver));
        let _ = source.validate(None);
    }
    if let Ok(story) = parse_record::<MapStory>(text) {
        let mut source = base.clone();
        source.stories.push(Entry::new("fuzzed", story));
        let _ = source.validate(None);
    }
    if let Ok(idea) = parse_record::<IdeaCapture>(text) {
        let mut source = base.clone();
        source.ideas.push(Entry::new("fuzzed", idea));
        let _ = source.validate(None);
    }
    if let Ok(meeting) = parse_record::<Meeting>(text) {
        let mut source = base.clone();
        source.meetings.push(Entry::new("fuzzed", meeting));
        let _ = source.validate(None);
    }
    if let Ok(briefing) = parse_record::<Briefing>(text) {
        let mut source = base;
        source.briefings.push(Entry::new("fuzzed", briefing));
        let _ = source.validate(None);
    }
});
