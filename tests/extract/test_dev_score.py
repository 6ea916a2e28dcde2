"""End to end: `aidtrack extract DEV --out PREDS`, then score.py asserts a floor.

Needs ../shared/eval beside the checkout (skipped with a message otherwise).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from aidtrack.cli.extract import extract
from tests.conftest import shared_path

# A little under what the extractor reaches (F1 0.985, P 1.00 on 2026-11-30, issue 12);
# issue 12 asks dev F1 to stay >= 0.90.
FLOOR_F1 = 0.95
FLOOR_PRECISION = 0.95
FLOOR_TYPE_F1 = 0.80


def _score(dev: Path, preds: Path) -> dict:
    script = dev.parent / "score.py"
    done = subprocess.run(
        [sys.executable, str(script), str(dev), str(preds), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def test_dev_set_meets_the_floor(tmp_path: Path) -> None:
    dev = shared_path("eval", "dev")
    shared_path("eval", "score.py")
    preds = tmp_path / "preds"
    result = CliRunner().invoke(extract, [str(dev), "--out", str(preds)])
    assert result.exit_code == 0, result.output
    assert len(list(preds.glob("*.json"))) == len(list(dev.glob("*.txt")))
    scores = _score(dev, preds)
    overall = scores["overall"]
    assert overall["f1"] >= FLOOR_F1, scores
    assert overall["p"] >= FLOOR_PRECISION, scores
    for kind in ("support", "appeal", "refusal", "threat", "policy_change", "sanction"):
        assert scores[kind]["f1"] >= FLOOR_TYPE_F1, (kind, scores[kind])


def test_predictions_follow_the_schema(tmp_path: Path) -> None:
    dev = shared_path("eval", "dev")
    preds = tmp_path / "preds"
    CliRunner().invoke(extract, [str(dev), "--out", str(preds)])
    for path in preds.glob("*.json"):
        doc = json.loads(path.read_text())
        assert set(doc) == {"id", "url", "title", "published", "events"}
        text = (dev / f"{doc['id']}.txt").read_text(encoding="utf-8")
        for event in doc["events"]:
            assert text[event["start"] : event["end"]] == event["evidence"]
            assert 0 <= event["confidence"] <= 1
