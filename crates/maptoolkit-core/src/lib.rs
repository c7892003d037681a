//! The MAP Toolkit's domain: drivers, MAP Stories, Ideas Capture plans and meetings.
#![warn(missing_docs)]
