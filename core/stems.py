"""Word stems for matching Russian text by meaning rather than form: "воронки продаж" and
«Воронка продаж» share their stems (Snowball's Russian stemmer, case-insensitive, ё = е).
Glossary auto-linking and the site search's intents both match with these."""

import functools
import re

import snowballstemmer

WORDS = re.compile(r"\w+(?:-\w+)*")
_STEMMER = snowballstemmer.stemmer("russian")
# Russian text often writes "е" for "ё"; both spellings match.
_YO = str.maketrans("ёЁ", "еЕ")


def normalise(text):
    return text.translate(_YO).casefold()


@functools.lru_cache(maxsize=20_000)
def word_key(word):
    """What two forms of a word share: "воронки" and "Воронка" both give "воронк". Parts of
    a hyphenated word are stemmed one by one ("CRM-системы" gives "crm-систем")."""
    return "-".join(_STEMMER.stemWord(part) for part in normalise(word).split("-"))


def keys(text):
    """The stems of every word of `text`, in order."""
    return tuple(word_key(word) for word in WORDS.findall(text))
