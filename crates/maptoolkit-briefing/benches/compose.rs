//! Composing the executive briefing, meeting packs and registers for 1,000 synthetic drivers.

use criterion::{Criterion, criterion_group, criterion_main};
use maptoolkit_briefing::{Audience, ExportOptions, compose};

fn bench(c: &mut Criterion) {
    let toolkit = maptoolkit_core::synthetic(1000, 1)
        .validate(None)
        .unwrap()
        .toolkit;
    for audience in [Audience::Public, Audience::Members] {
        let options = ExportOptions {
            audience,
            ..ExportOptions::as_of("2026-11-26".parse().unwrap())
        };
        c.bench_function(
            &format!("compose 1,000 drivers for {}", audience.as_str()),
            |b| b.iter(|| compose(&toolkit, &options)),
        );
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
