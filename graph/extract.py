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

from collections import Counter
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc

from graph.activity_rules import ActivityRules
from graph.articles import Article
from graph.nlp import Mention, build_pipeline
from graph.ontology import load_gazetteer
from graph.quantities import find_money, is_year, parse_number, resolve_date
from graph.relation import Relation
from graph.roles import RoleFinder, resolve_roles
from graph.sentence import Cues, SentenceView, country_of, dedupe
from graph.supply_rules import SupplyRules
from graph.textnorm import fold

#: Bump when rules or lexicon change in ways that change output (cache key).
EXTRACTOR_VERSION = "1"



@dataclass
class Extraction:
    """What one article yields: its mentions and relations."""

    article: Article
    mentions: list[Mention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)


class ArticleExtractor(SupplyRules, ActivityRules):
    """Applies the relation rules to one parsed article."""

    def __init__(self, article: Article, doc: Doc):
        self.article, self.doc = article, doc
        self.cues = Cues(article.lang)
        self.lex = self.cues.lex
        self.mentions: list[Mention] = list(doc._.mentions or [])
        self.relations: list[Relation] = []
        self.last_donors: list[str] = []
        self.discourse_donors: list[str] = []
        # items of the last sentence with a supply verb, for "Weitere sechs folgten im März."
        self.last_items: tuple[int, list] = (-1, [])
        roles = RoleFinder(article.lang)
        self.sentences = [SentenceView(doc, s, self.mentions, self.cues) for s in doc.sents]
        self.sentence_index = {sv.sent.start: i for i, sv in enumerate(self.sentences)}
        # (sentence index, system) of every system given or pledged, for references back
        self.given_items: set[tuple[int, str]] = set()
        self.role_relations, self.person_country = resolve_roles(
            [(sv, roles.find(sv)) for sv in self.sentences])
        self.default_recipient = self._default_recipient()

    # -- helpers -------------------------------------------------------------------------
    def _recipient_marked(self, sv: SentenceView, m: Mention) -> bool:
        if m.form == "adjective" and self._qualifies(sv, m, self.lex["train"]["trainee_nouns"]):
            return sv.preposition_before(m, ["recipient"])
        if sv.is_possessive(m) or m.form not in ("name", "capital", "agency") or self._modifier(m):
            return False   # "fired U.S.-supplied ATACMS": a compound modifier receives nothing
        return (sv.preposition_before(m, ["recipient"]) or sv.is_dative_recipient(m)
                or sv.is_ditransitive_recipient(m))

    def _modifier(self, m: Mention) -> bool:
        """A name inside a compound modifier ("U.S.-supplied ATACMS", "Russian-occupied")."""
        return m.end + 1 < len(self.doc) and self.doc[m.end].text in ("-", "‑") \
            and self.doc[m.end + 1].text[:1].islower()

    def _default_recipient(self) -> str | None:
        """The article's usual recipient: the state most often marked as receiving
        ("an die Ukraine", "to Kyiv"), with plain mentions as the tie-breaker."""
        marked: Counter[str] = Counter()
        mentioned: Counter[str] = Counter()
        for sv in self.sentences:
            for m in sv.mentions:
                c = country_of(m, {})
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
            # "U.S.-supplied ATACMS": a compound verb of giving names its own giver
            cues = [k for k in cues if self.doc[k - 1].text not in ("-", "‑") and not sv.negated(k)]
            if not cues:
                continue
            first = next((m for m in sv.mentions if m.kind == "Country" and m.form == "name"), None)
            if first is not None and first.start < min(cues) and not self._recipient_marked(sv, first):
                out.add(first.key)
        return out

    def _agents(self, sv: SentenceView) -> list[tuple[Mention, str]]:
        """Mentions that can act as donor, with the state or organisation they stand for."""
        agent_nouns = set(self.lex["agents"]["nouns"])
        partners = set(self.lex["agents"]["collective"]) | {"partner", "partners", "partnern"}
        out = []
        for m in sv.mentions:
            if m.kind == "WeaponSystem" or m.generic or m.type in ("PoliticalParty", "MediaOrganization"):
                continue   # a party asks and debates, a newspaper reports; the state gives
            if sv.is_possessive(m) and {sv.low.get(k) for k in range(m.end, m.end + 4)} & partners:
                continue   # "Ukraine's Western partners have promised": the partners give
            if sv.low.get(m.start - 1) in ("der", "des", "of") and sv.low.get(m.start - 2) in partners:
                continue   # "die Partner der Ukraine", "the allies of Ukraine"
            if m.form == "adjective":
                roleish = self._qualifies(sv, m, agent_nouns) or any(
                    m.end <= r.start <= m.end + 1 for r in sv.role_spans) or (
                    m.end + 1 < sv.sent.end and self.doc[m.end].text == "-"
                    and self.cues.match("delivered", self.doc[m.end + 1]))
                if not roleish:
                    continue
            if m.form == "demonym" or (m.kind == "Person" and sv.is_possessive(m)):
                continue
            if self._attributed(sv, m):
                continue   # "nach Schätzungen des Geheimdienstes HUR", "according to the Pentagon"
            if m.form == "capital":
                # Metonymy ("Teheran hat ... übergeben", "Oslo would send") only where the
                # capital is not inside a prepositional phrase ("in Kiew", "to Moscow").
                prev = [fold(t.text) for t in self.doc[max(sv.sent.start, m.start - 2): m.start]]
                seat = len(prev) == 2 and prev[1] in ("in", "im") and prev[0] in agent_nouns
                if set(prev) & sv.all_preps and not seat:
                    continue   # but "die Regierung in Stockholm kündigte an" acts
            if m.kind == "Place" and m.form != "capital":
                continue
            who = country_of(m, self.person_country)
            if who is None:
                continue
            out.append((m, who))
        return out

    def _located(self, sv: SentenceView, m: Mention) -> bool:
        """Whether a state is named as a place ("a training centre opened in Romania",
        "in Poland and Germany") rather than as an actor."""
        if m.kind != "Country" or m.form != "name":
            return False
        if sv.preposition_before(m, ["location"]):
            return True
        prev = next((o for o in sv.mentions if o.end == m.start - 1 and o.kind == "Country"), None)
        return prev is not None and sv.low.get(m.start - 1) in ("und", "and", ",") \
            and self._located(sv, prev)

    def _attributed(self, sv: SentenceView, m: Mention) -> bool:
        """Whether the mention is the source of a report ("laut dem Pentagon", "nach Angaben des
        Geheimdienstes HUR", "according to the ministry") rather than an actor."""
        attribution = self.lex["agents"]["attribution"]
        function = set(self.lex["preps"]["determiners"]) | sv.all_preps
        covered = {k for o in sv.mentions for k in range(o.start, o.end)}
        k = m.start - 1
        while k >= max(sv.sent.start, m.start - 5):
            tok = self.doc[k]
            w = fold(tok.text)
            if w in attribution:
                return True
            if (tok.is_punct and w != ",") or not (w in function or k in covered or tok.text[:1].isupper()
                                                   or w in ("und", "and", "sowie", ",")):
                return False   # a verb or a clause mark: the phrase has ended
            # "Nach Erkenntnissen aus Seoul und Washington": coordinated sources are sources
            k -= 1
        return False

    def _qualifies(self, sv: SentenceView, m: Mention, nouns) -> bool:
        """Whether an adjective mention qualifies one of ``nouns``, looking past coordinated
        adjectives and modifiers ("dänischen und US-amerikanischen Ausbildern",
        "Ukrainian military and security personnel", "Russian drones")."""
        covered = {k for o in sv.mentions if o.kind == "Country" for k in range(o.start, o.end)}
        k, words = m.end, 0
        while k < sv.sent.end and words < 4:
            tok = self.doc[k]
            w = fold(tok.text)
            if w in nouns or (self.cues.lang == "de" and len(w) > 8
                              and any(w.endswith(n) for n in nouns if len(n) > 4)):
                return True   # "ukrainischen Panzerbesatzungen"
            if tok.is_punct and tok.text not in ("-", ","):
                return False
            if self.cues.lang == "de" and k not in covered and tok.text[:1].isupper():
                return False  # German nouns are capitalised: the adjective's noun was another
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
            company = self._company_antecedent(sv, trigger)
            return [company.key] if company is not None else []
        # Companies give only where no state or official does ("built by MBDA and Thales"),
        # within the verb's own clause when one is named there ("..., manufacturer Baykar
        # donated the drones").
        lo, hi = sv.clause(trigger)
        here = [(m, w) for m, w in agents if lo <= m.start < hi]
        scope = here if here and all(m.type == "Company" for m, _ in here) else agents
        agents = [(m, w) for m, w in scope if m.type != "Company"] or scope
        people_only = all(m.kind == "Person" for m, _ in agents)
        if not people_only:
            agents = [(m, w) for m, w in agents if m.kind != "Person"]
        if trigger - 2 >= sv.sent.start and self.doc[trigger - 1].text in ("-", "‑"):
            # "U.S.-supplied ATACMS", "britisch-gelieferte": the compound names the donor
            attached = [w for m, w in agents if m.end == trigger - 1]
            if attached:
                return attached
        # A source is not a donor: "bought NASAMS from the United States".
        agents = [(m, w) for m, w in agents if not sv.preposition_before(m, ["source"])
                  or sv.preposition_before(m, ["passive_agent"])] or agents
        passive = [(m, w) for m, w in agents if sv.preposition_before(m, ["passive_agent"])
                   and (m.start > trigger or lo <= m.start) and not self._made_by(sv, m)]
        agents = [(m, w) for m, w in agents if not self._made_by(sv, m)]
        if not agents:
            return []
        if passive:
            return dedupe([w for _, w in self._coordinated(sv, passive)])
        listed = self._colon_list(sv, trigger)
        if listed:
            return listed
        in_clause = [(m, w) for m, w in agents if lo <= m.start < hi]
        before = [(m, w) for m, w in agents if m.start < trigger]
        chosen = in_clause or before or agents[:1]
        return dedupe([w for _, w in self._coordinated(sv, chosen)])

    def _company_antecedent(self, sv: SentenceView, k: int) -> Mention | None:
        """The company "the company" or "der Konzern" before ``k`` refers to: the one named
        last in this or the three sentences before ("Baykar ... The company donated TB2s")."""
        lo, _ = sv.clause(k)
        nouns = set(self.lex["agents"]["company_nouns"])
        dets = set(self.lex["anaphora"]["determiners"])
        if not any(sv.low.get(i) in nouns and sv.low.get(i - 1) in dets for i in range(lo, k)):
            return None
        here = self.sentence_index[sv.sent.start]
        for view in reversed(self.sentences[max(0, here - 3): here + 1]):
            named = [m for m in view.mentions if m.type == "Company" and m.start < k]
            if named:
                return named[-1]
        return None

    def _colon_list(self, sv: SentenceView, trigger: int) -> list[str]:
        """The states listed after a colon when the verb's subject is a collective noun
        ("instructors from nine partner countries who train the Ukrainians: Canada, Denmark,
        ..."), else nothing."""
        collective = set(self.lex["agents"]["collective"])
        colon = next((t.i for t in self.doc[trigger: sv.sent.end] if t.text == ":"), None)
        if colon is None or not any(sv.low.get(i) in collective for i in range(sv.sent.start, trigger)):
            return []
        after = [(m, country_of(m, {})) for m in sv.mentions
                 if m.start > colon and m.kind == "Country" and m.form == "name"]
        listed = self._coordinated(sv, after) if after else []
        return dedupe([w for _, w in listed]) if len(listed) >= 2 else []

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
        donors, recipient, recipient_here = [], None, False
        lo, hi = sv.clause(k)
        source = set(self.lex["preps"]["source"]) | set(self.lex["preps"]["passive_agent"])
        opened = next((t.i for t in sv.sent if fold(t.text) in source), None)
        for m in sv.mentions:
            who = country_of(m, self.person_country)
            if who is None or m.kind in ("WeaponSystem", "Person") or m.form in ("adjective", "demonym"):
                continue
            # German "aus einem Projekt Dänemarks und der Niederlande ... erhalten" (before the
            # verb), English "received ... from Denmark and the Netherlands" (after it).
            in_source = opened is not None and opened < m.start and m.kind == "Country" and \
                (m.start < k if self.cues.lang == "de" else sv.clause(opened) == sv.clause(m.start))
            if (sv.preposition_before(m, ["source", "passive_agent"]) or in_source) \
                    and not self._made_by(sv, m):
                donors.append(who)
            elif m.kind == "Country" or m.form == "capital":
                # the receiving state in the verb's own clause ("tanks that arrived in
                # Ukraine"), else the first one named
                here = lo <= m.start < hi
                if recipient is None or here and not recipient_here:
                    recipient, recipient_here = who, here
        return dedupe(donors), recipient

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
            c = country_of(m, {})
            if c and c not in exclude and (m.kind == "Country" or m.form == "capital") \
                    and self._recipient_marked(sv, m):
                dist = m.start - trigger if trigger is not None else 0
                # The object right after the verb first ("supplies Greece with Marder"), then
                # in the verb's clause, the nearest before it ("provide Ukraine with ... to
                # supply"), and only then later ones ("a visit to Ottawa").
                right_after = trigger is not None and sv.prev_word(m.start) == trigger \
                    and sv.is_ditransitive_recipient(m)
                cands.append((not right_after, not lo <= m.start < hi, dist > 0, abs(dist), c))
        if cands:
            return min(cands)[-1]
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
            calibre = k + 1 < sv.sent.end and (self.doc[k + 1].text in ("-", "‑") or fold(
                self.doc[k + 1].text) in ("mm", "millimeter", "millimetre", "millimeters", "millimetres"))
            if num is not None and not is_year(tok.text) and not calibre:   # not "170-Millimeter-"
                first = k
                if k - 1 >= sv.sent.start and fold(self.doc[k - 1].text) in vague:
                    first = k - 1
                nxt = fold(self.doc[k + 1].text) if k + 1 < sv.sent.end else ""
                if nxt in scales:
                    num *= scales[nxt]
                # the number with its scale and quantifiers ("12 weitere", "2 Millionen"), not
                # the words up to the item ("5.000 Granaten vom")
                end = k + 1
                while end < start and (fold(self.doc[end].text) in vague | set(scales)):
                    end += 1
                return num, self.doc[first:end].text.strip()
            if w in scales and k - 1 >= sv.sent.start:
                # "mehreren Tausend" / "thousands of"; "Russland Millionen Granaten": just "Millionen"
                prev = fold(self.doc[k - 1].text)
                first = k - 1 if prev in vague or parse_number(self.doc[k - 1].text, lang) is not None else k
                return None, self.doc[first:k + 1].text.strip()
            # Hyphens and brackets of a compound modifier do not count as words:
            # "several thousand first-person-view (FPV) drones".
            steps += tok.text not in ("-", "(", ")")
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
        if p in ("supplies", "pledges"):
            self.given_items.add((self.sentence_index[sv.sent.start], o))
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
                self.last_donors = dedupe(donors)
            elif self.discourse_donors:
                self.last_donors = self.discourse_donors
            self.discourse_donors = []
        for rel in self.role_relations:
            self.relations.append(replace(rel, rule=f"{self.article.lang}.{rel.rule}"))
        return _dedupe_relations(self.relations)

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
