"""Text that reaches a page: the one place where article-derived strings are escaped.

Headlines, headings, metadata, sentence text, actor names and page titles come from the
article, its sidecar or a web page, so they can hold markup (``<script>``,
``<img onerror=...>``). Everything that puts such a string into HTML or into Markdown
that is rendered as HTML goes through :func:`escape` or :func:`markdown`; the report
page also carries :data:`CONTENT_SECURITY_POLICY`, which forbids every script, so an
escape missed somewhere still cannot run.
"""

from __future__ import annotations

import html
import re
from typing import Any

__all__ = ["escape", "markdown", "CONTENT_SECURITY_POLICY"]

#: The report's Content-Security-Policy: no scripts at all (the report needs none),
#: images only from the page itself (figures are embedded as data: URLs), inline styles.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'none'; img-src data:; style-src 'unsafe-inline'; "
    "font-src data:; base-uri 'none'; form-action 'none'"
)

# Markdown syntax that could turn article text into links, images, code or emphasis.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>!|#~])")


def escape(value: Any) -> str:
    """``value`` as text safe inside HTML element content or a quoted attribute.

    ``None`` becomes an empty string; anything else is converted with ``str``.

    >>> escape('<img src=x onerror="alert(1)">')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
    """
    if value is None:
        return ""
    return html.escape(str(value), quote=True)


def markdown(value: Any) -> str:
    """``value`` as literal text inside Markdown that is rendered to HTML.

    HTML is escaped (so tags show as text) and Markdown syntax is backslash-escaped, so
    a headline like ``[x](javascript:...)`` or ``**bold**`` stays the words it is.

    >>> markdown("<b>Putin</b> *says*")
    '&lt;b&gt;Putin&lt;/b&gt; \\\\*says\\\\*'
    """
    if value is None:
        return ""
    text = html.escape(str(value), quote=False)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
