"""Messages in, replies out: the values every channel adapter and flow exchanges."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class Channel(StrEnum):
    """The chat apps a shopper can reach the shop on."""

    KAKAO = "kakao"
    TELEGRAM = "telegram"
    INSTAGRAM = "instagram"
    WEBCHAT = "webchat"


@dataclass(frozen=True, slots=True)
class ConversationKey:
    """One shopper on one channel. Kakao user keys are bot-scoped: `user_id` is `bot:user`."""

    channel: Channel
    user_id: str

    def __str__(self) -> str:
        return f"{self.channel}:{self.user_id}"


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file the shopper sent: `kind` is image, video, file, share, story…; `ref` a URL or id."""

    kind: str
    ref: str


@dataclass(frozen=True, slots=True)
class InboundMessage:
    """The only thing adapters hand to the core."""

    key: ConversationKey
    received_at: datetime
    text: str = ""
    postback: str | None = None
    attachments: tuple[Attachment, ...] = ()
    event_id: str | None = None
    supported: bool = True


@dataclass(frozen=True, slots=True)
class QuickReply:
    """A tappable suggestion; tapping it sends `payload` back as a postback."""

    label: str
    payload: str


@dataclass(frozen=True, slots=True)
class Button:
    """A card button: a postback `payload` or a `url` to open."""

    label: str
    payload: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Text:
    """A plain text bubble."""

    text: str


@dataclass(frozen=True, slots=True)
class Card:
    """A titled card with optional image and buttons."""

    title: str
    description: str = ""
    image_url: str | None = None
    buttons: tuple[Button, ...] = ()


@dataclass(frozen=True, slots=True)
class Carousel:
    """Several cards side by side."""

    cards: tuple[Card, ...]


@dataclass(frozen=True, slots=True)
class Image:
    """An image with alternative text."""

    url: str
    alt: str = ""


ReplyPart = Text | Card | Carousel | Image


@dataclass(frozen=True, slots=True)
class Reply:
    """What the bot says back: parts in order, then quick replies under the last one."""

    parts: tuple[ReplyPart, ...] = ()
    quick_replies: tuple[QuickReply, ...] = ()

    @property
    def empty(self) -> bool:
        """Return True when there is nothing to show."""
        return not self.parts and not self.quick_replies

    def plain_text(self) -> str:
        """Return every text of the reply joined, for transcripts, logs and fallbacks."""
        texts: list[str] = []
        for part in self.parts:
            if isinstance(part, Text):
                texts.append(part.text)
            elif isinstance(part, Card):
                texts.append(f"{part.title}\n{part.description}".strip())
            elif isinstance(part, Carousel):
                texts.extend(f"{c.title}\n{c.description}".strip() for c in part.cards)
            else:
                texts.append(part.alt)
        return "\n\n".join(t for t in texts if t)


@dataclass(frozen=True, slots=True)
class Escalate:
    """Hand the conversation to a person."""

    reason: str
    summary: str


@dataclass(frozen=True, slots=True)
class LinkIdentity:
    """Remember that this channel identity belongs to a customer."""

    customer_id: str


@dataclass(frozen=True, slots=True)
class SubmitRequest:
    """File a cancellation, change, return or exchange with the order backend."""

    request: "ServiceRequest"


@dataclass(frozen=True, slots=True)
class SetMarketingConsent:
    """Record the shopper's choice about advertising messages."""

    granted: bool


@dataclass(frozen=True, slots=True)
class TrackEvent:
    """An analytics event (intent seen, flow finished, bot missed…)."""

    name: str
    data: Mapping[str, str] = field(default_factory=dict)


class RequestKind(StrEnum):
    """What a service request asks the shop to do."""

    CANCEL = "cancel"
    CHANGE_ADDRESS = "change_address"
    CHANGE_OPTION = "change_option"
    RETURN = "return"
    EXCHANGE = "exchange"


@dataclass(frozen=True, slots=True)
class ServiceRequest:
    """A request filed on a shopper's behalf; `request_no` is shown to them."""

    request_no: str
    kind: RequestKind
    order_no: str
    customer_id: str
    reason: str = ""
    details: Mapping[str, str] = field(default_factory=dict)
    photos: tuple[str, ...] = ()


Effect = Escalate | LinkIdentity | SubmitRequest | SetMarketingConsent | TrackEvent
