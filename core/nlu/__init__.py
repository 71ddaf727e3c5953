"""Local understanding of shopper messages: intent, entities and sentiment."""
