"""The spaCy pipeline: sentences, lookup lemmas and gazetteer mentions.

``build_pipeline(lang)`` returns a pipeline made from ``spacy.blank(lang)``
plus our own components, built once per process and cached:

* ``aid_sentences`` - sentence boundaries at sentence punctuation and line breaks;
* ``lemmatizer``    - spaCy's lookup lemmatiser (tables from spacy-lookups-data);
* ``aid_mentions``  - gazetteer matching (inflected forms, compounds, adjectives,
  demonyms, capitals), people found by their titles, surnames resolved to the
  person named earlier in the article.

Mentions are stored as ``doc._.mentions`` (a list of :class:`Mention`) and,
for spaCy users, as ``doc.ents`` with the entity kind as label and the
gazetteer key as ``kb_id_``.

>>> nlp = build_pipeline("de")
>>> [(m.text, m.key) for m in nlp("Frankreichs Haubitzen Caesar.")._.mentions]
[('Frankreichs', 'France'), ('Haubitzen Caesar', 'CAESAR')]
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex, compile_suffix_regex

from graph.ontology import Gazetteer, load_gazetteer, load_lexicon
from graph.rolewords import role_words
from graph.textnorm import fold

LANGS = ("de", "en")

# German inflection endings tried when a word is not found as written
# ("Frankreichs", "Haubitzen", "Artilleriesysteme").
_DE_ENDINGS = ("s", "es", "n", "en", "e", "er", "ern", "em")
_EN_ENDINGS = ("s", "es", "'s", "’s")
_ADJ_ENDINGS_DE = ("", "e", "en", "er", "es", "em")
_DEMONYM_ENDINGS_DE = ("", "n", "en", "in", "innen", "s")
_HYPHENS = {"-", "‐", "‑", "–"}
_PERSON_PARTICLES = {"von", "van", "der", "de", "den", "du", "da", "dos", "la", "le", "al", "bin"}


@dataclass(frozen=True)
class Mention:
    """One mention of an entity in a document."""

    start: int          # token index
    end: int            # token index (exclusive)
    start_char: int
    end_char: int
    text: str
    key: str            # gazetteer key or a key minted from the name
    kind: str           # Country, Person, Organization, WeaponSystem, Place
    type: str           # most specific class
    form: str           # name | adjective | demonym | surname | capital | agency
    generic: bool = False
    known: bool = True  # False for people found by their title only


@dataclass(frozen=True)
class _Alias:
    key: str
    form: str
    text: str           # the alias as written in the gazetteer
    priority: int


def _tokenizer_with_hyphen_split(nlp: Language) -> None:
    # Split hyphenated compounds so that "Scalp-Marschflugkörpern" and
    # "Leopard-2-Panzer" expose the weapon name as tokens of its own.
    infixes = list(nlp.Defaults.infixes) + [r"(?<=[\w])[-‐‑](?=[\w])", r"(?<=\w)/(?=\w)",
                                            r"(?<=[A-Z]\.)[-‐‑](?=[a-z])"]   # "U.S.-supplied"
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    # German reads "2014." as an ordinal; ordinals have one or two digits ("3. Oktober",
    # "12. Paket"), so a longer number before a full stop ends the sentence ("seit 2014.").
    suffixes = list(nlp.Defaults.suffixes) + [r"(?<=[0-9]{3})\."]

    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    # Roman numerals end type names ("Raketenwerfer MARS II.") far more often than they are
    # ordinals in this news; without the exception the full stop ends the sentence.
    nlp.tokenizer.rules = {k: v for k, v in nlp.tokenizer.rules.items() if k not in ("II.", "III.", "IV.")}


_KIND_PRIORITY = {"Country": 0, "Organization": 1, "Person": 2, "WeaponSystem": 3, "Place": 4}


class MentionMatcher:
    """Longest-match lookup of gazetteer aliases over token sequences."""

    def __init__(self, nlp: Language, gaz: Gazetteer, lang: str):
        self.gaz = gaz
        self.lang = lang
        self.index: dict[tuple[str, ...], list[_Alias]] = {}
        self.family: dict[str, list[str]] = {}
        lookups = nlp.get_pipe("lemmatizer").lookups
        self.lemmas = lookups.get_table("lemma_lookup") if lookups.has_table("lemma_lookup") else {}
        self.endings = _DE_ENDINGS if lang == "de" else _EN_ENDINGS
        for ent in gaz.entities.values():
            prio = _KIND_PRIORITY.get(ent.kind, 9)
            names = [(t, lang_) for lang_, t in ent.pref.items()] + list(ent.alt)
            for text, _ in names:
                self._add(nlp, text, _Alias(ent.key, "name", text, prio))
            for text, lang_ in ent.adjectives:
                if lang_ in (None, lang):
                    endings = _ADJ_ENDINGS_DE if lang == "de" and text[:1].islower() else ("",)
                    for e in endings:
                        self._add(nlp, text + e, _Alias(ent.key, "adjective", text + e, prio))
            for text, lang_ in ent.demonyms:
                if lang_ in (None, lang):
                    endings = _DEMONYM_ENDINGS_DE if lang == "de" else ("", "s")
                    for e in endings:
                        self._add(nlp, text + e, _Alias(ent.key, "demonym", text + e, prio))
            for text in ent.family_names:
                self.family.setdefault(fold(text), []).append(ent.key)
        self.max_len = max((len(k) for k in self.index), default=1)
        self.prefixes = {k[:i] for k in self.index for i in range(1, len(k))}
        self._variant_cache: dict[str, list[str]] = {}

    def _add(self, nlp: Language, text: str, alias: _Alias) -> None:
        key = tuple(fold(t.text) for t in nlp.tokenizer(text) if t.text not in _HYPHENS)
        if key and alias not in self.index.get(key, ()):
            self.index.setdefault(key, []).append(alias)

    def _case_ok(self, alias: _Alias, span_text: str) -> bool:
        a = alias.text
        letters = [c for c in a if c.isalpha()]
        if letters and all(c.isupper() for c in letters) and len(letters) <= 3:
            # Short acronyms (US, EU, UK) only in capitals: "us" is a pronoun. A plural "s"
            # may follow ("F-16s", "T-72s").
            seen = [c for c in span_text if c.isalpha()]
            if len(seen) == len(letters) + 1 and seen[-1] == "s":
                seen = seen[:-1]
            return seen == letters
        if a[:1].isupper() and alias.form != "adjective":
            return span_text[:1].isupper() or span_text[:1].isdigit()
        return True

    def _variants(self, token_text: str) -> list[str]:
        """The word as written, its lemma, and the word without inflection endings."""
        cached = self._variant_cache.get(token_text)
        if cached is not None:
            return cached
        f = fold(token_text)
        out = [f]
        lemma = self.lemmas.get(token_text) if self.lemmas else None
        if lemma and fold(lemma) not in out:
            out.append(fold(lemma))
        if len(f) > 4:
            for e in self.endings:
                if f.endswith(e) and f[: -len(e)] not in out:
                    out.append(f[: -len(e)])
        if any(c.isdigit() for c in f) and f.endswith("s") and f[:-1] not in out:
            out.append(f[:-1])   # "T-72s", "TB2s"
        self._variant_cache[token_text] = out
        return out

    def match(self, doc: Doc) -> list[Mention]:
        words = [i for i, t in enumerate(doc) if not t.is_space and t.text not in _HYPHENS]
        folded = [fold(doc[i].text) for i in words]
        found: list[Mention] = []
        pos = 0
        while pos < len(words):
            hit = None
            for n in range(min(self.max_len, len(words) - pos), 0, -1):
                # Both ends of a name may be inflected: "Panzerhaubitzen 2000", "Gebiets Charkiw".
                firsts = self._variants(doc[words[pos]].text) if n > 1 else [None]
                for first in firsts:
                    head = (first,) + tuple(folded[pos + 1: pos + n - 1]) if n > 1 else ()
                    if n > 1 and head not in self.prefixes:
                        continue
                    last_tok = doc[words[pos + n - 1]]
                    for last in self._variants(last_tok.text):
                        aliases = self.index.get(head + (last,))
                        if not aliases:
                            continue
                        span = doc[words[pos]: words[pos + n - 1] + 1]
                        ok = [a for a in aliases if self._case_ok(a, span.text)]
                        if ok:
                            hit = (n, span, min(ok, key=lambda a: (a.priority, a.key)))
                            break
                    if hit:
                        break
                if hit:
                    break
            if hit is None:
                pos += 1
                continue
            n, span, alias = hit
            found.append(self._mention(span, alias))
            pos += n
        return found

    def _mention(self, span: Span, alias: _Alias) -> Mention:
        ent = self.gaz.entities[alias.key]
        form = alias.form
        if form == "name" and ent.capital_of:
            form = "capital"
        elif form == "name" and ent.agency_of:
            form = "agency"
        return Mention(span.start, span.end, span.start_char, span.end_char, span.text,
                       ent.key, ent.kind, ent.type, form, ent.generic)


def _person_key(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "_", ascii_name).strip("_") or "Person"


def _is_name_token(tok) -> bool:
    t = tok.text
    return (len(t) > 1 and t[0].isupper() and any(c.islower() for c in t)
            and t.isalpha())


class PeopleFinder:
    """People who are not in the gazetteer, found after a role noun or title;
    surnames resolved to the person named earlier in the same document."""

    def __init__(self, lang: str, matcher: MentionMatcher):
        self.roles = role_words(lang)
        self.titles = {"herr", "frau", "mr", "mrs", "ms", "dr", "general", "generalleutnant",
                       "admiral", "oberst", "colonel", "lieutenant", "sir", "lord", "minister",
                       "ministerin"}

    def _role_end(self, words: list[str], i: int) -> int | None:
        """Token index after a role noun, "counterpart" or title that starts at token i."""
        hit = self.roles.match_at(words, i)
        if hit is not None:
            return i + hit[0]
        if words[i].rstrip(".") in self.titles:
            return i + 1
        return None

    def find(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        taken = {i for m in mentions for i in range(m.start, m.end)}
        weapon_words = {m.start for m in mentions if m.kind == "WeaponSystem" and m.end - m.start == 1}
        extra: list[Mention] = []
        words = [fold(t.text) for t in doc]
        for i in range(len(doc)):
            if i in taken:
                continue
            end = self._role_end(words, i)
            if end is None:
                continue
            # a name may also follow the place of an office ("Bürgermeister von Charkiw, Ihor Terechow")
            j = skip_host(doc, end, _HOST_PREPS | {"von", "of"})
            if j < len(doc) and doc[j].text == ",":
                j += 1           # "his counterpart, Oleksii Reznikov"
            k = j
            while k < len(doc) and k - j < 5 and (k not in taken or k > j and k in weapon_words) and (
                    _is_name_token(doc[k]) or (k > j and doc[k].text in _PERSON_PARTICLES)
                    or _joins_surname(doc, k, j)):
                k += 1
            while k > j and doc[k - 1].text in _PERSON_PARTICLES:
                k -= 1
            if k - j >= 2:
                # A weapon alias inside a name is the surname ("CEO Haluk Bayraktar").
                mentions[:] = [m for m in mentions if not (m.kind == "WeaponSystem" and j < m.start < k)]
                span = doc[j:k]
                extra.append(Mention(j, k, span.start_char, span.end_char, span.text,
                                     _person_key(span.text), "Person", "Person", "name",
                                     known=False))
                taken.update(range(j, k))
        return extra

    def resolve_surnames(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """Single capitalised words equal to the surname of a person named earlier."""
        people = {}
        for m in sorted(mentions, key=lambda m: m.start):
            if m.kind == "Person" and m.end - m.start >= 2:
                people.setdefault(fold(doc[m.end - 1].text), m)
        taken = {i for m in mentions for i in range(m.start, m.end)}
        extra = []
        for tok in doc:
            if tok.i in taken or not _is_name_token(tok):
                continue
            f = fold(tok.text)
            cand = people.get(f) or people.get(f[:-1] if f.endswith("s") else f)
            if cand is not None and cand.start < tok.i:
                extra.append(Mention(tok.i, tok.i + 1, tok.idx, tok.idx + len(tok.text), tok.text,
                                     cand.key, "Person", cand.type, "surname", known=cand.known))
        return extra


#: Phrases between a generic weapon and the name of its type ("Geschütze vom Typ Koksan").
_TYPE_PHRASES = (("vom", "typ"), ("des", "typs"), ("der", "klasse"), ("of", "the", "type"),
                 ("of", "type"), ("type"))


def _typed_weapons(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Weapon systems missing from the gazetteer, named after a generic category and a type
    phrase ("170-Millimeter-Geschütze vom Typ Koksan", "drones of the type Lancet")."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    extra = []
    for g in mentions:
        if g.kind != "WeaponSystem" or not g.generic:
            continue
        for phrase in _TYPE_PHRASES:
            j = g.end + len(phrase)
            if j >= len(doc) or tuple(fold(t.text) for t in doc[g.end:j]) != phrase:
                continue
            k = j
            while k < len(doc) and k - j < 3 and k not in taken and (
                    doc[k].text[:1].isupper() or (k > j and (doc[k].text in ("-", "‑") or doc[k].is_digit))):
                k += 1
            while k > j and doc[k - 1].text in ("-", "‑"):
                k -= 1
            if k > j and doc[j].text[:1].isupper():
                span = doc[j:k]
                extra.append(Mention(j, k, span.start_char, span.end_char, span.text,
                                     _person_key(span.text), "WeaponSystem", g.type, "name", known=False))
                taken.update(range(j, k))
            break
    return extra


def _joins_surname(doc: Doc, k: int, j: int) -> bool:
    """A hyphen inside a double surname ("Amir-Abdollahian"), written without spaces."""
    return k > j and doc[k].text == "-" and not doc[k - 1].whitespace_ and k + 1 < len(doc) \
        and _is_name_token(doc[k + 1]) and _is_name_token(doc[k - 1])


def skip_host(doc: Doc, i: int, preps: frozenset[str] | set[str] | None = None) -> int:
    """Past the host state of an envoy ("Ambassador to Türkiye, Vasyl Bodnar",
    "Botschafter in Deutschland, Oleksij Makejew") when a comma follows it."""
    if i < len(doc) and fold(doc[i].text) in (preps or _HOST_PREPS):
        # "U.S. Ambassador to NATO Matthew Whitaker": a one-word host right before a full name
        if i + 3 < len(doc) and doc[i + 1].text[:1].isupper() and _is_name_token(doc[i + 2]) \
                and _is_name_token(doc[i + 3]) and doc[i + 1].whitespace_:
            return i + 2
        comma = next((k for k in range(i + 1, min(len(doc), i + 5)) if doc[k].text == ","), None)
        if comma is not None and all(doc[k].text[:1].isupper() for k in range(i + 1, comma)):
            return comma
    return i


#: Prepositions before the host state of an envoy.
_HOST_PREPS = {"to", "in", "at", "bei"}


def _resolve_family_names(doc: Doc, mentions: list[Mention], matcher: MentionMatcher) -> list[Mention]:
    """Surname-only mentions of gazetteer people (Selenskyj, Zelenskiy, Umerov)."""
    named = {m.key for m in mentions if m.kind == "Person"}
    taken = {i for m in mentions for i in range(m.start, m.end)}
    extra = []
    for tok in doc:
        if tok.i in taken or not tok.text[:1].isupper():
            continue
        f = fold(tok.text)
        keys = matcher.family.get(f) or matcher.family.get(f[:-1] if f.endswith("s") else "")
        if not keys:
            continue
        # Several people share the surname: take the one named in full in this document.
        keys = sorted(set(keys))
        if len(keys) > 1:
            keys = [k for k in keys if k in named]
        if len(keys) == 1:
            ent = matcher.gaz.entities[keys[0]]
            extra.append(Mention(tok.i, tok.i + 1, tok.idx, tok.idx + len(tok.text), tok.text,
                                 ent.key, "Person", ent.type, "surname"))
    return extra


_SENT_END = {".", "!", "?", "…"}
_CLOSERS = {"“", "”", "\"", "»", "«", "'", "’", ")", "]"}
_OPENERS = {"„", "“", "\"", "»", "«", "(", "["}


def _sentence_starts(doc: Doc) -> list[bool]:
    """Whether each token starts a sentence: after ., !, ? outside brackets (when the next
    word is capitalised, a number or a quote) and after a line break."""
    starts = [False] * len(doc)
    depth = 0
    texts = [t.text for t in doc]
    for i in range(len(doc)):
        if i == 0:
            starts[i] = True
            continue
        prev, tok = doc[i - 1], doc[i]
        if texts[i - 1] in ("(", "["):
            depth += 1
        elif texts[i - 1] in (")", "]"):
            depth = max(0, depth - 1)
        start = False
        if "\n" in texts[i - 1] and prev.is_space:
            start = not tok.is_space
        elif "\n" in prev.whitespace_:
            start = True
        elif depth == 0 and (texts[i - 1] in _SENT_END or texts[i - 1].endswith("…")) \
                and not tok.is_space:
            j = i
            while j < len(doc) and texts[j] in _CLOSERS:
                j += 1
            nxt = texts[j] if j < len(doc) else texts[i]
            start = (nxt[:1].isupper() or nxt[:1].isdigit() or nxt in _OPENERS) \
                and texts[i] not in _CLOSERS
        elif depth == 0 and i >= 2 and texts[i - 1] in _CLOSERS and texts[i - 2] in _SENT_END:
            start = texts[i][:1].isupper() or texts[i] in _OPENERS
        starts[i] = start
    return starts


def _sentences(doc: Doc) -> Doc:
    # One array write: setting Token.is_sent_start token by token re-checks the whole
    # document each time, which is quadratic on long articles.
    if len(doc):
        values = numpy.array([1 if s else -1 for s in _sentence_starts(doc)], dtype="int64").astype("uint64")
        doc.from_array([SENT_START], values.reshape(-1, 1))
    return doc


if not Doc.has_extension("mentions"):
    Doc.set_extension("mentions", default=None)


@Language.component("aid_sentences")
def aid_sentences(doc: Doc) -> Doc:
    """Sentence boundaries at ., !, ? (outside brackets) and at line breaks."""
    _split_type_numbers(doc)
    return _sentences(doc)


_ORDINAL = re.compile(r"^[0-9][0-9A-Za-z]{0,4}\.$")   # "2.", "2A4."


def _split_type_numbers(doc: Doc) -> None:
    """German tokenises "2." and "2A4." as one word ("am 3. Oktober", "die 2. Brigade"). After a
    capitalised name and before a capitalised word it ends a sentence instead ("Deutschland
    lieferte Leopard 2. Die Panzer ..."): split off the full stop so the name can match."""
    # "IRIS-T.", "SAMP/T." at a sentence end: a letter after a hyphen or slash is no initial
    found = [t for t in doc if len(t.text) == 2 and t.text[0].isupper() and t.text[1] == "."
             and t.i > 0 and doc[t.i - 1].text in ("-", "‑", "/")]
    if doc.lang_ == "de":
        lex = load_lexicon("de")
        months, dets = set(lex["dates"]["months"]), set(lex["preps"]["determiners"])
        found += [t for t in doc if _ORDINAL.match(t.text) and t.i > 0
                  and doc[t.i - 1].text[:1].isupper() and fold(doc[t.i - 1].text) not in dets
                  and (t.i == len(doc) - 1 or doc[t.i + 1].is_space
                       or doc[t.i + 1].text[:1].isupper() and fold(doc[t.i + 1].text) not in months)]
    if found:
        with doc.retokenize() as retokenizer:
            for t in found:
                retokenizer.split(t, [t.text[:-1], "."], heads=[(t, 0), (t, 0)])


class ModelNotFound(LookupError):
    """The trained spaCy pipeline asked for with ``--model`` is not installed."""


# Labels of trained spaCy pipelines (OntoNotes for English, WikiNER for German) -> our kinds.
_MODEL_LABELS = {"PERSON": "Person", "PER": "Person", "ORG": "Organization",
                 "GPE": "Place", "LOC": "Place", "FAC": "Place"}


@lru_cache(maxsize=2)
def load_trained_model(name: str) -> Language:
    """An installed trained spaCy pipeline (package name or path), loaded once per process."""
    try:
        return spacy.load(name, exclude=["lemmatizer"])
    except OSError:
        raise ModelNotFound(f"spaCy pipeline {name!r} is not installed; install it (for example "
                            f"'pip install {name}') or build without --model") from None


def _model_mentions(doc: Doc, model: Language, mentions: list[Mention]) -> list[Mention]:
    """People, organisations and places the trained pipeline finds and the gazetteer does not."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    extra = []
    for ent in model(doc.text).ents:
        kind = _MODEL_LABELS.get(ent.label_)
        span = doc.char_span(ent.start_char, ent.end_char, alignment_mode="contract")
        if kind is None or span is None or any(i in taken for i in range(span.start, span.end)):
            continue
        extra.append(Mention(span.start, span.end, span.start_char, span.end_char, span.text,
                             _person_key(span.text), kind, {"Place": "Place"}.get(kind, kind),
                             "name", known=False))
        taken.update(range(span.start, span.end))
    return extra


@Language.factory("aid_mentions", default_config={"lang": "en", "model": None})
def make_mention_component(nlp: Language, name: str, lang: str, model: str | None):
    matcher = MentionMatcher(nlp, load_gazetteer(), lang)
    people = PeopleFinder(lang, matcher)
    trained = load_trained_model(model) if model else None
    if trained is not None and trained.lang != lang:
        trained = None   # a German model says nothing useful about English text

    def aid_mentions(doc: Doc) -> Doc:
        mentions = matcher.match(doc)
        mentions += people.find(doc, mentions)
        mentions += _typed_weapons(doc, mentions)
        if trained is not None:
            mentions += _model_mentions(doc, trained, mentions)
        mentions += _resolve_family_names(doc, mentions, matcher)
        mentions += people.resolve_surnames(doc, mentions)
        mentions.sort(key=lambda m: (m.start, m.end))
        doc._.mentions = mentions
        doc.ents = [Span(doc, m.start, m.end, label=m.kind, kb_id=m.key) for m in mentions]
        return doc

    return aid_mentions


@lru_cache(maxsize=4)
def build_pipeline(lang: str, model: str | None = None) -> Language:
    """The extraction pipeline for ``lang`` ("de" or "en"), built once per process.

    ``model`` names an installed trained spaCy pipeline (package or path) whose
    people, organisations and places are added to the gazetteer's mentions in
    texts of its language; the default pipeline needs no trained model.
    Raises :class:`ModelNotFound` when ``model`` is not installed.
    """
    if lang not in LANGS:
        raise ValueError(f"unsupported language {lang!r}; aidgraph reads {', '.join(LANGS)}")
    nlp = spacy.blank(lang)
    nlp.max_length = 200_000_000
    _tokenizer_with_hyphen_split(nlp)
    nlp.add_pipe("aid_sentences")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    nlp.add_pipe("aid_mentions", config={"lang": lang, "model": model})
    return nlp
