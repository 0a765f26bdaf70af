"""The record of one extracted relation, shared by the extraction rules."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Relation:
    """One relation as stated in one sentence."""

    subject: str
    predicate: str
    object: str
    sentence: str
    start_char: int
    end_char: int
    rule: str
    status: str | None = None
    recipient: str | None = None
    quantity: float | None = None
    quantity_text: str | None = None
    amount: float | None = None
    currency: str | None = None
    amount_text: str | None = None
    date: str | None = None
    date_text: str | None = None
    role: str | None = None
