"""Asking for a product option (colour/size) and reading the shopper's answer."""

from dataclasses import dataclass

from conversations.order_view import named_options
from conversations.speech import Speech
from core.flows import FlowContext, Turn
from core.models import QuickReply
from core.orders import Product

_LIMIT = 6


@dataclass(frozen=True, slots=True)
class OptionQuestion:
    """One flow's option question: taps send `<flow>:<field>:<option>`; copy is `<copy>.*`."""

    flow: str
    field: str
    copy: str

    async def replies(self, ctx: FlowContext, product_id: str, current: str) -> list[QuickReply]:
        """Return quick replies of the options in stock other than `current`."""
        product = await find_product(ctx, product_id)
        if product is None:
            return []
        options = [opt for opt, units in product.stock if units > 0 and opt != current]
        return [QuickReply(opt, f"{self.flow}:{self.field}:{opt}") for opt in options[:_LIMIT]]

    def answer(
        self,
        turn: Turn,
        picked: str | None,
        speech: Speech,
        product: Product | None,
        current: str,
    ) -> tuple[str | None, str]:
        """Return the option chosen (tapped or typed), or a notice why none was taken.

        `current` is the option the shopper has, refused as an answer; typed text is matched
        against the catalog, with the colour and size the understanding layer found.
        """
        if picked and picked.startswith(f"{self.field}:"):
            return picked.removeprefix(f"{self.field}:"), ""
        text = turn.message.text.strip()
        if not text or turn.message.postback:
            return None, ""
        if product is None:
            return text, ""  # no catalog entry to check against: the agent reads it as typed
        entities = turn.understanding.entities
        named = named_options(product.stock, text, (entities.color, entities.size), current)
        found = [(opt, units) for opt, units in named if opt != current]
        if not found:
            key = "option_same" if named else "option_unknown"
            return None, speech(f"{self.copy}.{key}", option=current)
        if len(found) > 1:
            options = ", ".join(opt for opt, _ in found)
            return None, speech(f"{self.copy}.option_which", options=options)
        option, units = found[0]
        if units <= 0:
            return None, speech(f"{self.copy}.option_sold_out", option=option)
        return option, ""


async def find_product(ctx: FlowContext, product_id: str) -> Product | None:
    """Return the catalog entry of `product_id`, or None."""
    for product in await ctx.orders.products():
        if product.product_id == product_id:
            return product
    return None
