"""Accent- and case-insensitive text for the legal-document library's search.

Vietnamese readers often type without accents ("dan chu" for "dân chủ"); the library stores, next to each
document, its text folded to unaccented lower case, and folds the query the same way. Folding maps each
character to exactly one character, so a position in the folded text is the same position in the original:
the results page highlights the original words where the folded query matched.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Longer queries are cut: nobody types more, and a search must not be a way to load the server.
QUERY_MAX = 200


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", char)[0]
    return base.lower() if len(base.lower()) == 1 else char.lower()[:1] or char


def fold(text: str) -> str:
    """ "Dân chủ ở cơ sở" → "dan chu o co so"; the same length as ``text``."""
    return "".join(_fold_char(char) for char in text)


# Characters kept inside a searchable word: letters, digits, and what a document number holds (59/2023/NĐ-CP).
WORD_CHARACTERS = "/-."


def searchable(text: str) -> str:
    """The folded text as stored for the search: words separated by single spaces, one space before each.

    A query word matches the start of a stored word (``contains(" " + word)``): "dan" finds "dân" and
    "dân chủ", not the "dan" inside another word, and "59/2023" finds "59/2023/NĐ-CP".
    """
    kept = "".join(char if char.isalnum() or char in WORD_CHARACTERS else " " for char in fold(text))
    return " " + " ".join(kept.split()) + " "


def terms(query: str) -> list[str]:
    """The words of a query, folded; control characters dropped, at most ``QUERY_MAX`` characters read."""
    clean = "".join(char if char.isprintable() else " " for char in (query or "")[:QUERY_MAX])
    return [word for word in searchable(clean).split() if word]


def highlight_spans(text: str, words: list[str]) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, matched) runs: matched where a folded query word starts a word of it."""
    folded = fold(text)
    marked = [False] * len(text)
    for word in words:
        start = folded.find(word)
        while start != -1:
            if start == 0 or not (folded[start - 1].isalnum() or folded[start - 1] in WORD_CHARACTERS):
                for index in range(start, start + len(word)):
                    marked[index] = True
            start = folded.find(word, start + 1)
    spans: list[tuple[str, bool]] = []
    for char, flag in zip(text, marked, strict=True):
        if spans and spans[-1][1] == flag:
            spans[-1] = (spans[-1][0] + char, flag)
        else:
            spans.append((char, flag))
    return spans
