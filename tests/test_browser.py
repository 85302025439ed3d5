"""report.html in a real browser (headless Chromium): no console errors, no horizontal
overflow on a laptop or a phone, every figure decoded, every contents link lands on its
section, and it prints to PDF.

These run whenever Chromium and Playwright are present (``.ci/run`` installs Debian's
chromium when it can); otherwise they are skipped and say why.
"""

from __future__ import annotations

import pytest

from .browser import browser, why_not

REASON = why_not()
pytestmark = pytest.mark.skipif(REASON is not None, reason=f"browser tests skipped: {REASON}")

WIDTHS = (1280, 390)  # a laptop and a phone


@pytest.fixture(scope="module")
def chromium():
    with browser() as b:
        yield b


def _open(chromium, report, width):
    page = chromium.new_page(viewport={"width": width, "height": 900})
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("requestfailed", lambda r: problems.append(f"failed to load {r.url}"))
    page.goto((report / "report.html").as_uri(), wait_until="load")
    return page, problems


@pytest.fixture(scope="module", params=["seed", "comparison"])
def report(request, seed_report, compare_report):
    return seed_report if request.param == "seed" else compare_report


@pytest.mark.parametrize("width", WIDTHS)
def test_renders_without_errors_or_overflow(chromium, report, width):
    page, problems = _open(chromium, report, width)
    assert problems == []
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the page is {overflow}px wider than a {width}px screen"
    wide = page.evaluate(
        """() => [...document.querySelectorAll('main *')]
            .filter(e => !e.closest('.fr-table') && e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .map(e => e.tagName + '.' + e.className).slice(0, 5)"""
    )
    assert wide == []
    broken = page.evaluate(
        "() => [...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.alt)"
    )
    assert broken == [] and page.evaluate("() => document.images.length") >= 3
    page.close()


def test_every_contents_link_lands_on_its_section(chromium, report):
    page, problems = _open(chromium, report, 1280)
    links = page.eval_on_selector_all(
        "nav.fr-toc a, a.fr-goto", "els => els.map(e => e.getAttribute('href'))"
    )
    assert len(links) >= 3
    for href in links:
        page.evaluate("() => window.scrollTo(0, 0)")
        page.click(f"a[href='{href}']")
        box = page.evaluate(
            f"() => {{ const r = document.getElementById('{href[1:]}').getBoundingClientRect();"
            " return [r.top, window.innerHeight, window.scrollY,"
            " document.documentElement.scrollHeight - window.innerHeight]; }"
        )
        top, height, scrolled, most = box
        assert scrolled > 0, f"{href} did not move the page"
        # at the top of the screen, or as high as the end of the page lets it go
        assert -2 <= top <= 40 or (abs(scrolled - most) <= 2 and 0 <= top < height), (href, box)
    assert problems == []
    page.close()


def test_prints_to_pdf(chromium, report, tmp_path):
    page, _ = _open(chromium, report, 1280)
    pdf = tmp_path / "report.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    data = pdf.read_bytes()
    assert (
        data.startswith(b"%PDF") and data.count(b"/Type /Page") - data.count(b"/Type /Pages") >= 2
    )
    page.close()
