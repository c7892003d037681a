//! `cargo xtask`: the batch jobs that run maptoolkit over toolkit folders.
fn main() {}
