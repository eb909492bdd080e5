"""Intents in a search query (pure: no ORM, no request): the needs a visitor names that the
catalog answers with filters (SearchIntent, editors' data), and the words left to search as
text within them.

An intent matches when the query holds every word of one of its phrases in any form (word
stems: «бесплатные» matches «бесплатная»). Its words are then taken out of the query; what
is left, minus words that only say "a CRM" (crm, система, программа, для …), is searched as
text inside the intent's filters.
"""

from dataclasses import dataclass

from core import stems

# Words that name the product category or join others: they carry no need of their own.
FILLER = frozenset(
    stems.keys(
        "crm срм црм система системы программа программы сервис для с в и на по от "
        "лучший лучшая лучшие какая какую какие выбрать выбор российский"
    )
)
MAX_INTENTS = 2


@dataclass(frozen=True)
class IntentMatch:
    intent: object  # SearchIntent
    rest: str  # the query's words the intent did not take, to search as text within it


def _phrase_keys(intent):
    return [stems.keys(phrase) for phrase in intent.phrase_list]


def match_intents(text, intents):
    """[IntentMatch] of the intents `text` names (at most MAX_INTENTS, in the intents'
    order), each with the words left for a text search."""
    words = stems.WORDS.findall(stems.normalise(text))
    keys = [stems.word_key(word) for word in words]
    taken, found = set(), []
    for intent in intents:
        for phrase in _phrase_keys(intent):
            if phrase and all(key in keys for key in phrase):
                taken |= {index for index, key in enumerate(keys) if key in phrase}
                found.append(intent)
                break
        if len(found) == MAX_INTENTS:
            break
    rest = " ".join(
        word
        for index, (word, key) in enumerate(zip(words, keys, strict=True))
        if index not in taken and key not in FILLER
    )
    return [IntentMatch(intent, rest) for intent in found]


def remaining_words(text, intents):
    """The words of `text` that no matched intent took and that are not filler."""
    matches = match_intents(text, intents)
    if matches:
        return matches[0].rest
    words = stems.WORDS.findall(stems.normalise(text))
    return " ".join(word for word in words if stems.word_key(word) not in FILLER)
