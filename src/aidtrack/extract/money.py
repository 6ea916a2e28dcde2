"""Money amounts in news text: "$1.3bn", "EUR 500 million", "2 trillion won".

A small, predictable parser of our own (general unit parsers misread "£2.3bn").
Each amount becomes a :class:`Money` with the number in units of an ISO 4217
currency and the character span it was read from.

>>> [(m.amount, m.currency) for m in parse_money("Japan gave ¥471.9 billion.")]
[(471900000000.0, 'JPY')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Money:
    """An amount of money found in a text, with its character span."""

    amount: float
    currency: str
    start: int
    end: int
    # the currency as written ("kroner"), where one word serves several currencies
    written: str = ""


# Symbols and prefixes written before the number, longest first.
_PREFIXES: dict[str, str] = {
    "us$": "USD",
    "u.s.$": "USD",
    "usd": "USD",
    "$": "USD",
    "a$": "AUD",
    "au$": "AUD",
    "c$": "CAD",
    "ca$": "CAD",
    "nz$": "NZD",
    "hk$": "HKD",
    "€": "EUR",
    "eur": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "¥": "JPY",
    "jpy": "JPY",
    "cny": "CNY",
    "rmb": "CNY",
    "₩": "KRW",
    "krw": "KRW",
    "₴": "UAH",
    "uah": "UAH",
    "chf": "CHF",
    "sek": "SEK",
    "nok": "NOK",
    "dkk": "DKK",
    "pln": "PLN",
    "czk": "CZK",
    "cad": "CAD",
    "aud": "AUD",
    "₽": "RUB",
    "rub": "RUB",
    "₹": "INR",
    "inr": "INR",
    "huf": "HUF",
    "ron": "RON",
    "bgn": "BGN",
    "try": "TRY",
    "nzd": "NZD",
    "sgd": "SGD",
    "isk": "ISK",
    "ils": "ILS",
    "twd": "TWD",
    "nt$": "TWD",
}

# Currency words written after the number (singular and plural).
_SUFFIXES: dict[str, str] = {
    "dollars": "USD",
    "dollar": "USD",
    "us dollars": "USD",
    "u.s. dollars": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "pounds sterling": "GBP",
    "pounds": "GBP",
    "pound": "GBP",
    "sterling": "GBP",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "won": "KRW",
    "hryvnias": "UAH",
    "hryvnia": "UAH",
    "hryvnas": "UAH",
    "hryvna": "UAH",
    "roubles": "RUB",
    "rubles": "RUB",
    "rouble": "RUB",
    "ruble": "RUB",
    "swiss francs": "CHF",
    "francs": "CHF",
    "swedish kronor": "SEK",
    "swedish crowns": "SEK",
    "norwegian kroner": "NOK",
    "norwegian crowns": "NOK",
    "danish kroner": "DKK",
    "danish crowns": "DKK",
    "kroner": "NOK",
    "krone": "NOK",
    "kronor": "SEK",
    "krona": "SEK",
    # a bare "crowns" is the donor's own (NOK, SEK, DKK, CZK: aidtrack.extract.amounts)
    "crowns": "SEK",
    "zlotys": "PLN",
    "zloty": "PLN",
    "canadian dollars": "CAD",
    "canadian dollar": "CAD",
    "australian dollars": "AUD",
    "australian dollar": "AUD",
    "new zealand dollars": "NZD",
    "taiwan dollars": "TWD",
    "singapore dollars": "SGD",
    "norwegian krone": "NOK",
    "danish krone": "DKK",
    "swedish krona": "SEK",
    "icelandic kronur": "ISK",
    "kronur": "ISK",
    "czech korunas": "CZK",
    "czech crowns": "CZK",
    "korunas": "CZK",
    "koruna": "CZK",
    "rupees": "INR",
    "forints": "HUF",
    "forint": "HUF",
    "lei": "RON",
    "leva": "BGN",
    "lira": "TRY",
    "liras": "TRY",
    "shekels": "ILS",
    "shekel": "ILS",
    "riyals": "SAR",
    "riyal": "SAR",
    "dirhams": "AED",
    "dirham": "AED",
    "usd": "USD",
    "eur": "EUR",
    "gbp": "GBP",
    "jpy": "JPY",
    "krw": "KRW",
    "nok": "NOK",
    "sek": "SEK",
    "dkk": "DKK",
    "chf": "CHF",
    "pln": "PLN",
    "czk": "CZK",
    "uah": "UAH",
    "cad": "CAD",
    "aud": "AUD",
    "cny": "CNY",
    "isk": "ISK",
}

_SCALES: dict[str, float] = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "millions": 1e6,
    "mln": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "billions": 1e9,
    "bln": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "trn": 1e12,
}


# words that make a number a sum where they stand beside it ("350 million euros", "a 50 billion
# euro package", "EUR 500 million"): the one-word units and codes the parser reads, but not
# "pound", which also weighs ("2,000-pound bombs")
CURRENCY_WORDS = frozenset(k for k in _SUFFIXES if " " not in k) - {"pound"}


# the one-word units of a currency ("dollars", "kroner", "francs"): the word after a state's
# name or demonym when the phrase names a currency ("US dollars", "Swiss francs"), not a party
CURRENCY_UNITS = frozenset(k for k in _SUFFIXES if " " not in k and k.isalpha() and len(k) > 3) | {
    "yen",
    "won",
}


def _alternation(words: list[str]) -> str:
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w) for w in ordered)


_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = rf"(?:\s?(?:{_alternation(list(_SCALES))})\b\.?)"
_PREFIX_RE = re.compile(
    rf"(?<![A-Za-z])(?P<cur>{_alternation(list(_PREFIXES))})\s?"
    rf"(?P<num>{_NUMBER})(?P<scale>{_SCALE})?",
    re.IGNORECASE,
)
_SUFFIX_RE = re.compile(
    rf"(?<![\w.,])(?P<num>{_NUMBER})(?P<scale>{_SCALE})?\s?"
    rf"(?P<cur>{_alternation(list(_SUFFIXES))})\b",
    re.IGNORECASE,
)


# "a 120-million-euro package"
_HYPHEN_WORDS = {
    "euro": "EUR",
    "dollar": "USD",
    "pound": "GBP",
    "yen": "JPY",
    "franc": "CHF",
    "krone": "NOK",
    "kroner": "NOK",
    "zloty": "PLN",
    "hryvnia": "UAH",
}
_HYPHEN_RE = re.compile(
    rf"(?<![\w.,])(?P<num>{_NUMBER})-(?P<scale>thousand|million|billion|trillion)-"
    rf"(?P<cur>{_alternation(list(_HYPHEN_WORDS))})\b",
    re.IGNORECASE,
)
# "$2.4 billion Canadian dollars": the word after the number names the currency
_AFTER_RE = re.compile(rf"\s?(?P<cur>{_alternation([k for k in _SUFFIXES if ' ' in k])})\b", re.IGNORECASE)
# words that name several currencies; the donor decides (aidtrack.extract.amounts)
AMBIGUOUS = frozenset({"kroner", "krone", "kronor", "krona", "crowns", "crown"})


def _number(match: re.Match[str]) -> float:
    value = float(match.group("num").replace(",", ""))
    scale = (match.group("scale") or "").strip().rstrip(".").lower()
    return value * _SCALES.get(scale, 1.0)


def _is_uppercase_code(text: str) -> bool:
    return text.isalpha() and len(text) == 3


def _prefix_ok(match: re.Match[str]) -> bool:
    """Three-letter codes count only in capitals ("EUR 5m", not "try 5")."""
    cur = match.group("cur")
    return not _is_uppercase_code(cur) or cur.isupper()


def _suffix_ok(match: re.Match[str]) -> bool:
    cur = match.group("cur")
    if _is_uppercase_code(cur) and cur.lower() not in ("yen", "won") and not cur.isupper():
        return False
    # "2 won" is a verb far more often than a currency: require a scale word.
    return not (cur.lower() == "won" and not match.group("scale"))


def parse_money(text: str) -> list[Money]:
    """Return the money amounts in ``text`` in order of appearance.

    >>> [(m.amount, m.currency) for m in parse_money("EUR 500 million and $1.3bn")]
    [(500000000.0, 'EUR'), (1300000000.0, 'USD')]
    """
    found: list[Money] = []
    taken: list[tuple[int, int]] = []
    for regex, table, ok in (
        (_HYPHEN_RE, _HYPHEN_WORDS, _always),
        (_PREFIX_RE, _PREFIXES, _prefix_ok),
        (_SUFFIX_RE, _SUFFIXES, _suffix_ok),
    ):
        for match in regex.finditer(text):
            span = match.span()
            if not ok(match) or any(s < span[1] and span[0] < e for s, e in taken):
                continue
            written = match.group("cur").lower()
            code = table[written]
            after = _AFTER_RE.match(text, span[1]) if regex is _PREFIX_RE else None
            if after is not None:  # "$2.4 billion Canadian dollars"
                written = after.group("cur").lower()
                code = _SUFFIXES[written]
                span = (span[0], after.end())
            found.append(Money(_number(match), code, span[0], span[1], written))
            taken.append(span)
    return sorted(found, key=lambda m: m.start)


def _always(match: re.Match[str]) -> bool:
    return True
