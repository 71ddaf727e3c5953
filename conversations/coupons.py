"""Coupons and points: the linked customer's wallet, or how to see it."""

from conversations.speech import OneShot, Speech, mentions, say
from core.flows import Decision, FlowContext, Turn
from core.intents import Intent

_TROUBLE = (
    "안돼",
    "안 돼",
    "안되",
    "안 되",
    "적용이 안",
    "적용 안",
    "오류",
    "에러",
    "안먹",
    "안 먹",
    "doesn't work",
    "does not work",
    "not working",
    "can't use",
    "cannot use",
    "won't apply",
    "error",
)


class CouponsFlow(OneShot):
    """Shows points, expiring points and coupons of a known customer."""

    name = "coupons"
    intents = frozenset({Intent.COUPON_OR_POINTS})

    async def handle(self, turn: Turn, ctx: FlowContext) -> Decision:
        """Answer from the wallet, or explain how to check and link."""
        speech = Speech.of(turn, ctx)
        state = turn.state.leave()
        trouble = [speech("coupons.trouble")] if mentions(turn.message.text, _TROUBLE) else []
        customer_id = turn.customer.customer_id if turn.customer else state.customer_id
        if customer_id is None:
            texts = [*trouble, speech("coupons.unknown"), speech("coupons.link")]
            quick = [
                speech.quick("prove_order", "intent:order_status"),
                speech.start(Intent.HUMAN_AGENT),
            ]
            return say(state, texts, quick)
        wallet = await ctx.orders.wallet(customer_id)
        texts = [*trouble, speech("coupons.points", points=f"{wallet.points:,}")]
        if wallet.points_expiring and wallet.points_expiring_at is not None:
            day = speech.day(wallet.points_expiring_at, turn.now)
            texts.append(speech("coupons.expiring", points=f"{wallet.points_expiring:,}", day=day))
        if wallet.coupons:
            lines = [
                speech(
                    "coupons.coupon" if coupon.min_spend else "coupons.coupon_any",
                    name=coupon.name,
                    discount=coupon.discount,
                    day=speech.day(coupon.expires_at, turn.now),
                    min_spend=speech.won(coupon.min_spend),
                )
                for coupon in wallet.coupons
            ]
            texts.append(speech("coupons.list", count=len(lines), coupons="\n".join(lines)))
        else:
            texts.append(speech("coupons.none"))
        texts.append(speech("coupons.next"))
        follow_up = (speech.start(Intent.HUMAN_AGENT),) if trouble else speech.menu()
        return say(state, texts, follow_up)
