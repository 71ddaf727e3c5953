"""All entities of one message, gathered from the specialised extractors."""

from datetime import date

from core.nlu.attributes import extract_colour, extract_size
from core.nlu.catalog import CatalogMatcher
from core.nlu.dates import extract_date
from core.nlu.numbers import extract_numbers
from core.nlu.understanding import Entities


def extract_entities(text: str, *, today: date, catalog: CatalogMatcher) -> Entities:
    """Order/tracking/phone numbers, amount, date, products, colour and size in `text`."""
    numbers = extract_numbers(text)
    return Entities(
        order_no=numbers.order_no,
        tracking_no=numbers.tracking_no,
        phone=numbers.phone,
        phone_last4=numbers.phone_last4,
        amount=numbers.amount,
        date=extract_date(text, today),
        product_ids=catalog.match(text),
        color=extract_colour(text),
        size=extract_size(text),
    )
