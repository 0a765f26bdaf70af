"""Roles: who holds which office in which country (``holdsRole`` and its sub-properties).

Role nouns come from ``ontology/lexicon/<lang>.toml``; the country from an
adjective ("der ukrainische Präsident"), a genitive or possessive
("Frankreichs Verteidigungsminister", "Denmark's prime minister"), a noun
adjunct ("UK Defence Secretary"), an "of" phrase ("Minister of Defence of
Ukraine") or the role word itself ("Bundesverteidigungsminister"). A role
given with a country but no name ("Ukraine's defence minister ... Oleksii
Reznikov") is joined to the person named with the same role elsewhere in the
article when the person's known citizenship agrees.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from graph.nlp import Mention, skip_host
from graph.ontology import load_gazetteer, load_lexicon
from graph.relation import Relation
from graph.rolewords import role_words
from graph.textnorm import fold


@dataclass
class RoleMention:
    start: int
    end: int
    prop: str | None          # None for "counterpart" until resolved
    text: str
    country: str | None = None
    person: str | None = None
    counterpart: bool = False
    local: bool = False       # an office of a city or region ("Kyiv Mayor")


class RoleFinder:
    """Finds role nouns with their country and person in one sentence."""

    def __init__(self, lang: str):
        lex = load_lexicon(lang)
        self.lang = lang
        self.words = role_words(lang)
        self.implied = {tuple(k.split()): v for k, v in lex["implied_country"].items()}
        self.former = tuple(lex["role_modifiers"]["former"])
        self.local = set(lex["role_modifiers"]["local"])
        self.dets = set(lex["preps"]["determiners"]) | {"of", "von"}

    def _match_at(self, words: list[str], i: int):
        return self.words.match_at(words, i)

    def find(self, sv) -> list[RoleMention]:
        doc, sent = sv.doc, sv.sent
        words = [fold(t.text) for t in sent]
        covered = {k for m in sv.mentions for k in range(m.start, m.end)}
        found: list[RoleMention] = []
        i = 0
        while i < len(words):
            tok_i = sent.start + i
            hit = self._match_at(words, i)
            if hit is not None and tok_i in covered:
                # A role may start on a mention only when it reaches past it ("Pentagon chief").
                m = next(m for m in sv.mentions if m.start <= tok_i < m.end)
                if tok_i + hit[0] <= m.end:
                    hit = None
            if hit is None:
                i += 1
                continue
            n, prop, key = hit
            start, end = tok_i, tok_i + n
            i += n
            if any(w.startswith(self.former) for w in words[max(0, i - n - 3): i - n]):
                continue
            deputy = i - n > 0 and words[i - n - 1].rstrip("-").startswith(self.words.exclude)
            if deputy:
                prop = "holdsRole"   # "Vice President", "Deputy Defence Minister": not the office
            counterpart = prop is None
            implied = self.implied.get(key) or next(
                (c for k, c in self.implied.items() if len(k) == 1 and key[0].endswith(k[0])), None)
            rm = RoleMention(start, end, prop, doc[start:end].text, counterpart=counterpart,
                             local=key[-1] in self.local)
            place = self._place_before(sv, start) if rm.local else None
            rm.country = place or self._country_before(sv, start - deputy, prop) or implied
            found.extend(self._after(sv, rm))
        # "SPD-Chef und Finanzminister Lars Klingbeil": coordinated roles share the name after them
        for a, b in zip(found, found[1:], strict=False):
            between = {fold(t.text) for t in doc[a.end:b.start]}
            if a.person is None and b.person is not None and between and between <= {"und", "and", ","}:
                a.person = b.person
        sv.role_spans = found
        return found

    def _place_before(self, sv, start: int) -> str | None:
        """The city or region of a local office ("Kyiv Mayor", "Charkiws Bürgermeister")."""
        k = start - 1
        if k >= sv.sent.start and sv.doc[k].text in ("-", "‑", "'s", "’s"):
            k -= 1
        return next((m.key for m in sv.mentions if m.end - 1 == k and m.kind == "Place"), None)

    def _country_before(self, sv, start: int, prop: str | None = None) -> str | None:
        for m in sv.mentions:
            if m.start < start < m.end and m.kind == "Organization":
                return _state(m, prop)   # "French Armed Forces Minister": inside the mention
        k = start - 1
        # "NATO-Generalsekretär"; "Ukraine's digital minister" (a portfolio word between)
        if k >= sv.sent.start and sv.doc[k].text in ("-", "‑"):
            k -= 1
        skipped = 0
        while self.lang == "en" and k > sv.sent.start and skipped < 2 and sv.doc[k].text.islower() \
                and sv.doc[k].is_alpha and fold(sv.doc[k].text) not in self.dets:
            k -= 1
            skipped += 1
        if k >= sv.sent.start and sv.doc[k].text in ("'s", "’s"):
            k -= 1
        if k >= sv.sent.start + 2 and fold(sv.doc[k].text) in ("whose", "dessen", "deren") \
                and sv.doc[k - 1].text == ",":
            k -= 2   # "Hungary, whose Prime Minister Viktor Orban"
        for m in sv.mentions:
            if m.end - 1 == k and m.kind in ("Country", "Organization") and m.form in (
                    "adjective", "name", "agency", "demonym"):
                return _state(m, prop)   # demonym: "der Schweizer Bundespräsident"
        return None

    def _after(self, sv, rm: RoleMention) -> list[RoleMention]:
        """Country genitives / "of" phrases and the people named after the role noun."""
        doc, end = sv.doc, sv.sent.end
        mentions = {m.start: m for m in sv.mentions}
        out: list[RoleMention] = []
        j = skip_host(doc, rm.end)
        country = rm.country
        while j < end:
            while j < end and (fold(doc[j].text) in self.dets or doc[j].text == ","):
                j += 1
            m = mentions.get(j)
            if m is not None and rm.local and m.kind == "Place":
                country = m.key    # "der Bürgermeister von Charkiw"
                j = m.end
                while j < end and (fold(doc[j].text) in self.dets or doc[j].text == ","):
                    j += 1
                m = mentions.get(j)
            elif m is not None and m.kind in ("Country", "Organization") and m.form in ("name", "agency"):
                country = _state(m, rm.prop)
                j = m.end
                if j < end and doc[j].text == "(":
                    # "der Internationalen Atomenergiebehörde (IAEA), Rafael Grossi"
                    close = next((i for i in range(j, min(end, j + 5)) if doc[i].text == ")"), None)
                    j = close + 1 if close is not None else j
                while j < end and (fold(doc[j].text) in self.dets or doc[j].text == ","):
                    j += 1
                m = mentions.get(j)
            if m is None and j < end and fold(doc[j].text).rstrip(".") in _TITLES:
                j += 1   # "der Bundeswehr, General Carsten Breuer"
                m = mentions.get(j)
            if m is not None and m.kind == "Person":
                out.append(replace(rm, country=country, person=m.key))
                j = m.end
                if j < end and doc[j].text == ",":
                    j += 1
                if j < end and fold(doc[j].text) in ("und", "and", "sowie"):
                    j += 1
                    nxt = mentions.get(j)
                    if nxt is not None and nxt.kind in ("Country",):
                        country = None
                        continue
                break
            if country and country != rm.country and m is None and j < end and \
                    fold(doc[j].text) in ("und", "and"):
                out.append(replace(rm, country=country, person=None))
                j += 1
                continue
            break
        if not out:
            person = self._person_before(sv, rm.start)
            out.append(replace(rm, country=country, person=person))
        return out

    def _person_before(self, sv, start: int) -> str | None:
        """ "Rustem Umerov, Ukraine's defence minister", "Kaja Kallas, the EU's foreign policy chief" """
        k = start - 1
        skipped = 0
        while True:
            org = next((m for m in sv.mentions
                        if m.end - 1 == k and m.kind in ("Country", "Organization")), None)
            if org is not None:
                k = org.start - 1   # "the White House National Security Council spokesman"
            elif k >= sv.sent.start and (sv.doc[k].text in ("'s", "’s") or skipped < 3
                                         and sv.doc[k].text.islower() and sv.doc[k].is_alpha):
                skipped += sv.doc[k].is_alpha and sv.doc[k].text.islower()
                k -= 1
            else:
                break
        if k >= sv.sent.start and sv.doc[k].text == ",":
            for m in sv.mentions:
                if m.kind == "Person" and m.end == k:
                    return m.key
        return None


#: Titles that may stand between a role and the name ("General Carsten Breuer").
_TITLES = {"general", "admiral", "generalleutnant", "generalmajor", "oberst", "colonel", "dr",
           "prof", "mr", "mrs", "ms", "herr", "frau", "sir", "lieutenant"}

#: Roles held in an organisation itself (the Bundeswehr's chief, NATO's secretary general);
#: for other roles a ministry or armed force stands for its state.
_ORGANISATION_ROLES = ("commanderOf", "leaderOf", "holdsRole")


#: Offices that head a state; in an organisation they make its leader.
_STATE_HEADS = ("presidentOf", "headOfStateOf", "headOfGovernmentOf")


def _state(m: Mention, prop: str | None = None) -> str:
    gaz = load_gazetteer()
    ent = gaz.entities.get(m.key)
    if m.form == "agency" and ent is not None and ent.agency_of and prop not in _ORGANISATION_ROLES:
        return ent.agency_of
    return m.key


def _compatible(a: str | None, b: str | None) -> bool:
    return a == b or "ministerOf" in (a, b) and "Minister" in f"{a}{b}"


def resolve_roles(sentences: list[tuple]) -> tuple[list[Relation], dict[str, str]]:
    """Role relations of one article and the state each person acts for.

    ``sentences`` pairs each sentence view with the role mentions found in it.
    """
    gaz = load_gazetteer()
    props = Counter(r.prop for _, rms in sentences for r in rms if r.prop)
    default = min(props, key=lambda p: (-props[p], p)) if props else "ministerOf"
    rels: list[Relation] = []
    assigned: dict[tuple[str, str], str] = {}

    def emit(sv, rm: RoleMention, person: str, country: str, rule: str) -> None:
        if (person, rm.prop) in assigned:
            return
        assigned[(person, rm.prop)] = country
        ent = gaz.entities.get(country)
        prop = rm.prop
        if ent is not None and ent.kind == "Organization" and prop in _STATE_HEADS:
            prop = "leaderOf"   # "FDP-Präsident", "SPD leader": heads of a party or firm lead it
        rels.append(Relation(person, prop, country, sv.text, sv.start_char, sv.end_char,
                             rule, role=rm.text))

    for _, rms in sentences:
        local = Counter(r.prop for r in rms if r.prop)
        for rm in rms:
            if rm.prop is None:
                rm.prop = min(local, key=lambda p: (-local[p], p)) if local else default
    for sv, rms in sentences:
        for rm in rms:
            if rm.person and rm.country and rm.person != rm.country:
                emit(sv, rm, rm.person, rm.country, "role.direct")
    unnamed = [(sv, rm) for sv, rms in sentences for rm in rms if rm.country and not rm.person]
    pending = [(sv, rm) for sv, rms in sentences for rm in rms if rm.person and not rm.country]
    # A role with a country but no name, and in the same sentence a known person of that country.
    for sv, rm in unnamed:
        with_role = {r.person for r in getattr(sv, "role_spans", []) if r.person}
        for m in sv.mentions:
            ent = gaz.entities.get(m.key)
            if m.kind == "Person" and m.key not in with_role and ent and ent.country == rm.country:
                emit(sv, rm, m.key, rm.country, "role.same_sentence")
                break
    # A person named with a role but no country, in a sentence that names the person's own
    # state: "The UK will provide ..., Defence Secretary Grant Shapps has announced."
    for sv, rm in pending:
        ent = gaz.entities.get(rm.person)
        if ent and ent.country and any(m.key == ent.country and m.form == "name" for m in sv.mentions):
            emit(sv, rm, rm.person, ent.country, "role.same_sentence")
    # A person named with a role but no country, and the role with a country elsewhere.
    for sv, rm in pending:
        cands = sorted({u.country for _, u in unnamed if _compatible(u.prop, rm.prop)})
        ent = gaz.entities.get(rm.person)
        citizenship = ent.country if ent else None
        taken = {c for (p, prop), c in assigned.items() if prop == rm.prop and p != rm.person}
        if citizenship and citizenship in cands:
            emit(sv, rm, rm.person, citizenship, "role.article")
        elif citizenship is None and len(set(cands) - taken) == 1:
            emit(sv, rm, rm.person, sorted(set(cands) - taken)[0], "role.article")
    # A person of the gazetteer named with a state office and no state in the text
    # ("Vizekanzler Robert Habeck"): the office is held in the person's own state.
    for sv, rm in pending:
        ent = gaz.entities.get(rm.person)
        states = {c for (p, _), c in assigned.items() if p == rm.person
                  and (gaz.entities.get(c) is None or gaz.entities[c].kind == "Country")}
        if ent and ent.country and rm.prop not in ("leaderOf", "commanderOf") and not rm.counterpart \
                and not rm.local and not states:
            emit(sv, rm, rm.person, ent.country, "role.citizenship")
    # A company role with no company ("chief executive Haluk Bayraktar said") in a sentence
    # that names a single company: the role is held there.
    for sv, rm in pending:
        companies = {m.key for m in sv.mentions if m.type == "Company"}
        if rm.prop == "leaderOf" and len(companies) == 1 and not any(p == rm.person for p, _ in assigned):
            emit(sv, rm, rm.person, companies.pop(), "role.company")
    # The state a person acts for: a party or company role ("CDU-Chef") names no state.
    person_country = {}
    for (p, _), c in sorted(assigned.items()):
        ent = gaz.entities.get(c)
        if ent is None or ent.kind == "Country":
            person_country.setdefault(p, c)
        elif ent.agency_of:
            person_country.setdefault(p, ent.agency_of)
    for key, ent in gaz.entities.items():
        if ent.kind == "Person" and ent.country and key not in person_country:
            person_country[key] = ent.country
    return rels, person_country
