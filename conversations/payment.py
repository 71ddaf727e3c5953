"""Payment trouble: declined cards, double charges, bank transfers and easy-pay errors."""

from conversations.speech import Speech, say
from conversations.topics import Topics
from core.flows import Decision, FlowContext, Turn
from core.intents import Intent

TOPICS = Topics(
    prefix="payment",
    label_prefix="pay_",
    words=(
        ("double", ("두 번", "두번", "중복", "이중", "2번", "twice", "double", "charged two")),
        ("deposit", ("무통장", "입금", "가상계좌", "계좌이체", "bank transfer", "deposit")),
        (
            "easy_pay",
            (
                "카카오페이",
                "네이버페이",
                "토스",
                "페이코",
                "간편결제",
                "kakao pay",
                "naver pay",
                "easy pay",
            ),
        ),
        (
            "declined",
            (
                "거절",
                "승인",
                "한도",
                "안 돼",
                "안돼",
                "실패",
                "오류",
                "에러",
                "declined",
                "failed",
                "error",
                "rejected",
            ),
        ),
    ),
)


class PaymentFlow:
    """Practical steps for payment problems, and a person for double charges."""

    name = "payment"
    intents = frozenset({Intent.PAYMENT_ISSUE})

    def expects(self, turn: Turn) -> bool:
        """Return True when the message names one of the offered topics."""
        return TOPICS.expects(turn)

    async def handle(self, turn: Turn, ctx: FlowContext) -> Decision:
        """Answer the payment topic, asking which one when it is not clear."""
        speech = Speech.of(turn, ctx)
        topic = TOPICS.pick(turn)
        state = turn.state.leave()
        if topic is None:
            return TOPICS.ask(speech, state, self.name, "payment.ask")
        quick = [speech.start(Intent.HUMAN_AGENT), speech.quick("menu", "intent:greeting")]
        texts = [speech(f"payment.{topic}.steps"), speech(f"payment.{topic}.next")]
        return say(state, texts, quick)
