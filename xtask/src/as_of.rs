//! The "as of" date of a run: `--as-of`, else `SOURCE_DATE_EPOCH`, else today (UTC).
//!
//! This is the only place maptoolkit reads the clock; libraries are always given the date.

use anyhow::{Context, Result, bail};
use maptoolkit_core::Date;

/// Resolves the date a run is "as of".
///
/// # Errors
/// When `SOURCE_DATE_EPOCH` is set but is not a whole number of seconds.
pub fn resolve(flag: Option<Date>) -> Result<Date> {
    if let Some(date) = flag {
        return Ok(date);
    }
    let seconds = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(value) => value
            .trim()
            .parse::<i64>()
            .with_context(|| format!("SOURCE_DATE_EPOCH is `{value}`, not a number of seconds"))?,
        Err(_) => {
            #[allow(
                clippy::disallowed_methods,
                reason = "the one place a run reads today's date"
            )]
            let now = std::time::SystemTime::now();
            match now.duration_since(std::time::UNIX_EPOCH) {
                Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
                Err(_) => bail!("the system clock is before 1970: give --as-of YYYY-MM-DD"),
            }
        }
    };
    Ok(Date::from_day_number(seconds.div_euclid(86_400)))
}

/// Parses `--as-of` for clap.
pub fn parse_flag(s: &str) -> Result<Date, String> {
    s.parse::<Date>().map_err(|e| e.to_string())
}
