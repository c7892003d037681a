//! End-to-end tests: toolkits in, every format out, read back with independent tools.

mod briefings;
mod csv_registers;
mod determinism;
mod docx_briefing;
mod hostile;
mod office;
mod pdf_briefing;
mod properties;
mod protection;
mod site;
mod tidy;
mod typesetting;
mod util;
mod xlsx_registers;
