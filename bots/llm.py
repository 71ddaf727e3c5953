"""The optional language model, built from settings."""

import openai

from adapters.llm import OpenAIModel
from bots.settings import Settings


def build_language_model(settings: Settings) -> OpenAIModel | None:
    """Return the model client, or None when `OPENAI_API_KEY` is unset (no model is used).

    `OPENAI_BASE_URL` points it at a compatible server. Close it with `aclose()`.
    """
    if not settings.openai_api_key:
        return None
    client = openai.AsyncOpenAI(
        api_key=settings.openai_api_key, base_url=settings.openai_base_url, max_retries=0
    )
    return OpenAIModel(client, settings.openai_model)
