"""The fixed set of intents every channel, flow and evaluation file uses."""

from enum import StrEnum


class Intent(StrEnum):
    """What a shopper wants; the labels are fixed by DESIGN.md."""

    GREETING = "greeting"
    THANKS = "thanks"
    ORDER_STATUS = "order_status"
    DELIVERY_TRACKING = "delivery_tracking"
    DELIVERY_DELAY = "delivery_delay"
    CANCEL_ORDER = "cancel_order"
    CHANGE_ORDER = "change_order"
    RETURN_REQUEST = "return_request"
    EXCHANGE_REQUEST = "exchange_request"
    REFUND_STATUS = "refund_status"
    PAYMENT_ISSUE = "payment_issue"
    PRODUCT_INQUIRY = "product_inquiry"
    COUPON_OR_POINTS = "coupon_or_points"
    MEMBERSHIP_ACCOUNT = "membership_account"
    COMPLAINT = "complaint"
    HUMAN_AGENT = "human_agent"
    OPT_OUT = "opt_out"
    OTHER = "other"
