"""Slugs made on the server, spelled the way the admin spells the ones it fills in."""

from django.utils.text import slugify

# The Russian letters of Django admin's urlify.js: a slug made here reads like one the admin
# fills in as an editor types a name.
_RUSSIAN = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
        "з": "z", "и": "i", "й": "j", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
        "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "c",
        "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
        "я": "ya",
    }
)  # fmt: skip


def slug_from(text, max_length=60):
    """'Какую задачу решить на портале «Практика CRM»?' -> 'kakuyu-zadachu-reshit-na-portale-
    praktika-crm', cut after a whole word to at most max_length characters."""
    slug = slugify(text.lower().translate(_RUSSIAN))
    if len(slug) > max_length:
        cut = slug[: max_length + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else slug[:max_length]
    return slug.strip("-")


def first_free(slug, taken, max_length):
    """slug, or slug-2, slug-3, … : the first one not in `taken`."""
    candidate, n = slug, 1
    while candidate in taken:
        n += 1
        suffix = f"-{n}"
        candidate = slug[: max_length - len(suffix)].rstrip("-") + suffix
    return candidate
