"""--model: an installed trained spaCy pipeline adds its entities; a missing one is a clear error."""
import subprocess
import sys

import pytest
import spacy

from graph.articles import Article
from graph.build import BuildError, build
from graph.extract import extract


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    """A real spaCy pipeline on disk: blank English plus an entity ruler standing in for NER."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PERSON", "pattern": "Jane Testperson"},
                        {"label": "ORG", "pattern": "Acme Arms"}])
    path = tmp_path_factory.mktemp("model") / "en_tiny"
    nlp.to_disk(path)
    return str(path)


def test_model_entities_are_added(tiny_model):
    art = Article(id="m1", title="t", text="Jane Testperson met officials of Acme Arms in Kyiv.",
                  lang="en", source="m.txt")
    without = {m.text for m in extract(art).mentions}
    with_model = {(m.text, m.kind) for m in extract(art, tiny_model).mentions}
    assert "Jane Testperson" not in without
    assert ("Jane Testperson", "Person") in with_model and ("Acme Arms", "Organization") in with_model
    assert ("Kyiv", "Place") in with_model   # the gazetteer's mentions stay


def test_model_of_another_language_is_not_applied_to_german(tiny_model):
    art = Article(id="m2", title="t", text="Jane Testperson traf Vertreter in Kiew.", lang="de",
                  source="m.txt")
    assert "Jane Testperson" not in {m.text for m in extract(art, tiny_model).mentions}


def test_missing_model_is_one_clear_error(tmp_path):
    (tmp_path / "a.txt").write_text("T\n\nFrankreich hat der Ukraine Caesar-Haubitzen geliefert.\n")
    with pytest.raises(BuildError, match="'xx_not_installed' is not installed"):
        build([tmp_path], tmp_path / "out", model="xx_not_installed")
    r = subprocess.run([sys.executable, "-m", "graph", "build", str(tmp_path), "--out",
                        str(tmp_path / "o"), "--model", "xx_not_installed"], capture_output=True, text=True)
    assert r.returncode == 1 and len(r.stderr.strip().splitlines()) == 1
    assert "pip install xx_not_installed" in r.stderr
