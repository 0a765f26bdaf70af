"""Bad input, interrupted builds and arbitrary text: nothing crashes, nothing is lost."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph
from rdflib.compare import isomorphic

from graph.articles import Article
from graph.build import build
from graph.export import ntriples_bytes, turtle_bytes
from graph.extract import extract
from graph.merge import merge_extractions
from graph.ontology import AID, ENT

GOOD_DE = "Lieferung\n\nDeutschland hat der Ukraine 30 Gepard geliefert.\n"
GOOD_EN = "Delivery\n\nThe United Kingdom has delivered Challenger 2 tanks to Ukraine.\n"


def make_bad_corpus(root: Path) -> None:
    root.mkdir()
    (root / "utf8_bom.txt").write_bytes("\ufeff".encode() + GOOD_DE.encode())
    (root / "utf16.txt").write_bytes(GOOD_EN.encode("utf-16"))
    (root / "cp1252.txt").write_bytes(
        "Übergabe\n\nFrankreich hat der Ukraine zwölf Caesar-Haubitzen übergeben.\n".encode("cp1252"))
    (root / "crlf.md").write_bytes(b"# Hilfe\r\n\r\nPolen hat der Ukraine Krab-Haubitzen geliefert.\r\n")
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.txt").write_text("   \n\t\n")
    (root / "binary.txt").write_bytes(os.urandom(4096) + b"\x00" * 64)
    (root / "page.html").write_text(
        "<html><head><title>Waffen</title><script>alert('x')</script><style>p{}</style></head>"
        "<body><nav>Menü</nav><article><h1>Waffen</h1><p>Deutschland hat der Ukraine "
        "IRIS-T geliefert.</p></article></body></html>")
    (root / "feed.jsonl").write_text(
        json.dumps({"title": "Aid", "text": "Canada has delivered M777 howitzers to Ukraine.",
                    "lang": "en"}) + "\n{broken json\n" + json.dumps({"title": "no text"}) + "\n")
    (root / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32)
    (root / "loop").mkdir()
    os.symlink("..", root / "loop" / "back")
    os.symlink(root / "does-not-exist.txt", root / "dangling.txt")


def test_bad_corpus_builds_with_report_entries_and_good_triples(tmp_path):
    src = tmp_path / "corpus"
    make_bad_corpus(src)
    warnings: list[str] = []
    report = build([src], tmp_path / "out", warn=warnings.append, use_cache=False)
    problems = {Path(p["source"].split(":")[0]).name: p["message"] for p in report.problems}
    for name in ("empty.txt", "blank.txt", "binary.txt", "image.png", "dangling.txt"):
        assert name in problems, (name, problems)
    assert any(p["source"].endswith("feed.jsonl:2") for p in report.problems)
    assert any(p["source"].endswith("feed.jsonl:3") for p in report.problems)
    assert any("loop" in p["source"] for p in report.problems)
    assert len(warnings) == len(report.problems)
    g = Graph().parse(tmp_path / "out" / "graph.ttl", format="turtle")
    for s, p, o in [(ENT.Germany, AID.supplies, ENT.Gepard), (ENT.France, AID.supplies, ENT.CAESAR),
                    (ENT.United_Kingdom, AID.supplies, ENT.Challenger_2),
                    (ENT.Poland, AID.supplies, ENT.Krab), (ENT.Germany, AID.supplies, ENT.IRIS_T),
                    (ENT.Canada, AID.supplies, ENT.M777)]:
        assert (s, p, o) in g, (s, p, o)
    assert "Übergabe" in {a["title"] for a in report.articles}


def _many_articles(folder: Path, n: int) -> None:
    folder.mkdir()
    for i in range(n):
        (folder / f"a{i:04d}.txt").write_text(
            f"Artikel {i}\n\nDeutschland hat der Ukraine {i + 1} Gepard geliefert. "
            f"Frankreich wird {i + 2} Caesar-Haubitzen an die Ukraine übergeben.\n" * 3)


def _build_cmd(src: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "graph", "build", str(src), "--out", str(out)]


def test_killed_build_keeps_previous_outputs_and_resumes_from_cache(tmp_path):
    src, out = tmp_path / "src", tmp_path / "out"
    _many_articles(src, 400)
    first = tmp_path / "first"
    first.mkdir()
    (first / "a.txt").write_text(GOOD_DE)
    assert subprocess.run(_build_cmd(first, out), capture_output=True).returncode == 0
    before = {n: (out / n).read_bytes() for n in ("graph.ttl", "graph.html", "report.json")}

    proc = subprocess.Popen(_build_cmd(src, out), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    cache = out / ".cache"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(cache.glob("*.json"))) < 20:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    cached = len(list(cache.glob("*.json")))
    assert 20 <= cached, "the build was killed after some articles were extracted"
    for name, data in before.items():
        assert (out / name).read_bytes() == data, f"{name} changed by a killed build"

    done = subprocess.run(_build_cmd(src, out), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    reused = int(re.search(r"\((\d+) from cache\)", done.stdout).group(1))
    assert reused >= cached - 1
    assert json.loads((out / "report.json").read_text())["articles"].__len__() == 400
    assert not list(out.glob(".*.tmp"))


texts = st.text(alphabet=st.characters(codec="utf-8"), max_size=3000) | st.lists(
    st.sampled_from(["Deutschland", "hat", "der", "Ukraine", "30", "Gepard", "geliefert", ".",
                     "France", "will", "send", "SCALP", "to", "Kyiv", "„", "<script>", "\\", "\"",
                     "\u202e", "🚀", "\n", "\x00", "\r\n", "Präsident", "Selenskyj"]),
    max_size=400).map(" ".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, lang=st.sampled_from(["de", "en"]))
def test_any_text_gives_valid_deterministic_turtle(text, lang):
    from graph.decoding import clean_text
    body = clean_text(text)
    art = Article(id="prop", title="Property test", text=body, lang=lang, source="prop.txt")
    g = merge_extractions([extract(art)])
    data = turtle_bytes(g)
    back = Graph().parse(data=data, format="turtle")
    assert isomorphic(back, g)
    assert turtle_bytes(merge_extractions([extract(art)])) == data
    assert Graph().parse(data=ntriples_bytes(g), format="nt").__len__() == len(g)
    for r in extract(art).relations:
        assert body[r.start_char:r.end_char] == r.sentence


@pytest.mark.slow
def test_large_article_builds(tmp_path):
    src = tmp_path / "big.txt"
    with open(src, "w", encoding="utf-8") as fh:
        fh.write("Großer Artikel\n\n")
        for i in range(40_000):
            fh.write(f"Deutschland hat der Ukraine {i} Gepard geliefert. Das Wetter war gut.\n")
    report = build([src], tmp_path / "out", use_cache=False)
    assert report.triples["supplies"] >= 1
