"""Editors write Markdown; visitors only ever see it sanitised by an allow-list."""

import markdown as md
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "h2", "h3", "h4", "p", "br", "hr", "ul", "ol", "li", "strong", "em", "b", "i", "a", "img",
    "code", "pre", "blockquote", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "th": {"align"},
    "td": {"align"},
}
# Relative URLs stay allowed; javascript:, data: and every other scheme are dropped.
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def sanitize_html(html: str, attributes=ALLOWED_ATTRIBUTES) -> SafeString:
    """Only the allow-listed tags, attributes and URL schemes survive."""
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=attributes,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return mark_safe(cleaned)  # noqa: S308 -- nh3 has just sanitised it


def render_markdown(text: str) -> SafeString:
    html = md.markdown(text or "", extensions=["extra", "sane_lists"], output_format="html")
    return sanitize_html(html)
