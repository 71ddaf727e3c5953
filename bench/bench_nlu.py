"""Benchmark the understanding layer: training time, throughput and latency on one core."""

import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from adapters.demo.catalog import PRODUCTS
from bots.nlu_cli import build_understander
from core.nlu import CatalogTerm, Understander

MESSAGES = (
    "주문번호 20261103-0004521 배송 언제 와요?",
    "어제 받은 니트 블랙 M인데 L로 교환하고 싶어요",
    "환불 아직도 안 들어왔어요 ㅡㅡ 언제까지 기다려요",
    "안녕하세요",
    "오버핏후드티 검정 250 재고 있나요",
    "베이직 코튼 반팔티 블랙 M 있어요?",
    "오버핏 로고 티셔쯔 화이트 L",
    "where is my package? it's been a week",
    "I was charged twice for order 20261105-0012345!!!",
    "광고 수신거부",
    "상담원 연결해주세요",
    "오늘 날씨 좋다",
    "쿠폰 적용이 안돼요ㅠㅠ",
    "010-1234-5678 이 번호로 주문했어요",
)
# The demo shop's catalogue (about 60 products), Korean and English names, as the bot wires it.
CATALOG = tuple(
    CatalogTerm(f"P{number:03d}", (name, name_en))
    for number, (name, name_en, *_) in enumerate(PRODUCTS, start=1)
)


def _measure(understander: Understander, label: str) -> None:
    today = date(2026, 11, 12)
    for message in MESSAGES * 50:
        understander.understand(message, today=today)
    latencies: list[float] = []
    begin = time.perf_counter()
    for _ in range(2_000):
        for message in MESSAGES:
            tick = time.perf_counter()
            understander.understand(message, today=today)
            latencies.append(time.perf_counter() - tick)
    total = time.perf_counter() - begin
    latencies.sort()
    p50 = statistics.median(latencies) * 1e3
    p99 = latencies[int(len(latencies) * 0.99)] * 1e3
    print(
        f"{label}: {len(latencies) / total:,.0f} understand()/s on one thread, "
        f"p50 {p50:.3f} ms, p99 {p99:.3f} ms"
    )


def main() -> None:
    """Print cold and cached load times, classifications per second and p50/p99 latency."""
    with tempfile.TemporaryDirectory() as cache:
        start = time.perf_counter()
        build_understander(CATALOG, model_dir=Path(cache))
        print(f"load, empty cache (import sklearn, train): {time.perf_counter() - start:.2f} s")
        start = time.perf_counter()
        understander = build_understander(CATALOG, model_dir=Path(cache))
        print(f"load, cache hit (in-process): {time.perf_counter() - start:.2f} s")
        _measure(understander, f"with a {len(CATALOG)}-product catalogue")
        _measure(build_understander(model_dir=Path(cache)), "without a catalogue")


if __name__ == "__main__":
    main()
