"""The facade: one :class:`Casebook` object with a named part per pipeline stage."""

from tollbook.book.casebook import Casebook, WriteScope

__all__ = ["Casebook", "WriteScope"]
