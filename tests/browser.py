"""The system's Chromium, driven by Playwright: for the report's browser tests and the
README's screenshots.

``python -m tests.browser REPORT.html OUT_DIR`` writes ``report-first-screen.png`` and
``report-section.png`` (1280 px wide) of a report; ``make screenshots`` runs it on the seed.
"""

from __future__ import annotations

import shutil
import sys
from contextlib import contextmanager
from pathlib import Path

#: Where Debian's ``chromium`` package puts the browser (``apt-get install chromium``).
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "chrome")


def chromium_path() -> str | None:
    """The system browser, or None when there is none."""
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def why_not() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (make install installs it)"
    if chromium_path() is None:
        return "no Chromium on this machine (Debian: apt-get install -y chromium)"
    return None


@contextmanager
def browser():
    """A headless Chromium (the system's), closed afterwards."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=chromium_path(),
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        )
        try:
            yield b
        finally:
            b.close()


def screenshots(report: Path, out: Path, *, section: str = "sources") -> list[Path]:
    """The report's first screen and one section at 1280 x 800, as small PNGs."""
    out.mkdir(parents=True, exist_ok=True)
    first, part = out / "report-first-screen.png", out / "report-section.png"
    with browser() as b:
        page = b.new_page(viewport={"width": 1280, "height": 800})
        page.goto(Path(report).resolve().as_uri())
        page.screenshot(path=str(first))
        page.evaluate(f"document.getElementById('{section}').scrollIntoView()")
        page.screenshot(path=str(part))
    for path in (first, part):  # a 256-colour palette keeps the PNGs small
        from PIL import Image

        with Image.open(path) as image:
            small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
        small.save(path, optimize=True)
    return [first, part]


if __name__ == "__main__":  # pragma: no cover
    if len(sys.argv) != 3:
        sys.exit("usage: python -m tests.browser REPORT.html OUT_DIR")
    reason = why_not()
    if reason:
        sys.exit(f"cannot take screenshots: {reason}")
    for path in screenshots(Path(sys.argv[1]), Path(sys.argv[2])):
        print(f"wrote {path}")
