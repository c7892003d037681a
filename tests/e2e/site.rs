//! The website in real tools: every internal link and anchor resolves, the feed parses as Atom
//! with stable `tag:` ids and links to pages that exist, every page and the style sheet pass the
//! Nu HTML Checker, and pages have no axe-core violation in headless Chromium.
//!
//! The tools are installed by `.ci/run` (Debian `chromium`, Java, and the npm packages
//! `axe-core` and `vnu-jar` under `target/npm`); a missing tool fails the test, never skips it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use maptoolkit_briefing::{Audience, Exporter, compose};
use maptoolkit_html::HtmlExporter;
use serde_json::Value;

use crate::util::{BASE_URL, fixtures, options, repo_root};

/// The site of the fixtures for `audience`, written into a temporary folder (`<dir>/site/...`),
/// and every file of it by path relative to `site/`, with its text.
fn write_site(audience: Audience) -> (tempfile::TempDir, BTreeMap<String, String>) {
    let dir = tempfile::tempdir().unwrap();
    let bundle = compose(&fixtures(), &options(audience));
    let mut files = BTreeMap::new();
    for file in HtmlExporter.export(&bundle).unwrap() {
        let path = file
            .path
            .components()
            .fold(dir.path().to_path_buf(), |p, c| p.join(c));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &file.bytes).unwrap();
        let relative = file
            .path
            .as_str()
            .strip_prefix("site/")
            .unwrap()
            .to_string();
        files.insert(relative, String::from_utf8(file.bytes).unwrap());
    }
    (dir, files)
}

/// The values of every `name="…"` attribute in `html`, unescaped for `&amp;`.
fn attributes(html: &str, name: &str) -> Vec<String> {
    let needle = format!(" {name}=\"");
    html.match_indices(&needle)
        .map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            rest[..rest.find('"').unwrap()].replace("&amp;", "&")
        })
        .collect()
}

/// Resolves `href` from the page at `from` (both relative to the site's root).
fn resolve(from: &str, href: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in href.split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            other => parts.push(other),
        }
    }
    parts.join("/")
}

#[test]
fn every_internal_link_and_anchor_resolves() {
    for audience in [Audience::Public, Audience::Members] {
        let (_dir, site) = write_site(audience);
        let mut checked = 0;
        for (path, text) in site.iter().filter(|(p, _)| p.ends_with(".html")) {
            for href in attributes(text, "href") {
                if href.starts_with("https://")
                    || href.starts_with("http://")
                    || href.starts_with("mailto:")
                {
                    continue;
                }
                let (file, anchor) = href.split_once('#').unwrap_or((&href, ""));
                let target = if file.is_empty() {
                    path.clone()
                } else {
                    resolve(path, file)
                };
                let Some(target_text) = site.get(&target) else {
                    panic!("{path}: link to {href} ({target}) leads nowhere ({audience:?})");
                };
                if !anchor.is_empty() {
                    assert!(
                        target_text.contains(&format!(" id=\"{anchor}\"")),
                        "{path}: {href}: no such anchor"
                    );
                }
                checked += 1;
            }
        }
        assert!(checked > 100, "only {checked} links checked");
    }
}

#[test]
fn the_feed_is_atom_with_stable_ids_and_links_to_pages_that_exist() {
    let (dir, site) = write_site(Audience::Public);
    let script = r#"
import json, sys, xml.etree.ElementTree as ET
A = "{http://www.w3.org/2005/Atom}"
root = ET.parse(sys.argv[1]).getroot()
def one(e, name):
    found = e.findall(A + name)
    assert len(found) == 1, (name, len(found))
    return found[0]
out = {"root": root.tag, "id": one(root, "id").text, "title": one(root, "title").text,
       "updated": one(root, "updated").text, "author": one(one(root, "author"), "name").text,
       "self": [l.get("href") for l in root.findall(A + "link") if l.get("rel") == "self"],
       "entries": [{"id": one(e, "id").text, "title": one(e, "title").text,
                    "updated": one(e, "updated").text, "summary": one(e, "summary").text,
                    "links": [l.get("href") for l in e.findall(A + "link") if l.get("rel") == "alternate"]}
                   for e in root.findall(A + "entry")]}
print(json.dumps(out))
"#;
    let out = Command::new("python3")
        .args(["-c", script])
        .arg(dir.path().join("site/feed.xml"))
        .output()
        .expect("python3 is installed");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let feed: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(feed["root"], "{http://www.w3.org/2005/Atom}feed");
    assert_eq!(feed["id"], "tag:library.example.org,2017:map/feed");
    assert_eq!(feed["self"][0], format!("{BASE_URL}feed.xml"));
    let entries = feed["entries"].as_array().unwrap();
    let current = fixtures()
        .drivers()
        .values()
        .filter(|d| !d.archived)
        .count();
    assert_eq!(entries.len(), current);
    let mut updated: Vec<&str> = Vec::new();
    for entry in entries {
        let id = entry["id"].as_str().unwrap();
        let slug = id
            .strip_prefix("tag:library.example.org,2017:map/drivers/")
            .unwrap_or_else(|| panic!("{id}"));
        let link = entry["links"][0].as_str().unwrap();
        assert_eq!(link, format!("{BASE_URL}drivers/{slug}.html"));
        let page = link.strip_prefix(BASE_URL).unwrap();
        assert!(site.contains_key(page), "{link} has no page");
        let time = entry["updated"].as_str().unwrap();
        assert!(time.len() == 20 && time.ends_with("T00:00:00Z"), "{time}");
        assert!(!entry["summary"].as_str().unwrap().is_empty());
        updated.push(time);
    }
    assert!(
        updated.windows(2).all(|w| w[0] >= w[1]),
        "not newest first: {updated:?}"
    );
    assert_eq!(feed["updated"], updated[0]);
    assert_eq!(
        entries[0]["title"],
        // Last updated June 2026: the newest.
        "Knowledge for Healthcare: a development framework for NHS library and knowledge services in England 2015–2020"
    );
}

/// Where the npm packages the tests need are installed.
fn node_modules() -> PathBuf {
    let dir = std::env::var_os("MAPTOOLKIT_NODE_MODULES").map_or_else(
        || repo_root().join("target/npm/node_modules"),
        PathBuf::from,
    );
    assert!(
        dir.join("axe-core/axe.min.js").is_file()
            && dir.join("vnu-jar/build/dist/vnu.jar").is_file(),
        "axe-core and vnu-jar are not installed in {} (.ci/run installs them with \
         `npm install --prefix target/npm`)",
        dir.display()
    );
    dir
}

#[test]
fn every_page_and_the_style_sheet_pass_the_nu_html_checker() {
    let vnu = node_modules().join("vnu-jar/build/dist/vnu.jar");
    let (dir, site) = write_site(Audience::Members);
    let paths: Vec<PathBuf> = site
        .keys()
        .filter(|p| p.ends_with(".html") || p.ends_with(".css"))
        .map(|p| dir.path().join("site").join(p))
        .collect();
    assert!(paths.len() > 15, "{paths:?}");
    let out = Command::new("java")
        .arg("-jar")
        .arg(&vnu)
        .args(["--format", "json", "--also-check-css", "--stdout"])
        .args(&paths)
        .output()
        .expect("java is installed (.ci/run installs default-jre-headless)");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|_| {
        panic!(
            "vnu gave no JSON: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let messages: Vec<String> = report["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| format!("{} {}: {}", m["type"], m["url"], m["message"]))
        .collect();
    assert!(messages.is_empty(), "{messages:#?}");
}

/// Runs axe-core in headless Chromium on each page and returns the violations, by page.
fn axe(dir: &Path, pages: &[&str]) -> Vec<(String, Value)> {
    let axe = node_modules().join("axe-core/axe.min.js");
    let site = dir.join("site");
    std::fs::copy(&axe, site.join("axe.min.js")).unwrap();
    let runner = r#"<script src="ROOTaxe.min.js"></script>
<script>
axe.run(document).then(function (r) {
  var out = r.violations.map(function (v) {
    return { id: v.id, help: v.help, nodes: v.nodes.map(function (n) { return n.target.join(' '); }) };
  });
  var pre = document.createElement('pre'); pre.id = 'axe-result';
  pre.textContent = JSON.stringify(out); document.body.appendChild(pre);
}, function (e) {
  var pre = document.createElement('pre'); pre.id = 'axe-result';
  pre.textContent = JSON.stringify([{ id: 'axe-error', help: String(e), nodes: [] }]);
  document.body.appendChild(pre);
});
</script>
</body>"#;
    pages
        .iter()
        .map(|page| {
            let path = site.join(page);
            let html = std::fs::read_to_string(&path).unwrap();
            let root = "../".repeat(page.matches('/').count());
            let probe = path.with_extension("axe.html");
            std::fs::write(
                &probe,
                html.replace("</body>", &runner.replace("ROOT", &root)),
            )
            .unwrap();
            let dom = chromium(&["--dump-dom", "--virtual-time-budget=20000"], &probe);
            let start = dom
                .find("<pre id=\"axe-result\">")
                .unwrap_or_else(|| panic!("{page}: axe did not finish: {dom}"));
            let json = &dom[start + 21..];
            let json = &json[..json.find("</pre>").unwrap()];
            let json = json
                .replace("&quot;", "\"")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
            (page.to_string(), serde_json::from_str(&json).unwrap())
        })
        .collect()
}

/// Runs headless Chromium on a file with `args` and returns what it prints.
fn chromium(args: &[&str], file: &Path) -> String {
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=1280,900",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(format!("file://{}", file.display()))
        .output()
        .expect("chromium is installed (.ci/run installs it)");
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn pages_have_no_axe_violations_in_headless_chromium() {
    let (dir, _) = write_site(Audience::Members);
    let pages = [
        "index.html",
        "drivers/five-year-forward-view.html",
        "themes.html",
        "stories/knowledge-brokers-on-the-wards.html",
        "meetings/meeting-2017-02-08.html",
    ];
    let results = axe(dir.path(), &pages);
    assert_eq!(results.len(), pages.len());
    let violations: Vec<String> = results
        .iter()
        .flat_map(|(page, v)| {
            v.as_array()
                .unwrap()
                .iter()
                .map(move |v| format!("{page}: {} ({}) at {}", v["id"], v["help"], v["nodes"]))
        })
        .collect();
    assert!(violations.is_empty(), "{violations:#?}");
}
