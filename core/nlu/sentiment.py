"""Frustration: a small char n-gram model on the bot's own examples plus cue words."""

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from core.nlu.linear import LinearTextModel, sigmoid
from core.nlu.text import normalize
from core.nlu.understanding import Sentiment

_C = 5.0
_CUE_WEIGHT = 1.4
_MAX_CUES = 3
_THRESHOLD = 0.5

# Words and marks that signal an upset shopper whatever the model thinks.
_CUES = re.compile(
    "|".join(
        (
            r"ㅡㅡ|-_-|--;|;;+|ㅗ",
            r"짜증|화나|화가|화난|열받|빡치|빡쳐|빡침|열불|뚜껑",
            r"장난(하|치|해|함|까|으로)|장난 ?하나|장난 ?치",
            r"언제까지|몇 ?번째|몇 ?번을|몇 ?번이나|도대체|대체 ?왜|아직도|여태",
            r"최악|쓰레기|엉망|개판|거지같|어이(가 ?)?없|어처구니|황당|기가 ?막|한심|답답",
            r"환불해 ?내|책임져|사기(꾼|치|야|네|당)|고소|신고할|소비자원|소보원",
            r"실망|불친절|불쾌|짜증|무시하|성의 ?없|개념 ?없|양심|미쳤|미친",
            r"ㅅㅂ|시발|씨발|씨바|ㅆㅂ|존나|ㅈㄴ|좆|개같|개빡|지랄|병신|ㅄ|꺼져|닥쳐",
            r"!{3,}|\?{3,}|\?!|!\?",
            r"\bridiculous\b|\bworst\b|\bstill not\b|\bstill hasn'?t\b|\bstill haven'?t\b",
            r"\bunacceptable\b|\bterrible\b|\bawful\b|\bfed up\b|\bsick of\b|\bscam\b",
            r"\bwtf\b|\bfuck|\bshit\b|\bdamn\b|\bpathetic\b|\bfurious\b|\bangry\b|\bjoke\b",
            r"\bhow many times\b|\bnever again\b|\bwaste of\b|\bdisgust",
        )
    )
)
_SHOUT = re.compile(r"\b[A-Z]{3,}\b")


def cue_count(text: str) -> int:
    """How many frustration cues the raw text carries (shouting counts once)."""
    hits = len(_CUES.findall(text.lower()))
    if len(_SHOUT.findall(text)) >= 2:
        hits += 1
    return min(hits, _MAX_CUES)


@dataclass(frozen=True, slots=True)
class SentimentModel:
    """Scores frustration in [0, 1]; `frustrated` from 0.5 up."""

    model: LinearTextModel

    @classmethod
    def train(cls, examples: Sequence[tuple[str, bool]]) -> "SentimentModel":
        """Fit on (text, frustrated) pairs."""
        texts: list[str] = []
        labels: list[str] = []
        for text, frustrated in examples:
            normalized = normalize(text)
            if normalized:
                texts.append(normalized)
                labels.append("frustrated" if frustrated else "calm")
        return cls(model=LinearTextModel.fit(texts, labels, c=_C, class_weight="balanced"))

    def score(self, text: str, counts: Counter[str]) -> Sentiment:
        """Frustration of one message: model logit shifted by the cue words."""
        if not counts:
            return Sentiment()
        logit = float(self.model.logits(counts)[0])
        if self.model.labels[1] != "frustrated":
            logit = -logit
        value = round(sigmoid(logit + _CUE_WEIGHT * cue_count(text)), 4)
        return Sentiment(frustrated=value >= _THRESHOLD, score=value)
