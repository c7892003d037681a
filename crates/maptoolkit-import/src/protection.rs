//! The prefixes WordPress puts before a members-only post's title (`Protected:`, `Private:`), as
//! a table, and reading them off a title.

use crate::report::Protection;
use crate::text::strip_prefix_ci;

/// The prefixes WordPress puts before the title of a members-only post shown to a signed-in
/// editor, and what each means.
const PROTECTION_PREFIXES: [(&str, Protection); 2] = [
    ("protected:", Protection::Password),
    ("private:", Protection::Private),
];

/// A title's protection prefix (`Protected:`, `Private:`, any case) and the title after it.
pub(crate) fn strip_protection(title: &str) -> Option<(Protection, &str)> {
    let title = title.trim_start();
    PROTECTION_PREFIXES.iter().find_map(|(prefix, why)| {
        strip_prefix_ci(title, prefix).map(|rest| (*why, rest.trim_start()))
    })
}
