"""Role nouns of one language: "Verteidigungsminister", "Minister of the Armed Forces", "counterpart".

Used both to find people by their titles (graph.nlp) and to read who holds
which office (graph.roles). Role words come from ``ontology/lexicon/<lang>.toml``.

>>> words = RoleWords("de")
>>> words.match_at(["der", "bundesverteidigungsministerin", "boris"], 1)
(1, 'defenceMinisterOf', ('bundesverteidigungsminister',))
"""
from __future__ import annotations

from functools import lru_cache

from graph.ontology import load_lexicon

# Endings a German role noun may carry: plural, genitive, dative, feminine.
_INFLECTIONS = ("", "s", "n", "en", "in", "innen", "es", "e")


@lru_cache(maxsize=4)
def role_words(lang: str) -> RoleWords:
    """The role words of ``lang``, built once per process."""
    return RoleWords(lang)


class RoleWords:
    """Finds role nouns (and "counterpart" words, with property None) in folded word lists."""

    def __init__(self, lang: str):
        lex = load_lexicon(lang)
        roles = {tuple(k.split()): v for k, v in lex["roles"].items()}
        counterparts = {tuple(c.split()): None for c in lex["role_modifiers"]["counterpart"]}
        self.exclude = tuple(lex["role_modifiers"]["exclude_prefixes"])
        self.former = tuple(lex["role_modifiers"]["former_compounds"])
        keys = {**counterparts, **roles}
        self.multi: dict[str, list[tuple[tuple[str, ...], str | None]]] = {}
        for key, prop in sorted(keys.items(), key=lambda kv: -len(kv[0])):
            if len(key) > 1:
                self.multi.setdefault(key[0], []).append((key, prop))
        # Longest first, so "ministerpräsidentin" is a head of government, not a president.
        self.single = sorted(((k[0], p) for k, p in keys.items() if len(k) == 1),
                             key=lambda kp: (-len(kp[0]), kp[0]))
        self._single_cached = lru_cache(maxsize=50_000)(self._single_role)

    def _single_role(self, w: str):
        for key, prop in self.single:
            if w.startswith(self.former) and not key.startswith(self.former):
                continue   # "Altkanzler": no longer in office
            if w.startswith(self.exclude) and not key.startswith(self.exclude):
                # "Vizekanzler": a role in the state, not the office itself
                hit = self._single_role(w[len(next(x for x in self.exclude if w.startswith(x))):])
                return ("holdsRole", hit[1]) if hit else None
            for e in _INFLECTIONS:
                if e and not w.endswith(e):
                    continue
                base = w[: len(w) - len(e)] if e else w
                if base == key or (len(key) >= 7 and base.endswith(key)):
                    return prop, base
        return None

    def match_at(self, words: list[str], i: int):
        """(length, property, key) of the role noun starting at ``words[i]``, or None."""
        for key, prop in self.multi.get(words[i], ()):
            if tuple(words[i: i + len(key)]) == key:
                return len(key), prop, key
        hit = self._single_cached(words[i])
        if hit is not None:
            return 1, hit[0], (hit[1],)
        return None
