"""Frustration: a small char n-gram model on the bot's own examples, cue words and a prior.

The prior leans short chat messages towards calm (a question is not a complaint) and long,
review-style texts towards the model's verdict; a message without any letters (an order
number, a phone number) is read from its cue punctuation alone.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from core.nlu.linear import FloatArray, GramCounter, LinearTextModel, sigmoid
from core.nlu.text import normalize
from core.nlu.understanding import Sentiment

C = 0.5
_TEMPERATURE = 1.5
_LENGTH_SHIFT = 1.1
_FULL_LENGTH = 80
_NO_LETTERS = -3.0
_THRESHOLD = 0.5
_MAX_HITS = 3


def _alternation(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(parts))


# Words that signal an upset shopper whatever the model thinks.
_STRONG_KO = _alternation(
    r"ㅡㅡ|-_-|--;|ㅗ",
    r"짜증|화나|화가 ?나|화난|열받|빡치|빡쳐|빡침|열불|뚜껑|환장",
    r"장난(하|치|해|함|까)|장난 ?하나",
    r"언제까지 ?(?:기다|참|이러|이래|해야)",
    r"몇 ?번째|몇 ?번을|몇 ?번이나|도대체|대체 ?왜|아직도|여태",
    r"최악|쓰레기|엉망|개판|거지 ?같|어이(가 ?)?없|어처구니|황당|기가 ?막|한심|답답",
    r"환불해 ?내|책임져|사기(꾼|치|야|네|당)|고소|신고할|소비자원|소보원",
    r"실망|불친절|불쾌|무시하|성의 ?없|개념 ?없|양심 ?(없|좀)|미쳤|제정신",
    r"ㅅㅂ|시발|씨발|씨바|ㅆㅂ|존나|ㅈㄴ|좆|개같|개빡|지랄|병신|ㅄ|꺼져|닥쳐",
)
_STRONG_EN = _alternation(
    r"\b(?:ridiculous|worst|unacceptable|terrible|awful|scam\w*|pathetic|furious|angry)\b",
    r"\b(?:wtf|shit|bullshit|damn|fuck\w*|disgust\w*)\b",
    r"\bstill (?:not|hasn'?t|haven'?t|isn'?t)\b|\b(?:fed up|sick of|never again|waste of)\b",
    r"\bhow many times\b|\bkidding me\b|\ba joke\b",
)
# Punctuation that sharpens a complaint but also shows up in cheerful messages.
_WEAK = _alternation(r"!{3,}", r"\?{3,}", r"\?!|!\?", r";;+")
# Words that make a message read as content or friendly.
_CALM_KO = _alternation(
    r"감사|고마|좋아요|좋네요|좋았|최고|만족|추천|예뻐|예쁘|이뻐|이쁘|귀여|귀엽|사랑|행복",
    r"다행|축하|재밌|재미있|웃기|웃겨|화이팅|파이팅|응원|기대돼|기대되|설레|맛있|굿",
    r"\^\^|:\)|♡|♥|😊|😍",
)
_CALM_EN = re.compile(r"\b(?:thanks?|thank you|love|great|perfect|awesome|happy)\b")
_SHOUT = re.compile(r"\b[A-Z]{3,}\b")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_LETTER = re.compile(r"[A-Za-z\uac00-\ud7a3\u3131-\u318e]")
_STRONG_WEIGHT = 2.0
_WEAK_WEIGHT = 0.6
_CALM_WEIGHT = 0.8


def cue_shift(text: str) -> float:
    """How far the cue words push the frustration score (positive = more upset)."""
    lowered = text.lower()
    strong = len(_STRONG_KO.findall(lowered))
    weak = len(_WEAK.findall(lowered))
    calm = len(_CALM_KO.findall(lowered))
    if _ASCII_LETTER.search(text):
        strong += len(_STRONG_EN.findall(lowered))
        calm += len(_CALM_EN.findall(lowered))
        weak += len(_SHOUT.findall(text)) >= 2
    return (
        _STRONG_WEIGHT * min(strong, _MAX_HITS)
        + _WEAK_WEIGHT * min(weak, _MAX_HITS)
        - _CALM_WEIGHT * min(calm, _MAX_HITS)
    )


def fit(examples: Sequence[tuple[str, bool]], counter: GramCounter) -> LinearTextModel:
    """Fit the frustrated/calm SVM on (text, frustrated) pairs."""
    texts: list[str] = []
    labels: list[str] = []
    for text, frustrated in examples:
        normalized = normalize(text)
        if normalized:
            texts.append(normalized)
            labels.append("frustrated" if frustrated else "calm")
    return LinearTextModel.fit(texts, labels, c=C, counter=counter)


@dataclass(frozen=True, slots=True)
class SentimentModel:
    """Scores frustration in [0, 1]; `frustrated` from 0.5 up."""

    sign: float
    """+1 when the head's positive output is "frustrated", else -1."""

    @classmethod
    def from_labels(cls, labels: Sequence[str]) -> "SentimentModel":
        """The scorer for a fitted (or cached) binary head."""
        return cls(sign=1.0 if labels[1] == "frustrated" else -1.0)

    def score(self, text: str, decision: FloatArray) -> Sentiment:
        """Frustration of one message: the SVM margin, the length prior and the cue words."""
        letters = len(_LETTER.findall(text))
        if letters:
            margin = self.sign * float(decision[0])
            base = _TEMPERATURE * margin + _LENGTH_SHIFT * min(1.0, letters / _FULL_LENGTH)
        else:
            base = _NO_LETTERS
        value = round(sigmoid(base + cue_shift(text)), 4)
        return Sentiment(frustrated=value >= _THRESHOLD, score=value)
