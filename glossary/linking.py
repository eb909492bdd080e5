"""Glossary auto-linking: the first mention of a term in rendered HTML links to its page.

It runs at render time on HTML that nh3 has already sanitised, so it walks a well-formed
token stream (html.parser) instead of running regular expressions across tags. Text inside
links, headings and code is left alone; a term is linked once per document, at its first
linkable mention; the current term never links to itself. The finished HTML passes through
nh3 once more, so whatever this module produces is held to the same allow-list.

Matching compares word stems (Snowball's Russian stemmer, case-insensitive, ё = е), so an
inflected form links too: "воронки продаж" links «Воронка продаж» without being listed as a
synonym. A hyphen joins words: "CRM" is not found inside "CRM-системы".
"""

import functools
import html
from dataclasses import dataclass
from html.parser import HTMLParser

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from core import stems
from core.markdown import ALLOWED_ATTRIBUTES, render_markdown, sanitize_html
from core.versions import ContentValue

# Rebuilt after every Term change (glossary/apps.py registers the area); the timeout is the
# backstop for what signals cannot reach (bulk updates without versions.changed()).
TERMS_AREA = "glossary:terms"
CACHE_TIMEOUT = 60 * 15
term_index_cache = ContentValue("glossary:term-index", areas=(TERMS_AREA,), timeout=CACHE_TIMEOUT)
MIN_ALIAS_LENGTH = 2
SKIP_TAGS = frozenset({"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre"})
LINK_CLASS = "term-link"

# Our links carry a class and the term summary as a tooltip; everything else stays as strict
# as the shared Markdown allow-list.
_ATTRIBUTES = {**ALLOWED_ATTRIBUTES, "a": ALLOWED_ATTRIBUTES["a"] | {"class"}}


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


def alias_keys(alias):
    return stems.keys(alias)


@dataclass(frozen=True)
class Matcher:
    by_first_key: dict  # first word key -> [(keys, entry)], most words first

    def find(self, text):
        """(start, end, entry) of each alias mention in `text`, left to right; the longest
        alias wins at a position, and the words of a multi-word alias are separated by white
        space only."""
        tokens = [
            (m.start(), m.end(), stems.word_key(m.group(0))) for m in stems.WORDS.finditer(text)
        ]
        index = 0
        while index < len(tokens):
            found = self._match_at(text, tokens, index)
            if found is None:
                index += 1
                continue
            length, entry = found
            yield tokens[index][0], tokens[index + length - 1][1], entry
            index += length

    def _match_at(self, text, tokens, index):
        for keys, entry in self.by_first_key.get(tokens[index][2], ()):
            end = index + len(keys)
            if end > len(tokens):
                continue
            window = tokens[index:end]
            if tuple(key for _s, _e, key in window) != keys:
                continue
            gaps = (text[a[1] : b[0]] for a, b in zip(window, window[1:], strict=False))
            if all(not gap.strip() for gap in gaps):
                return len(keys), entry
        return None


@functools.lru_cache(maxsize=32)
def _compile(index):
    """A Matcher over every alias. When two terms share an alias (as stems), the term whose
    own name it is wins, then the abbreviation, then synonyms; then the earlier term."""
    owner = {}
    for rank in range(3):  # 0 = name, 1 = abbreviation, 2 = synonyms
        for entry in index:
            for position, alias in enumerate(entry.aliases):
                keys = alias_keys(alias)
                if keys and min(position, 2) == rank:
                    owner.setdefault(keys, entry)
    by_first_key = {}
    for keys, entry in sorted(owner.items(), key=lambda item: (-len(item[0]), item[0])):
        by_first_key.setdefault(keys[0], []).append((keys, entry))
    return Matcher(by_first_key), {entry.url: entry.slug for entry in owner.values()}


class _Linker(HTMLParser):
    def __init__(self, matcher, urls, exclude_slug):
        super().__init__(convert_charrefs=True)
        self.matcher = matcher
        self.urls = urls
        self.linked = {exclude_slug} if exclude_slug else set()
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
        for start, end, entry in self.matcher.find(data):
            if entry.slug in self.linked:
                continue
            self.linked.add(entry.slug)
            self.out.append(html.escape(data[position:start], quote=False))
            self.out.append(
                f'<a class="{LINK_CLASS}" href="{html.escape(entry.url)}"'
                f' title="{html.escape(entry.summary)}">'
                f"{html.escape(data[start:end], quote=False)}</a>"
            )
            position = end
        self.out.append(html.escape(data[position:], quote=False))


def link_terms(safe_html, exclude_slug=None, index=None) -> SafeString:
    """Link the first mention of each published term in already-sanitised HTML."""
    if index is None:
        index = get_term_index()
    matcher, urls = _compile(index)
    if not matcher.by_first_key or not safe_html:
        return mark_safe(safe_html)  # noqa: S308 -- the input is sanitised HTML, unchanged
    linker = _Linker(matcher, urls, exclude_slug)
    linker.feed(str(safe_html))
    linker.close()
    return sanitize_html("".join(linker.out), attributes=_ATTRIBUTES)


def render_linked_markdown(text, exclude_slug=None) -> SafeString:
    """Markdown → sanitised HTML → glossary links: the one way term and article texts render."""
    return link_terms(render_markdown(text), exclude_slug=exclude_slug)
