"""Escaping: article text shown in a page is text, never markup."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from analysis.text.markup import CONTENT_SECURITY_POLICY, escape, markdown

PAYLOADS = [
    '<script>alert("x")</script>',
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    '" onmouseover="alert(1)',
    "[click](javascript:alert(1))",
    "![x](data:text/html;base64,PHNjcmlwdD4=)",
]


def tags(html: str) -> list[str]:
    found: list[str] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append(tag)

    Collect().feed(html)
    return found


@pytest.mark.parametrize("payload", PAYLOADS)
def test_escape_leaves_no_element(payload):
    assert tags(f'<p title="{escape(payload)}">{escape(payload)}</p>') == ["p"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_renders_payloads_as_their_own_words(payload):
    from analysis.report.document import markdown_html  # how the report renders findings

    rendered = markdown_html(f"The headline is {markdown(payload)}.")
    assert tags(rendered) == ["p"], rendered
    text = []

    class Text(HTMLParser):
        def handle_data(self, data):
            text.append(data)

    Text(convert_charrefs=True).feed(rendered)
    assert "".join(text).strip() == f"The headline is {payload}."


def test_none_and_numbers():
    assert escape(None) == "" and markdown(None) == ""
    assert escape(3) == "3" and markdown(0.5) == "0.5"


def test_policy_forbids_scripts_and_remote_content():
    rules = dict(part.strip().split(" ", 1) for part in CONTENT_SECURITY_POLICY.split(";"))
    assert rules["default-src"] == "'none'" and rules["script-src"] == "'none'"
    assert rules["img-src"] == "data:"
