"""When to try a failed delivery again: exponential backoff with jitter, or `retry_after`."""

import random
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Backoff from `base_s`, doubling per attempt up to `cap_s`, for at most `max_attempts`."""

    base_s: float = 0.5
    cap_s: float = 30.0
    max_attempts: int = 5
    retry_after_margin_s: float = 0.5
    rng: random.Random = field(default_factory=random.Random, compare=False, repr=False)

    def delay(self, attempt: int, retry_after: float | None = None) -> float | None:
        """Return seconds to wait after failed attempt number `attempt`, None to give up.

        A platform's `retry_after` is honoured as given (plus a margin); otherwise the delay
        is drawn from the upper half of the capped exponential step ("equal jitter").
        """
        if attempt >= self.max_attempts:
            return None
        if retry_after is not None:
            return max(retry_after, 0.0) + self.retry_after_margin_s
        step = min(self.cap_s, self.base_s * 2.0 ** (attempt - 1))
        return step / 2 + self.rng.uniform(0.0, step / 2)
