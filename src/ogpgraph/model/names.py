"""The base of the model's enums: a ``str`` that is also an enum member.

A member compares, hashes, formats and prints as its value (``f"{Kind.RESULT}"`` is
``result`` on every Python from 3.10, unlike a plain ``(str, Enum)`` on 3.11), so it can stand
wherever the plain string stood: in dict keys, in ``in`` tests, in JSON, in HTML.
"""

from __future__ import annotations

from enum import Enum
from typing import TypeVar

#: what every view and table writes where no source gives a value (never "no", never a guess)
NOT_KNOWN = "not known"


class Name(str, Enum):
    """A name of the model; its value is the string the data and the exports use."""

    def __str__(self) -> str:
        return str.__str__(self)

    def __format__(self, spec: str) -> str:
        return str.__format__(str.__str__(self), spec)

    @classmethod
    def values(cls) -> tuple[str, ...]:
        """Every member's value, in declaration order (for help texts and error messages)."""
        return tuple(member.value for member in cls)


L = TypeVar("L", bound="Labelled")


class Labelled(Name):
    """A name with display words (``label``): ``Member = "value", "Label"``. :meth:`words` gives
    the words of a value, or the value itself when no member has it."""

    label: str

    def __new__(cls: type[L], value: str, label: str) -> L:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def of(cls: type[L], value: str) -> L:
        """The member whose value is ``value`` (a :class:`ValueError` naming the values if none).

        >>> from ogpgraph.model import Status
        >>> Status.of("met").label
        'Met'
        """
        found = cls._value2member_map_.get(value)
        if not isinstance(found, cls):
            raise ValueError(f"unknown {cls.__name__} {value!r} (use: {', '.join(cls.values())})")
        return found

    @classmethod
    def words(cls, value: str) -> str:
        """The display words of ``value`` (an unknown value as it is)."""
        found = cls._value2member_map_.get(value)
        return found.label if isinstance(found, Labelled) else value
