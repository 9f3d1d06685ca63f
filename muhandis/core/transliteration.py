"""Uzbek and Russian names between Cyrillic and Latin, for search that finds either spelling.

Not a publication-quality converter: both spellings are reduced to one plain Latin search key,
so that "Каримова", "Karimova" and "KARIMOVA" meet.
"""

_CYRILLIC_TO_LATIN = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "yo",
    "ж": "j",
    "з": "z",
    "и": "i",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "x",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "sh",
    "ъ": "",
    "ы": "i",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
    "ў": "o",
    "қ": "q",
    "ғ": "g",
    "ҳ": "h",
}
# Latin spellings that differ only in marks or in Russian-style transliteration.
_LATIN_EQUIVALENTS = (
    ("ʻ", ""),
    ("ʼ", ""),
    ("'", ""),
    ("`", ""),
    ("‘", ""),
    ("’", ""),
    ("kh", "x"),
    ("zh", "j"),
    ("dzh", "j"),
    ("yu", "yu"),
    ("ya", "ya"),
)


def search_key(text: str) -> str:
    """One lower-case Latin form of a name in either script."""
    latin = "".join(_CYRILLIC_TO_LATIN.get(ch, ch) for ch in (text or "").lower())
    for old, new in _LATIN_EQUIVALENTS:
        latin = latin.replace(old, new)
    return " ".join(latin.split())
