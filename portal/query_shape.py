"""What a search query's wording asks for (pure: no ORM, no request): a definition («что
такое sfa», «crm это»), a comparison («amocrm или битрикс24», «x vs y», «сравнение x и y»),
alternatives («аналог amocrm», «альтернатива битрикс24»), a question a material answers
(«как выбрать crm»), a price («мегаплан тарифы»), or plain words. The portal then looks for
the term, the material or the products the words name."""

import re
from dataclasses import dataclass

from core.search import normalise

DEFINITION = (
    re.compile(r"^(?:что такое|что значит|что означает|определение)\s+(?P<a>.+)$"),
    re.compile(r"^(?P<a>.+?)\s*[—-]?\s*это(?: такое)?\??$"),
)
COMPARISON = (
    re.compile(r"^(?:сравнение|сравнить|сравни)\s+(?P<a>.+?)\s+(?:и|с|vs\.?|или)\s+(?P<b>.+)$"),
    re.compile(r"^(?P<a>.+?)\s+(?:или|vs\.?|versus|против)\s+(?P<b>.+)$"),
)
ALTERNATIVES = (
    re.compile(
        r"^(?:аналог[иа]?|альтернатив[аыу]?|замена|заменить|вместо|похожие на|похожая на)"
        r"\s+(?P<a>.+)$"
    ),
    re.compile(r"^(?P<a>.+?)\s+(?:аналог[иа]?|альтернатив[аыу]?|замена)$"),
)
# A question a material answers: «как выбрать crm», «сколько стоит crm», «чем crm
# отличается от sfa».
QUESTION = re.compile(
    r"^(?:как|чем|сколько|почему|зачем|какую|какой|какая|какие|нужна ли|нужен ли)\s+(?P<a>.+)$"
)
PRICE_WORDS = re.compile(r"\b(?:цена|цены|тариф|тарифы|стоимость|прайс|сколько стоит)\b")


@dataclass(frozen=True)
class QueryShape:
    kind: str  # "definition", "comparison", "alternatives", "question", "price" or "words"
    parts: tuple  # the names the wording points at


def shape(text):
    text = normalise(text).strip(" ?!.")
    for pattern in COMPARISON:
        if match := pattern.match(text):
            return QueryShape("comparison", (match["a"].strip(), match["b"].strip()))
    for pattern in ALTERNATIVES:
        if match := pattern.match(text):
            return QueryShape("alternatives", (match["a"].strip(),))
    for pattern in DEFINITION:
        if match := pattern.match(text):
            return QueryShape("definition", (match["a"].strip(),))
    if match := QUESTION.match(text):
        return QueryShape("question", (match["a"].strip(),))
    without_price = " ".join(PRICE_WORDS.sub(" ", text).split())
    if without_price and without_price != text:
        return QueryShape("price", (without_price,))
    return QueryShape("words", (text,))
