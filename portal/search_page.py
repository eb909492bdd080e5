"""What /search/?q= shows without ?kind=, decided in one place so that the page and
`manage.py evaluate_search` never disagree (docs/search.md).

- the answers (portal/answers.py): the best match, the intent cards;
- the results by kind, unless the site knows too little of the query: when no answer was
  found and at most half of its meaningful words occur anywhere («купить слона»), the
  page is a miss that offers the words it did find as a search of their own, rather than a
  list of rows that only share a common word with the query;
- the words nothing contains («не найдено: …»);
- on a miss, the closest names, the wizard and the glossary.
"""

import functools
import operator
from dataclasses import dataclass, field

from core import search, stems
from portal import answers, selectors
from portal.intents import FILLER
from portal.query_shape import shape


@dataclass
class SearchPage:
    answers: list = field(default_factory=list)
    groups: list = field(default_factory=list)  # [selectors.Group]; empty on a miss
    missing_words: list = field(default_factory=list)
    found_words: list = field(default_factory=list)  # on a partial miss: what to search instead
    nearest: list = field(default_factory=list)  # on a miss: [(name, url)]

    @property
    def is_miss(self):
        return not self.answers and not any(group.total for group in self.groups)


def meaningful_words(text):
    """The words of `text` that say what is sought: not crm, система, для and the like."""
    return [word for word in search.words_of(text) if stems.word_key(word) not in FILLER]


def _boosts(found):
    """Products an intent card opens rank first among the results: {kind key: Q}."""
    conditions = [answer.products for answer in found if answer.products is not None]
    if not conditions:
        return {}
    return {"products": functools.reduce(operator.or_, conditions)}


def search_page(text):
    found = answers.answers_for(text)
    # The words that only shape the query («альтернатива», «или», «что такое») and those an
    # intent card took (its text is what it left) are never "not found".
    intents = [answer for answer in found if answer.is_intent]
    words = meaningful_words(intents[0].text if intents else " ".join(shape(text).parts))
    known = selectors.words_found(" ".join(words)) if words else set()
    missing = [word for word in words if word not in known]
    page = SearchPage(answers=found, missing_words=missing)
    if not found and words and len(missing) * 2 >= len(words):
        page.found_words = [word for word in words if word in known]
        page.nearest = answers.closest_names(text)
        return page
    groups = selectors.search_everything(text, boosts=_boosts(found))
    if any(group.total for group in groups):
        page.groups = groups
    elif not found:
        page.nearest = answers.closest_names(text)
    return page
