"""The aidgraph command as a user runs it: real subprocesses, real files."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

COMMANDS = ["build", "query", "export", "render", "neighbors", "path", "stats", "explain", "validate"]


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "graph", *args], capture_output=True, text=True,
                          cwd=cwd)


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory):
    out = tmp_path_factory.mktemp("cli")
    r = run("build", "tests/corpus", "--out", str(out), "--no-cache")
    assert r.returncode == 0, r.stderr
    return out / "graph.ttl"


def test_help_lists_every_command():
    r = run("--help")
    assert r.returncode == 0
    for cmd in COMMANDS:
        assert cmd in r.stdout


@pytest.mark.parametrize("cmd", COMMANDS)
def test_every_command_has_complete_help(cmd):
    r = run(cmd, "--help")
    assert r.returncode == 0 and "usage: aidgraph " + cmd in r.stdout
    assert len(r.stdout.splitlines()) > 3


def test_build_prints_a_summary(graph_file):
    assert graph_file.exists()
    assert (graph_file.parent / "graph.html").exists()


def test_query_inline_and_canned(graph_file):
    r = run("query", "SELECT ?w WHERE { ent:France aid:supplies ?w }", "--graph", str(graph_file))
    assert r.returncode == 0 and "ent:CAESAR" in r.stdout
    r = run("query", "seeds/queries/donors.rq", "--graph", str(graph_file), "--format", "json")
    data = json.loads(r.stdout)
    donors = {b["donor"]["value"].rsplit("/", 1)[-1] for b in data["results"]["bindings"]}
    assert {"France", "Germany"} <= donors


def test_bad_query_is_one_line_with_position(graph_file):
    r = run("query", "SELECT ?x WHERE { ?x ?y }", "--graph", str(graph_file))
    assert r.returncode == 1 and r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "line 1" in lines[0] and "column" in lines[0]


def test_missing_graph_is_one_line(tmp_path):
    r = run("stats", "--graph", str(tmp_path / "nope.ttl"))
    assert r.returncode == 1
    assert len(r.stderr.strip().splitlines()) == 1 and "nope.ttl" in r.stderr


def test_unknown_entity_is_one_line(graph_file):
    r = run("neighbors", "Atlantis", "--graph", str(graph_file))
    assert r.returncode == 1 and len(r.stderr.strip().splitlines()) == 1
    assert "Atlantis" in r.stderr


def test_neighbors_finds_an_entity_by_any_name(graph_file):
    by_alias = run("neighbors", "Storm Shadow", "--graph", str(graph_file))
    by_name = run("neighbors", "scalp", "--graph", str(graph_file))
    assert by_alias.returncode == 0 and by_alias.stdout == by_name.stdout
    assert "France --pledges--> SCALP" in by_alias.stdout


def test_path_and_stats(graph_file):
    r = run("path", "Boris Pistorius", "CAESAR", "--graph", str(graph_file))
    assert r.returncode == 0 and "CAESAR" in r.stdout.splitlines()[-1]
    r = run("stats", "--graph", str(graph_file), "--json")
    s = json.loads(r.stdout)
    assert dict(s["top_donors"])["Germany"] >= 3


def test_export_writes_all_formats(graph_file, tmp_path):
    r = run("export", "--graph", str(graph_file), "--out", str(tmp_path))
    assert r.returncode == 0
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".graphml", ".jsonld", ".nt", ".ttl"]


def test_render_focus(graph_file, tmp_path):
    out = tmp_path / "focus.html"
    r = run("render", "--graph", str(graph_file), "--focus", "SCALP", "--depth", "1", "-o", str(out))
    assert r.returncode == 0 and out.exists()


def test_explain_shows_rules_and_evidence():
    r = run("explain", "tests/corpus/de_lieferung.txt")
    assert r.returncode == 0
    assert "France --supplies--> CAESAR" in r.stdout and "de.supplies" in r.stdout
    assert "Frankreich hat der Ukraine zwölf Caesar-Haubitzen geliefert." in r.stdout


def test_validate(graph_file):
    r = run("validate", "--graph", str(graph_file))
    assert r.returncode == 0 and "conforms" in r.stdout


def test_build_with_bad_input_reports_on_stderr_and_exits_zero(tmp_path):
    (tmp_path / "good.txt").write_text("Titel\n\nFrankreich hat der Ukraine Caesar-Haubitzen geliefert.\n")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02" * 100)
    r = run("build", str(tmp_path), "--out", str(tmp_path / "out"))
    assert r.returncode == 0
    assert [line for line in r.stderr.splitlines() if "bad.txt" in line]
    r = run("build", str(tmp_path), "--out", str(tmp_path / "out2"), "--strict")
    assert r.returncode == 1 and not (tmp_path / "out2" / "graph.ttl").exists()


def test_outputs_do_not_depend_on_the_process_hash_seed(tmp_path):
    """Same input, separate processes with different hash seeds: byte-identical files."""
    import os
    digests = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        for args in (["build", "tests/corpus", "--out", str(out), "--no-cache"],
                     ["export", "--graph", str(out / "graph.ttl"), "--out", str(out)]):
            r = subprocess.run([sys.executable, "-m", "graph", *args], capture_output=True, env=env)
            assert r.returncode == 0, r.stderr
        digests.append({p.name: p.read_bytes() for p in out.iterdir() if p.is_file()})
    assert digests[0].keys() == digests[1].keys()
    for name in digests[0]:
        assert digests[0][name] == digests[1][name], name
