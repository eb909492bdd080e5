"""Every count the site words with {% blocktranslate count %} has its three Russian forms in
locale/ru: without an entry Django falls back to two forms («4 продуктов»)."""

import re
from pathlib import Path

from django.conf import settings

COUNTED = re.compile(
    r"{%\s*blocktranslate\b[^%]*\bcount\b[^%]*%}(?P<single>.*?){%\s*plural\s*%}", re.S
)
VARIABLE = re.compile(r"{{\s*(\w+)\s*}}")


def russian_msgids():
    po = (settings.BASE_DIR / "locale/ru/LC_MESSAGES/django.po").read_text()
    return set(re.findall(r'^msgid "(.*)"$', po, re.M))


def counted_texts():
    for path in sorted(Path(settings.BASE_DIR / "templates").rglob("*.html")):
        for match in COUNTED.finditer(path.read_text()):
            yield path.name, VARIABLE.sub(r"%(\1)s", match["single"])


def test_every_counted_text_has_its_russian_forms():
    known = russian_msgids()
    missing = [(name, text) for name, text in counted_texts() if text not in known]
    assert not missing
    assert len(list(counted_texts())) >= 5  # the pattern still finds the site's counts
