//! The `maptoolkit` binary: see the library half of this crate for the commands.

/// mimalloc rather than the system allocator: an export frees the toolkit, the registers and
/// each window of layout as it goes, and mimalloc hands that memory back or reuses it on any
/// thread, where glibc's allocator kept it (see BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    maptoolkit_cli::run(std::env::args_os())
}
