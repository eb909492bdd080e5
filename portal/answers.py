"""The answers /search/ puts above its results: the best match first (a term's definition,
a product's card, two products' comparison, a product's alternatives) and the intent cards
that open the catalog or the wizard with the filters a query names (SearchIntent).

Reads only, in a number of queries that does not grow with the catalog: one to find each
name the query points at, one for the intents, one count per matched intent.
"""

from dataclasses import dataclass, field

from django.db.models import F, Q
from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _

from catalog.filters import ProductFilter
from catalog.models import Product
from core import search, stems
from glossary.models import Article, Term
from portal.intents import FILLER, match_intents
from portal.models import SearchIntent
from portal.query_shape import shape

# How close a query must come to a name (trigram word similarity) to be about that row.
NAMES_A_ROW = 0.6
# A term shown for a query that is not exactly one of its names must come closer than that:
# «воронка» is «Воронка продаж», but «crm для школы» is not «CRM для смартфона».
CLOSE_SPELLING = 0.8
# Words every material of a CRM portal has: they tell no question from another.
GENERIC = frozenset(stems.keys("crm срм црм система системы программа программы"))
ALTERNATIVES_SHOWN = 3
EXACT_CANDIDATES = 10


# What each kind of answer is called on its card, and what its link says.
_LABELS = {
    "definition": (_("Определение"), _("Подробнее")),
    "product": (_("Продукт"), _("Открыть карточку")),
    "comparison": (_("Сравнение"), _("Открыть сравнение")),
    "alternatives": (_("Альтернативы"), _("Все похожие продукты")),
    "article": (_("Материал"), _("Читать")),
    "catalog": (_("Каталог"), _("Открыть каталог")),
    "wizard": (_("Подбор"), _("Открыть подбор")),
}


@dataclass
class Answer:
    kind: str  # "definition", "product", "comparison", "alternatives", "article", "intent"
    title: str
    url: str
    key: str  # what the answer is, for the evaluation: term:<slug>, catalog:<query>, …
    text: str = ""
    count: int | None = None
    items: list = field(default_factory=list)
    obj: object = None
    products: object = None  # a catalog intent's condition on products (Q), for ranking

    @property
    def is_intent(self):
        return self.kind == "intent"

    @property
    def opens_wizard(self):
        return self.is_intent and self.obj.target == SearchIntent.Target.WIZARD

    @property
    def is_product(self):
        return self.kind == "product"

    @property
    def lists_products(self):
        return self.kind in ("comparison", "alternatives")

    def _labels(self):
        if self.is_intent:
            return _LABELS["wizard" if self.opens_wizard else "catalog"]
        return _LABELS[self.kind]

    @property
    def label(self):
        return self._labels()[0]

    @property
    def more(self):
        return self._labels()[1]


def _best(queryset, text, *prefer):
    """The row `text` names, or None: of the matches whose name comes close, the closest,
    then by `prefer` (order_by expressions), then the best ranked."""
    if not search.words_of(text):
        return None
    return (
        queryset.ranked_search(text)
        .filter(name_match__gte=NAMES_A_ROW)
        .order_by("-name_match", *prefer, "-search_rank", "pk")
        .first()
    )


def best_product(text):
    """The product `text` names; of a family, the main entry before its editions."""
    if not _names_something(text):
        return None
    products = Product.objects.published().select_related("vendor", "product_class")
    return _best(products, text, F("edition_of").asc(nulls_first=True))


def best_term(text, closeness=NAMES_A_ROW):
    if not _names_something(text):
        return None
    term = _best(Term.objects.published(), text)
    return term if term is not None and term.name_match >= closeness else None


def best_article(text):
    """The material that answers a question best: the best ranked match on its words, less
    the ones every material has («crm», «система»)."""
    words = [word for word in search.words_of(text) if stems.word_key(word) not in GENERIC]
    if not words:
        return None
    return Article.objects.published().ranked_search(" ".join(words)).first()


def _names_something(text):
    """Whether `text` holds more than words every CRM name has: «crm» alone names no
    product (1С:CRM, S2 CRM …) and no term but CRM itself, which its exact name finds."""
    return any(stems.word_key(word) not in FILLER for word in search.words_of(text))


def _definition(term):
    return Answer(
        "definition",
        term.name,
        term.get_absolute_url(),
        f"term:{term.slug}",
        text=term.summary,
        obj=term,
    )


def _product(product):
    return Answer(
        "product",
        product.name,
        product.get_absolute_url(),
        f"product:{product.slug}",
        text=product.summary,
        obj=product,
    )


def _article(article):
    return Answer(
        "article",
        article.title,
        article.get_absolute_url(),
        f"article:{article.slug}",
        text=article.lead,
        obj=article,
    )


def _comparison(first, second):
    slugs = f"{first.slug},{second.slug}"
    return Answer(
        "comparison",
        _("Сравнить %(a)s и %(b)s") % {"a": first.name, "b": second.name},
        f"{reverse('catalog:compare')}?products={slugs}",
        f"compare:{slugs}",
        items=[first, second],
    )


def _alternatives(product):
    similar = list(Product.objects.similar_to(product, limit=ALTERNATIVES_SHOWN))
    return Answer(
        "alternatives",
        _("Альтернативы %(name)s") % {"name": product.name},
        f"{product.get_absolute_url()}#similar-title",
        f"alternatives:{product.slug}",
        items=similar,
        obj=product,
    )


def _exact_term(text):
    """The term whose name, abbreviation, synonym or other spelling is exactly `text`: of
    the closest few («crm» comes as close to «Мобильная CRM» as to «CRM»)."""
    if not search.words_of(text):
        return None
    close = (
        Term.objects.published()
        .ranked_search(text)
        .filter(name_match__gte=NAMES_A_ROW)
        .order_by("-name_match", "-search_rank", "pk")[:EXACT_CANDIDATES]
    )
    wanted = search.normalise(text)
    return next((term for term in close if wanted in _names_of(term)), None)


def named_answers(text, unclaimed=None):
    """(first, last): the answers the wording of `text` asks for (query_shape), the first to
    go above the intent cards, the last (a definition found only by a close spelling of a
    term's name) below them. unclaimed: the words no intent card took (None: all of them)."""
    unclaimed = text if unclaimed is None else unclaimed
    asked = shape(text)
    if asked.kind == "comparison":
        first, second = (best_product(part) for part in asked.parts)
        if first and second and first.pk != second.pk:
            return [_comparison(first, second)], []
        return [_product(p) for p in (first, second) if p], []
    if asked.kind == "alternatives":
        product = best_product(asked.parts[0])
        return ([_alternatives(product)] if product else []), []
    if asked.kind == "definition":
        term = _exact_term(asked.parts[0]) or best_term(asked.parts[0])
        return ([_definition(term)] if term else []), []
    if asked.kind == "question":
        article = best_article(asked.parts[0])
        found = [_article(article)] if article else []
        terms = [_exact_term(word) for word in search.words_of(asked.parts[0])]
        return found + [_definition(term) for term in dict.fromkeys(terms) if term], []
    if asked.kind == "price":
        product = best_product(asked.parts[0])
        return ([_product(product)] if product else []), []
    term = _exact_term(text)
    if term:
        return [_definition(term)], []
    # What an intent card took («бесплатная») names no product: «Платная CRM» is not meant.
    product = best_product(unclaimed) if unclaimed else None
    if product:
        return [_product(product)], []
    term = _term_named_by_words(text)
    if term is None and unclaimed:
        term = best_term(unclaimed, closeness=CLOSE_SPELLING)
    return [], ([_definition(term)] if term else [])


def _meaningful_keys(text):
    return {key for key in stems.keys(text) if key not in FILLER}


def _term_named_by_words(text):
    """The term one of whose names has the query's meaningful words in any form: «erp с
    crm» names ERP, «crm с интеграцией 1с» names «Интеграция с 1С»."""
    wanted = _meaningful_keys(text)
    if not wanted:
        return None
    words = " ".join(w for w in search.words_of(text) if stems.word_key(w) not in FILLER)
    close = (
        Term.objects.published()
        .ranked_search(words)
        .filter(name_match__gte=NAMES_A_ROW)
        .order_by("-name_match", "-search_rank", "pk")[:EXACT_CANDIDATES]
    )
    for term in close:
        if any(_meaningful_keys(name) == wanted for name in _names_of(term)):
            return term
    return None


def answers_for(text):
    """Everything /search/ puts above its results, in order: the best match, the intent
    cards, then a definition found only by a close spelling."""
    intents = intent_answers(text)
    first, last = named_answers(text, intents[0].text if intents else None)
    return first + intents + last


def _names_of(term):
    names = [term.name, term.abbreviation, *term.synonym_list, *term.spelling_list]
    return {search.normalise(name) for name in names if name}


def intent_answers(text):
    """The intent cards `text` names, each counting what it opens (catalog targets). The
    words that only shape the query («что такое», «или») are not searched within a card;
    when the words left empty the card's list, the card opens the filter alone, and a card
    whose filter holds nothing is not shown."""
    intents = list(SearchIntent.objects.filter(is_published=True))
    answers = []
    for matched in match_intents(" ".join(shape(text).parts), intents):
        answer = _intent_answer(matched.intent, matched.rest)
        if answer is not None:
            answers.append(answer)
    return answers


def _intent_answer(intent, rest):
    query = QueryDict(intent.query, mutable=True)
    if intent.target == SearchIntent.Target.WIZARD:
        url = f"{reverse('selection:wizard')}?{query.urlencode()}"
        return Answer("intent", intent.label, url, f"wizard:{intent.query}", obj=intent)
    filtered = ProductFilter(query).qs
    count = None
    if rest:
        query["q"] = rest
        count = ProductFilter(query).qs.count()
        if not count:
            query.pop("q")
            rest = ""
    if count is None or not rest:
        count = filtered.count()
    if not count:
        return None
    return Answer(
        "intent",
        intent.label,
        f"{reverse('catalog:product-list')}?{query.urlencode()}",
        f"catalog:{intent.query}",
        text=rest,
        count=count,
        obj=intent,
        products=Q(pk__in=filtered.values("pk")),
    )


def closest_names(text, limit=3):
    """Product and term names nearest to a query that found nothing: "Возможно, вы искали"."""
    found = []
    for queryset in (Product.objects.published(), Term.objects.published()):
        rows = search.nearest(queryset, text)[:limit]
        found += [(row.similarity, row.name, row.get_absolute_url()) for row in rows]
    found.sort(key=lambda item: -item[0])
    return [(name, url) for _similarity, name, url in found[:limit]]
