"""The А–Я letter index of the glossary.

Sorting decision (also in docs/glossary.md):

* Terms whose name starts with a Latin letter or a digit (CRM, SFA, ERP, API, 1С…) form one
  section, "A–Z", shown FIRST, before the Cyrillic letters. The portal's key terms are Latin
  abbreviations that visitors look for first, and it is the order Unicode, PostgreSQL and
  spreadsheets give, so the page agrees with every other list an editor sees.
  So "CRM" and "SFA" come before "Воронка продаж".
* Within "A–Z", terms sort case-insensitively by their Latin spelling (API, churn, CRM, SFA).
* The Cyrillic sections follow the 33-letter alphabet, all 33 always shown; letters with no
  terms are shown disabled. "Ё" is a letter of its own, between Е and Ж, everywhere in a
  word, as the alphabet has it: "Ёмкость" files under Ё (not Е), and "еда" < "ёж" < "жук".
  Plain code-point order would wrongly put Ё before А and ё after я.
* Ъ, Ы, Ь never start a Russian word but are shown (disabled) so the index is the full alphabet.
"""

from dataclasses import dataclass, field

CYRILLIC_ALPHABET = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
LATIN_SECTION = "A–Z"
_ORDER = {letter: index for index, letter in enumerate(CYRILLIC_ALPHABET.lower())}


def section_of(name: str) -> str:
    """The index section a term belongs to: a Cyrillic capital, or "A–Z" for everything else."""
    first = (name.strip()[:1] or " ").upper()
    return first if first in CYRILLIC_ALPHABET else LATIN_SECTION


def sort_key(name: str):
    """Latin section first, then Cyrillic in alphabet order with Ё after Е."""
    text = name.strip().casefold()
    section = section_of(name)
    section_rank = 0 if section == LATIN_SECTION else 1 + CYRILLIC_ALPHABET.index(section)
    # Each Cyrillic letter maps to its place in the alphabet (Е < Ё < Ж);
    # other characters keep code-point order after the alphabet.
    letters = tuple(_ORDER.get(char, 100 + ord(char)) for char in text)
    return (section_rank, letters)


@dataclass
class Section:
    letter: str
    anchor: str
    terms: list = field(default_factory=list)

    @property
    def is_empty(self):
        return not self.terms


def build_sections(terms):
    """All sections in page order (A–Z, then А…Я), each with its terms sorted; empty ones kept."""
    sections = {LATIN_SECTION: Section(LATIN_SECTION, "letter-latin")}
    for letter in CYRILLIC_ALPHABET:
        sections[letter] = Section(letter, f"letter-{letter}")
    for term in sorted(terms, key=lambda t: sort_key(t.name)):
        sections[section_of(term.name)].terms.append(term)
    return list(sections.values())
