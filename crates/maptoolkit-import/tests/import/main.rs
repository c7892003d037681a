//! The importer's integration tests, in one binary with a module per topic.
//!
//! Test data lives in `tests/data/`: the seed archive (`archive.txt`) and a hand-made WordPress
//! export (`site.xml`) with posts on every template.

mod archive;
mod layouts;
mod posts;
mod protection;
mod real_archive;
mod roundtrip;
mod stories;
mod templates;
mod unseen;
mod util;
mod wxr;
