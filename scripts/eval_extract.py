#!/usr/bin/env python3
"""Score the extractor on the fixed parts of ../shared/eval (figures for notes).

Usage: python scripts/eval_extract.py [--part development|validation|dev] [--errors]
       [--min-confidence X] [--thresholds]

Parts: ``development`` and ``validation`` are the two halves of eval/train fixed
in tests/extract/train_split.json; ``dev`` is eval/dev. ``--errors`` lists the
missed and spurious events per article, and is refused on the validation part
and on the blind own sets (BLIND_PARTS): their figures are an estimate for unseen
articles only while nobody tunes on their errors. ``--thresholds`` prints
precision, recall and F1 per confidence threshold.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
SPLIT = ROOT / "tests" / "extract" / "train_split.json"
# our own articles by other authors that train the learned scorer (scored once before any rule
# was written from them; the misses of zg to zl, zr, zs and most later sets, zze to zzz among them,
# were read for rules after that first run)
TRAINING_PARTS = tuple(
    f"train_own_{k}"
    for k in [
        *"efghijklmnopqrstuvwxyz",
        "za",
        "zb",
        "zc",
        "zd",
        "ze",
        "zf",
        "zg",
        "zh",
        "zi",
        "zj",
        "zk",
        "zl",
        "zm",
        "zn",
        "zo",
        "zp",
        "zq",
        "zr",
        "zs",
        "zt",
        "zu",
        "zv",
        "zw",
        "zx",
        "zy",
        "zz",
        "zza",
        "zzb",
        "zzc",
        "zzd",
        "zze",
        "zzf",
        "zzg",
        "zzh",
        "zzi",
        "zzj",
        "zzk",
        "zzl",
        "zzm",
        "zzn",
        "zzo",
        "zzp",
        "zzq",
        "zzr",
        "zzs",
        "zzt",
        "zzu",
        "zzv",
        "zzw",
        "zzx",
        "zzy",
        "zzz",
        "zzza",
        "zzzb",
        "zzzc",
        "zzzd",
        "zzze",
        "zzzf",
        "zzzg",
        "zzzh",
        "zzzi",
        "zzzj",
        "zzzk",
        "zzzl",
        "zzzm",
        "zzzn",
        "zzzo",
        "zzzp",
        "zzzq",
        "zzzr",
        "zzzs",
        "zzzt",
        "zzzu",
        "zzzv",
        "zzzw",
        "zzzx",
        "zzzy",
        "zzzz",
        "zzzza",
        "zzzzb",
        "zzzzc",
    ]
)
# our own wire-style articles with gold events, in tests/extract (heldout3 written blind to the
# rules); those whose errors nobody reads:
BLIND_OWN_PARTS = (
    "heldout4_c",
    "heldout4_d",
    "heldout5_a",
    "heldout5_b",
    "heldout6_a",
    "heldout6_b",
    "heldout7_a",
    "heldout8_a",
    "heldout9_a",
    "heldout10_a",
    "heldout11_a",
    "heldout12_a",
    "heldout13_a",
    "heldout14_a",
    "heldout15_a",
    "heldout16_a",
    "heldout17_a",
    "heldout18_a",
    "heldout19_a",
    "heldout20_a",
    "heldout21_a",
    "heldout22_a",
    "heldout23_a",
    "heldout24_a",
    "heldout25_a",
    "heldout26_a",
    "heldout27_a",
    "heldout28_a",
    "heldout29_a",
    "heldout30_a",
    "heldout31_a",
    "heldout32_a",
    "heldout33_a",
    "heldout34_a",
    "heldout35_a",
    "heldout36_a",
    "heldout37_a",
    "heldout38_a",
    "heldout39_a",
    "heldout40_a",
    "heldout41_a",
    "heldout42_a",
    "heldout43_a",
    "heldout44_a",
    "heldout45_a",
    "heldout46_a",
    "heldout47_a",
    "heldout48_a",
    "heldout49_a",
    "heldout50_a",
    "heldout51_a",
    "heldout52_a",
    "heldout53_a",
    "heldout54_a",
    "heldout55_a",
    "heldout56_a",
)
OWN_PARTS = ("heldout", "heldout3", "heldout4_a", "heldout4_b", *TRAINING_PARTS, *BLIND_OWN_PARTS)
# the parts whose errors nobody reads: estimates of quality on unseen articles
BLIND_PARTS = ("validation", *BLIND_OWN_PARTS)
THRESHOLDS = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def part_paths(part: str) -> list[Path]:
    """The gold .json files of a part."""
    if part == "dev":
        return sorted((EVAL / "dev").glob("*.json"))
    if part in OWN_PARTS:
        return sorted((ROOT / "tests" / "extract" / part).glob("*.json"))
    names = json.loads(SPLIT.read_text(encoding="utf-8"))[part]
    return [EVAL / "train" / f"{n}.json" for n in names]


def _scorer():
    spec = importlib.util.spec_from_file_location("score", EVAL / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def predict(golds: list[Path]) -> dict[str, list[dict]]:
    """Events per article stem, from the library (what `aidtrack extract` writes)."""
    from aidtrack.extract import extract_many, read_article

    articles = [read_article(g.with_suffix(".txt")) for g in golds]
    return {g.stem: events for g, events in zip(golds, extract_many(articles))}


def score(golds: list[Path], preds: dict[str, list[dict]], min_conf: float = 0.0):
    scorer = _scorer()
    with tempfile.TemporaryDirectory() as tmp:
        gold_dir, pred_dir = Path(tmp, "gold"), Path(tmp, "pred")
        gold_dir.mkdir()
        pred_dir.mkdir()
        for g in golds:
            (gold_dir / g.name).symlink_to(g.resolve())
            kept = [e for e in preds[g.stem] if e.get("confidence", 1.0) >= min_conf]
            (pred_dir / g.name).write_text(json.dumps({"events": kept}))
        counts, amounts, _ = scorer.score(gold_dir, pred_dir)
    return scorer, counts, amounts


def table(golds, preds, min_conf=0.0) -> None:
    scorer, counts, amounts = score(golds, preds, min_conf)
    total = [sum(c[i] for c in counts.values()) for i in range(3)]
    print(f"{'type':<14}{'tp':>5}{'fp':>5}{'fn':>5}{'P':>7}{'R':>7}{'F1':>7}")
    for kind, row in sorted(counts.items()) + [("overall", total)]:
        p, r, f = scorer.prf(*row)
        print(f"{kind:<14}{row[0]:>5}{row[1]:>5}{row[2]:>5}{p:>7.3f}{r:>7.3f}{f:>7.3f}")
    acc = f"{amounts[0] / amounts[1]:.3f}" if amounts[1] else "n/a"
    print(f"amount accuracy: {acc} ({amounts[0]}/{amounts[1]})")


def thresholds(golds, preds) -> None:
    print(f"{'min conf':>8}{'events':>8}{'P':>7}{'R':>7}{'F1':>7}")
    for t in THRESHOLDS:
        scorer, counts, _ = score(golds, preds, t)
        total = [sum(c[i] for c in counts.values()) for i in range(3)]
        p, r, f = scorer.prf(*total)
        kept = sum(1 for evs in preds.values() for e in evs if e.get("confidence", 1) >= t)
        print(f"{t:>8.2f}{kept:>8}{p:>7.3f}{r:>7.3f}{f:>7.3f}")


KINDS = ("support", "appeal", "refusal", "threat", "policy_change", "sanction")
MODES = ("off", "rules", "filter", "model", "union")


def compare(golds) -> None:
    """Per-type F1 (P/R) for each use of the learned scorer, all types at once."""
    from aidtrack.extract.pipeline import MODE

    kinds = KINDS
    print(f"{'use':<8}" + "".join(f"{k[:12]:>14}" for k in kinds) + f"{'overall':>14}")
    for mode in MODES:
        MODE.clear()
        MODE.update({"off": True} if mode == "off" else {k: mode for k in kinds})
        scorer, counts, _ = score(golds, predict(golds))
        cells = []
        for kind in kinds:
            p, r, f = scorer.prf(*counts.get(kind, [0, 0, 0]))
            cells.append(f"{f:.2f}({p:.2f}/{r:.2f})")
        total = [sum(c[i] for c in counts.values()) for i in range(3)]
        p, r, f = scorer.prf(*total)
        print(f"{mode:<8}" + "".join(f"{c:>14}" for c in cells) + f"{f'{f:.2f}({p:.2f}/{r:.2f})':>14}")
    MODE.clear()


def _key(event):
    return _scorer().key(event)


def errors(golds, preds) -> None:
    for g in golds:
        gold = json.loads(g.read_text(encoding="utf-8"))["events"]
        required = {_key(e) for e in gold if not e.get("optional")}
        optional = {_key(e) for e in gold if e.get("optional")}
        got = {}
        for e in preds[g.stem]:
            got.setdefault(_key(e), e)
        missed = sorted(required - set(got))
        spurious = [(k, got[k]) for k in got if k not in required | optional]
        if missed or spurious:
            print(f"== {g.stem}")
            for k in missed:
                print("  MISS", k)
            for k, e in spurious:
                print("  FP  ", k, e.get("confidence"), "|", e.get("evidence", "")[:220].replace("\n", " "))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--part", default="development", choices=("development", "validation", "dev", *OWN_PARTS)
    )
    parser.add_argument("--errors", action="store_true")
    parser.add_argument("--thresholds", action="store_true")
    parser.add_argument("--min-confidence", type=float, default=0.0)
    parser.add_argument(
        "--compare",
        action="store_true",
        help="per-type F1 with the rules alone and with each use of the model",
    )
    parser.add_argument("--use", choices=MODES, help="one use of the learned scorer for every type")
    args = parser.parse_args()
    if args.use:
        from aidtrack.extract.pipeline import MODE

        MODE.update({"off": True} if args.use == "off" else {k: args.use for k in KINDS})
    if args.errors and args.part in BLIND_PARTS:
        sys.exit(f"Errors of the {args.part} part are not shown: it must stay unseen while tuning.")
    golds = part_paths(args.part)
    if args.compare:
        compare(golds)
        return
    preds = predict(golds)
    print(f"{args.part}: {len(golds)} articles")
    table(golds, preds, args.min_confidence)
    if args.thresholds:
        thresholds(golds, preds)
    if args.errors:
        errors(golds, preds)


if __name__ == "__main__":
    main()
