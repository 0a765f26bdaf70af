"""Relation extraction: rules over the mentions of the spaCy pipeline.

``extract(article)`` runs the language's pipeline over the article's body and
applies the relation rules sentence by sentence. Every relation found keeps
its sentence, the sentence's character offsets in the body, the rule that
fired and, where the sentence states them, status, recipient, quantity, money
amount and date.

The rules read cue words from ``ontology/lexicon/<lang>.toml``; nothing here
names a particular article or sentence.

>>> from graph.articles import Article
>>> art = Article(id="t1", title="t", text="Frankreich hat der Ukraine Caesar-Haubitzen geliefert.",
...               lang="de", source="t.txt", date=None, url=None, metadata={})
>>> sorted((r.subject, r.predicate, r.object) for r in extract(art).relations)
[('France', 'supplies', 'CAESAR'), ('France', 'suppliesTo', 'Ukraine')]
"""
from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span

from graph.articles import Article
from graph.nlp import Mention, build_pipeline
from graph.ontology import load_gazetteer, load_lexicon, role_properties
from graph.quantities import find_money, is_year, parse_number, resolve_date
from graph.relation import Relation
from graph.roles import RoleFinder, resolve_roles
from graph.textnorm import fold

#: Bump when rules or lexicon change in ways that change output (cache key).
EXTRACTOR_VERSION = "1"

_CLAUSE_PUNCT = {",", ";", ":", "–", "—", "(", ")", "„", "“", "”", "\"", "«", "»", "-"}
_AGENT_KINDS = {"Country", "Organization"}


@dataclass
class Extraction:
    """What one article yields: its mentions and relations."""

    article: Article
    mentions: list[Mention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)


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

    def clause(self, i: int) -> tuple[int, int]:
        """Token range of the clause around token i, bounded by clause punctuation.

        Commas inside a list of weapons do not end a clause.
        """
        weapons = {k for m in self.mentions if m.kind == "WeaponSystem" for k in range(m.start, m.end)}
        agents = {k for m in self.mentions if m.kind in ("Country", "Organization") and m.form == "name"
                  for k in range(m.start, m.end)}

        def boundary(k: int) -> bool:
            t = self.doc[k].text
            if t not in _CLAUSE_PUNCT:
                return False
            if t == "-":
                return False
            if t == ",":
                for kind in (weapons, agents):
                    before = any(j in kind for j in range(max(self.sent.start, k - 3), k))
                    after = any(j in kind for j in range(k + 1, min(self.sent.end, k + 6)))
                    if before and after:
                        return False   # "Deutschland, Polen und Norwegen", "IRIS-T, Gepard"
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
            if w in dets or (self.doc[k].text[:1].islower() and not self.doc[k].is_punct
                             and hops < 2 and w not in ("und", "and")):
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
            return m.kind == "Country" and subject and prev.text.islower() and prev.is_alpha \
                and det not in self.all_preps and det not in ("und", "oder", "sowie") \
                and det not in self.lex["preps"]["determiners"]
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


def _country_of(m: Mention, person_country: dict[str, str]) -> str | None:
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


class ArticleExtractor:
    """Applies the relation rules to one parsed article."""

    def __init__(self, article: Article, doc: Doc):
        self.article, self.doc = article, doc
        self.cues = Cues(article.lang)
        self.lex = self.cues.lex
        self.mentions: list[Mention] = list(doc._.mentions or [])
        self.relations: list[Relation] = []
        self.last_donors: list[str] = []
        self.discourse_donors: list[str] = []
        roles = RoleFinder(article.lang)
        self.sentences = [SentenceView(doc, s, self.mentions, self.cues) for s in doc.sents]
        self.role_relations, self.person_country = resolve_roles(
            [(sv, roles.find(sv)) for sv in self.sentences])
        self.default_recipient = self._default_recipient()

    # -- helpers -------------------------------------------------------------------------
    def _recipient_marked(self, sv: SentenceView, m: Mention) -> bool:
        if m.form == "adjective" and self._qualifies(sv, m, self.lex["train"]["trainee_nouns"]):
            return sv.preposition_before(m, ["recipient"])
        if sv.is_possessive(m) or m.form not in ("name", "capital", "agency"):
            return False
        return (sv.preposition_before(m, ["recipient"]) or sv.is_dative_recipient(m)
                or sv.is_ditransitive_recipient(m))

    def _default_recipient(self) -> str | None:
        """The article's usual recipient: the state most often marked as receiving
        ("an die Ukraine", "to Kyiv"), with plain mentions as the tie-breaker."""
        marked: Counter[str] = Counter()
        mentioned: Counter[str] = Counter()
        for sv in self.sentences:
            for m in sv.mentions:
                c = _country_of(m, {})
                if not c or m.kind not in ("Country", "Place"):
                    continue
                mentioned[c] += 1
                if self._recipient_marked(sv, m):
                    marked[c] += 1
        if not marked:
            return None
        # The aggressor is rarely the recipient of the aid an article reports on, even when
        # one sentence says it received something ("Iran has supplied drones to Moscow").
        attackers = {self._attacker_at(sv, k)[0] for sv in self.sentences
                     for k in self.cues.positions("attack", sv.sent)} - {None}
        givers = self._likely_donors()

        def score(c: str) -> int:
            return 3 * marked[c] + mentioned[c] - 5 * (c in attackers) - 5 * (c in givers)
        return min(mentioned, key=lambda c: (-score(c), c))

    def _likely_donors(self) -> set[str]:
        """States named first in a sentence with a verb of giving ("Italy and France supplied")."""
        out = set()
        for sv in self.sentences:
            cues = self.cues.positions("supply", sv.sent) + self.cues.positions("pledge", sv.sent)
            if not cues or any(self.cues.match("receive", self.doc[k]) for k in cues):
                continue   # "Die Ukraine hat ... erhalten": the first state receives
            first = next((m for m in sv.mentions if m.kind == "Country" and m.form == "name"), None)
            if first is not None and first.start < min(cues) and not self._recipient_marked(sv, first):
                out.add(first.key)
        return out

    def _agents(self, sv: SentenceView) -> list[tuple[Mention, str]]:
        """Mentions that can act as donor, with the state or organisation they stand for."""
        agent_nouns = set(self.lex["agents"]["nouns"])
        out = []
        for m in sv.mentions:
            if m.kind == "WeaponSystem" or m.generic:
                continue
            if m.form == "adjective":
                roleish = self._qualifies(sv, m, agent_nouns) or any(
                    m.end <= r.start <= m.end + 1 for r in sv.role_spans) or (
                    m.end + 1 < sv.sent.end and self.doc[m.end].text == "-"
                    and self.cues.match("delivered", self.doc[m.end + 1]))
                if not roleish:
                    continue
            if m.form == "demonym" or (m.kind == "Person" and sv.is_possessive(m)):
                continue
            if m.form == "capital":
                # Metonymy ("Teheran hat ... übergeben", "Oslo would send") only where the
                # capital is not inside a prepositional phrase ("in Kiew", "to Moscow").
                prev = [fold(t.text) for t in self.doc[max(sv.sent.start, m.start - 2): m.start]]
                if set(prev) & sv.all_preps:
                    continue
            if m.kind == "Place" and m.form != "capital":
                continue
            who = _country_of(m, self.person_country)
            if who is None:
                continue
            out.append((m, who))
        return out

    def _qualifies(self, sv: SentenceView, m: Mention, nouns) -> bool:
        """Whether an adjective mention qualifies one of ``nouns``, looking past coordinated
        adjectives and modifiers ("dänischen und US-amerikanischen Ausbildern",
        "Ukrainian military and security personnel", "Russian drones")."""
        covered = {k for o in sv.mentions if o.kind == "Country" for k in range(o.start, o.end)}
        k, words = m.end, 0
        while k < sv.sent.end and words < 4:
            tok = self.doc[k]
            w = fold(tok.text)
            if w in nouns:
                return True
            if tok.is_punct and tok.text not in ("-", ","):
                return False
            if k not in covered and w not in ("und", "and", "oder", "or", ",", "-"):
                words += 1
            k += 1
        return False

    def _donors(self, sv: SentenceView, trigger: int, recipient: str | None,
                exclude_against: bool = True) -> list[str]:
        agents = [(m, who) for m, who in self._agents(sv)
                  if who != recipient and not self._recipient_marked(sv, m)
                  and not (exclude_against and sv.preposition_before(m, ["against"]))]
        if not agents:
            return []
        # Companies give only where no state or official does ("built by MBDA and Thales").
        agents = [(m, w) for m, w in agents if m.type != "Company"] or agents
        people_only = all(m.kind == "Person" for m, _ in agents)
        if not people_only:
            agents = [(m, w) for m, w in agents if m.kind != "Person"]
        lo, hi = sv.clause(trigger)
        # A source is not a donor: "bought NASAMS from the United States".
        agents = [(m, w) for m, w in agents if not sv.preposition_before(m, ["source"])
                  or sv.preposition_before(m, ["passive_agent"])] or agents
        passive = [(m, w) for m, w in agents if sv.preposition_before(m, ["passive_agent"])
                   and (m.start > trigger or lo <= m.start) and not self._made_by(sv, m)]
        agents = [(m, w) for m, w in agents if not self._made_by(sv, m)]
        if not agents:
            return []
        if passive:
            return _dedupe([w for _, w in self._coordinated(sv, passive)])
        in_clause = [(m, w) for m, w in agents if lo <= m.start < hi]
        before = [(m, w) for m, w in agents if m.start < trigger]
        chosen = in_clause or before or agents[:1]
        return _dedupe([w for _, w in self._coordinated(sv, chosen)])

    def _made_by(self, sv: SentenceView, m: Mention) -> bool:
        """ "made by Lockheed Martin", "von Krauss-Maffei Wegmann gebaut": a maker, not a donor."""
        near = list(self.doc[max(sv.sent.start, m.start - 4): m.start]) + \
            list(self.doc[m.end: min(sv.sent.end, m.end + 2)])
        return any(self.cues.match("manufacture", t) for t in near)

    def _received(self, sv: SentenceView, k: int) -> tuple[list[str], str | None] | None:
        """Donor and recipient around a verb of receiving ("Die Ukraine hat von Deutschland
        ... erhalten", "tanks from Germany arrived in Ukraine"), or None for other verbs."""
        if not self.cues.match("receive", self.doc[k]):
            return None
        donors, recipient = [], None
        source = set(self.lex["preps"]["source"]) | set(self.lex["preps"]["passive_agent"])
        opened = next((t.i for t in sv.sent if fold(t.text) in source), None)
        for m in sv.mentions:
            who = _country_of(m, self.person_country)
            if who is None or m.kind in ("WeaponSystem", "Person") or m.form in ("adjective", "demonym"):
                continue
            # German "aus einem Projekt Dänemarks und der Niederlande ... erhalten" (before the
            # verb), English "received ... from Denmark and the Netherlands" (after it).
            in_source = opened is not None and opened < m.start and m.kind == "Country" and \
                (m.start < k if self.cues.lang == "de" else True)
            if (sv.preposition_before(m, ["source", "passive_agent"]) or in_source) \
                    and not self._made_by(sv, m):
                donors.append(who)
            elif recipient is None and (m.kind == "Country" or m.form == "capital"):
                recipient = who
        return _dedupe(donors), recipient

    def _coordinated(self, sv: SentenceView, agents: list) -> list:
        """The first agent and those joined to it by "und", "and" or commas
        ("Frankreich und Polen", "die Minister Frankreichs, X, und Australiens")."""
        out = agents[:1]
        joiners = {",", "und", "and", "sowie", "as", "well", "also", "auch", "gemeinsam", "zusammen",
                   "mit", "together", "with"} | set(self.lex["preps"]["determiners"])
        for m, w in agents[1:]:
            prev = out[-1][0]
            gap = range(prev.end, m.start)
            in_person = {k for p in sv.mentions if p.kind == "Person" for k in range(p.start, p.end)}
            if all(k in in_person or fold(self.doc[k].text) in joiners for k in gap) and \
                    any(fold(self.doc[k].text) in ("und", "and", "sowie", ",", "mit", "with")
                        for k in gap):
                out.append((m, w))
            else:
                break
        return out

    def _recipient(self, sv: SentenceView, exclude: set[str] = frozenset(),
                   trigger: int | None = None) -> str | None:
        """The state marked as receiving ("an die Ukraine", "to Kyiv"), nearest after the
        trigger; else the article's usual recipient."""
        cands = []
        lo, hi = sv.clause(trigger) if trigger is not None else (sv.sent.start, sv.sent.end)
        for m in sv.mentions:
            c = _country_of(m, {})
            if c and c not in exclude and (m.kind == "Country" or m.form == "capital") \
                    and self._recipient_marked(sv, m):
                dist = m.start - trigger if trigger is not None else 0
                # In the verb's clause first, then the nearest before it ("provide Ukraine
                # with ... to supply"), and only then later ones ("a visit to Ottawa").
                cands.append((not lo <= m.start < hi, dist > 0, abs(dist), c))
        if cands:
            return min(cands)[3]
        return self.default_recipient if self.default_recipient not in exclude else None

    def _quantity(self, sv: SentenceView, start: int, window: int = 6) -> tuple[float | None, str | None]:
        """A number in front of the mention at ``start`` ("12 weitere", "mehreren Tausend")."""
        lang = self.article.lang
        vague = set(self.lex["numbers"]["vague"])
        scales = self.lex["numbers"]["scales"]
        k = start - 1
        steps = 0
        while k >= sv.sent.start and steps < window:
            tok = self.doc[k]
            w = fold(tok.text)
            if tok.text in (",", ";", ":") or any(m.start <= k < m.end and m.kind == "WeaponSystem"
                                                   for m in sv.mentions):
                break
            num = parse_number(tok.text, lang)
            nxt2 = [fold(t.text) for t in self.doc[k + 1: min(sv.sent.end, k + 3)]]
            currencies = self.lex["currencies"]
            if num is not None and (set(nxt2) & set(currencies) or
                                    k > sv.sent.start and fold(self.doc[k - 1].text) in currencies):
                break   # a money amount, not a number of items
            if num is not None and not is_year(tok.text):
                first = k
                if k - 1 >= sv.sent.start and fold(self.doc[k - 1].text) in vague:
                    first = k - 1
                nxt = fold(self.doc[k + 1].text) if k + 1 < sv.sent.end else ""
                if nxt in scales:
                    num *= scales[nxt]
                return num, self.doc[first:start].text.strip()
            if w in scales and k - 1 >= sv.sent.start:
                # "mehreren Tausend" / "thousands of"
                return None, self.doc[k - 1:start].text.strip()
            steps += 1
            k -= 1
        return None, None

    def _emit(self, sv: SentenceView, rule: str, s: str, p: str, o: str, **kw) -> None:
        if s == o:
            return
        date, date_text = resolve_date([t.text for t in sv.sent], self.article.lang,
                                       self.article.date)
        kw.setdefault("date", date)
        kw.setdefault("date_text", date_text)
        if p in ("suppliesTo", "fundsFor") and "amount" not in kw:
            money = find_money([t.text for t in sv.sent], self.article.lang)
            if money is not None:
                kw.update(amount=money.amount, currency=money.currency,
                          amount_text=sv.sent[money.start:money.end].text)
        self.relations.append(Relation(s, p, o, sv.text, sv.start_char, sv.end_char,
                                       f"{self.article.lang}.{rule}", **kw))
        if p in ("fundsFor", "trains") and self._is_state(s) and self._is_state(o):
            # Money for defence and training are military aid too: one suppliesTo per pair.
            self._emit(sv, f"suppliesTo.{p}", s, "suppliesTo", o)

    @staticmethod
    def _is_state(key: str) -> bool:
        ent = load_gazetteer().entities.get(key)
        return ent is not None and ent.kind in ("Country", "Organization")

    # -- rules ---------------------------------------------------------------------------
    def run(self) -> list[Relation]:
        for sv in self.sentences:
            sv_rels_before = len(self.relations)
            self._supply(sv)
            self._aid(sv)
            self._train(sv)
            self._fund(sv)
            self._coproduce(sv)
            self._attack(sv)
            self._occupy(sv)
            self._manufacture(sv)
            donors = [r.subject for r in self.relations[sv_rels_before:]
                      if r.predicate in ("supplies", "pledges", "suppliesTo", "fundsFor")]
            if donors:
                self.last_donors = _dedupe(donors)
            elif self.discourse_donors:
                self.last_donors = self.discourse_donors
            self.discourse_donors = []
        for rel in self.role_relations:
            self.relations.append(replace(rel, rule=f"{self.article.lang}.{rel.rule}"))
        return _dedupe_relations(self.relations)

    def _listing(self, sv: SentenceView) -> bool:
        """A package sentence lists its items: "Das Paket umfasst ...", "The package includes ..."."""
        triggers = set(self.lex["items"]["package_triggers"])
        return any((fold(t.lemma_) in triggers or fold(t.text) in triggers)
                   and not fold(t.text).endswith("ing") for t in sv.sent) \
            and any(fold(t.text).endswith(tuple(self.lex["items"]["package_suffixes"])) or
                    fold(t.text) in ("it", "es", "sie", "which", "das", "der", "die") for t in sv.sent)

    def _weapon_items(self, sv: SentenceView) -> list[tuple[Mention, float | None, str | None]]:
        """Weapon mentions that name delivered items, with their quantities.

        A generic category next to a named system is the system's head noun
        ("Haubitzen Caesar", "Patriot air defense systems") and is folded into
        it; generic categories alone count only when quantified.
        """
        weapons = [m for m in sv.mentions if m.kind == "WeaponSystem"]
        link = set(self.lex["items"]["link"])
        absorbed: dict[int, int] = {}
        for a, b in reversed(list(zip(weapons, weapons[1:], strict=False))):
            # Numerals may stand inside the link: "IRIS-T mit drei Lenkflugkörpern".
            between = [fold(t.text) for t in self.doc[a.end: b.start]
                       if parse_number(t.text, self.article.lang) is None]
            typed = any(w in ("typ", "typs", "type", "kaliber", "calibre", "caliber") for w in between)
            if len(between) > (4 if typed else 3) or any(
                    w not in link and not (typed and w.isalpha() and w == w.lower()) for w in between):
                continue
            if a.generic and not b.generic:
                absorbed[id(a)] = id(b)
            elif a.generic and b.generic and id(b) in absorbed:
                # "30 Raketen für das Flugabwehrsystem Patriot": both heads belong to Patriot.
                absorbed[id(a)] = absorbed[id(b)]
            elif a.generic and b.generic and typed:
                absorbed[id(a)] = id(b)   # "Geschosse im Kaliber 155 Millimeter"
            elif b.generic and not a.generic and len(between) <= 1:
                absorbed[id(b)] = id(a)
        for a, b in zip(weapons, weapons[1:], strict=False):
            # "HAWK air defense systems and missiles": the missiles of that system.
            head = absorbed.get(id(a), id(a) if not a.generic else None)
            between = [fold(t.text) for t in self.doc[a.end: b.start]]
            if head is not None and head != id(a) and b.generic and between in (["and"], ["und"]) \
                    and b.type in ("Missile", "Ammunition", "InterceptorMissile"):
                absorbed[id(b)] = head
        items: list = []
        starts = {id(m): m.start for m in weapons}
        purchase = tuple(self.lex["items"]["purchase"])
        listing = self._listing(sv)
        production = set(self.lex["coproduction"]["production"])
        for m in weapons:
            if id(m) in absorbed:
                continue
            before = [fold(t.text) for t in self.doc[max(sv.sent.start, m.start - 3): m.start]]
            if any(w.startswith(purchase) for w in before):
                continue   # "Geld für den Kauf von Drohnen": funding, handled by fundsFor
            if any(w in production for w in before[-3:]):
                continue   # "agreed to jointly produce artillery ammunition": made, not supplied
            heads = [w for w in weapons if absorbed.get(id(w)) == id(m)]
            start = min([m.start] + [starts[id(h)] for h in heads])
            qty, qtext = self._quantity(sv, start)
            nxt = next((w for w in weapons if w.start == m.end), None)
            if m.generic and nxt is not None and nxt.generic and id(nxt) not in absorbed \
                    and nxt.type != m.type:
                continue   # "155 mm howitzers": the calibre qualifies the next item
            following = {fold(t.text) for t in self.doc[m.end: min(sv.sent.end, m.end + 3)]}
            if following & set(self.lex["items"]["not_items"]):
                continue   # "air defense capabilities" names a capability, not an item
            if m.generic:
                words = [fold(t.text) for t in self.doc[max(sv.sent.start, start - 2): start]]
                quantifier = set(self.lex["items"]["quantifiers"])
                prev = items[-1][0] if items else None
                coordinated = prev is not None and prev.generic and all(
                    fold(t.text) in ("und", "and", "sowie", ",", "or", "oder")
                    for t in self.doc[prev.end: start])
                if qtext is None and not (set(words) & quantifier) and not coordinated and not listing:
                    continue
            items.append((m, qty, qtext))
        return items

    def _status(self, sv: SentenceView, trigger: int, kind: str) -> str | None:
        """ "pledged" or "delivered" for the supply verb at ``trigger``."""
        if kind == "pledge":
            return "pledged"
        lo, hi = sv.clause(trigger)
        aux = self.lex["pledge"]
        lows = [self.doc[k].lower_ for k in range(lo, hi)]
        past = any(w in aux["past_aux"] for w in lows) or \
            self.cues.match("delivered", self.doc[trigger])
        if any(w in aux["future_aux"] for w in lows) and not (
                self.cues.lang == "de" and any(w in ("wurde", "wurden", "worden") for w in lows)):
            return "pledged"
        prev = fold(self.doc[trigger - 1].text) if trigger > sv.sent.start else ""
        word = fold(self.doc[trigger].text)
        infix = any(word.startswith(p + "zu") for p in self.lex["pledge"].get("separable_prefixes", ()))
        if self.cues.lang == "de" and (prev == "zu" or infix):
            return "pledged"    # "hat angekündigt, ... zu liefern", "bereitzustellen"
        if self.cues.lang == "en" and prev == "to" and trigger - 2 >= sv.sent.start and \
                fold(self.doc[trigger - 2].lemma_) not in aux.get("ongoing_to", ()):
            # "agreed to send", "bought ... to donate"; but "continues to supply" is happening
            return "pledged"
        pledge_before = [k for k in self.cues.positions("pledge", sv.sent) if k < trigger]
        if pledge_before and not past:
            return "pledged"    # "einigten sich auf die Lieferung", "announced the delivery"
        return "delivered"

    def _triggers(self, sv: SentenceView) -> list[tuple[int, str]]:
        trig = [(k, "supply") for k in self.cues.positions("supply", sv.sent)]
        items = self.lex["items"]
        pledges = self.cues.positions("pledge", sv.sent)
        split = self.cues.split_particles.get("pledge", set())
        packages = [k for k in pledges
                    if ((fold(self.doc[k].lemma_) in items["package_triggers"]
                         or fold(self.doc[k].text) in items["package_triggers"])
                        and not fold(self.doc[k].text).endswith("ing")) or k in split
                    or fold(self.doc[k].text).endswith(tuple(items["package_suffixes"]))]
        trig += [(k, "pledge") for k in packages]
        return sorted(set(trig))

    def _supply(self, sv: SentenceView) -> None:
        triggers = self._triggers(sv)
        if not triggers:
            return
        items = self._weapon_items(sv)
        by_trigger: dict[int, list] = {k: [] for k, _ in triggers}
        for item in items:
            m = item[0]
            best = min(triggers, key=lambda t: (abs(t[0] - m.start), t[0] > m.start))
            by_trigger[best[0]].append(item)
        kinds = dict(triggers)
        gapped = self._gapped_clauses(sv)
        for k in by_trigger:
            by_trigger[k] = [it for it in by_trigger[k]
                             if not any(lo <= it[0].start < hi for _, lo, hi in gapped)]
        pledged_items: list = []
        for k, its in sorted(by_trigger.items()):
            if sv.negated(k):
                continue
            status = self._status(sv, k, kinds[k])
            if not its and status == "delivered" and pledged_items and kinds[k] == "supply":
                # "hatte ... eine Million Geschosse zugesagt, aber nur die Hälfte geliefert"
                its = pledged_items
            received = self._received(sv, k)
            if received is not None:
                donors, recipient = received
                recipient = recipient or self.default_recipient
                donors = donors or self._donors(sv, k, recipient)
            else:
                recipient = self._recipient(sv, trigger=k)
                donors = self._donors(sv, k, recipient)
            if donors and not its:
                self.discourse_donors = donors   # "kündigte ein Paket an. Das Paket umfasst ..."
            donors = donors or self.last_donors
            pred = "supplies" if status == "delivered" else "pledges"
            for donor in donors:
                for m, qty, qtext in its:
                    self._emit(sv, f"{pred}.{kinds[k]}", donor, pred, m.key, status=status,
                               recipient=recipient, quantity=qty, quantity_text=qtext)
                if recipient and (its or self._aid_without_items(sv, k, recipient)):
                    self._emit(sv, f"suppliesTo.{pred}", donor, "suppliesTo", recipient)
            self._gapped(sv, k, its, pred, status, recipient, donors)
            if status == "pledged":
                pledged_items = its

    def _gapped_clauses(self, sv: SentenceView) -> list[tuple[Mention, int, int]]:
        """Clauses without a verb of their own that start with another state after a comma."""
        triggers = [t for t, _ in self._triggers(sv)]
        out = []
        for m in sv.mentions:
            if m.kind != "Country" or m.form != "name" or m.start == sv.sent.start \
                    or self.doc[m.start - 1].text != ",":
                continue
            # The gapped clause runs to the next comma or semicolon ("..., Y das System B.").
            lo2 = m.start
            hi2 = next((t.i for t in self.doc[m.end: sv.sent.end] if t.text in (",", ";")),
                       sv.sent.end)
            if triggers and min(triggers) < m.start and not any(lo2 <= t < hi2 for t in triggers):
                out.append((m, lo2, hi2))
        return out

    def _aid_without_items(self, sv: SentenceView, k: int, recipient: str) -> bool:
        """A supply verb with an explicit recipient but no named item ("Iran has supplied them
        to Moscow") is still military aid, unless what is sent are troops."""
        if not any(self._recipient_marked(sv, m) and _country_of(m, {}) == recipient
                   for m in sv.mentions):
            return False
        lo, hi = sv.clause(k)
        troops = set(self.lex["train"]["trainee_nouns"])
        if any(fold(t.text) in troops for t in self.doc[lo:hi]):
            return False
        military = set(self.lex["aid"]["military"]) | set(self.lex["items"]["aid_objects"])
        return any(m.kind == "WeaponSystem" for m in sv.mentions) or any(
            fold(t.text) in military for t in sv.sent)

    def _gapped(self, sv: SentenceView, k: int, its: list, pred: str, status: str,
                recipient: str | None, donors: list[str]) -> None:
        """Gapping: "X hat A geliefert, Y das baugleiche System B" and "X will 24 F-16
        übergeben, Y sechs": a later clause that starts with another state and has no verb
        of its own shares the verb."""
        if not donors:
            return
        for m, lo2, hi2 in self._gapped_clauses(sv):
            donor = _country_of(m, self.person_country)
            if m.start < k or donor in donors or donor == recipient:
                continue
            own = [it for it in self._weapon_items(sv) if lo2 <= it[0].start < hi2]
            number = next((t for t in self.doc[m.end: hi2]
                           if parse_number(t.text, self.article.lang) is not None), None)
            shared = own or ([(it[0], parse_number(number.text, self.article.lang), number.text)
                              for it in its[-1:]] if number is not None else [])
            for item, qty, qtext in shared:
                self._emit(sv, f"{pred}.gapped", donor, pred, item.key, status=status,
                           recipient=recipient, quantity=qty, quantity_text=qtext)
            if shared and recipient:
                self._emit(sv, f"suppliesTo.{pred}", donor, "suppliesTo", recipient)

    def _aid(self, sv: SentenceView) -> None:
        """suppliesTo from military aid of any kind ("militärische Unterstützung", "helfen")."""
        cues = self.cues.positions("aid", sv.sent)
        military = set(self.lex["aid"]["military"])
        aid_objects = set(self.lex["items"]["aid_objects"])
        supply = [k for k in self.cues.positions("supply", sv.sent)
                  if any(fold(t.text) in aid_objects for t in self.doc[k: min(sv.sent.end, k + 6)])]
        for k in sorted(set(cues + supply)):
            if sv.negated(k):
                continue
            window = [fold(t.text) for t in self.doc[max(sv.sent.start, k - 3): min(sv.sent.end, k + 3)]]
            low = fold(self.doc[k].text)
            compound_military = any(low.startswith(w) for w in military) and low not in military
            explicit = [m for m in sv.mentions if self._recipient_marked(sv, m)]
            if not (compound_military or any(w in military for w in window) or k in supply
                    or (explicit and low in ("helfen", "help"))):
                continue
            recipient = self._recipient(sv)
            if recipient is None:
                continue
            money = find_money([t.text for t in sv.sent], self.article.lang)
            extra = dict(amount=money.amount, currency=money.currency,
                         amount_text=sv.sent[money.start:money.end].text) if money else {}
            for donor in self._donors(sv, k, recipient):
                self._emit(sv, "suppliesTo.aid", donor, "suppliesTo", recipient, **extra)

    def _train(self, sv: SentenceView) -> None:
        cues = self.cues.positions("train", sv.sent)
        if not cues:
            return
        trainee_nouns = set(self.lex["train"]["trainee_nouns"])
        k = cues[0]
        if sv.negated(k):
            return
        # Best evidence first: "600 Ukrainer", "ukrainischer Soldaten", "Ukraine's armed
        # forces", the armed forces by name, and only then "to Ukraine".
        ranked = []
        for m in sv.mentions:
            c = _country_of(m, {})
            if not c or m.kind not in ("Country", "Place", "Organization"):
                continue
            troops = self._qualifies(sv, m, trainee_nouns)
            if self.cues.lang == "en" and m.start < k and not self._recipient_marked(sv, m):
                continue   # "the Canadian Armed Forces have trained ...": that is the trainer
            if m.form == "demonym":
                ranked.append((0, m.start, c))
            elif m.form in ("adjective", "capital") and troops or sv.is_possessive(m) and troops:
                ranked.append((1, m.start, c))
            elif m.kind == "Organization" and m.type == "ArmedForces" and self._object_like(sv, m, k):
                ranked.append((2, m.start, c))
            elif self._recipient_marked(sv, m) and not sv.preposition_before(m, ["recipient"]) \
                    or fold(self.doc[m.start - 1].text) in ("to", "for", "fur"):
                ranked.append((3, m.start, c))
        if not ranked:
            cue = self.doc[k]
            verb = cue.text.islower() and not (self.cues.lang == "en" and cue.text.endswith("ing"))
            if not self.default_recipient or not verb:
                return
            # "An der Panzerhaubitze bildet die Bundeswehr ... aus": the article's recipient.
            ranked.append((4, k, self.default_recipient))
        _, tpos, trainee = min(ranked)
        trainers = self._donors(sv, k, trainee) or self.last_donors
        qty, qtext = self._number_near(sv, tpos, k)
        for t in trainers:
            self._emit(sv, "trains", t, "trains", trainee, quantity=qty, quantity_text=qtext)

    def _object_like(self, sv: SentenceView, m: Mention, k: int) -> bool:
        """Whether a mention is the object side of the verb at k rather than its subject:
        after the verb in English, a genitive ("Angehörige der ukrainischen Streitkräfte")
        or a dative/prepositional phrase in German."""
        if self.cues.lang == "en":
            return m.start > k
        if m.start - 2 < sv.sent.start:
            return False
        det, noun = self.doc[m.start - 1], self.doc[m.start - 2]
        genitive = fold(det.text) in ("der", "des") and noun.text[:1].isupper() and not noun.is_punct
        return genitive or self._recipient_marked(sv, m)

    def _number_near(self, sv: SentenceView, *positions: int) -> tuple[float | None, str | None]:
        for p in positions:
            qty, qtext = self._quantity(sv, p, window=3)
            if qty is not None:
                return qty, qtext
        for tok in self.doc[min(positions): sv.sent.end]:
            num = parse_number(tok.text, self.article.lang)
            if num is not None and not is_year(tok.text) and tok.text[:1].isdigit():
                return num, tok.text
        return None, None

    def _fund(self, sv: SentenceView) -> None:
        words = [t.text for t in sv.sent]
        money = find_money(words, self.article.lang)
        if money is None:
            return
        cues = list(self.cues.positions("funding", sv.sent))
        purposes = set(self.lex["funding"]["purposes"])
        # "€150m for training", "500 Millionen Euro für die Luftverteidigung"
        after = [fold(w) for w in words[money.end: money.end + 4]]
        preps = set(self.lex["preps"]["recipient"])
        if after and after[0] in preps and set(after[1:]) & purposes:
            cues.append(sv.sent.start + money.end)
        if not cues:
            return
        k = cues[0]
        if sv.negated(k):
            return
        # Money for defence, not for rebuilding schools: a military word, a weapon or a purpose.
        military = set(self.lex["aid"]["military"]) | purposes
        lows = [fold(t.text) for t in sv.sent]
        if not (any(w in military or any(w.startswith(x) for x in military) for w in lows)
                or any(m.kind == "WeaponSystem" for m in sv.mentions)):
            return
        recipient = self._recipient(sv)
        for m in sv.mentions:
            # "to fund Ukraine's defence"
            if m.kind == "Country" and sv.is_possessive(m) and m.end + 1 < sv.sent.end and \
                    fold(self.doc[m.end + 1].text) in purposes:
                recipient = m.key
        if recipient is None:
            return
        pairs = self._donor_amounts(sv, recipient)
        if pairs:
            # "Die Niederlande beteiligen sich mit 250 Millionen Euro, Dänemark mit 200 Millionen"
            for d, m in pairs:
                self._emit(sv, "fundsFor", d, "fundsFor", recipient, amount=m.amount,
                           currency=m.currency, amount_text=sv.sent[m.start:m.end].text)
            return
        donors = self._donors(sv, k, recipient) or self.last_donors
        for d in donors:
            self._emit(sv, "fundsFor", d, "fundsFor", recipient, amount=money.amount,
                       currency=money.currency, amount_text=sv.sent[money.start:money.end].text)

    def _donor_amounts(self, sv: SentenceView, recipient: str) -> list[tuple[str, object]]:
        """Each state with the amount that follows it, when a sentence lists several."""
        words = [t.text for t in sv.sent]
        amounts, i = [], 0
        while i < len(words):
            m = find_money(words[i:], self.article.lang)
            if m is None:
                break
            amounts.append(type(m)(m.amount, m.currency, m.text, m.start + i, m.end + i))
            i += m.end
        states = [m for m in sv.mentions if m.kind == "Country" and m.form == "name"
                  and m.key != recipient and not self._recipient_marked(sv, m)]
        if len(amounts) < 2 or len(states) < 2:
            return []
        pairs = []
        for n, st in enumerate(states):
            limit = states[n + 1].start if n + 1 < len(states) else sv.sent.end
            amount = next((a for a in amounts if st.end <= sv.sent.start + a.start < limit), None)
            if amount is not None:
                pairs.append((st.key, amount))
        return pairs if len(pairs) >= 2 else []

    def _coproduce(self, sv: SentenceView) -> None:
        spec = self.lex["coproduction"]
        together, production = set(spec["together"]), set(spec["production"])
        toks = list(sv.sent)
        hit = None
        for t in toks:
            w = fold(t.text)
            if self.cues.match("coproduction", t):
                hit = t.i
            elif w in together or w.startswith("gemeinsam"):
                # "gemeinsam ... herstellen" anywhere in the same clause
                lo, hi = sv.clause(t.i)
                near = [fold(x.text) for x in self.doc[lo:hi]]
                if any(n in production or any(n.endswith(p) for p in production) for n in near):
                    hit = t.i
            if hit is not None:
                break
        if hit is None:
            return
        if self.cues.positions("negation", sv.sent):
            return
        parties = []
        for m, who in self._agents(sv):
            if m.kind == "Person" or sv.preposition_before(m, ["against", "recipient"]) \
                    or self._recipient_marked(sv, m) or fold(self.doc[m.start - 1].text) in ("in", "im"):
                continue
            if m.kind == "Country" or m.type == "Company" or \
                    (m.form == "adjective" and self._qualifies(sv, m, self.lex["agents"]["nouns"])):
                parties.append(who)
        parties = _dedupe(parties)[:3]
        both = " ".join(fold(t.text) for t in sv.sent)
        if len(parties) < 2 and any(p in both for p in spec["both_parties"]) and self.last_donors \
                and self.default_recipient:
            # "Die beiden Länder vereinbarten eine gemeinsame Produktion"
            parties = _dedupe(self.last_donors[:1] + [self.default_recipient])
        for i, a in enumerate(parties):
            for b in parties[i + 1:]:
                self._emit(sv, "coProducesWith", a, "coProducesWith", b)

    def _attack(self, sv: SentenceView) -> None:
        verbs = set(self.lex["attack"]["verbs"])
        cues = set(self.cues.positions("attack", sv.sent)) | {
            t.i for t in sv.sent if fold(t.text) in verbs or fold(t.lemma_) in verbs}
        exclusions = tuple(self.lex["attack_exclusions"]["next_word_prefixes"])
        for k in sorted(cues):
            nxt = fold(self.doc[k + 1].text) if k + 1 < sv.sent.end else ""
            if nxt.startswith(exclusions) or sv.negated(k):
                continue
            lo, hi = sv.clause(k)
            if any(self.doc[j].lower_ in self.lex["pledge"]["future_aux"] for j in range(lo, hi)):
                continue   # "will help Ukraine ... strike": an aim, not an attack
            attacker, is_verb = self._attacker_at(sv, k)
            if attacker is None:
                continue
            for target in self._targets(sv, k, attacker, is_verb):
                self._emit(sv, "attacks", attacker, "attacks", target)

    def _attacker_at(self, sv: SentenceView, k: int) -> tuple[str | None, bool]:
        """The attacking state of the attack word at k, and whether that word is a verb."""
        verbs = self.lex["attack"]["verbs"]
        tok = self.doc[k]
        # English nouns and verbs share lemmas ("drone attacks"): only the form itself counts.
        is_verb = fold(tok.text) in verbs or (self.cues.lang == "de" and fold(tok.lemma_) in verbs)
        if is_verb and k > sv.sent.start and fold(self.doc[k - 1].text) in self.lex["preps"]["determiners"]:
            is_verb = False   # "an attack"
        if is_verb:
            return self._subject_before(sv, k, anywhere=True), True
        attacker = self._attacker_of_noun(sv, k)
        if attacker is None and self._launched(sv, k):
            attacker = self._subject_before(sv, k)
        return attacker, False

    def _launched(self, sv: SentenceView, k: int) -> bool:
        """ "Russland überzieht die Ukraine mit Angriffen", "Russia has intensified strikes":
        a verb of carrying out stands between the subject and the attack noun."""
        lo, _ = sv.clause(k)
        launch = self.lex["attack"]["launch_verbs"]
        return any(fold(t.lemma_) in launch or fold(t.text) in launch for t in self.doc[lo:k])

    def _attacker_of_noun(self, sv: SentenceView, k: int) -> str | None:
        """ "russische Raketenangriffe", "Russia's illegal invasion", "Russlands Angriffskrieg",
        "invasion of the Russian Federation"."""
        for m in sv.mentions:
            if m.kind != "Country":
                continue
            gap = list(self.doc[m.end: k])
            if m.end <= k and m.form == "adjective" and len(gap) <= 1:
                return m.key
            if m.end <= k and gap and gap[0].text in ("'s", "’s") and \
                    len([t for t in gap if t.text != "-"]) <= 3:
                return m.key
            if m.end == k and self.cues.lang == "de" and m.text.endswith("s") and m.form == "name":
                return m.key
            after = [fold(t.text) for t in self.doc[k + 1: m.start]]
            if m.start > k and 0 < len(after) <= 2 and after[0] in ("of", "der", "des", "by", "von") \
                    and all(w in self.lex["preps"]["determiners"] or w in ("of", "by", "von")
                            for w in after):
                return m.key
        return None

    def _subject_before(self, sv: SentenceView, k: int, anywhere: bool = False) -> str | None:
        """The attacking state of an attack verb: "Russland hat ... überfallen", "Russian
        drones attacked ...", "greifen russische Truppen ... an" (``anywhere`` in the clause)."""
        lo, hi = sv.clause(k)
        for m in sv.mentions:
            if not (lo <= m.start < (hi if anywhere else k)) or m.start == k:
                continue
            if m.kind != "Country" or sv.preposition_before(m, ["recipient", "against"]):
                continue
            if m.form == "name" and not sv.is_possessive(m) and \
                    fold(self.doc[m.start - 1].text) not in ("die", "the", "in", "im", "auf", "on"):
                return m.key
            if m.form == "adjective" and self._qualifies(sv, m, self.lex["attack"]["attacker_nouns"]):
                return m.key
        return None

    def _targets(self, sv: SentenceView, k: int, attacker: str, is_verb: bool) -> list[str]:
        """What is attacked: a place after "auf"/"on"/"gegen", the object of the verb, and the
        places listed with it ("including Kyiv and Kharkiv", "betroffen sind Charkiw und Odessa")."""
        lo, hi = sv.clause(k)
        targets = [m for m in sv.mentions if m.kind in ("Country", "Place")
                   and _country_of(m, {}) != attacker and m.key != attacker]
        marker = set(self.lex["attack"]["target_markers"])
        found: list[str] = []
        for m in targets:
            before = [fold(t.text) for t in self.doc[max(k, m.start - 4): m.start]]
            if m.start > k and (set(before) & marker) and (m.form != "adjective" or is_verb
                                                            or not found):
                found.append(_country_of(m, {}) if m.form == "adjective" else m.key)
        if not found and is_verb:
            # The object of the verb, inside the clause ("die ukrainische Energieinfrastruktur").
            obj = [m for m in targets if lo <= m.start < hi and m.start != k]
            if obj:
                m = min(obj, key=lambda m: abs(m.start - k))
                found.append(_country_of(m, {}) if m.form == "adjective" else m.key)
        listed = [m.key for m in targets if m.kind == "Place" and m.start > k and any(
            fold(t.text) in self.lex["attack"]["list_markers"]
            for t in self.doc[max(sv.sent.start, m.start - 4): m.start])]
        found += listed
        if not found:
            names = [m.key for m in targets if m.kind == "Country" and m.form in ("name", "capital")]
            if self.default_recipient in names:
                found.append(self.default_recipient)
            elif names:
                found.append(names[0])
        return _dedupe(found)

    def _occupy(self, sv: SentenceView) -> None:
        gaz = load_gazetteer()
        for k in self.cues.positions("occupy", sv.sent):
            if sv.negated(k):
                continue
            lo, hi = sv.clause(k)
            places = [m for m in sv.mentions if m.kind == "Place" and m.form != "capital"
                      and lo <= m.start < hi and abs(m.start - k) <= 7]
            located = [m for m in places if fold(self.doc[m.start - 1].text) in ("im", "in")]
            places = [m for m in places if m not in located] or located[:1]
            for place in places:
                own = gaz.entities[place.key].country if place.key in gaz.entities else None
                occupiers = [m for m in sv.mentions if (m.kind == "Country" or m.form == "agency")
                             and _country_of(m, {}) not in (own, None)
                             and not sv.preposition_before(m, ["recipient"])]
                if occupiers:
                    occupier = _country_of(min(occupiers, key=lambda m: abs(m.start - k)), {})
                    self._emit(sv, "occupies", occupier, "occupies", place.key)

    def _manufacture(self, sv: SentenceView) -> None:
        makers = [m for m in sv.mentions if m.kind == "Organization" and m.type == "Company"]
        weapons = [m for m in sv.mentions if m.kind == "WeaponSystem" and not m.generic]
        if not makers or not weapons:
            return
        for k in self.cues.positions("manufacture", sv.sent):
            if sv.negated(k):
                continue
            maker = min(makers, key=lambda m: abs(m.start - k))
            lo, hi = sv.clause(k)
            if maker.start > k or sv.preposition_before(maker, ["passive_agent"]):
                # "CAESAR howitzers made by KNDS", "der Gepard, der von KMW gebaut wurde":
                # the system named last before the maker.
                before = [w for w in weapons if w.start < maker.start and w.start >= lo - 10]
                made = before[-1:]
            else:
                # "Rheinmetall stellt den Skyranger her", "Diehl produces IRIS-T and ...".
                made = [w for w in weapons if maker.end <= w.start < hi]
            for w in made:
                self._emit(sv, "manufactures", maker.key, "manufactures", w.key)


def _dedupe(items):
    out = []
    for x in items:
        if x not in out:
            out.append(x)
    return out


def _dedupe_relations(rels: list[Relation]) -> list[Relation]:
    seen, out = set(), []
    for r in rels:
        key = (r.subject, r.predicate, r.object, r.start_char)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def extract(article: Article, model: str | None = None) -> Extraction:
    """Mentions and relations of one article (pipeline built once per language).

    ``model`` adds the named entities of an installed trained spaCy pipeline.
    """
    nlp = build_pipeline(article.lang, model)
    doc = nlp(article.text)
    rels = ArticleExtractor(article, doc).run()
    return Extraction(article, list(doc._.mentions or []), rels)


def role_chain(prop: str) -> list[str]:
    """A role property and its super-properties (``defenceMinisterOf`` ... ``holdsRole``)."""
    return role_properties().get(prop, [prop])
