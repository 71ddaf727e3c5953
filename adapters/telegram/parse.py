"""Telegram updates as what the core understands: pure, total, never raising on odd kinds."""

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Final

from telegram import CallbackQuery, Chat, ChatMemberUpdated, Message, Update
from telegram.constants import ChatMemberStatus, ChatType

from core.models import Attachment, Channel, ConversationKey, InboundMessage

START_POSTBACK: Final = "start:"


class IgnoredReason(StrEnum):
    """Why an update needs no answer."""

    EDITED = "edited"
    NOT_PRIVATE = "not_private"
    MEMBERSHIP = "membership"
    SERVICE = "service"
    OTHER_KIND = "other_kind"
    MALFORMED = "malformed"


@dataclass(frozen=True, slots=True)
class Incoming:
    """A shopper's message (or button tap) for the inbox."""

    message: InboundMessage


@dataclass(frozen=True, slots=True)
class Blocked:
    """The shopper blocked the bot: they can no longer be messaged."""

    key: ConversationKey


@dataclass(frozen=True, slots=True)
class Ignored:
    """An update that gets no answer, and why."""

    reason: IgnoredReason


TelegramEvent = Incoming | Blocked | Ignored


def parse_update(update: Update, *, received_at: datetime) -> TelegramEvent:
    """Return what `update` means for Dangol.

    Only private chats are served: group, supergroup and channel messages are ignored without
    a reply. Edits are ignored (the shopper's first words were already answered).
    """
    event_id = str(update.update_id)
    if update.message is not None:
        return _from_message(update.message, event_id, received_at)
    if update.callback_query is not None:
        return _from_callback(update.callback_query, event_id, received_at)
    if update.my_chat_member is not None:
        return _from_membership(update.my_chat_member)
    if update.edited_message is not None:
        return Ignored(IgnoredReason.EDITED)
    if update.channel_post is not None or update.edited_channel_post is not None:
        return Ignored(IgnoredReason.NOT_PRIVATE)
    return Ignored(IgnoredReason.OTHER_KIND)


def _private(chat: Chat | None) -> ConversationKey | Ignored:
    # PTB does not insist on required fields: a chat may be missing from a malformed update.
    if chat is None:
        return Ignored(IgnoredReason.MALFORMED)
    if chat.type != ChatType.PRIVATE:
        return Ignored(IgnoredReason.NOT_PRIVATE)
    return ConversationKey(Channel.TELEGRAM, str(chat.id))


def _from_message(message: Message, event_id: str, received_at: datetime) -> TelegramEvent:
    key = _private(message.chat)
    if isinstance(key, Ignored):
        return key
    base = InboundMessage(key=key, received_at=received_at, event_id=event_id)
    if message.text is not None:
        command, _, argument = message.text.partition(" ")
        if command.partition("@")[0] == "/start" and argument.strip():
            return Incoming(replace(base, postback=f"{START_POSTBACK}{argument.strip()}"))
        return Incoming(replace(base, text=message.text))
    base = replace(base, text=message.caption or "")
    if message.photo:
        largest = max(message.photo, key=lambda size: size.width * size.height)
        return Incoming(replace(base, attachments=(Attachment("image", largest.file_id),)))
    if message.document is not None:
        document = Attachment("file", message.document.file_id)
        return Incoming(replace(base, attachments=(document,)))
    if message.effective_attachment is not None:
        return Incoming(replace(base, supported=False))
    return Ignored(IgnoredReason.SERVICE)


def _from_callback(query: CallbackQuery, event_id: str, received_at: datetime) -> TelegramEvent:
    message = query.message
    if message is None:  # a button under an inline-mode message, which we never send
        return Ignored(IgnoredReason.OTHER_KIND)
    key = _private(message.chat)
    if isinstance(key, Ignored):
        return key
    if query.data is None:
        return Ignored(IgnoredReason.OTHER_KIND)
    label = _button_label(message, query.data) if isinstance(message, Message) else ""
    inbound = InboundMessage(
        key=key,
        received_at=received_at,
        text=label,
        postback=query.data,
        event_id=event_id,
    )
    return Incoming(inbound)


def _button_label(message: Message, data: str) -> str:
    # The tapped button's text stands for the shopper's words, as the chat shows them.
    markup = message.reply_markup
    rows = markup.inline_keyboard if markup is not None else ()
    return next((b.text for row in rows for b in row if b.callback_data == data), "")


def _from_membership(change: ChatMemberUpdated) -> TelegramEvent:
    key = _private(change.chat)
    if isinstance(key, Ignored):
        return key
    if getattr(change.new_chat_member, "status", None) == ChatMemberStatus.BANNED:
        return Blocked(key)
    return Ignored(IgnoredReason.MEMBERSHIP)
