"""Gazetteers: place names to p-coded units with their hierarchy, behind one small interface.

:class:`Gazetteer` is what the rest of Tollbook sees (``resolve``, ``find_in_text``, ``get``,
``ancestors``, ``contains``); :class:`InMemoryGazetteer` is the one implementation, loaded
from a CSV file so another country is a file away. Regions that span several governorates
("the Syrian coast") are entries of their own and appear among the ancestors of everything
inside them, so ``Place.contains`` answers "is Baniyas on the coast?" with one lookup.
"""

from __future__ import annotations

import csv
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path

from tollbook.errors import DataFormatError, NotFoundError
from tollbook.places.names import fold_key, name_key
from tollbook.records import Place

_WORD_SPAN = re.compile(r"[^\s]+")

COLUMNS = ("pcode", "level", "name_en", "name_ar", "parent_pcode", "ancestors", "lat", "lon", "aliases")
# Words around a name that say which level is meant: "Jableh countryside" is the district.
_LEVEL_HINTS = (
    (re.compile(r"\s+(?:countryside|rural\s+areas|outskirts|suburbs|environs)$"), (1, 2, 3, 4)),
    (re.compile(r"\s+(?:province|governorate|region)$"), (1, 2, 3, 4)),
    (re.compile(r"\s+(?:district|area)$"), (2, 3, 1, 4)),
    (re.compile(r"\s+(?:sub-?district|nahiya)$"), (3, 2, 4, 1)),
    (re.compile(r"\s+(?:city|town|village)$"), (4, 3, 2, 1)),
)
_PREFIX = re.compile(
    r"^(?:the\s+)?(?:(?:city|town|village|province|governorate|district|region|countryside|outskirts|suburbs)\s+of\s+)",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"['’]s$")
_POSSESSOR = re.compile(r"^(?P<owner>.+?)['’]s\s+\w")
_CAPITAL = "A-ZĀ-ž‘`"  # the characters a capitalised name may open with
# After the first word: up to four more capitalised words (inner articles allowed) and a level word.
_RUN_TAIL = (
    rf"[\w'’‘`-]*(?:(?:\s+|-)(?:(?:al|el|ad|as|ash|ar|az|an|ez|es|ed|ibn|bin|of)[-\s]+)?[{_CAPITAL}][\w'’‘`-]*){{0,4}}"
    r"(?:\s+(?:countryside|coast|coastal\s+regions?|coastline|province|governorate|district|region))?"
)
# A run of capitalised words, maybe behind an article ("al-Haffah", "Ash Shaykh"): one character
# class opens the pattern, so the engine skips to capitals (and a, e) directly; look-behinds on
# that first character then pick the branch and check the word boundary. The plain form,
# r"(?=[A-ZĀ-ž‘`aAeE])(?:\b(?:[Aa]l|[Ee]l|[Aa]sh|[Aa]d|[Aa]r|[Aa]s|[Aa]z)[-\s])?[A-ZĀ-ž‘`]" + _RUN_TAIL,
# is tried at every position; tests/places/test_fast_patterns.py checks both find the same runs.
_CAPITALISED = re.compile(
    rf"[{_CAPITAL}ae](?:(?<=[Aa])(?<!\w.)(?:l|sh|d|r|s|z)[-\s][{_CAPITAL}]|(?<=[Ee])(?<!\w.)l[-\s][{_CAPITAL}]"
    rf"|(?<=[{_CAPITAL}])){_RUN_TAIL}"
)
_ARABIC_RUN = re.compile(r"[\u0600-\u06ff]+(?:\s+[\u0600-\u06ff]+){0,3}")
_ARTICLE_WORDS = ("the", "al", "el", "as", "ash", "ad", "ar", "at", "az", "an", "city", "town", "village", "province")
_NOT_PLACES = frozenset(
    name_key(w)
    for w in ["The", "A", "An", "In", "On", "At", "Of", "And", "For", "By", "Al", "El", "Syrian", "Arab", "Army"]
)


class Gazetteer(ABC):
    """Place lookup used by extraction and incidents."""

    name: str

    @abstractmethod
    def get(self, pcode: str) -> Place:
        """The place with this p-code (NotFoundError when unknown)."""

    @abstractmethod
    def resolve(self, text: str) -> Place | None:
        """The place a written name means (transliteration-aware), or None."""

    @abstractmethod
    def find_in_text(self, text: str) -> list[tuple[int, int, Place]]:
        """(start, end, place) for every place name mentioned in ``text``."""

    @abstractmethod
    def __iter__(self) -> Iterator[Place]:
        """Every place, in p-code order."""

    def ancestors(self, place: Place | str) -> list[Place]:
        """The units containing ``place``, nearest first (regions included)."""
        found = self.get(place) if isinstance(place, str) else place
        return [self.get(p) for p in found.ancestors if self.has(p)]

    def contains(self, outer: Place | str, inner: Place | str) -> bool:
        """True when ``inner`` is ``outer`` or lies inside it."""
        a = self.get(outer) if isinstance(outer, str) else outer
        b = self.get(inner) if isinstance(inner, str) else inner
        return a.contains(b)

    def search(self, name: str) -> list[Place]:
        """The place ``name`` resolves to first, then every place whose English name contains it."""
        exact = self.resolve(name)
        wanted = name.strip().lower()
        hits = [p for p in self if wanted and wanted in p.name_en.lower() and p != exact]
        return ([exact] if exact else []) + hits

    def has(self, pcode: str) -> bool:
        try:
            self.get(pcode)
        except NotFoundError:
            return False
        return True


class InMemoryGazetteer(Gazetteer):
    """All places in dictionaries: p-code, exact name keys and folded name keys."""

    def __init__(self, places: Iterable[Place], name: str = "gazetteer") -> None:
        self.name = name
        self._places = {p.pcode: p for p in places}
        self._exact: dict[str, list[Place]] = {}
        self._folded: dict[str, list[Place]] = {}
        self._resolved: dict[str, Place | None] = {}  # extraction asks about the same words again and again
        self._starts: set[str] = set(_ARTICLE_WORDS)  # first words of every name, to skip the rest fast
        self._starting: dict[str, bool] = {}  # _may_start's answer per word as written: texts repeat their words
        for place in self._places.values():
            for written in (place.name_en, place.name_ar or "", *place.aliases):
                if written:
                    _add(self._exact, name_key(written), place)
                    _add(self._folded, fold_key(written), place)
                    first = name_key(written).split()[:1]
                    self._starts.update((*first, *(fold_key(w) for w in first)))

    @classmethod
    def from_csv(cls, path: Path | str, name: str | None = None) -> InMemoryGazetteer:
        """Load a gazetteer file with the columns of ``data/syria.csv`` (see docs/claims.md)."""
        path = Path(path)
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise DataFormatError(
                    f"gazetteer lacks columns {', '.join(missing)}",
                    path=str(path),
                    line=1,
                    hint=f"a gazetteer CSV needs the columns {', '.join(COLUMNS)}",
                )
            places = [_place(row, str(path), number) for number, row in enumerate(reader, start=2)]
        return cls(places, name=name or path.stem)

    def get(self, pcode: str) -> Place:
        try:
            return self._places[pcode]
        except KeyError:
            raise NotFoundError(
                f"no place with p-code {pcode!r} in gazetteer {self.name}",
                hint="list p-codes with `tollbook places` or check the spelling",
            ) from None

    def __iter__(self) -> Iterator[Place]:
        return iter(sorted(self._places.values(), key=lambda p: p.pcode))

    def __len__(self) -> int:
        return len(self._places)

    def resolve(self, text: str) -> Place | None:
        if text in self._resolved:
            return self._resolved[text]
        if len(self._resolved) > 100_000:
            self._resolved.clear()
        found = self._resolve(text)
        self._resolved[text] = found
        return found

    def _resolve(self, text: str) -> Place | None:
        written = _PREFIX.sub("", _POSSESSIVE.sub("", text.strip()))
        found = self._lookup(written)
        owner = _POSSESSOR.match(written)
        if found is None and owner:
            found = self._lookup(owner.group("owner"))
        return found

    def _lookup(self, written: str) -> Place | None:
        preference: tuple[int, ...] = (0, 1, 2, 3, 4)
        key = name_key(written)
        for pattern, levels in _LEVEL_HINTS:
            bare = pattern.sub("", key)
            if bare != key and bare and key not in self._exact:
                key, preference = bare, levels
                break
        candidates = list(self._exact.get(key, ()))
        if len(key) > 3:
            candidates += [p for p in self._folded.get(fold_key(key), ()) if p not in candidates]
        return _choose(candidates, preference) if candidates else None

    def find_in_text(self, text: str) -> list[tuple[int, int, Place]]:
        found: list[tuple[int, int, Place]] = []
        arabic = () if text.isascii() else _ARABIC_RUN.finditer(text)  # isascii is O(1): skips a scan
        for run in (*_CAPITALISED.finditer(text), *arabic):
            found.extend(self._longest_names(text, run.start(), run.end()))
        return sorted(found, key=lambda item: item[0])

    def _longest_names(self, text: str, start: int, end: int) -> Iterator[tuple[int, int, Place]]:
        words = _word_spans(text[start:end])
        index = 0
        while index < len(words):
            if not self._may_start(text[start + words[index][0] : start + words[index][1]]):
                index += 1
                continue
            for stop in range(len(words), index, -1):
                first, last = start + words[index][0], start + words[stop - 1][1]
                phrase = text[first:last].rstrip(".,;:'’")
                key = name_key(phrase)
                if key in _NOT_PLACES or len(key) < 3 or (phrase.isupper() and len(phrase) <= 4):
                    continue
                place = self.resolve(phrase) if stop - index > 1 or key in self._exact else None
                if place is not None:
                    yield first, first + len(phrase), place
                    index = stop - 1
                    break
            index += 1

    def _may_start(self, word: str) -> bool:
        """Whether some name in the gazetteer begins with this word (most words: no).

        Every capitalised word of a text is asked about, and the same words recur (names,
        "The", "Syrian"), so each answer is kept: one dictionary lookup instead of two key
        normalisations and two set lookups.
        """
        known = self._starting.get(word)
        if known is None:
            if len(self._starting) > 100_000:
                self._starting.clear()
            known = self._starting[word] = self._starts_a_name(word)
        return known

    def _starts_a_name(self, word: str) -> bool:
        """The answer ``_may_start`` keeps: the word's key, exact or folded, opens some name."""
        key = name_key(word.rstrip(".,;:'’")).split()[:1]
        return not key or key[0] in self._starts or fold_key(key[0]) in self._starts


def _word_spans(piece: str) -> list[tuple[int, int]]:
    """The spans of the whitespace-free words in ``piece``, as ``[^\\s]+`` finds them.

    Most capitalised runs are one word ("Saturday", "Baniyas"); ``str.split`` (which splits on
    the same whitespace as ``\\s``) answers those without running the pattern.
    """
    parts = piece.split()
    if len(parts) == 1 and len(parts[0]) == len(piece):
        return [(0, len(piece))]
    return [match.span() for match in _WORD_SPAN.finditer(piece)]


def _add(index: dict[str, list[Place]], key: str, place: Place) -> None:
    if key and place not in index.setdefault(key, []):
        index[key].append(place)


def _choose(places: list[Place], preference: tuple[int, ...]) -> Place:
    rank = {level: position for position, level in enumerate(preference)}
    return min(places, key=lambda p: (rank.get(p.level, 9), p.pcode))


def _place(row: dict[str, str], path: str, line: int) -> Place:
    try:
        return Place(
            pcode=row["pcode"], name_en=row["name_en"], level=int(row["level"]), name_ar=row["name_ar"] or None,
            parent_pcode=row["parent_pcode"] or None,
            ancestors=tuple(a for a in row["ancestors"].split("|") if a),
            lat=float(row["lat"]) if row["lat"] else None, lon=float(row["lon"]) if row["lon"] else None,
            aliases=tuple(a for a in row["aliases"].split("|") if a),
        )  # fmt: skip
    except (ValueError, TypeError) as error:
        raise DataFormatError(
            f"bad gazetteer row: {error}",
            path=path,
            line=line,
            hint="level must be an integer, lat/lon numbers or empty",
        ) from None


@lru_cache(maxsize=1)
def default_gazetteer() -> InMemoryGazetteer:
    """The packaged Syria gazetteer (admin 1–3 with OCHA p-codes, GeoNames towns, coastal regions)."""
    data = resources.files("tollbook.places").joinpath("data", "syria.csv")
    with resources.as_file(data) as path:
        return InMemoryGazetteer.from_csv(path, name="syria")
