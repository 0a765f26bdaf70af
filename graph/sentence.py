"""Sentences as the relation rules see them: cue words, clauses, prepositions.

``Cues`` finds the cue words of one language (``ontology/lexicon/<lang>.toml``) in a
sentence; ``SentenceView`` adds the sentence's mentions, its clause boundaries and the
small syntactic tests the rules share (is this state marked as receiving? is this
clause negated?).
"""
from __future__ import annotations

import bisect

from spacy.tokens import Doc, Span

from graph.nlp import Mention
from graph.ontology import load_gazetteer, load_lexicon
from graph.textnorm import fold

_CLAUSE_PUNCT = {",", ";", ":", "–", "—", "(", ")", "„", "“", "”", "\"", "«", "»", "-"}


class Cues:
    """Cue-word families of one language, matched against tokens."""

    def __init__(self, lang: str):
        self.lang = lang
        self.lex = load_lexicon(lang)
        self._memo: dict[tuple, list[int]] = {}
        self.split_particles: dict[str, set[int]] = {}

    def _forms(self, tok) -> tuple[str, str]:
        return fold(tok.text), fold(tok.lemma_ or tok.text)

    def match(self, family: str, tok) -> bool:
        spec = self.lex[family]
        low, lemma = self._forms(tok)
        if tok.text[:1].isupper() and not tok.is_sent_start:
            # A capitalised word inside an English sentence is a name ("May 2023");
            # in German it is a noun, never the verb it is spelt like ("Schulen").
            if self.lang == "en" or low in spec.get("noun_homographs", ()):
                return False
        words = spec.get("words", ())
        if low in words or lemma in words:
            return True
        suffixes = spec.get("suffixes", ())
        if not suffixes:
            return False
        forms = {low, lemma}
        if self.lang == "de":
            forms |= {low[: -len(e)] for e in ("s", "es", "n", "en", "e") if low.endswith(e)}
        return any(f.endswith(x) for f in forms for x in suffixes)

    def positions(self, family: str, sent: Span) -> list[int]:
        """Token indices (in the doc) where a cue of ``family`` occurs in ``sent``."""
        key = (family, sent.start, sent.end)
        if key not in self._memo:
            self._memo[key] = self._positions(family, sent)
        return self._memo[key]

    def _positions(self, family: str, sent: Span) -> list[int]:
        spec = self.lex[family]
        out = [t.i for t in sent if not t.is_punct and self.match(family, t)]
        lemmas = [fold(t.lemma_ or t.text) for t in sent]
        lows = [fold(t.text) for t in sent]
        for phrase in spec.get("phrases", ()):
            words = phrase.split()
            for k in range(len(sent) - len(words) + 1):
                if lemmas[k: k + len(words)] == words or lows[k: k + len(words)] == words:
                    out.append(sent[k + len(words) - 1].i)
        for verb, particle in spec.get("split", ()):
            verbs = [k for k, lem in enumerate(lemmas) if lem == verb]
            for k in verbs:
                part = next((m for m in range(k + 1, len(sent)) if lows[m] == particle
                             and (m + 1 == len(sent) or sent[m + 1].is_punct)), None)
                if part is not None:
                    out.append(sent[part].i)
                    self.split_particles.setdefault(family, set()).add(sent[part].i)
        return sorted(set(out))


class SentenceView:
    """A sentence with its mentions and clause boundaries."""

    def __init__(self, doc: Doc, sent: Span, mentions: list[Mention], cues: Cues):
        self.doc, self.sent, self.cues = doc, sent, cues
        # ``mentions`` is sorted by start; slicing keeps long articles linear.
        lo = bisect.bisect_left(mentions, sent.start, key=lambda m: m.start)
        hi = bisect.bisect_left(mentions, sent.end, key=lambda m: m.start)
        self.mentions = mentions[lo:hi]
        self.lex = cues.lex
        self.low = {t.i: fold(t.text) for t in sent}
        self.all_preps = {w for key in ("recipient", "passive_agent", "against", "source", "other")
                          for w in self.lex["preps"].get(key, ())}
        raw = sent.text
        lead = len(raw) - len(raw.lstrip())
        self.text = raw.strip()
        self.start_char = sent.start_char + lead
        self.end_char = self.start_char + len(self.text)
        self.role_spans: list = []
        self.items: list | None = None   # weapon items, filled once by the supply rules

    def clause(self, i: int) -> tuple[int, int]:
        """Token range of the clause around token i, bounded by clause punctuation.

        Commas inside a list of weapons do not end a clause.
        """
        weapons = {k for m in self.mentions if m.kind == "WeaponSystem" for k in range(m.start, m.end)}
        agents = {k for m in self.mentions if m.kind in ("Country", "Organization") and m.form == "name"
                  for k in range(m.start, m.end)}
        subordinators = set(self.lex["clauses"]["subordinators"])
        places = {k for m in self.mentions if m.kind == "Place" for k in range(m.start, m.end)}

        def boundary(k: int) -> bool:
            t = self.doc[k].text
            if t not in _CLAUSE_PUNCT:
                return False
            if t == "-":
                return False
            if t == ",":
                if self.low.get(k + 1) in subordinators:
                    return True    # "six F-16s, while Belgium promised 30 jets"
                before = any(j in agents for j in range(max(self.sent.start, k - 3), k))
                # the next state within the list's own words ("Deutschland, Polen und", ", sowie
                # der Ukraine"), not after a new clause's conjunction ("2019, and when ... in Lithuania")
                nxt = next((j for j in range(k + 1, min(self.sent.end, k + 6)) if j in agents), None)
                after = nxt is not None and all(
                    self.low.get(j) in ("und", "and", "sowie", "die", "der", "the", "dem", "den", "des")
                    for j in range(k + 1, nxt))
                if before and after:
                    return False   # "Deutschland, Polen und Norwegen"
                if k - 1 in places and k + 1 in places:
                    return False   # "in Kyiv, Kharkiv and Kryvyi Rih"
                # "IRIS-T, Gepard": a weapon right before the comma and one after it, with no
                # new subject in between ("Leopard 2 tanks, and Spain sent ten tanks").
                nxt = next((j for j in range(k + 1, min(self.sent.end, k + 6)) if j in weapons), None)
                return not (k - 1 in weapons and nxt is not None
                            and not any(j in agents for j in range(k + 1, nxt)))
            return True
            return True

        lo = i
        while lo > self.sent.start and not boundary(lo - 1):
            lo -= 1
        hi = i
        while hi < self.sent.end and not boundary(hi):
            hi += 1
        return lo, hi

    def cue_in(self, family: str, lo: int, hi: int) -> bool:
        return any(lo <= k < hi for k in self.cues.positions(family, self.sent))

    def negated(self, i: int) -> bool:
        """Negation, refusal or mere possibility in the clause of token i, or, for an
        infinitive ("prüft, ob sie ... zu liefern", "considering whether to send"),
        in the clause that governs it."""
        lo, hi = self.clause(i)
        if self.cue_in("negation", lo, hi):
            return True
        prev = self.low.get(i - 1, "")
        if prev in ("zu", "to") and lo > self.sent.start:
            plo, _ = self.clause(lo - 1)
            return self.cue_in("negation", plo, lo)
        return False

    def prev_word(self, i: int, skip_determiners: bool = True) -> int | None:
        dets = set(self.lex["preps"]["determiners"])
        k = i - 1
        while k >= self.sent.start and (self.doc[k].is_space or
                                        (skip_determiners and self.low.get(k) in dets)):
            k -= 1
        return k if k >= self.sent.start else None

    def preposition_before(self, m: Mention, kinds: list[str]) -> bool:
        """Whether the mention stands in a phrase opened by one of ``kinds`` of preposition
        ("an die Ukraine", "to Ukraine", "gegen Russland"), skipping determiners and adjectives."""
        preps = set()
        for k in kinds:
            preps.update(self.lex["preps"][k])
        others = self.all_preps - preps
        k = m.start - 1
        hops = 0
        dets = set(self.lex["preps"]["determiners"])
        while k >= self.sent.start and hops < 4:
            w = self.low[k]
            if w in preps:
                return True
            if w in others:
                return False   # "an den von Deutschland gelieferten": "von" governs it
            verb = self.cues.lang == "en" and w not in dets and (
                w.endswith("ing") or self.low.get(k + 1) in dets)   # "to back a U.S. proposal"
            if w in dets or (self.doc[k].text[:1].islower() and not self.doc[k].is_punct
                             and hops < 2 and w not in ("und", "and") and not verb):
                k -= 1
                hops += 1
                continue
            break
        return False

    def is_possessive(self, m: Mention) -> bool:
        nxt = self.doc[m.end] if m.end < self.sent.end else None
        return nxt is not None and nxt.text in ("'s", "’s", "'", "’")

    def is_dative_recipient(self, m: Mention) -> bool:
        """German "der Ukraine" after a verb or the subject, not after a noun (genitive)."""
        if self.cues.lang != "de" or m.start - 1 < self.sent.start or m.form not in ("name", "capital"):
            return False
        det = self.low[m.start - 1]
        if det not in ("der", "dem"):
            # "Nordkorea hat Russland Munition geliefert": a second state right after the
            # verb of a clause whose subject is a state is the indirect object.
            prev = self.doc[m.start - 1]
            lo, _ = self.clause(m.start)
            subject = any(o.kind == "Country" and o.form == "name" and lo <= o.start < m.start - 1
                          for o in self.mentions)
            if m.kind == "Country" and subject and prev.text.islower() and prev.is_alpha \
                    and det not in self.all_preps and det not in ("und", "oder", "sowie") \
                    and det not in self.lex["preps"]["determiners"]:
                return True
            # "Nach Erkenntnissen ... hat Nordkorea Russland Millionen Granaten geliefert": after
            # the verb, the second of two bare states is the indirect object.
            first = next((o for o in self.mentions if o.end == m.start and o.kind == "Country"
                          and o.form == "name"), None)
            return m.kind == "Country" and first is not None and first.start - 1 >= self.sent.start \
                and self.doc[first.start - 1].text.islower() and self.doc[first.start - 1].is_alpha \
                and self.low[first.start - 1] not in self.all_preps \
                and self.low[first.start - 1] not in ("und", "oder", "sowie")
        before = m.start - 2
        if before < self.sent.start:
            return False
        tok = self.doc[before]
        if tok.is_punct:
            return True   # clause-initial "der Ukraine" is dative: genitives follow a noun
        covered = any(o.start <= before < o.end for o in self.mentions)
        if tok.text[:1].isupper() and not covered:
            return False   # "die Gegenoffensive der Ukraine": genitive
        if covered:
            # "Deutschland der Ukraine" (dative) but "Minister der Ukraine" is a role phrase.
            return True
        return True

    def is_ditransitive_recipient(self, m: Mention) -> bool:
        """English "provided Ukraine with ...": the first object of a supply verb."""
        if self.cues.lang != "en":
            return False
        k = self.prev_word(m.start)
        if k is None or not (self.cues.match("supply", self.doc[k]) or
                             self.cues.match("pledge", self.doc[k]) or
                             fold(self.doc[k].lemma_) in ("help", "support", "assist", "arm", "equip")):
            return False
        nxt = self.doc[m.end] if m.end < self.sent.end else None
        return nxt is not None and not nxt.is_punct and nxt.text not in ("'s", "’s")


def country_of(m: Mention, person_country: dict[str, str]) -> str | None:
    """The state a mention acts for: itself, a capital's or agency's country, a person's."""
    gaz = load_gazetteer()
    if m.kind == "Country":
        return m.key
    if m.kind == "Person":
        return person_country.get(m.key)
    ent = gaz.entities.get(m.key)
    if m.form in ("capital", "agency") and ent is not None:
        return ent.capital_of or ent.agency_of
    if m.kind == "Organization":
        return m.key
    return None


def dedupe(items):
    out = []
    for x in items:
        if x not in out:
            out.append(x)
    return out
