"""The language-model port on the official openai client (OpenAI or a compatible server)."""

import json
import logging
import time
from collections.abc import Mapping

import openai
from openai.types.chat import ChatCompletion

log = logging.getLogger("dangol.llm")


class OpenAIModel:
    """A `LanguageModel` over chat completions constrained by a strict JSON schema.

    Never retries: within a shopper's turn the local answer beats a second attempt. Logs the
    outcome, latency and token use of every call, never the text.
    """

    def __init__(self, client: openai.AsyncOpenAI, model: str) -> None:
        self._client = client.with_options(max_retries=0)
        self._model = model

    async def complete_json(
        self,
        *,
        name: str,
        system: str,
        user: str,
        schema: Mapping[str, object],
        timeout_s: float,
    ) -> Mapping[str, object] | None:
        """Return the model's JSON object, or None on timeout, error or malformed output."""
        started = time.perf_counter()
        try:
            response = await self._client.chat.completions.create(
                model=self._model,
                messages=[
                    {"role": "system", "content": system},
                    {"role": "user", "content": user},
                ],
                response_format={
                    "type": "json_schema",
                    "json_schema": {"name": name, "schema": dict(schema), "strict": True},
                },
                timeout=timeout_s,
            )
        except openai.APITimeoutError:
            self._log(name, "timeout", started, None)
            return None
        except openai.APIStatusError as exc:
            self._log(name, f"http {exc.status_code}", started, None)
            return None
        except openai.OpenAIError as exc:
            self._log(name, type(exc).__name__, started, None)
            return None
        answer = _json_object(response)
        self._log(name, "ok" if answer is not None else "malformed", started, response)
        return answer

    async def aclose(self) -> None:
        """Close the client's connections."""
        await self._client.close()

    def _log(
        self, name: str, outcome: str, started: float, response: ChatCompletion | None
    ) -> None:
        elapsed_ms = (time.perf_counter() - started) * 1000
        usage = response.usage if response is not None else None
        log.info(
            "llm %s %s: %s in %.0f ms, tokens prompt=%s completion=%s total=%s",
            self._model,
            name,
            outcome,
            elapsed_ms,
            usage.prompt_tokens if usage else 0,
            usage.completion_tokens if usage else 0,
            usage.total_tokens if usage else 0,
        )


def _json_object(response: ChatCompletion) -> Mapping[str, object] | None:
    content = response.choices[0].message.content if response.choices else None
    try:
        answer = json.loads(content or "")
    except json.JSONDecodeError:
        return None
    return answer if isinstance(answer, dict) else None
