"""Supply rules: who supplies or pledges which systems to whom, and military aid of any kind.

A mixin of :class:`graph.extract.ArticleExtractor`; it uses the extractor's helpers for
donors, recipients, quantities and emitting relations.
"""
from __future__ import annotations

from dataclasses import replace

from graph.nlp import Mention
from graph.ontology import load_gazetteer
from graph.quantities import find_money, is_year, parse_number
from graph.sentence import SentenceView, country_of, dedupe
from graph.textnorm import fold


class SupplyRules:
    """supplies, pledges and suppliesTo."""

    def _listing(self, sv: SentenceView) -> bool:
        """A package sentence lists its items: "Das Paket umfasst ...", "The package includes ..."."""
        triggers = set(self.lex["items"]["package_triggers"])
        return any((fold(t.lemma_) in triggers or fold(t.text) in triggers)
                   and not fold(t.text).endswith("ing") for t in sv.sent) \
            and any(fold(t.text).endswith(tuple(self.lex["items"]["package_suffixes"])) or
                    fold(t.text) in ("it", "es", "sie", "which", "das", "der", "die") for t in sv.sent)

    def _weapon_items(self, sv: SentenceView) -> list[tuple[Mention, float | None, str | None]]:
        """Weapon items of the sentence (computed once per sentence)."""
        if sv.items is None:
            sv.items = self._find_weapon_items(sv)
        return sv.items

    def _find_weapon_items(self, sv: SentenceView) -> list[tuple[Mention, float | None, str | None]]:
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
        refs: list[Mention] = []   # the named system each item refers to (itself if named)
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
            if any(w in production for w in before[-2:]):
                continue   # "agreed to jointly produce artillery ammunition": made, not supplied
            if set(before[-2:]) & set(self.lex["items"]["own"]):
                continue   # "its own F-35 replacements": kept, not given
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
            ref = self._antecedent(sv, m, qtext is not None) if m.generic else m
            if m.generic:
                words = [fold(t.text) for t in self.doc[max(sv.sent.start, start - 2): start]]
                quantifier = set(self.lex["items"]["quantifiers"])
                prev = items[-1][0] if items else None
                coordinated = prev is not None and prev.generic and all(
                    fold(t.text) in ("und", "and", "sowie", ",", "or", "oder")
                    for t in self.doc[prev.end: start])
                definite = {sv.low.get(m.start - 1), sv.low.get(m.start - 2)} & \
                    set(self.lex["anaphora"]["determiners"])
                if qtext is None and not (set(words) & quantifier) and not coordinated and not listing \
                        and not (definite and not ref.generic):
                    continue   # but "donated the drones" refers back to the TB2s named before
            items.append((m, qty, qtext))
            refs.append(ref)
        resolved = [(ref, qty, qtext) for ref, (_, qty, qtext) in zip(refs, items, strict=True)]
        # "zwei der Systeme" only counts when it refers back to a named system
        return [it for it in resolved if not (it[0].generic and it[0].type == "WeaponSystem")]

    def _antecedent(self, sv: SentenceView, m: Mention, quantified: bool) -> Mention:
        """The named system a generic item refers back to, or the item itself.

        "Denmark pledged 19 F-16s, while the Netherlands committed 24 jets": within a sentence
        a generic item of a compatible class is the system just named. Across up to four
        sentences a definite or possessive phrase refers back ("die Jets", "its jets"), and so
        does a quantified one when a single system of its class was named there; the nearest
        sentence wins, and in it a system that was given or pledged before other mentions.
        """
        spec = self.lex["anaphora"]
        before = [fold(t.text) for t in self.doc[max(sv.sent.start, m.start - 4): m.start]]
        if set(before) & set(spec["other"]):
            return m   # "und andere Panzer", "other tanks": not the ones named
        # "100 der ausgemusterten Kampfpanzer", "vier weitere Panzer": the ones named before
        definite = bool(set(before) & (set(spec["determiners"]) | set(spec["continuation"])))
        gaz = load_gazetteer()

        def fits(cand: Mention) -> bool:
            return cand.kind == "WeaponSystem" and not cand.generic \
                and m.type in gaz.superclasses(cand.type)

        here = self.sentence_index[sv.sent.start]
        same = [c for c in sv.mentions if c.start < m.start and fits(c)]
        if same:
            return replace(m, key=same[-1].key, type=same[-1].type, generic=False)
        if not (definite or quantified):
            return m
        window = self.sentences[max(0, here - 4): here]
        named = {c.key for view in window for c in view.mentions if fits(c)}
        if not definite and len(named) != 1:
            return m
        for back, view in enumerate(reversed(window), start=1):
            cands = [c for c in view.mentions if fits(c)]
            if not cands:
                continue
            given = [c for c in cands if (here - back, c.key) in self.given_items]
            best = (given or cands)[-1]
            return replace(m, key=best.key, type=best.type, generic=False)
        return m

    def _status(self, sv: SentenceView, trigger: int, kind: str) -> str | None:
        """ "pledged" or "delivered" for the supply verb at ``trigger``."""
        if kind == "pledge":
            return "pledged"
        lo, hi = sv.clause(trigger)
        aux = self.lex["pledge"]
        lows = [self.doc[k].lower_ for k in range(lo, hi)]
        past = any(w in aux["past_aux"] for w in lows) or \
            self.cues.match("delivered", self.doc[trigger])
        if self.cues.lang == "en" and any(self.doc[j].lower_ in ("has", "have", "had", "was", "were")
                                          for j in range(max(lo, trigger - 2), trigger)):
            return "delivered"   # "Marder that Germany has delivered", even if "will" stands nearby
        if any(w in aux["future_aux"] for w in lows) and not (
                self.cues.lang == "de" and any(w in ("wurde", "wurden", "worden") for w in lows)):
            return "pledged"
        prev = fold(self.doc[trigger - 1].text) if trigger > sv.sent.start else ""
        word = fold(self.doc[trigger].text)
        infix = any(word.startswith(p + "zu") for p in self.lex["pledge"].get("separable_prefixes", ()))
        if self.cues.lang == "de" and (prev == "zu" or infix):
            return "pledged"    # "hat angekündigt, ... zu liefern", "bereitzustellen"
        if self.cues.lang == "en" and "to be" in " ".join(
                fold(t.text) for t in self.doc[max(sv.sent.start, trigger - 3): trigger]):
            return "pledged"    # "18 of which are to be handed over this year"
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
        # "weitere sieben sollen folgen", "with more to follow": the rest of a delivery
        trig += [(k, "follow") for k in self.cues.positions("follow", sv.sent)
                 if not fold(self.doc[k].text).endswith("ing")]
        return sorted(set(trig))

    def _follow_status(self, sv: SentenceView, k: int) -> str:
        """A following delivery lies ahead unless the verb is in the past ("folgten", "followed")."""
        past = set(self.lex["follow"]["past"])
        return "delivered" if fold(self.doc[k].text) in past else "pledged"

    def _follow_items(self, sv: SentenceView, k: int, previous: list) -> list:
        """Without items of its own, a following clause with a number or "weitere"/"more"
        continues the items just named ("30 Gepard, weitere sieben sollen folgen")."""
        if not previous and self.last_items[0] == sv.sent.start:
            previous = self.last_items[1]
        if not previous:
            return []
        lo, hi = sv.clause(k)
        more = set(self.lex["follow"]["more"])
        number = next((t for t in self.doc[lo:hi]
                       if parse_number(t.text, self.article.lang) is not None), None)
        if number is None and not any(fold(t.text) in more for t in self.doc[lo:hi]):
            return []
        qty = parse_number(number.text, self.article.lang) if number is not None else None
        return [(m, qty, number.text if number is not None else None) for m, _, _ in previous[-1:]]

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
        for k in by_trigger:
            by_trigger[k] = [it for it in by_trigger[k] if not self._in_bare_relative(sv, it[0], by_trigger)
                             and not self._in_other_agents_clause(sv, it[0], k, by_trigger)]
        kinds = dict(triggers)
        gapped = self._gapped_clauses(sv)
        received_at = {k: self._received(sv, k) for k, _ in triggers}
        # "Ukraine has received Mirage jets ..., adding F-16s that allies began handing over":
        # who receives in a sentence gives nothing in it.
        receivers = set()
        for k, got in received_at.items():
            lo, hi = sv.clause(k)
            if got and got[1] and any(lo <= m.start < hi and country_of(m, {}) == got[1]
                                      for m in sv.mentions):
                receivers.add(got[1])
        # States named as nothing but a place ("Russland hat Belarus ... übergeben, ...
        # Besatzungen in Russland ausgebildet": Russia still acts) give nothing.
        located = {country_of(m, {}) for m in sv.mentions if self._located(sv, m)} - {
            country_of(m, {}) for m in sv.mentions if m.kind == "Country" and not self._located(sv, m)}
        for k in by_trigger:
            by_trigger[k] = [it for it in by_trigger[k]
                             if not any(lo <= it[0].start < hi for _, lo, hi in gapped)]
        pledged_items: list = []
        previous: list = []
        for k, its in sorted(by_trigger.items()):
            if sv.negated(k) or self._topic(sv, k):
                continue
            if kinds[k] == "follow":
                status = self._follow_status(sv, k)
                its = its or self._follow_items(sv, k, previous)
                if not its:
                    continue
            else:
                status = self._status(sv, k, kinds[k])
            previous = its or previous
            if its:
                self.last_items = (sv.sent.end, its)
            if not its and status == "delivered" and pledged_items and kinds[k] == "supply":
                # "hatte ... eine Million Geschosse zugesagt, aber nur die Hälfte geliefert"
                its = pledged_items
            received = received_at[k]
            if received is not None:
                # Only a named source gives ("von Deutschland erhalten"); any other state in
                # the sentence is not the giver ("Drohnen, die die russischen Streitkräfte
                # einsetzen, erklärte die ukrainische Luftwaffe").
                donors, recipient = received
                recipient = recipient or self.default_recipient
                use = set(self.lex["receive"]["use"])
                if not donors and (fold(self.doc[k].text) in use or fold(self.doc[k].lemma_) in use):
                    continue   # "Der Taurus sei nur einzusetzen, wenn ...": using names no giver
            else:
                recipient = self._recipient(sv, trigger=k)
                donors = [d for d in self._donors(sv, k, recipient) if d not in receivers | located]
            if donors and not its:
                self.discourse_donors = donors   # "kündigte ein Paket an. Das Paket umfasst ..."
            if not donors:
                donors = self._both_named_before(sv, k)
            if not donors and not self._collective_subject(sv, k) and not self._unknown_subject(sv, k):
                donors = self.last_donors
            pred = "supplies" if status == "delivered" else "pledges"
            donors = [d for d in donors if d != recipient]   # a state never gives to itself
            for donor in donors:
                for m, qty, qtext in its:
                    self._emit(sv, f"{pred}.{kinds[k]}", donor, pred, m.key, status=status,
                               recipient=recipient, quantity=qty, quantity_text=qtext)
                if recipient and (its or self._aid_without_items(sv, k, recipient)):
                    self._emit(sv, f"suppliesTo.{pred}", donor, "suppliesTo", recipient)
            self._gapped(sv, k, its, pred, status, recipient, donors)
            if status == "pledged":
                pledged_items = its

    def _in_other_agents_clause(self, sv: SentenceView, m: Mention, k: int, triggers) -> bool:
        """Whether the item stands in a clause after the verb's own that has a state of its own
        and no verb of giving ("Canada and Australia announced support ..., with Canberra
        confirming that the last of its 49 Abrams tanks had reached the country")."""
        lo, hi = sv.clause(m.start)
        if lo <= k < hi or m.start < k:
            return False
        if any(lo <= t < hi for t in triggers):
            return False
        return any(lo <= a.start < m.start and (a.kind == "Country" and a.form == "name"
                                                or a.form == "capital") for a in sv.mentions)

    def _topic(self, sv: SentenceView, k: int) -> bool:
        """ "Zur Lieferung von Taurus äußerte sich Merz nicht": a delivery named as the topic at
        the head of the sentence is talked about, not reported."""
        topic = set(self.lex["supply"].get("topic_preps", ()))
        return k - 1 == sv.sent.start and sv.low.get(k - 1) in topic

    def _in_bare_relative(self, sv: SentenceView, m: Mention, by_trigger: dict) -> bool:
        """Whether the item stands in a relative clause without a verb of giving ("two ASC 890
        aircraft, which could help Ukraine's F-16s spot missiles")."""
        lo, hi = sv.clause(m.start)
        return lo - 1 > sv.sent.start and self.doc[lo - 1].text == "," \
            and sv.low.get(lo) in self.lex["clauses"]["relative"] \
            and not any(lo <= k < hi for k in by_trigger)

    def _both_named_before(self, sv: SentenceView, k: int) -> list[str]:
        """"Both countries pledged ...": the two states last named together ("a coalition
        led by Denmark and the Netherlands")."""
        lo, _ = sv.clause(k)
        text = " ".join(sv.low.get(i, "") for i in range(lo, k))
        if not any(p in text for p in self.lex["coproduction"]["both_parties"]):
            return []
        here = self.sentence_index[sv.sent.start]
        for view in reversed(self.sentences[max(0, here - 2): here]):
            states = [(m, country_of(m, {})) for m in view.mentions if m.kind == "Country"
                      and m.form == "name" and country_of(m, {}) != self.default_recipient]
            for i in range(len(states) - 1, -1, -1):
                group = self._coordinated(view, states[i:])
                if len(group) == 2:
                    return dedupe([w for _, w in group])
        return []

    def _unknown_subject(self, sv: SentenceView, k: int) -> bool:
        """An English subject that is a name the gazetteer does not know ("Mitsubishi Heavy
        Industries has begun shipping ..."): the donors of the sentence before are not meant."""
        if self.cues.lang != "en":
            return False
        lo, _ = sv.clause(k)
        covered = {i for m in sv.mentions for i in range(m.start, m.end)}
        run = 0
        for i in range(lo, k):
            tok = self.doc[i]
            named = tok.text[:1].isupper() and tok.is_alpha and i not in covered \
                and sv.low.get(i) not in self.lex["preps"]["determiners"] and not tok.is_sent_start
            run = run + 1 if named else 0
            if run >= 2:
                return True
        return False

    def _collective_subject(self, sv: SentenceView, k: int) -> bool:
        """A subject that names no state ("European allies began handing over", "die
        Partnerländer liefern"): the donors of the sentence before are not meant."""
        lo, _ = sv.clause(k)
        collective = set(self.lex["agents"]["collective"])
        return any(sv.low.get(i) in collective for i in range(lo, k))

    def _gapped_clauses(self, sv: SentenceView) -> list[tuple[Mention, int, int]]:
        """Clauses without a verb of their own that start with another state after a comma."""
        triggers = [t for t, _ in self._triggers(sv)]
        out = []
        for m in sv.mentions:
            if m.kind != "Country" or m.form != "name" or m.start == sv.sent.start \
                    or self.doc[m.start - 1].text != ",":
                continue
            listed = any(o.end == m.start - 1 and o.kind == "Country" for o in sv.mentions) and \
                sv.low.get(m.end) in (",", "and", "und", "sowie") and \
                any(o.start == m.end + 1 and o.kind == "Country" for o in sv.mentions)
            if listed:
                continue   # "in Lithuania, Poland and Ukraine": a list, not a new clause
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
        if not any(self._recipient_marked(sv, m) and country_of(m, {}) == recipient
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
            donor = country_of(m, self.person_country)
            if m.start < k or donor in donors or donor == recipient:
                continue
            own = [it for it in self._weapon_items(sv) if lo2 <= it[0].start < hi2]
            number = next((t for t in self.doc[m.end: hi2]
                           if parse_number(t.text, self.article.lang) is not None
                           and not is_year(t.text)), None)
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
