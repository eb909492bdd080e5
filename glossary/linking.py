"""Glossary auto-linking: the first mention of a term in rendered HTML links to its page.

It runs at render time on HTML that nh3 has already sanitised, so it walks a well-formed
token stream (html.parser) instead of running regular expressions across tags. Text inside
links, headings and code is left alone; a term is linked once per document, at its first
linkable mention; the current term never links to itself. The finished HTML passes through
nh3 once more, so whatever this module produces is held to the same allow-list.

Matching is exact per word form (case-insensitive): Russian inflections ("воронки продаж")
are matched only if editors add them as synonyms of the term.
"""

import functools
import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from portal.cache import InvalidatedValue
from portal.markdown import ALLOWED_ATTRIBUTES, render_markdown, sanitize_html

CACHE_KEY = "glossary:term-index:v1"
# Dropped on every Term change (glossary/apps.py); the timeout is the backstop for what
# signals cannot reach (bulk updates, other processes' local-memory caches without Redis).
CACHE_TIMEOUT = 60 * 15
term_index_cache = InvalidatedValue(CACHE_KEY, CACHE_TIMEOUT)
MIN_ALIAS_LENGTH = 2
SKIP_TAGS = frozenset({"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre"})
LINK_CLASS = "term-link"

# Our links carry a class and the term summary as a tooltip; everything else stays as strict
# as the shared Markdown allow-list.
_ATTRIBUTES = {**ALLOWED_ATTRIBUTES, "a": ALLOWED_ATTRIBUTES["a"] | {"class"}}
# A hyphen joins words ("CRM-система"), so it is part of a word for boundary purposes:
# "CRM" is not found inside "CRM-системы".
_WORD_CHAR = r"[\w-]"
# Russian text often writes "е" for "ё"; both spellings match. One character for one, so
# positions in the normalised text are positions in the original.
_YO = str.maketrans("ёЁ", "еЕ")


def _normalise(text):
    return text.translate(_YO).casefold()


@dataclass(frozen=True)
class TermEntry:
    slug: str
    url: str
    summary: str
    aliases: tuple[str, ...]


def _build_index():
    from glossary.models import Term

    entries = []
    for slug, name, abbreviation, synonyms, summary in Term.objects.published().values_list(
        "slug", "name", "abbreviation", "synonyms", "summary"
    ):
        aliases = [name, abbreviation, *synonyms.split(",")]
        aliases = tuple(a.strip() for a in aliases if len(a.strip()) >= MIN_ALIAS_LENGTH)
        url = reverse("glossary:term-detail", kwargs={"slug": slug})
        entries.append(TermEntry(slug=slug, url=url, summary=summary, aliases=aliases))
    return tuple(entries)


def get_term_index():
    """Published terms with their aliases, from the cache (one query on a miss)."""
    return term_index_cache.get(_build_index)


@functools.lru_cache(maxsize=32)
def _compile(index):
    """One alternation of every alias, longest first, so "CRM-система" wins over "CRM".

    When two terms share an alias, the term whose own name it is wins, then the earlier term.
    """
    owner = {}
    for rank in range(3):  # 0 = name, 1 = abbreviation, 2 = synonyms
        for entry in index:
            for position, alias in enumerate(entry.aliases):
                if min(position, 2) == rank:
                    owner.setdefault(_normalise(alias), entry)
    if not owner:
        return None, {}
    aliases = sorted(owner, key=lambda a: (-len(a), a))
    pattern = "|".join(re.escape(a) for a in aliases)
    regex = re.compile(rf"(?<!{_WORD_CHAR})(?:{pattern})(?!{_WORD_CHAR})", re.IGNORECASE)
    return regex, owner


class _Linker(HTMLParser):
    def __init__(self, regex, owner, exclude_slug):
        super().__init__(convert_charrefs=True)
        self.regex = regex
        self.owner = owner
        self.linked = {exclude_slug} if exclude_slug else set()
        self.urls = {entry.url: entry.slug for entry in owner.values()}
        self.skip_depth = 0
        self.out = []

    def handle_starttag(self, tag, attrs):
        if tag in SKIP_TAGS:
            self.skip_depth += 1
        if tag == "a":
            # A term the author linked by hand already has its link.
            href = dict(attrs).get("href") or ""
            if href in self.urls:
                self.linked.add(self.urls[href])
        self.out.append(self.get_starttag_text())

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        if tag in SKIP_TAGS and self.skip_depth:
            self.skip_depth -= 1
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        if self.skip_depth:
            self.out.append(html.escape(data, quote=False))
            return
        position = 0
        for match in self.regex.finditer(data.translate(_YO)):
            entry = self.owner.get(_normalise(match.group(0)))
            if entry is None or entry.slug in self.linked:
                continue
            self.linked.add(entry.slug)
            self.out.append(html.escape(data[position : match.start()], quote=False))
            self.out.append(
                f'<a class="{LINK_CLASS}" href="{html.escape(entry.url)}"'
                f' title="{html.escape(entry.summary)}">'
                f"{html.escape(data[match.start() : match.end()], quote=False)}</a>"
            )
            position = match.end()
        self.out.append(html.escape(data[position:], quote=False))


def link_terms(safe_html, exclude_slug=None, index=None) -> SafeString:
    """Link the first mention of each published term in already-sanitised HTML."""
    if index is None:
        index = get_term_index()
    regex, owner = _compile(index)
    if regex is None or not safe_html:
        return mark_safe(safe_html)  # noqa: S308 -- the input is sanitised HTML, unchanged
    linker = _Linker(regex, owner, exclude_slug)
    linker.feed(str(safe_html))
    linker.close()
    return sanitize_html("".join(linker.out), attributes=_ATTRIBUTES)


def render_linked_markdown(text, exclude_slug=None) -> SafeString:
    """Markdown → sanitised HTML → glossary links: the one way term and article texts render."""
    return link_terms(render_markdown(text), exclude_slug=exclude_slug)
