"""``aidgraph explain``: what one article yields, rule by rule, with the evidence.

>>> from graph.articles import Article
>>> art = Article(id="a1", title="Titel", text="Frankreich hat der Ukraine Caesar-Haubitzen geliefert.",
...               lang="de", source="a.txt")
>>> print(explain_article(art).splitlines()[0])
a.txt  [de]  Titel
"""
from __future__ import annotations

from graph.articles import Article
from graph.extract import extract
from graph.ontology import load_gazetteer


def _label(key: str) -> str:
    ent = load_gazetteer().entities.get(key)
    return ent.label if ent else key.replace("_", " ")


def explain_article(article: Article, model: str | None = None) -> str:
    """A readable account of the article's entities and triples, with rules and evidence."""
    ex = extract(article, model)
    lines = [f"{article.source}  [{article.lang}]  {article.title}",
             f"id {article.id}" + (f", date {article.date}" if article.date else ""), "",
             "entities:"]
    seen: dict[str, list[str]] = {}
    kinds: dict[str, str] = {}
    for m in ex.mentions:
        seen.setdefault(m.key, [])
        if m.text not in seen[m.key]:
            seen[m.key].append(m.text)
        kinds[m.key] = m.type + (" (generic)" if m.generic else "") + ("" if m.known else " (new)")
    for key in sorted(seen, key=lambda k: (kinds[k], _label(k))):
        lines.append(f"  {_label(key):28} {kinds[key]:26} as: {', '.join(seen[key])}")
    lines += ["", f"triples ({len(ex.relations)}):"]
    for r in sorted(ex.relations, key=lambda r: (r.start_char, r.predicate, r.subject, r.object)):
        recipient = r.recipient and _label(r.recipient)
        quals = [f"{k}={v}" for k, v in (("status", r.status), ("recipient", recipient),
                                         ("quantity", r.quantity_text), ("amount", r.amount_text),
                                         ("currency", r.currency), ("date", r.date or r.date_text),
                                         ("role", r.role)) if v]
        lines.append(f"  {_label(r.subject)} --{r.predicate}--> {_label(r.object)}   [{r.rule}]"
                     + (f"  {'; '.join(quals)}" if quals else ""))
        lines.append(f"      chars {r.start_char}-{r.end_char}: {r.sentence}")
    return "\n".join(lines) + "\n"
