from __future__ import annotations

import pytest

from nlu import create_parser
from nlu.builtin import BuiltinParser
from nlu.rasa_http import RasaParser


def test_the_builtin_backend_is_the_default(model, cache_dir, products):
    parser = create_parser(cache_dir=cache_dir, products=products, confidence_threshold=0.7)
    assert isinstance(parser, BuiltinParser) and parser.confidence_threshold == 0.7
    assert parser.parse("quiero una taza grande").items[0].sku == "TAZ-GRA"


def test_the_rasa_backend_falls_back_on_a_builtin_parser(model, cache_dir):
    parser = create_parser("rasa", rasa_url="http://127.0.0.1:5005/", timeout=1.5,
                           cache_dir=cache_dir)
    assert isinstance(parser, RasaParser) and isinstance(parser.fallback, BuiltinParser)
    assert parser.endpoint == "http://127.0.0.1:5005/model/parse" and parser.timeout == 1.5


@pytest.mark.parametrize(
    ("backend", "url", "complaint"),
    [("spacy", None, "unknown NLU backend"), ("rasa", None, "needs rasa_url"),
     ("rasa", "", "rasa_url")],
)
def test_wrong_settings_are_refused(backend, url, complaint, tmp_path):
    with pytest.raises(ValueError, match=complaint):
        create_parser(backend, rasa_url=url, cache_dir=tmp_path)
