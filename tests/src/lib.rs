//! End-to-end tests across maptoolkit crates live in `tests/`; this library is empty.
