//! Group members, made from the initials or names written under `Group member responsible`.
//!
//! `VT` gives a member with initials `VT` and, as only the initials are known, name `VT`;
//! `Victoria Treadway` gives initials `VT` and that name. When both are written in different
//! posts they are one member. Different names with the same initials get `VT2`, `VT3`….

use maptoolkit_core::Member;

/// Whether an owner is written as initials: two to four capital letters, dots allowed.
fn is_initials(owner: &str) -> bool {
    let letters: Vec<char> = owner.chars().filter(|c| *c != '.' && *c != ' ').collect();
    (1..=4).contains(&letters.len()) && letters.iter().all(|c| c.is_uppercase())
}

/// Whether `Group member responsible` names a person: initials (`VT`, `F.G.`) or a name of one
/// to four capitalised words (`Victoria Treadway`, `Mary-Jane O'Neil`), not a note such as
/// `Not allocated (content added by the MAP team)` or `TBC`.
pub(crate) fn is_person(owner: &str) -> bool {
    let owner = owner.trim();
    let lower = owner.to_lowercase();
    if [
        "not ",
        "none",
        "n/a",
        "tbc",
        "tba",
        "unallocated",
        "vacant",
        "nobody",
        "to be ",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
    {
        return false;
    }
    if is_initials(owner) {
        return true;
    }
    let words: Vec<&str> = owner.split_whitespace().collect();
    (1..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase())
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
        })
}

/// An owner as the driver records it: initials without dots or spaces (`F.G.` is `FG`), names
/// as written.
pub(crate) fn normalise_owner(owner: &str) -> String {
    if is_initials(owner) {
        owner.chars().filter(|c| *c != '.' && *c != ' ').collect()
    } else {
        owner.trim().to_string()
    }
}

/// The initials of a name: the first letter of each word, upper-cased.
fn initials_of(name: &str) -> String {
    name.split(|c: char| c.is_whitespace() || c == '-')
        .filter_map(|w| w.chars().find(|c| c.is_alphabetic()))
        .flat_map(char::to_uppercase)
        .collect()
}

/// The members the owners name, in order of first mention, role "Group member".
///
/// ```
/// use maptoolkit_import::members_for;
/// let members = members_for(["FG", "Victoria Treadway", "VT", "F.G."]);
/// let pairs: Vec<(&str, &str)> = members.iter().map(|m| (m.initials.as_str(), m.name.as_str())).collect();
/// assert_eq!(pairs, [("FG", "FG"), ("VT", "Victoria Treadway")]);
/// ```
pub fn members_for<'a>(owners: impl IntoIterator<Item = &'a str>) -> Vec<Member> {
    let mut members: Vec<Member> = Vec::new();
    for owner in owners {
        let owner = owner.trim();
        if owner.is_empty() {
            continue;
        }
        if is_initials(owner) {
            let initials: String = owner.chars().filter(|c| *c != '.' && *c != ' ').collect();
            let known = members
                .iter()
                .any(|m| m.initials.eq_ignore_ascii_case(&initials) || m.initials == owner);
            if !known {
                members.push(Member {
                    initials: initials.clone(),
                    name: owner.to_string(),
                    role: Some("Group member".to_string()),
                });
            }
        } else {
            if members.iter().any(|m| m.name.eq_ignore_ascii_case(owner)) {
                continue;
            }
            let initials = initials_of(owner);
            // A member known so far only by these initials gets the name.
            if let Some(m) = members
                .iter_mut()
                .find(|m| m.initials == initials && m.name == m.initials)
            {
                m.name = owner.to_string();
                continue;
            }
            let mut unique = initials.clone();
            let mut n = 2;
            while members.iter().any(|m| m.initials == unique) {
                unique = format!("{initials}{n}");
                n += 1;
            }
            members.push(Member {
                initials: unique,
                name: owner.to_string(),
                role: Some("Group member".to_string()),
            });
        }
    }
    members
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owners_that_name_people() {
        for person in [
            "VT",
            "F.G.",
            "Victoria Treadway",
            "Mary-Jane O'Neil",
            "Tracey",
        ] {
            assert!(is_person(person), "{person}");
        }
        for note in [
            "Not allocated (content added by the MAP team)",
            "TBC",
            "n/a",
            "Unallocated",
            "the MAP team",
            "Added by Victoria on 3 May",
        ] {
            assert!(!is_person(note), "{note}");
        }
    }
}
