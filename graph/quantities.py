"""Numbers, money amounts and dates as German and English news write them.

>>> parse_number("7.000", "de"), parse_number("2,000", "en"), parse_number("2.1", "en")
(7000.0, 2000.0, 2.1)
>>> money = find_money(["$", "2.1", "billion"], "en")
>>> money.amount, money.currency
(2100000000.0, 'USD')
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from graph.ontology import load_lexicon
from graph.textnorm import fold

_DE_NUM = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$|^\d+(,\d+)?$")
_EN_NUM = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$")
_YEAR = re.compile(r"^(19|20)\d\d$")
_COMPACT_MONEY = re.compile(r"^([€$£])?(\d+(?:[.,]\d+)?)([a-zA-Z]{1,3})?$")


def parse_number(text: str, lang: str) -> float | None:
    """A numeral as written in ``lang`` ("7.000" in German, "2,000" in English), or a number word."""
    t = fold(text.strip())
    lex = load_lexicon(lang)["numbers"]
    if t in lex["words"]:
        return float(lex["words"][t])
    if lang == "de" and _DE_NUM.match(t):
        return float(t.replace(".", "").replace(",", "."))
    if lang != "de" and _EN_NUM.match(t):
        return float(t.replace(",", ""))
    # A bare "2.5" in German text or "2,5" in English text: take the other convention.
    if re.fullmatch(r"\d+[.,]\d{1,2}", t):
        return float(t.replace(",", "."))
    return None


def is_year(text: str) -> bool:
    return bool(_YEAR.match(text))


@dataclass(frozen=True)
class Money:
    amount: float
    currency: str | None
    text: str
    start: int      # index of the first word in the given list
    end: int        # index after the last word


def find_money(words: list[str], lang: str) -> Money | None:
    """The first money amount in a list of words ("200 Millionen Euro", "$2.1 billion", "€545m")."""
    lex = load_lexicon(lang)
    scales, currencies = lex["numbers"]["scales"], lex["currencies"]
    low = [fold(w) for w in words]
    for i, w in enumerate(low):
        m = _COMPACT_MONEY.match(w)
        num = parse_number(words[i], lang)
        cur = None
        start = i
        if num is None and m and m.group(3) and m.group(3).lower() in scales:
            num = parse_number(m.group(2), lang)
            if num is not None:
                num *= scales[m.group(3).lower()]
                cur = currencies.get(m.group(1) or "")
        if num is None or (is_year(w) and not (i + 1 < len(low) and low[i + 1] in scales)):
            continue
        j = i + 1
        if j < len(low) and low[j] in scales:
            num *= scales[low[j]]
            j += 1
        elif j + 1 < len(low) and low[j] in ("", ) and low[j + 1] in scales:
            j += 1
        if j < len(low) and low[j] in currencies:
            cur = cur or currencies[low[j]]
            j += 1
        if i > 0 and low[i - 1] in currencies:
            cur = cur or currencies[low[i - 1]]
            start = i - 1
        elif i > 1 and low[i - 2] in currencies and low[i - 1] in ("us", "u.s."):
            cur = cur or currencies[low[i - 2]]
            start = i - 2
        if cur is None:
            # A scale word alone ("acht Milliarden") is money in a funding sentence.
            if j > i + 1:
                return Money(num, None, " ".join(words[start:j]), start, j)
            continue
        return Money(num, cur, " ".join(words[start:j]), start, j)
    return None


def resolve_date(words: list[str], lang: str, article_date: str | None) -> tuple[str | None, str | None]:
    """(ISO date or year/month, the words as written) for the first date expression found.

    Relative expressions ("gestern", "this year", "am Donnerstag") are resolved
    against ``article_date``; without one they keep their text and no date.
    """
    lex = load_lexicon(lang)["dates"]
    low = [fold(w) for w in words]
    base = None
    if article_date:
        try:
            base = dt.date.fromisoformat(article_date[:10])
        except ValueError:
            base = None
    text = " ".join(low)
    months = lex["months"]
    for i, w in enumerate(low):
        if w in months:
            month = months[w]
            year = next((int(x) for x in low[i + 1: i + 4] if is_year(x)), None)
            day = None
            for d in (low[i - 1] if i > 0 else "", low[i + 1] if i + 1 < len(low) else ""):
                d = d.rstrip(".")
                if d.isdigit() and 1 <= int(d) <= 31:
                    day = int(d)
                    break
            if year is None and base is not None:
                year = base.year
            if year is None:
                continue
            first = max(0, i - (1 if day and i > 0 and low[i - 1].rstrip(".").isdigit() else 0))
            last = i + 1 + (1 if day and i + 1 < len(low) and low[i + 1].rstrip(",").isdigit()
                            and not is_year(low[i + 1]) else 0)
            last = max(last, next((k + 1 for k in range(i + 1, min(i + 4, len(low)))
                                   if is_year(low[k])), last))
            written = " ".join(words[first:last])
            if day:
                try:
                    return dt.date(year, month, day).isoformat(), written
                except ValueError:
                    pass
            return f"{year:04d}-{month:02d}", written
    for key, delta in (("this_year", 0), ("next_year", 1), ("last_year", -1)):
        for phrase in lex[key]:
            if phrase in text:
                return (f"{base.year + delta:04d}" if base else None), phrase
    for key, days in (("today", 0), ("yesterday", -1), ("tomorrow", 1)):
        for phrase in lex[key]:
            if phrase in low:
                return ((base + dt.timedelta(days=days)).isoformat() if base else None), phrase
    for i, w in enumerate(low):
        if w in lex["weekdays"] and base is not None:
            # News refers to the most recent such weekday, up to a week back.
            back = (base.weekday() - lex["weekdays"][w]) % 7
            return (base - dt.timedelta(days=back)).isoformat(), words[i]
    for i, w in enumerate(low):
        if is_year(w) and i > 0 and low[i - 1] in ("in", "im", "bis", "by", "until", "seit", "since"):
            return w, " ".join(words[i - 1: i + 1])
    return None, None
