//! Small checks shared by validation and other programs: slugs, links and size limits.

use crate::file_name::is_windows_device;

/// The longest slug allowed, in bytes.
pub const MAX_SLUG_LEN: usize = 100;

/// The deepest nesting of points allowed (a point with sub-points with sub-points is depth 3).
pub const MAX_POINT_DEPTH: usize = 16;

/// The longest driver headline, in characters.
pub const MAX_HEADLINE_CHARS: usize = 400;

/// The largest record file read, in bytes.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Checks that a slug (a record's file stem) is safe to use as an id and a file name.
///
/// Slugs are 1 to 100 ASCII letters, digits, `-` and `_`, starting with a letter or digit, and not a
/// device name Windows reserves (`CON`, `NUL`, `COM1`…).
///
/// # Errors
/// What is wrong with it, as a message.
///
/// ```
/// use maptoolkit_core::check_slug;
/// assert!(check_slug("carter-review").is_ok());
/// assert!(check_slug("../../etc/passwd").is_err());
/// assert!(check_slug("CON").is_err());
/// ```
pub fn check_slug(slug: &str) -> Result<(), String> {
    if slug.is_empty() {
        return Err("the name is empty".to_string());
    }
    if slug.len() > MAX_SLUG_LEN {
        return Err(format!(
            "the name is {} bytes long (at most {MAX_SLUG_LEN})",
            slug.len()
        ));
    }
    if !slug
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(format!(
            "`{slug}` has characters other than ASCII letters, digits, `-` and `_`"
        ));
    }
    if !slug.as_bytes()[0].is_ascii_alphanumeric() {
        return Err(format!("`{slug}` does not start with a letter or digit"));
    }
    if is_windows_device(&slug.to_ascii_lowercase()) {
        return Err(format!("`{slug}` is a device name on Windows"));
    }
    Ok(())
}

/// Checks that a link is an absolute `http`, `https` or `mailto` URL.
///
/// Other schemes (`javascript:`, `file:`, `data:`) and links without a scheme are refused, and so
/// are spaces, control characters, quotes, angle brackets and backslashes, which must be
/// percent-encoded in a URL.
///
/// # Errors
/// What is wrong with it, as a message.
///
/// ```
/// use maptoolkit_core::check_link;
/// assert!(check_link("https://www.england.nhs.uk/five-year-forward-view/").is_ok());
/// assert!(check_link("mailto:map.toolkit@example.org").is_ok());
/// assert!(check_link("javascript:alert(1)").is_err());
/// assert!(check_link("www.hee.nhs.uk").is_err());
/// ```
pub fn check_link(url: &str) -> Result<(), String> {
    if let Some(c) = url
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\'))
    {
        return Err(format!("`{url}` contains {c:?}, which a link cannot hold"));
    }
    let Some((scheme, rest)) = url.split_once(':') else {
        return Err(format!(
            "`{url}` is not an absolute link (no http, https or mailto scheme)"
        ));
    };
    match scheme.to_ascii_lowercase().as_str() {
        "http" | "https" => {
            let host = rest
                .strip_prefix("//")
                .map(|r| r.split(['/', '?', '#']).next().unwrap_or(""));
            match host {
                Some(host) if !host.is_empty() && !host.starts_with(':') => Ok(()),
                _ => Err(format!("`{url}` has no host after `{scheme}://`")),
            }
        }
        "mailto" if rest.contains('@') => Ok(()),
        "mailto" => Err(format!("`{url}` has no email address")),
        _ if scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b)) =>
        {
            Err(format!(
                "`{url}` uses the `{scheme}:` scheme (only http, https and mailto are allowed)"
            ))
        }
        _ => Err(format!(
            "`{url}` is not an absolute link (no http, https or mailto scheme)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn link(url: &str, expected: Result<(), &str>) {
        let expected = expected.map_err(str::to_string);
        assert_eq!(check_link(url), expected, "{url}");
    }

    /// `日本` was said to have "characters other than letters", which it has not.
    #[test]
    fn a_slug_of_other_scripts_says_it_needs_ascii_letters() {
        assert_eq!(
            check_slug("日本"),
            Err("`日本` has characters other than ASCII letters, digits, `-` and `_`".to_string())
        );
        assert_eq!(check_slug("carter-review_2016"), Ok(()));
    }

    #[test]
    fn links() {
        link("http://example.org", Ok(()));
        link("HTTPS://example.org/a?b#c", Ok(()));
        link("mailto:someone@nhs.net", Ok(()));
        link(
            "javascript:alert(1)",
            Err(
                "`javascript:alert(1)` uses the `javascript:` scheme (only http, https and mailto are allowed)",
            ),
        );
        link(
            "file:///etc/passwd",
            Err(
                "`file:///etc/passwd` uses the `file:` scheme (only http, https and mailto are allowed)",
            ),
        );
        link(
            "www.nhs.uk",
            Err("`www.nhs.uk` is not an absolute link (no http, https or mailto scheme)"),
        );
        link("https://", Err("`https://` has no host after `https://`"));
        link(
            "https:example.org",
            Err("`https:example.org` has no host after `https://`"),
        );
        link("mailto:nobody", Err("`mailto:nobody` has no email address"));
        link(
            "https://a.org/\"onmouseover=",
            Err("`https://a.org/\"onmouseover=` contains '\"', which a link cannot hold"),
        );
        link(
            "https://a.org/<b>",
            Err("`https://a.org/<b>` contains '<', which a link cannot hold"),
        );
        link(
            "https://a.org/a b",
            Err("`https://a.org/a b` contains ' ', which a link cannot hold"),
        );
    }

    #[test]
    fn slugs() {
        assert_eq!(check_slug("five-year-forward-view"), Ok(()));
        assert_eq!(check_slug("2017_02_08"), Ok(()));
        assert_eq!(check_slug(""), Err("the name is empty".into()));
        assert_eq!(
            check_slug("-x"),
            Err("`-x` does not start with a letter or digit".into())
        );
        assert_eq!(
            check_slug("lpt1"),
            Err("`lpt1` is a device name on Windows".into())
        );
        assert_eq!(
            check_slug("Nul"),
            Err("`Nul` is a device name on Windows".into())
        );
        assert!(check_slug("a.b").is_err());
        assert!(check_slug(&"x".repeat(101)).is_err());
        assert!(check_slug("console").is_ok());
    }
}
