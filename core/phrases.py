"""Reply copy by key and locale, with variants, filled from named parameters."""

import zlib
from collections.abc import Mapping, Sequence


class MissingPhrase(KeyError):
    """No copy exists for a key in any locale."""


class Phrasebook:
    """Looks up copy such as `order.shipping` in a locale, falling back to Korean."""

    FALLBACK_LOCALE = "ko"

    def __init__(self, copy: Mapping[str, Mapping[str, Sequence[str]]]) -> None:
        self._copy = copy

    def has(self, locale: str, key: str) -> bool:
        """Return True when `key` has copy in `locale`."""
        return key in self._copy.get(locale, {})

    def say(self, locale: str, key: str, /, **params: object) -> str:
        """Return the copy for `key` with `params` filled in.

        A key with several variants picks one deterministically from the parameters, so the
        same situation reads the same way while different ones vary.
        """
        variants = self._copy.get(locale, {}).get(key) or self._copy.get(
            self.FALLBACK_LOCALE, {}
        ).get(key)
        if not variants:
            raise MissingPhrase(key)
        seed = zlib.crc32(repr(sorted(params.items())).encode())
        return variants[seed % len(variants)].format(**params)
