"""Membership and account: sign-up, leaving, grades, password and ID, FAQ-style."""

from conversations.speech import Speech, say
from conversations.topics import Topics
from core.flows import Decision, FlowContext, Turn
from core.intents import Intent

TOPICS = Topics(
    prefix="member",
    label_prefix="member_",
    words=(
        ("leave", ("탈퇴", "계정 삭제", "delete my account", "close my account", "unsubscribe")),
        ("password", ("비밀번호", "비번", "password", "reset")),
        ("user_id", ("아이디", "id 찾", "username", "user id", "login id")),
        ("grade", ("등급", "회원 혜택", "vip", "grade", "tier", "level")),
        ("join", ("가입", "회원이 되", "sign up", "signup", "register", "join")),
    ),
)


class MembershipFlow:
    """Answers account questions, with the grade of a known customer."""

    name = "membership"
    intents = frozenset({Intent.MEMBERSHIP_ACCOUNT})

    def expects(self, turn: Turn) -> bool:
        """Return True when the message names one of the offered topics."""
        return TOPICS.expects(turn)

    async def handle(self, turn: Turn, ctx: FlowContext) -> Decision:
        """Answer the account topic, asking which one when it is not clear."""
        speech = Speech.of(turn, ctx)
        topic = TOPICS.pick(turn)
        state = turn.state.leave()
        if topic is None:
            return TOPICS.ask(speech, state, self.name, "member.ask")
        texts = [speech(f"member.{topic}")]
        if topic == "grade" and turn.customer is not None and turn.customer.grade:
            texts.insert(0, speech("member.your_grade", grade=turn.customer.grade))
        quick = [speech.start(Intent.HUMAN_AGENT), speech.quick("menu", "intent:greeting")]
        return say(state, texts, quick)
