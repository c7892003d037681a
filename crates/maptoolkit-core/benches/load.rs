//! Loading and validating synthetic toolkits of 1,000 and 10,000 drivers: the first step of every
//! export. Members, themes, stories and meetings grow with the drivers (see
//! `maptoolkit_core::synthetic`), so a lookup that scans a list shows up as time growing faster
//! than the toolkit. The target: 10,000 drivers within 11 times the time of 1,000.

use std::path::Path;

use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use maptoolkit_core::{ToolkitSource, load, synthetic};

/// Writes a source as a toolkit folder.
fn write_folder(dir: &Path, source: &ToolkitSource) {
    let write = |rel: String, text: String| {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write("toolkit.toml".into(), toml(&source.info));
    for e in &source.drivers {
        write(format!("drivers/{}.toml", e.slug), toml(&e.record));
    }
    for e in &source.stories {
        write(format!("stories/{}.toml", e.slug), toml(&e.record));
    }
    for e in &source.ideas {
        write(format!("ideas/{}.toml", e.slug), toml(&e.record));
    }
    for e in &source.meetings {
        write(format!("meetings/{}.toml", e.slug), toml(&e.record));
    }
}

/// A record as TOML text.
fn toml<T: serde::Serialize>(record: &T) -> String {
    toml::to_string(record).unwrap()
}

fn bench(c: &mut Criterion) {
    let as_of = Some("2026-11-26".parse().unwrap());
    let mut group = c.benchmark_group("toolkit");
    group.sample_size(10);
    for n in [1_000, 10_000] {
        let source = synthetic(n, 1);
        let dir = tempfile::tempdir().unwrap();
        write_folder(dir.path(), &source);
        group.bench_with_input(BenchmarkId::new("load and validate", n), &n, |b, _| {
            b.iter(|| load(dir.path(), as_of).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("validate in memory", n), &n, |b, _| {
            b.iter_batched(
                || source.clone(),
                |source| source.validate(as_of).unwrap(),
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
