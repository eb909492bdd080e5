import pytest

from core.markdown import render_markdown


def test_it_renders_markdown_to_html():
    html = render_markdown("## Заголовок\n\n**жирный** и [ссылка](https://example.com)")
    assert "<h2>Заголовок</h2>" in html
    assert "<strong>жирный</strong>" in html
    assert 'href="https://example.com"' in html
    assert 'rel="noopener noreferrer"' in html


def test_it_keeps_tables_and_relative_links():
    html = render_markdown("| a | b |\n|---|---|\n| 1 | 2 |\n\n[каталог](/catalog/)")
    assert "<table>" in html
    assert 'href="/catalog/"' in html


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        "[клик](javascript:alert(1))",
        '<a href="JaVaScRiPt:alert(1)">x</a>',
        "![x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        '<iframe src="https://evil.example"></iframe>',
        '<p style="background:url(javascript:alert(1))">x</p>',
        "<svg onload=alert(1)>",
        '<a href="vbscript:msgbox(1)">x</a>',
    ],
)
def test_it_strips_hostile_markup(payload):
    html = render_markdown(payload).lower()
    for banned in (
        "<script",
        "onerror",
        "onload",
        "javascript:",
        "data:",
        "<iframe",
        "style=",
        "vbscript:",
    ):
        assert banned not in html
