"""XSS: every payload in every text field of every label (names, aliases,
evidence, notes, titles ...) rendered in every kind of map and in the report,
opened in real headless Chromium with the network blocked. A page-side hook
records any script that runs; the payloads must stay text."""

from __future__ import annotations

import os

import pytest

from tests.conftest import run_kg
from tests.hostile import PAYLOADS, write_csv
from tests.test_hostile_injection import payload_dataset

# Runs before the page's own scripts: any payload that executes sets a flag
# (every payload in tests/hostile.py that is script writes window.__xss) or calls alert.
HOOK = """
window.__xss = undefined;
window.__alerts = [];
window.alert = function (m) { window.__alerts.push(String(m)); };
"""


def browser_or_skip():
    """The browser, or a failure saying what is missing (KG_BROWSER=skip skips, as in the map tests)."""
    if os.environ.get("KG_BROWSER") == "skip":
        pytest.skip("KG_BROWSER=skip")
    from tests.browser import Browser, chromium_path

    try:
        chromium_path()
    except Exception as e:  # pragma: no cover - depends on the machine
        pytest.fail(f"{e} (set KG_BROWSER=skip to skip the browser tests)")
    return Browser


@pytest.fixture(scope="module")
def hostile_home(tmp_path_factory):
    root = tmp_path_factory.mktemp("xss")
    folder = payload_dataset(root / "payloads")
    ev = PAYLOADS[0]
    n = len(PAYLOADS)
    write_csv(folder / "relationships" / "HOSTS.csv", ["src", "dst", "source_id", "evidence", "note"],
              [[f"org:p{i}", f"station:p{i}", "source:mini", ev, PAYLOADS[i]] for i in range(n)])
    write_csv(folder / "relationships" / "PARTNERS_WITH.csv", ["src", "dst", "source_id", "evidence"],
              [[f"station:p{i}", f"org:p{(i + 1) % n}", "source:mini", PAYLOADS[i]] for i in range(0, n, 2)])
    write_csv(folder / "relationships" / "IN_FIELD.csv", ["src", "dst", "source_id", "evidence"],
              [[f"station:p{i}", "field:p0", "source:mini", PAYLOADS[i]] for i in range(n)]
              + [[f"org:p{i}", "field:p0", "source:mini", PAYLOADS[i]] for i in range(0, n, 3)])
    home = root / "home"
    run_kg("build", str(folder), "-q", home=home)
    return home, root


def pages(home, root):
    out = root / "pages"
    out.mkdir(exist_ok=True)
    made = {}
    for name, args in {
        "whole": ["map", "--lang", "both"],
        "ego": ["map", "--ego", "station:p0", "--hops", "2"],
        "path": ["map", "path", "talent:p1", "station:p1", "--lang", "en"],
        "gaps": ["map", "gaps"],
        "connectors": ["map", "connectors"],
        "partners": ["map", "partners", "station:p0"],
    }.items():
        run_kg(*args, "--out", str(out / f"{name}.html"), home=home)
        made[name] = out / f"{name}.html"
    run_kg("report", "-o", str(out / "report"), home=home)
    made["report"] = out / "report" / "report.html"
    return made


def test_no_payload_runs_in_any_map_or_the_report(hostile_home):
    Browser = browser_or_skip()
    home, root = hostile_home
    made = pages(home, root)
    checked = 0
    with Browser() as b:
        for name, path in made.items():
            page = b.open(path, init_script=HOOK, settle=0.5)
            assert page.evaluate("window.__xss") is None, name
            assert page.evaluate("window.__alerts") == [], name
            assert page.dialogs == [], name
            assert page.external_requests == [], (name, page.external_requests)
            assert page.page_errors == [], (name, page.page_errors)
            if name != "report":
                labels = page.evaluate(
                    "kgMap.network.body.data.nodes.get().map(n => n.label || '')")
                text = "\n".join(labels)
                # the payloads are drawn as the text they are (names may be normalised: whitespace collapsed)
                shown = [p for p in PAYLOADS if " ".join(p.split()) in text]
                assert shown, name
                checked += len(shown)
            else:
                body = page.evaluate("document.body.innerText")
                shown = [p for p in PAYLOADS if " ".join(p.split()) in body]
                assert len(shown) >= 5, shown
                checked += len(shown)
            page.close()
    print(f"\n[xss] {len(PAYLOADS)} payloads x every text field, {len(made)} pages: {checked} payloads "
          "found shown as text, none ran")
