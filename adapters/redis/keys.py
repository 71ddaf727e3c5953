"""The only place Redis key names are built."""

from dataclasses import dataclass

from core.models import ConversationKey


@dataclass(frozen=True, slots=True)
class RedisKeys:
    """Key names under one `prefix`, so that several deployments (or tests) share a server."""

    prefix: str = "dangol"

    def state(self, key: ConversationKey) -> str:
        """Return the key of a conversation's dialog state."""
        return f"{self.prefix}:state:{key.channel}:{key.user_id}"

    def lock(self, key: ConversationKey) -> str:
        """Return the key of a conversation's lock."""
        return f"{self.prefix}:lock:{key.channel}:{key.user_id}"

    def seen(self, scope: str, event_id: str) -> str:
        """Return the key that marks an inbound event as accepted."""
        return f"{self.prefix}:seen:{scope}:{event_id}"
