"""`dangol nlu classify` and `dangol nlu eval`: the understanding layer from the command line."""

import argparse
import csv
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from adapters.nlu_store import FileModelStore, default_model_dir
from conversations.examples import load_intent_examples, load_sentiment_examples
from core.nlu import CatalogTerm, Understander

_FRUSTRATED_LABEL = "angry_or_frustrated"
_TOP_CONFUSIONS = 15


def build_understander(
    catalog: Iterable[CatalogTerm] = (), *, model_dir: Path | None = None
) -> Understander:
    """Train the understander on the bot's own example utterances.

    The fitted models are kept in `model_dir` (default: `default_model_dir()`), keyed by
    a hash of the examples, so later starts skip training.
    """
    examples = load_intent_examples()
    return Understander.train(
        examples,
        sentiment_examples=load_sentiment_examples(examples),
        catalog=catalog,
        store=FileModelStore(model_dir or default_model_dir()),
    )


def register(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Add the `nlu` command with its `classify` and `eval` subcommands."""
    nlu = subparsers.add_parser("nlu", help="intent, entities and sentiment of messages")
    commands = nlu.add_subparsers(dest="nlu_command", required=True)
    classify = commands.add_parser("classify", help="JSON lines {'text': ...} on stdin")
    classify.set_defaults(run=_run_classify)
    evaluate = commands.add_parser("eval", help="score a labelled CSV file")
    evaluate.add_argument("file", type=Path, help="CSV with text,intent or text,label")
    evaluate.add_argument("--json", action="store_true", help="machine-readable output")
    evaluate.set_defaults(run=_run_eval)


def _run_classify(args: argparse.Namespace) -> int:
    classify_lines(build_understander(), sys.stdin, sys.stdout)
    return 0


def classify_lines(understander: Understander, lines: Iterable[str], out: IO[str]) -> None:
    """Write one JSON result (or `{"error": ...}`) per non-blank input line."""
    for line in lines:
        if not line.strip():
            continue
        out.write(json.dumps(_classify_line(understander, line), ensure_ascii=False) + "\n")
        out.flush()


def _classify_line(understander: Understander, line: str) -> dict[str, object]:
    try:
        payload = json.loads(line)
    except json.JSONDecodeError as error:
        return {"error": f"invalid JSON: {error.msg}"}
    if not isinstance(payload, dict) or not isinstance(payload.get("text"), str):
        return {"error": 'expected an object with a string "text"'}
    text: str = payload["text"]
    result = understander.understand(text)
    return {
        "text": text,
        "intent": result.intent.value,
        "confidence": result.confidence,
        "entities": result.entities.as_dict(),
        "sentiment": {"frustrated": result.sentiment.frustrated, "score": result.sentiment.score},
    }


@dataclass(frozen=True, slots=True)
class ClassScores:
    """Precision, recall and F1 of one label."""

    label: str
    precision: float
    recall: float
    f1: float
    support: int


def _scores(label: str, gold: Sequence[str], predicted: Sequence[str]) -> ClassScores:
    pairs = list(zip(gold, predicted, strict=True))
    true_pos = sum(1 for g, p in pairs if g == label and p == label)
    predicted_pos = sum(1 for p in predicted if p == label)
    support = sum(1 for g in gold if g == label)
    precision = true_pos / predicted_pos if predicted_pos else 0.0
    recall = true_pos / support if support else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return ClassScores(label, round(precision, 4), round(recall, 4), round(f1, 4), support)


def evaluate_intents(
    understander: Understander, rows: Sequence[dict[str, str]]
) -> dict[str, object]:
    """Accuracy, macro-F1 over the gold intents, per-intent scores and top confusions."""
    gold = [row["intent"].strip() for row in rows]
    predicted = [understander.understand(row["text"]).intent.value for row in rows]
    per_intent = [_scores(label, gold, predicted) for label in sorted(set(gold))]
    confusions = Counter((g, p) for g, p in zip(gold, predicted, strict=True) if g != p)
    correct = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p)
    return {
        "kind": "intent",
        "rows": len(rows),
        "accuracy": round(correct / len(rows), 4) if rows else 0.0,
        "macro_f1": round(sum(s.f1 for s in per_intent) / len(per_intent), 4) if rows else 0.0,
        "per_intent": [
            {
                "intent": s.label,
                "precision": s.precision,
                "recall": s.recall,
                "f1": s.f1,
                "support": s.support,
            }
            for s in per_intent
        ],
        "confusions": [
            {"gold": g, "predicted": p, "count": n}
            for (g, p), n in confusions.most_common(_TOP_CONFUSIONS)
        ],
    }


def evaluate_sentiment(
    understander: Understander, rows: Sequence[dict[str, str]]
) -> dict[str, object]:
    """Precision, recall and F1 of frustration against `angry_or_frustrated` labels."""
    gold = ["yes" if row["label"].strip() == _FRUSTRATED_LABEL else "no" for row in rows]
    predicted = [
        "yes" if understander.understand(row["text"]).sentiment.frustrated else "no"
        for row in rows
    ]
    scores = _scores("yes", gold, predicted)
    correct = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p)
    return {
        "kind": "sentiment",
        "rows": len(rows),
        "accuracy": round(correct / len(rows), 4) if rows else 0.0,
        "precision": scores.precision,
        "recall": scores.recall,
        "f1": scores.f1,
        "support": scores.support,
    }


def evaluate_file(understander: Understander, path: Path) -> dict[str, object]:
    """Evaluate a CSV with `text,intent[,source_label]` or `text,label` columns."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        columns = set(reader.fieldnames or ())
        rows = list(reader)
    if "text" not in columns or not columns & {"intent", "label"}:
        raise ValueError(f"{path}: expected columns text,intent or text,label")
    if "intent" in columns:
        return {"file": path.name, **evaluate_intents(understander, rows)}
    return {"file": path.name, **evaluate_sentiment(understander, rows)}


def format_report(report: dict[str, object]) -> str:
    """Human-readable text of an `evaluate_file` report."""
    lines = [f"{report['file']}: {report['rows']} rows, accuracy {report['accuracy']:.3f}"]
    if report["kind"] == "sentiment":
        lines.append(
            f"frustration precision {report['precision']:.3f} recall {report['recall']:.3f} "
            f"F1 {report['f1']:.3f} (support {report['support']})"
        )
        return "\n".join(lines)
    lines.append(f"macro-F1 {report['macro_f1']:.3f} over the intents in the file")
    lines.append(f"{'intent':<20} {'prec':>6} {'recall':>6} {'f1':>6} {'support':>7}")
    lines.extend(
        f"{row['intent']:<20} {row['precision']:>6.3f} {row['recall']:>6.3f} "
        f"{row['f1']:>6.3f} {row['support']:>7}"
        for row in _records(report["per_intent"])
    )
    confusions = _records(report["confusions"])
    if confusions:
        lines.append("top confusions (gold -> predicted):")
        lines.extend(f"  {c['gold']} -> {c['predicted']}: {c['count']}" for c in confusions)
    return "\n".join(lines)


def _records(value: object) -> list[dict[str, object]]:
    return value if isinstance(value, list) else []


def _run_eval(args: argparse.Namespace) -> int:
    try:
        report = evaluate_file(build_understander(), args.file)
    except (OSError, ValueError, KeyError) as error:
        sys.stderr.write(f"error: {error}\n")
        return 2
    text = json.dumps(report, ensure_ascii=False) if args.json else format_report(report)
    sys.stdout.write(text + "\n")
    return 0
