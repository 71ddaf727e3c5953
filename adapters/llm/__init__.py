"""The optional language model behind core's `LanguageModel` port."""

from adapters.llm.openai_model import OpenAIModel

__all__ = ["OpenAIModel"]
