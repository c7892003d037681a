//! Each renderer on the same composed bundle of 200 synthetic drivers.
//!
//! Exporter crates depend on the briefing crate only, so their benchmarks live here, where a
//! toolkit can be generated and composed.

use criterion::{Criterion, criterion_group, criterion_main};
use maptoolkit_briefing::{Audience, ExportOptions, Exporter, compose};

fn bench(c: &mut Criterion) {
    let toolkit = maptoolkit_core::synthetic(200, 1)
        .validate(None)
        .unwrap()
        .toolkit;
    let options = ExportOptions {
        audience: Audience::Members,
        ..ExportOptions::as_of("2026-11-26".parse().unwrap())
    };
    let bundle = compose(&toolkit, &options);
    let exporters: Vec<Box<dyn Exporter>> = vec![
        Box::new(maptoolkit_docx::DocxExporter::default()),
        Box::new(maptoolkit_pdf::PdfExporter::default()),
        Box::new(maptoolkit_csv::CsvExporter::default()),
    ];
    let mut group = c.benchmark_group("render 200 drivers");
    group.sample_size(10);
    for exporter in &exporters {
        group.bench_function(exporter.name(), |b| {
            b.iter(|| exporter.export(&bundle).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
