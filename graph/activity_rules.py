"""Rules for the other relations: training, funding, co-production, manufacturing,
attacks and occupation.

A mixin of :class:`graph.extract.ArticleExtractor`.
"""
from __future__ import annotations

from graph.nlp import Mention
from graph.ontology import load_gazetteer
from graph.quantities import find_money, is_year, parse_number
from graph.sentence import SentenceView, country_of, dedupe
from graph.textnorm import fold


class ActivityRules:
    """trains, fundsFor, coProducesWith, manufactures, attacks, occupies."""

    def _train(self, sv: SentenceView) -> None:
        # "travelled by armoured train": the railway, not training
        nouns_before = set(self.lex["train"].get("noun_before", ()))
        cues = [k for k in self.cues.positions("train", sv.sent)
                if not (sv.low.get(k) == "train" and sv.low.get(k - 1) in nouns_before)]
        if not cues:
            return
        trainee_nouns = set(self.lex["train"]["trainee_nouns"])
        k = cues[0]
        if sv.negated(k):
            return
        # Best evidence first: "600 Ukrainer", "ukrainischer Soldaten", "Ukraine's armed
        # forces", the armed forces by name, and only then "to Ukraine".
        ranked = self._trainees(sv, k, trainee_nouns, subject_may_be_trainee=False) or \
            self._trainees(sv, k, trainee_nouns, subject_may_be_trainee=True)
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

    def _trainees(self, sv: SentenceView, k: int, trainee_nouns: set[str],
                  subject_may_be_trainee: bool) -> list[tuple[int, int, str]]:
        """Candidate trainees of the training word at k, best evidence first.

        In English a state before the verb is the trainer ("the Canadian Armed Forces have
        trained ..."), unless nothing after the verb is trained and it qualifies soldiers
        ("Ukrainian pilots had spent months training in France")."""
        ranked = []
        for m in sv.mentions:
            c = country_of(m, {})
            if not c or m.kind not in ("Country", "Place", "Organization"):
                continue
            if self._located(sv, m):
                continue   # "training takes place in Poland and Germany": the hosts train
            if {sv.low.get(m.start - 1), sv.low.get(m.start - 2)} & {"mit", "with", "alongside"}:
                continue   # "kanadische Ausbilder gemeinsam mit polnischen Soldaten": co-trainers
            troops = self._qualifies(sv, m, trainee_nouns)
            if self.cues.lang == "en" and m.start < k and not self._recipient_marked(sv, m) \
                    and not (subject_may_be_trainee and troops and m.form in ("adjective", "demonym")):
                continue
            if m.form == "demonym":
                ranked.append((0, m.start, c))
            elif m.form in ("adjective", "capital") and troops or sv.is_possessive(m) and troops:
                ranked.append((1, m.start, c))
            elif m.kind == "Organization" and m.type == "ArmedForces" and self._object_like(sv, m, k):
                ranked.append((2, m.start, c))
            elif self._recipient_marked(sv, m) and not sv.preposition_before(m, ["recipient"]) \
                    or fold(self.doc[m.start - 1].text) in ("to", "for", "fur"):
                ranked.append((3, m.start, c))
        return ranked

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
        if after and (after[0] in preps or after[0] in ("in", "an")) and set(after[1:]) & purposes:
            cues.append(sv.sent.start + money.end)   # "£3 billion in military aid"
        if not cues:
            return
        k = cues[0]
        if sv.negated(k):
            return
        # Money for defence, not for rebuilding schools: a military word, a weapon or a purpose.
        # The purpose may stand in the sentence before ("die tschechische Munitionsinitiative
        # ... Dänemark überwies 200 Millionen Euro").
        here = self.sentence_index[sv.sent.start]
        if not any(self._military(view, purposes) for view in self.sentences[max(0, here - 1): here + 1]):
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

    def _military(self, sv: SentenceView, purposes: set[str]) -> bool:
        """Whether a sentence speaks of military matters: a military word, a purpose or a weapon."""
        military = set(self.lex["aid"]["military"]) | purposes
        return any(w in military or any(w.startswith(x) for x in military) for w in sv.low.values()) \
            or any(m.kind == "WeaponSystem" for m in sv.mentions)

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
                self.cues.positions("manufacture", sv.sent)
                split = self.cues.split_particles.get("manufacture", set())   # "stellen ... her"
                if any(n in production or any(n.endswith(p) for p in production) for n in near) \
                        or any(lo <= p < hi for p in split):
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
                parties.append((m.start, who))
        # "Latvian and Ukrainian companies": the states of the firms are the parties
        parties += [(m.start, country_of(m, {})) for m in sv.mentions if m.form == "adjective"
                    and m.kind == "Country" and self._qualifies(sv, m, spec["industry_nouns"])]
        if sv.low.get(hit + 1) in ("von", "of", "between", "zwischen"):
            # "Taurus Systems, ein Gemeinschaftsunternehmen von MBDA und Saab": the owners
            parties = [p for p in parties if p[0] > hit] or parties
        parties = [who for _, who in sorted(parties)]
        gaz = load_gazetteer()
        homes = {gaz.entities[p].country for p in parties if p in gaz.entities
                 and gaz.entities[p].type == "Company"}
        # "Germany's Rheinmetall ... joint venture with Ukroboronprom": the firms are the parties
        parties = [p for p in parties if p not in homes]
        parties = dedupe(parties)[:3]
        both = " ".join(fold(t.text) for t in sv.sent)
        if len(parties) < 2 and any(p in both for p in spec["both_parties"]) and self.last_donors \
                and self.default_recipient:
            # "Die beiden Länder vereinbarten eine gemeinsame Produktion"
            parties = dedupe(self.last_donors[:1] + [self.default_recipient])
        for i, a in enumerate(parties):
            for b in parties[i + 1:]:
                self._emit(sv, "coProducesWith", a, "coProducesWith", b)

    def _attack(self, sv: SentenceView) -> None:
        verbs = set(self.lex["attack"]["verbs"])
        cues = set(self.cues.positions("attack", sv.sent)) | {
            t.i for t in sv.sent if fold(t.text) in verbs or fold(t.lemma_) in verbs}
        launches = self._launches(sv)
        cues |= launches
        exclusions = tuple(self.lex["attack_exclusions"]["next_word_prefixes"])
        previous = None
        for k in sorted(cues):
            nxt = fold(self.doc[k + 1].text) if k + 1 < sv.sent.end else ""
            if nxt.startswith(exclusions) or sv.negated(k):
                continue
            lo, hi = sv.clause(k)
            if any(self.doc[j].lower_ in self.lex["pledge"]["future_aux"] for j in range(lo, hi)):
                continue   # "will help Ukraine ... strike": an aim, not an attack
            if k in launches:
                attacker, is_verb = self._subject_before(sv, k, anywhere=True), True
            else:
                attacker, is_verb = self._attacker_at(sv, k)
            # "struck Ukrainian cities ..., including an attack on Uman": the same attacker
            attacker = attacker or previous
            if attacker is None:
                continue
            previous = attacker
            for target in self._targets(sv, k, attacker, is_verb):
                self._emit(sv, "attacks", attacker, "attacks", target)

    def _launches(self, sv: SentenceView) -> set[int]:
        """Verbs of firing with weapons as their object ("Russia fired 70 missiles at Ukraine",
        "schlugen russische Raketen ... ein")."""
        launch = set(self.lex["attack"]["launch_verbs"])
        ammo = set(self.lex["attack"]["attacker_nouns"])
        split = self.cues.split_particles.get("attack", set())
        out = {k for k in split if any(m.kind == "Country" for m in sv.mentions)}
        for t in sv.sent:
            if fold(t.lemma_) in launch or fold(t.text) in launch:
                window = [fold(x.text) for x in self.doc[t.i + 1: min(sv.sent.end, t.i + 6)]]
                if set(window) & ammo:
                    out.add(t.i)
        return out

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
            if m.form == "agency" and m.type == "ArmedForces" and m.start < k:
                return country_of(m, {})   # "Die ukrainische Armee hat ... angegriffen"
            if m.kind != "Country" or sv.preposition_before(m, ["recipient", "against"]):
                continue
            relative = m.start - 1 == lo and sv.low.get(lo) in self.lex["occupy"]["relative_pronouns"]
            if m.form == "name" and not sv.is_possessive(m) and (relative or
                    fold(self.doc[m.start - 1].text) not in ("die", "the", "in", "im", "auf", "on")):
                return m.key   # "der Städte, die Russland ... angreife": the relative opens the clause
            if m.form == "adjective" and self._qualifies(sv, m, self.lex["attack"]["attacker_nouns"]):
                return m.key
        return None

    def _targets(self, sv: SentenceView, k: int, attacker: str, is_verb: bool) -> list[str]:
        """What is attacked: a place after "auf"/"on"/"gegen", the object of the verb, and the
        places listed with it ("including Kyiv and Kharkiv", "betroffen sind Charkiw und Odessa")."""
        lo, hi = sv.clause(k)
        while hi + 1 < sv.sent.end and self.doc[hi].text == "," and sv.low.get(hi + 1, "").endswith("ing") \
                and sv.low.get(hi + 1) not in self.lex["attack"]["list_markers"]:
            _, hi = sv.clause(hi + 1)   # "..., knocking out power in Kyiv, Kharkiv and Kryvyi Rih"
        targets = [m for m in sv.mentions if m.kind in ("Country", "Place")
                   and country_of(m, {}) != attacker and m.key != attacker
                   and not self._modifier(m)]
        marker = set(self.lex["attack"]["target_markers"])
        found: list[str] = []
        for m in targets:
            before = [fold(t.text) for t in self.doc[max(k, m.start - 6): m.start]]
            if k < m.start < hi and (set(before) & marker) and (m.form != "adjective" or is_verb
                                                                or not found):
                found.append(country_of(m, {}) if m.form == "adjective" else m.key)
        if not found and is_verb:
            # The object of the verb, inside the clause ("die ukrainische Energieinfrastruktur").
            obj = [m for m in targets if lo <= m.start < hi and m.start != k]
            obj = [m for m in obj if m.form != "adjective"] or obj
            if obj:
                m = min(obj, key=lambda m: abs(m.start - k))
                # "Kiew, Odessa und Charkiw": the whole list the nearest one belongs to
                group = [o for o in targets if o.kind == "Place" and o.start < m.start
                         and m in self._joined_places(sv, o, targets)]
                first = group[0] if group else m
                found.append(country_of(first, {}) if first.form == "adjective" else first.key)
                found += [o.key for o in self._joined_places(sv, first, targets)]
            elif lo - 1 > sv.sent.start and self.doc[lo - 1].text == "," and \
                    sv.low.get(lo) in self.lex["occupy"]["relative_pronouns"]:
                # "der ukrainischen Städte, die Russland ... angreife": the noun before the comma
                before = [m for m in targets if lo - 6 <= m.start < lo - 1]
                found += [country_of(m, {}) if m.form == "adjective" else m.key for m in before[-1:]]
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
        return dedupe(found)

    def _occupy(self, sv: SentenceView) -> None:
        gaz = load_gazetteer()
        for k in self.cues.positions("occupy", sv.sent):
            if sv.negated(k):
                continue
            for place in self._occupied_places(sv, k):
                own = gaz.entities[place.key].country if place.key in gaz.entities else None
                occupiers = [m for m in sv.mentions if (m.kind == "Country" or m.form == "agency")
                             and country_of(m, {}) not in (own, None)
                             and not sv.preposition_before(m, ["recipient"])]
                if occupiers:
                    occupier = country_of(min(occupiers, key=lambda m: abs(m.start - k)), {})
                    self._emit(sv, "occupies", occupier, "occupies", place.key)

    def _occupied_places(self, sv: SentenceView, k: int) -> list[Mention]:
        """The places an occupation word at k is about: those after it first ("captured
        Avdiivka", "Russian-occupied parts of Donetsk Oblast"), else those before it ("Die Krim
        ist seit 2014 besetzt"), else the place a relative clause hangs on ("Crimea, which
        Russian troops have occupied")."""
        lo, hi = sv.clause(k)
        places = [m for m in sv.mentions if m.kind == "Place" and m.form != "capital"
                  and lo <= m.start < hi and abs(m.start - k) <= 10]
        located = [m for m in places if fold(self.doc[m.start - 1].text) in ("im", "in")]
        places = [m for m in places if m not in located] or located[:1]
        after = [m for m in places if m.start > k and m.start - k <= 7]
        if after or places:
            return (after or places) + self._listed_places(sv, k)
        relative = set(self.lex["occupy"]["relative_pronouns"])
        # "Crimea, which ...", "the Donetsk region, much of which Russia now occupies"
        if lo - 1 > sv.sent.start and self.doc[lo - 1].text == "," and any(
                sv.low.get(i) in relative for i in range(lo, min(hi, lo + 3))):
            # "Gebieten in der Ostukraine, die ... erobert worden waren": the areas were taken;
            # but "much of which" is a part of the place itself
            partitive = sv.low.get(lo + 1) == "of" and sv.low.get(lo + 2) in relative
            return [m for m in sv.mentions if m.kind == "Place" and m.form != "capital"
                    and m.end == lo - 1 and (partitive or not {sv.low.get(m.start - 1),
                                                               sv.low.get(m.start - 2)} & {"in", "im"})]
        return []

    def _joined_places(self, sv: SentenceView, first: Mention, targets: list[Mention],
                       joiners: frozenset[str] = frozenset({",", "und", "and", "sowie"})) -> list[Mention]:
        """Places after ``first`` joined to it, and to each other, only by ``joiners``."""
        out, prev = [], first
        for m in targets:
            if m.start <= prev.start or m.kind != "Place":
                continue
            if m.start > prev.end and {sv.low.get(i) for i in range(prev.end, m.start)} <= joiners:
                out.append(m)
                prev = m
            else:
                break
        return out

    def _listed_places(self, sv: SentenceView, k: int) -> list[Mention]:
        """Places listed after the word at k behind "including", "darunter" or "unter anderem"
        ("... of the Donetsk region, including Mariupol, Bakhmut and Avdiivka"; "darunter die
        Städte Melitopol und Berdjansk sowie Enerhodar mit dem Atomkraftwerk Saporischschja")."""
        markers = set(self.lex["attack"]["list_markers"]) - {"and", "und"}
        start = next((t.i for t in self.doc[k + 1: sv.sent.end] if sv.low.get(t.i) in markers), None)
        places = [m for m in sv.mentions if m.kind == "Place" and start is not None and m.start > start]
        if not places or places[0].start - start > 5:
            return []
        return places[:1] + self._joined_places(sv, places[0], places, _LIST_JOINERS)

    def _manufacture(self, sv: SentenceView) -> None:
        makers = [m for m in sv.mentions if m.kind == "Organization" and m.type == "Company"]
        weapons = self._made_systems(sv)
        if not makers and weapons:
            # "Der Konzern stellt den Skyranger her": the company named before
            cues = self.cues.positions("manufacture", sv.sent)
            company = self._company_antecedent(sv, cues[0]) if cues else None
            makers = [company] if company is not None else []
        if not makers or not weapons:
            return
        for k in self.cues.positions("manufacture", sv.sent):
            if sv.negated(k):
                continue
            maker = min(makers, key=lambda m: abs(m.start - k))
            lo, hi = sv.clause(k)
            group = [maker]
            if maker.start > k or sv.preposition_before(maker, ["passive_agent"]):
                # "CAESAR howitzers made by KNDS", "der Gepard, der von KMW gebaut wurde":
                # the system named last before the maker, and every maker joined to it
                # ("von Kongsberg gemeinsam mit dem US-Konzern Raytheon").
                before = [w for w in weapons if w.start < maker.start and w.start >= lo - 10]
                made = before[-1:]
                group += self._joined(sv, maker, makers)
            else:
                # "Rheinmetall stellt den Skyranger her", "Diehl produces IRIS-T and ...".
                made = [w for w in weapons if maker.end <= w.start < hi]
            for mk in group:
                for w in made:
                    self._emit(sv, "manufactures", mk.key, "manufactures", w.key)
        for maker in makers:
            for w in self._owned_systems(sv, maker, weapons):
                self._emit(sv, "manufactures", maker.key, "manufactures", w.key)

    def _made_systems(self, sv: SentenceView) -> list[Mention]:
        """Named systems, and generic ones that refer back to a named system ("Gebaut wird
        die Haubitze von ...", "The missiles, built by Lockheed Martin")."""
        dets = set(self.lex["anaphora"]["determiners"])
        out = []
        for m in sv.mentions:
            if m.kind != "WeaponSystem":
                continue
            if m.generic:
                if not {sv.low.get(m.start - 1), sv.low.get(m.start - 2)} & dets:
                    continue
                m = self._antecedent(sv, m, quantified=False)
                if m.generic:
                    continue
            out.append(m)
        return out

    def _joined(self, sv: SentenceView, maker: Mention, makers: list[Mention]) -> list[Mention]:
        """Makers joined to ``maker`` by "und", "and", "mit" or "with" within a few words."""
        out, prev = [], maker
        for m in makers:
            if m.start < prev.end or m.start - prev.end > 7:
                continue
            gap = {fold(t.text) for t in self.doc[prev.end: m.start]}
            if gap & {"und", "and", "mit", "with", "sowie"} and not gap & {".", ";"}:
                out.append(m)
                prev = m
        return out

    def _owned_systems(self, sv: SentenceView, maker: Mention, weapons: list[Mention]) -> list[Mention]:
        """ "Saab's Gripen", "KNDS, whose PzH 2000 and CAESAR howitzers": a company's own
        systems, with those joined to the first by "and" or commas."""
        k = maker.end
        if sv.low.get(k) in ("'s", "’s"):
            k += 1
        elif sv.low.get(k) == "," and sv.low.get(k + 1) in ("whose", "dessen", "deren"):
            k += 2
        else:
            return []
        dets = set(self.lex["preps"]["determiners"])
        while sv.low.get(k) in dets:
            k += 1
        out = []
        for w in weapons:
            if w.start == k or out and w.start > out[-1].end and all(
                    sv.low.get(i) in (",", "and", "und") for i in range(out[-1].end, w.start)):
                out.append(w)
            elif out and w.start > out[-1].end:
                break
        return out


#: Words that may stand between places of a list ("die Städte Melitopol und Berdjansk sowie
#: Enerhodar mit dem Atomkraftwerk").
_LIST_JOINERS = frozenset({",", "and", "und", "sowie", "the", "die", "der", "das", "dem", "den", "mit",
                           "city", "town", "städte", "stadt"})
