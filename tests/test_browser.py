"""report.html in a real browser (headless Chromium): a brief that fits in eight screens,
no horizontal overflow on a laptop or a phone, figure text a phone can read, no words
cut inside table cells, no overlapping labels, contents and evidence links that land,
links between article reports and their comparison, and a page that prints.

These run whenever Chromium and Playwright are present (``.ci/run`` installs Debian's
chromium when it can); otherwise they are skipped and say why.
"""

from __future__ import annotations

import pytest

from .browser import browser, why_not

REASON = why_not()
pytestmark = pytest.mark.skipif(REASON is not None, reason=f"browser tests skipped: {REASON}")

WIDTHS = (1280, 390)  # a laptop and a phone
SCREEN = 800  # the height of a laptop's screen, in CSS pixels


@pytest.fixture(scope="module")
def chromium():
    with browser() as b:
        yield b


def _open(chromium, folder, width, height=SCREEN):
    page = chromium.new_page(viewport={"width": width, "height": height})
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("requestfailed", lambda r: problems.append(f"failed to load {r.url}"))
    page.goto((folder / "report.html").as_uri(), wait_until="load")
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
            .filter(e => !e.closest('.fr-table') && !e.closest('svg')
                         && e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .map(e => e.tagName + '.' + e.className).slice(0, 5)"""
    )
    assert wide == []
    assert page.evaluate("() => document.querySelectorAll('figure svg').length") >= 3
    page.close()


def test_the_brief_fits_in_eight_screens(chromium, seed_report):
    page, _ = _open(chromium, seed_report, 1280)
    top = page.evaluate("() => document.getElementById('appendices').getBoundingClientRect().top")
    screens = top / SCREEN
    assert screens <= 8, f"the brief runs to {screens:.1f} screens before the appendices"
    closed = page.evaluate(
        "() => [...document.querySelectorAll('details.fr-appendix')].filter(d => d.open).length"
    )
    assert closed == 0  # appendices start collapsed
    page.close()


def test_figure_text_is_at_least_9px_on_a_phone(chromium, report):
    page, _ = _open(chromium, report, 390)
    small = page.evaluate(
        """() => [...document.querySelectorAll('figure svg text')]
            .map(t => { const m = t.getScreenCTM();
                        return [t.textContent.trim(),
                                parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b)]; })
            .filter(([text, px]) => text && px < 9)
            .slice(0, 5)"""
    )
    assert small == [], f"figure text under 9px on a 390px phone: {small}"
    page.close()


def test_no_two_figure_labels_overlap(chromium, report):
    page, _ = _open(chromium, report, 1280)
    overlaps = page.evaluate(
        """() => {
          const found = [];
          for (const svg of document.querySelectorAll('figure svg')) {
            const boxes = [...svg.querySelectorAll('text')]
              .filter(t => t.textContent.trim())
              .map(t => [t.textContent.trim(), t.getBoundingClientRect()]);
            for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
              const [a, p] = boxes[i], [b, q] = boxes[j];
              const dx = Math.min(p.right, q.right) - Math.max(p.left, q.left);
              const dy = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
              if (dx > 2 && dy > 2) found.push([svg.getAttribute('aria-label'), a, b]);
            }
          }
          return found.slice(0, 5);
        }"""
    )
    assert overlaps == []
    page.close()


def test_no_word_is_broken_inside_a_table_cell(chromium, seed_report):
    """Cells wrap between words (or after a hyphen or dash), never inside a word."""
    page, _ = _open(chromium, seed_report, 390)
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    broken = page.evaluate(
        """() => {
          const found = [];
          for (const cell of document.querySelectorAll('.fr-table td, .fr-table th')) {
            const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              // a line may end after a hyphen or a dash, as in print; never inside a word
              const words = node.textContent.matchAll(/[^\\s\\-\u2010-\u2015/]+/g);
              for (const m of words) {
                const range = document.createRange();
                range.setStart(node, m.index);
                range.setEnd(node, m.index + m[0].length);
                const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                if (lines.size > 1) found.push(m[0]);
              }
            }
          }
          return found.slice(0, 5);
        }"""
    )
    assert broken == [], f"words split over lines in table cells: {broken}"
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


def test_an_evidence_link_opens_the_marked_article_at_its_sentence(chromium, seed_report):
    page, _ = _open(chromium, seed_report, 1280)
    href = page.eval_on_selector("#summary .fr-evidence a", "e => e.getAttribute('href')")
    page.click(f"#summary .fr-evidence a[href='{href}']")
    state = page.evaluate(
        f"""() => {{ const s = document.getElementById('{href[1:]}');
              const r = s.getBoundingClientRect();
              return [s.closest('details').open, r.top, r.height, window.innerHeight]; }}"""
    )
    is_open, top, height, screen = state
    assert is_open and height > 0 and 0 <= top < screen, state
    page.close()


def test_article_reports_and_their_comparison_link_both_ways(chromium, compare_report):
    parent = compare_report.parent
    page, _ = _open(chromium, compare_report, 1280)
    targets = page.eval_on_selector_all(
        "a[href^='../']", "els => [...new Set(els.map(e => e.getAttribute('href')))]"
    )
    articles = {h.split("/")[1] for h in targets}
    assert len(articles) >= 2
    for name in articles:
        assert (parent / name / "report.html").is_file(), name
        other, _ = _open(chromium, parent / name, 1280)
        back = other.eval_on_selector_all(
            f"a[href='../{compare_report.name}/report.html']", "els => els.length"
        )
        assert back >= 2  # in the title block and in the closing line
        other.close()
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
