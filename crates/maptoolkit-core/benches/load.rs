//! Loading and validating a toolkit of 1,000 synthetic drivers: the first step of every export.

use criterion::{Criterion, criterion_group, criterion_main};
use maptoolkit_core::{load, synthetic};

fn write_toml<T: serde::Serialize>(dir: &std::path::Path, rel: String, record: &T) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, toml::to_string(record).unwrap()).unwrap();
}

fn bench(c: &mut Criterion) {
    let source = synthetic(1000, 1);
    let dir = tempfile::tempdir().unwrap();
    write_toml(dir.path(), "toolkit.toml".into(), &source.info);
    for e in &source.drivers {
        write_toml(dir.path(), format!("drivers/{}.toml", e.slug), &e.record);
    }
    for e in &source.stories {
        write_toml(dir.path(), format!("stories/{}.toml", e.slug), &e.record);
    }
    for e in &source.meetings {
        write_toml(dir.path(), format!("meetings/{}.toml", e.slug), &e.record);
    }
    let as_of = Some("2026-11-26".parse().unwrap());
    c.bench_function("load and validate 1,000 drivers from files", |b| {
        b.iter(|| load(dir.path(), as_of).unwrap())
    });
    c.bench_function("validate 1,000 drivers in memory", |b| {
        b.iter(|| source.clone().validate(as_of).unwrap())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
