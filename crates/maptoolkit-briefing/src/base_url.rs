//! Where a website will be published: a base URL checked once, so that the feed's links and
//! `tag:` ids (RFC 4151) can be made from it without failing.
//!
//! Parsed with the `url` crate (the WHATWG URL standard browsers follow). The rules: `http` or
//! `https`, a host, a valid port, no user name or password (they would be published in every
//! link), no query or fragment; the path is made to end in `/`.

use std::fmt;
use std::net::Ipv6Addr;

use url::{Host, Url};

/// The longest base URL taken, in bytes.
const MAX_LEN: usize = 2_000;

/// An absolute `http` or `https` URL a site is published under, ending in `/`.
///
/// ```
/// use maptoolkit_briefing::BaseUrl;
/// let url = BaseUrl::parse("https://Library.Example.org/map").unwrap();
/// assert_eq!(url.as_str(), "https://library.example.org/map/");
/// assert_eq!(url.tag_authority(), "library.example.org");
/// assert_eq!(url.tag_path(), "map/");
/// assert!(BaseUrl::parse("https://@/").is_err());
/// assert!(BaseUrl::parse("https://example.org:99999999/").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BaseUrl {
    url: String,
    authority: String,
    /// Where the path starts in `url`, after its first `/`.
    path_start: usize,
}

/// Why a base URL cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{url}` {reason}")]
pub struct BaseUrlError {
    /// The URL given, cut to a readable length.
    pub url: String,
    /// What is wrong with it.
    pub reason: String,
}

impl BaseUrl {
    /// Checks `text` as a base URL.
    ///
    /// # Errors
    /// When it is not an absolute `http` or `https` URL with a host, has a bad port, a user name
    /// or password, a query or a fragment, or a host that cannot name a `tag:` id.
    pub fn parse(text: &str) -> Result<BaseUrl, BaseUrlError> {
        let fail = |reason: &str| BaseUrlError {
            url: text.chars().take(100).collect(),
            reason: reason.to_string(),
        };
        if text.len() > MAX_LEN {
            return Err(fail(&format!("is longer than {MAX_LEN} bytes")));
        }
        let mut url = Url::parse(text).map_err(|e| fail(&format!("is not a URL ({e})")))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(fail("is not an http or https URL"));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(fail(
                "holds a user name or password, which every link would publish",
            ));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(fail(
                "has a query or fragment; give the folder the site is published in",
            ));
        }
        let authority = match url.host() {
            Some(Host::Domain(domain)) => {
                let domain = domain.trim_end_matches('.').to_ascii_lowercase();
                if !is_dns_name(&domain) {
                    return Err(fail(
                        "has a host that is not a DNS name (letters, digits and inner hyphens \
                         between dots), which a tag: id needs",
                    ));
                }
                domain
            }
            Some(Host::Ipv4(address)) => address.to_string(),
            Some(Host::Ipv6(address)) => ip6_arpa(address),
            None => return Err(fail("has no host")),
        };
        if !url.path().ends_with('/') {
            let path = format!("{}/", url.path());
            url.set_path(&path);
        }
        let url = String::from(url);
        let path_start = url
            .find("://")
            .and_then(|scheme| url[scheme + 3..].find('/').map(|p| scheme + 3 + p + 1))
            .unwrap_or(url.len());
        Ok(BaseUrl {
            url,
            authority,
            path_start,
        })
    }

    /// The URL, ending in `/`, in its normal form (lower-case host, default port left out,
    /// percent-encoded where it must be).
    pub fn as_str(&self) -> &str {
        &self.url
    }

    /// The `tag:` authority: the host as an RFC 4151 DNS name. A domain as it is (international
    /// names in their `xn--` form), an IPv4 address as its digits, an IPv6 address as its
    /// reverse-lookup name under `ip6.arpa`.
    pub fn tag_authority(&self) -> &str {
        &self.authority
    }

    /// The path after the host's `/`: `map/` for `https://example.org/map/`.
    pub fn tag_path(&self) -> &str {
        &self.url[self.path_start..]
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.url)
    }
}

impl std::str::FromStr for BaseUrl {
    type Err = BaseUrlError;

    fn from_str(s: &str) -> Result<BaseUrl, BaseUrlError> {
        BaseUrl::parse(s)
    }
}

/// Whether `name` is an RFC 4151 `DNSname`: labels of letters and digits, with hyphens only
/// inside a label, joined by dots.
fn is_dns_name(name: &str) -> bool {
    !name.is_empty()
        && name.split('.').all(|label| {
            !label.is_empty()
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        })
}

/// The reverse-lookup name of an IPv6 address (RFC 3596): its 32 nibbles, last first, under
/// `ip6.arpa`.
fn ip6_arpa(address: Ipv6Addr) -> String {
    let mut name = String::with_capacity(72);
    for byte in address.octets().iter().rev() {
        for nibble in [byte & 0xf, byte >> 4] {
            name.push(char::from_digit(u32::from(nibble), 16).expect("a nibble"));
            name.push('.');
        }
    }
    name.push_str("ip6.arpa");
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: Result<(&str, &str, &str), &str>) {
        let got = BaseUrl::parse(text);
        match (got, expected) {
            (Ok(url), Ok((href, authority, path))) => {
                assert_eq!(url.as_str(), href, "{text}");
                assert_eq!(url.tag_authority(), authority, "{text}");
                assert_eq!(url.tag_path(), path, "{text}");
                assert!(is_dns_name(url.tag_authority()), "{text}");
            }
            (Err(e), Err(reason)) => assert_eq!(e.to_string(), reason, "{text}"),
            (got, expected) => panic!("{text}: got {got:?}, expected {expected:?}"),
        }
    }

    #[test]
    fn base_urls_findings_of_the_edges_issue() {
        check("https://@/", Err("`https://@/` is not a URL (empty host)"));
        check(
            "https://example.org:99999999/",
            Err("`https://example.org:99999999/` is not a URL (invalid port number)"),
        );
        check(
            "https://[::1]/",
            Ok((
                "https://[::1]/",
                "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa",
                "",
            )),
        );
    }

    #[test]
    fn base_urls_in_their_normal_form() {
        check(
            "https://User@Example.org:8080/map",
            Err(
                "`https://User@Example.org:8080/map` holds a user name or password, which every link would publish",
            ),
        );
        check(
            "https://Example.org:8080/map",
            Ok(("https://example.org:8080/map/", "example.org", "map/")),
        );
        check("http://nhs.uk", Ok(("http://nhs.uk/", "nhs.uk", "")));
        check(
            "https://127.0.0.1/site/",
            Ok(("https://127.0.0.1/site/", "127.0.0.1", "site/")),
        );
        check(
            "https://bücherei.example/",
            Ok((
                "https://xn--bcherei-n2a.example/",
                "xn--bcherei-n2a.example",
                "",
            )),
        );
        check(
            "https://example.org/a b/",
            Ok(("https://example.org/a%20b/", "example.org", "a%20b/")),
        );
        check(
            "ftp://example.org/",
            Err("`ftp://example.org/` is not an http or https URL"),
        );
        check(
            "https://example.org/?q=1",
            Err(
                "`https://example.org/?q=1` has a query or fragment; give the folder the site is published in",
            ),
        );
        check(
            "https://exa_mple.org/",
            Err(
                "`https://exa_mple.org/` has a host that is not a DNS name (letters, digits and inner hyphens between dots), which a tag: id needs",
            ),
        );
        check(
            "example.org/map/",
            Err("`example.org/map/` is not a URL (relative URL without a base)"),
        );
    }
}
