//! The README's code examples, compiled and run as doctests.
#![doc = include_str!("../../README.md")]
