import argparse
import io
import json
from pathlib import Path

import pytest

from bots import nlu_cli
from core.nlu import Understander


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dangol")
    nlu_cli.register(parser.add_subparsers(dest="command", required=True))
    return parser


def test_register_adds_classify_and_eval() -> None:
    args = _parser().parse_args(["nlu", "eval", "file.csv", "--json"])
    assert args.file == Path("file.csv")
    assert args.json is True
    assert callable(args.run)
    assert callable(_parser().parse_args(["nlu", "classify"]).run)


def test_classify_writes_one_json_line_per_input(understander: Understander) -> None:
    lines = [
        json.dumps({"text": "주문번호 20261103-0004521 환불 언제 돼요 ㅡㅡ"}, ensure_ascii=False),
        "not json",
        json.dumps({"txt": "missing"}),
        "",
        json.dumps({"text": "hello"}),
    ]
    out = io.StringIO()
    nlu_cli.classify_lines(understander, lines, out)
    results = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(results) == 4
    first = results[0]
    assert set(first) == {"text", "intent", "confidence", "entities", "sentiment"}
    assert first["intent"] == "refund_status"
    assert first["entities"]["order_no"] == "20261103-0004521"
    assert set(first["sentiment"]) == {"frustrated", "score"}
    assert first["sentiment"]["frustrated"] is True
    assert "error" in results[1]
    assert "error" in results[2]
    assert results[3]["intent"] == "greeting"


def test_classify_command_end_to_end(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], understander: Understander
) -> None:
    monkeypatch.setattr(nlu_cli, "build_understander", lambda catalog=(): understander)
    monkeypatch.setattr("sys.stdin", io.StringIO('{"text": "상담원 연결해주세요"}\n'))
    args = _parser().parse_args(["nlu", "classify"])
    assert args.run(args) == 0
    assert json.loads(capsys.readouterr().out)["intent"] == "human_agent"


def test_eval_intents_reports_scores(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    understander: Understander,
) -> None:
    monkeypatch.setattr(nlu_cli, "build_understander", lambda catalog=(): understander)
    path = tmp_path / "mine.csv"
    path.write_text(
        "text,intent,source_label\n"
        "배송 언제 와요,delivery_tracking,x\n"
        "반품하고 싶어요,return_request,x\n"
        "안녕하세요,greeting,x\n"
        "안녕하세요 반가워요,thanks,x\n",
        encoding="utf-8",
    )
    args = _parser().parse_args(["nlu", "eval", str(path), "--json"])
    assert args.run(args) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["accuracy"] == 0.75
    assert {row["intent"] for row in report["per_intent"]} == {
        "delivery_tracking",
        "return_request",
        "greeting",
        "thanks",
    }
    assert report["confusions"] == [{"gold": "thanks", "predicted": "greeting", "count": 1}]
    args = _parser().parse_args(["nlu", "eval", str(path)])
    assert args.run(args) == 0
    assert "macro-F1" in capsys.readouterr().out


def test_eval_sentiment_file(tmp_path: Path, understander: Understander) -> None:
    path = tmp_path / "sentiment.csv"
    path.write_text(
        "text,label\n아 진짜 짜증나네 언제까지 기다려요,angry_or_frustrated\n"
        "배송 빨라서 좋아요,not_angry\n",
        encoding="utf-8",
    )
    report = nlu_cli.evaluate_file(understander, path)
    assert report["kind"] == "sentiment"
    assert report["f1"] == 1.0


def test_eval_rejects_unknown_columns(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    understander: Understander,
) -> None:
    monkeypatch.setattr(nlu_cli, "build_understander", lambda catalog=(): understander)
    path = tmp_path / "bad.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    args = _parser().parse_args(["nlu", "eval", str(path)])
    assert args.run(args) == 2
    assert "expected columns" in capsys.readouterr().err
