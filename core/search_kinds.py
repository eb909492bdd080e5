"""The kinds of rows the site search lists (products, glossary terms, materials): each app
registers its own from its AppConfig.ready(), and /search/ (portal/selectors.py) lists them
in `order`."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    key: str  # the ?kind= value
    title: str
    published: object  # a callable returning the visible rows, with what a hit shows
    snippet_source: tuple  # fields joined into the text a snippet is cut from
    title_field: str
    order: int = 0


_kinds = {}


def register(kind):
    _kinds[kind.key] = kind


def kinds():
    return sorted(_kinds.values(), key=lambda kind: kind.order)


def by_key(key):
    return _kinds.get(key)
