"""The copy files: both locales complete and consistent, labels short, FAQ found."""

import string
import tomllib
from importlib.resources import files
from typing import Any

import pytest

from conversations import LOCALES, load_phrasebook
from conversations.faq import FaqIndex
from core.intents import Intent

MAX_LABEL = {"ko": 14, "en": 20}


def _flat(table: dict[str, Any], prefix: str = "") -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            out.update(_flat(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = [value] if isinstance(value, str) else list(value)
    return out


def _copy(locale: str, name: str) -> dict[str, Any]:
    path = files("conversations") / "content" / locale / name
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _fields(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


def test_both_locales_have_the_same_keys_and_placeholders() -> None:
    ko, en = (_flat(_copy(locale, "replies.toml")) for locale in LOCALES)
    assert ko.keys() == en.keys()
    for key in ko.keys() - {"fmt.day"}:  # Korean uses month numbers, English month names
        assert {frozenset(_fields(t)) for t in ko[key]} == {
            frozenset(_fields(t)) for t in en[key]
        }, key


def test_engine_and_voice_keys_exist() -> None:
    phrases = load_phrasebook()
    for locale in LOCALES:
        assert phrases.has(locale, "unsupported")
        for key in ("voice.frustrated", "voice.delay", "voice.vip"):
            assert phrases.say(locale, key, name="민지")
        for intent in Intent:
            assert phrases.has(locale, f"qr.{intent.value}")
            assert phrases.has(locale, f"topic.{intent.value}")


@pytest.mark.parametrize("locale", LOCALES)
def test_quick_reply_labels_are_short(locale: str) -> None:
    labels = _flat(_copy(locale, "replies.toml"))
    for key, texts in labels.items():
        if key.startswith("qr.") and key != "qr.order_pick":
            assert all(len(text) <= MAX_LABEL[locale] for text in texts), key


def test_faq_has_thirty_entries_in_each_locale() -> None:
    ko, en = (_copy(locale, "faq.toml") for locale in LOCALES)
    assert len(ko) >= 30 and ko.keys() == en.keys()


@pytest.mark.parametrize(
    ("locale", "question", "faq_id"),
    [
        ("ko", "배송 며칠 걸려요?", "shipping_time"),
        ("ko", "교환 기간이 어떻게 되나요", "exchange_policy"),
        ("ko", "현금영수증 신청", "cash_receipt"),
        ("ko", "해외배송 되나요", "overseas"),
        ("ko", "선물포장 되나요", "gift_wrap"),
        ("ko", "사이즈표 있어요?", "size_guide"),
        ("en", "do you ship abroad", "overseas"),
        ("en", "How should I wash this?", "washing"),
        ("en", "what time do you open", "hours"),
    ],
)
def test_faq_retrieval(locale: str, question: str, faq_id: str) -> None:
    found = FaqIndex.load().best(locale, question)
    assert found is not None and found[0] == faq_id


@pytest.mark.parametrize(
    ("locale", "text"),
    [("ko", "오늘 날씨 어때요"), ("ko", "ㅋㅋㅋ"), ("en", "what is the weather")],
)
def test_faq_ignores_unrelated_messages(locale: str, text: str) -> None:
    assert FaqIndex.load().best(locale, text) is None
