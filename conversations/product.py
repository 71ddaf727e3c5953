"""Product questions: price, material, sizes and stock by option, only from the catalog."""

from conversations.faq import FaqIndex
from conversations.speech import Speech, choice, ordinal, pick_one, say
from core.flows import Decision, FlowContext, Turn
from core.intents import Intent
from core.models import QuickReply
from core.orders import Product

_PICK_LIMIT = 5
_LABEL_CHARS = 14


def _name(speech: Speech, product: Product) -> str:
    return product.name_en if speech.locale == "en" and product.name_en else product.name


def _matching(product: Product, color: str | None, size: str | None) -> list[tuple[str, int]]:
    wanted = [word.lower() for word in (color, size) if word]
    return [
        (option, units)
        for option, units in product.stock
        if all(word in option.lower() for word in wanted)
    ]


def describe(speech: Speech, product: Product, color: str | None, size: str | None) -> list[str]:
    """Return what the catalog says about `product`, with stock for the asked option."""
    texts = [
        speech(
            "product.facts",
            name=_name(speech, product),
            price=speech.won(product.price),
            material=product.material or speech("product.unknown"),
            colors=", ".join(product.colors) or speech("product.unknown"),
            sizes=", ".join(product.sizes) or speech("product.unknown"),
        )
    ]
    options = _matching(product, color, size)
    if (color or size) and not options:
        asked = "/".join(word for word in (color, size) if word)
        texts.append(speech("product.no_such_option", option=asked))
        options = list(product.stock)
    in_stock = [f"{option}({units})" for option, units in options if units > 0]
    sold_out = [option for option, units in options if units <= 0]
    if in_stock:
        texts.append(speech("product.in_stock", options=", ".join(in_stock)))
    if sold_out:
        texts.append(speech("product.sold_out", options=", ".join(sold_out)))
    texts.append(speech("product.next"))
    return texts


def _named(products: list[Product], turn: Turn) -> Product | None:
    """Return the product a shopper named in words ("데님 팬츠", "로퍼요"), or picked by place."""
    picking = turn.state.step == "pick"
    if not picking and ordinal(turn.message.text) is not None:
        return None
    offered = products[:_PICK_LIMIT] if picking else products
    names = [f"{product.name} {product.name_en}" for product in offered]
    index = pick_one(names, turn.message.text)
    return offered[index] if index is not None else None


class ProductFlow:
    """Answers about a catalog product; general questions (care, sizing) from the FAQ."""

    name = "product"
    intents = frozenset({Intent.PRODUCT_INQUIRY})

    def __init__(self, faq: FaqIndex) -> None:
        self._faq = faq

    def expects(self, turn: Turn) -> bool:
        """Return True when the shopper answers "which product?" with one of the catalog's."""
        if turn.state.step != "pick":
            return False
        entities = turn.understanding.entities
        return bool(entities.product_ids) or ordinal(turn.message.text) is not None

    async def handle(self, turn: Turn, ctx: FlowContext) -> Decision:
        """Describe the named product, or offer a few to choose from."""
        speech = Speech.of(turn, ctx)
        catalog = {product.product_id: product for product in await ctx.orders.products()}
        entities = turn.understanding.entities
        picked = choice(turn, "product")
        wanted = [picked] if picked else list(entities.product_ids)
        found = [catalog[pid] for pid in wanted if pid in catalog]
        state = turn.state.leave()
        hit = None if found else self._faq.best(turn.locale, turn.message.text, "product")
        if hit is not None:
            texts = [speech(f"faq.{hit[0]}"), speech("fallback.faq_more")]
            return say(state, texts, [speech.start(Intent.HUMAN_AGENT), *speech.menu()[:2]])
        if not found and turn.message.text and (named := _named(list(catalog.values()), turn)):
            found = [named]
        if not found:
            quick = [
                QuickReply(_name(speech, product)[:_LABEL_CHARS], f"product:{product.product_id}")
                for product in list(catalog.values())[:_PICK_LIMIT]
            ]
            return say(state.enter(self.name, "pick"), [speech("product.ask")], quick)
        product = found[0]
        texts = describe(speech, product, entities.color, entities.size)
        quick = [speech.start(Intent.HUMAN_AGENT), speech.quick("menu", "intent:greeting")]
        return say(state, texts, quick)
