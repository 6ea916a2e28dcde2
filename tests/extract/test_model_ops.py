"""The extraction pipeline's model runs its matrix products on numpy, with the parses of the
default kernels.

``load_nlp`` loads the English model under thinc's numpy operations without BLIS, which halves
the time of the token vectors on the machines measured (``bench/extract.py``). Here: the
layers of the token vectors and the parser's hidden layer hold those operations, and the
parses equal those of the same model loaded with thinc's defaults.
"""

from __future__ import annotations

import spacy
from thinc.api import NumpyOps

from aidtrack.extract.pipeline import DISABLED, MODEL_NAMES, load_nlp

SENTENCES = [
    "Germany pledged 12 more Leopard tanks to Ukraine on Tuesday, the ministry said.",
    "Austria, Ireland and Malta said they would not take part in financing the weapons.",
    "The Kremlin warned Seoul that any delivery of lethal arms would destroy relations.",
    "Japan's cabinet eased its rules, which had barred exports of lethal arms since 1967.",
    "Asked whether Warsaw would send more jets, the minister declined to comment.",
]


def test_the_token_vectors_and_the_parser_multiply_on_numpy() -> None:
    nlp = load_nlp()
    layers = list(nlp.get_pipe("tok2vec").model.walk())
    layers += [node for node in nlp.get_pipe("parser").model.walk() if node.name == "precomputable_affine"]
    assert len(layers) > 10
    assert all(isinstance(node.ops, NumpyOps) and not node.ops.use_blis for node in layers)


def test_the_parses_are_those_of_the_default_kernels() -> None:
    name = next(n for n in MODEL_NAMES if spacy.util.is_package(n))
    default = spacy.load(name, disable=list(DISABLED))
    ours = load_nlp()
    # the default is BLIS where thinc has it (x86 and ARM wheels)

    def parse(nlp: spacy.language.Language, text: str) -> list[tuple[str, str, str, int]]:
        with nlp.select_pipes(enable=["tok2vec", "tagger", "parser"]):
            return [(t.text, t.tag_, t.dep_, t.head.i) for t in nlp(text)]

    for text in SENTENCES:
        assert parse(ours, text) == parse(default, text)
