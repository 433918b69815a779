"""When a person is overloaded: :class:`OverloadRule`, the thresholds a plan's settings set."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from graphmodel.model import OwnerRole

__all__ = ["DEFAULT_RULE", "OverloadRule"]


@dataclass(frozen=True)
class OverloadRule:
    """When a person is overloaded: any one of these, each giving a reason.

    * ``open >= max_open`` (default 12): a lead officer can realistically drive ten to twelve
      open actions alongside a day job; beyond that, actions drift.
    * ``share >= max_share`` (default 0.20, a fraction) and ``open >= min_open_for_share``
      (default 5): one person holding a fifth of a plan concentrates key-person risk, but in a
      small plan (six actions, say) a fifth is one action, so the share counts only from five
      open actions.
    * ``busiest window >= max_in_window`` (default 6; None turns it off): six deadlines in the
      same three months is a crunch even for someone whose total is modest.

    Each test counts the open actions owned in one of ``count_roles`` (default
    ``("responsible",)``; any of ``responsible``, ``accountable``, ``involved``).

    >>> rule = OverloadRule.from_mapping({"max_open": 10, "max_in_window": False})
    >>> rule.max_open, rule.max_in_window, rule.count_roles
    (10, None, ('responsible',))
    >>> OverloadRule.from_mapping({"count_roles": ["responsible", "accountable"]}).count_roles
    ('responsible', 'accountable')
    >>> OverloadRule.from_mapping({"max_share": 20})
    Traceback (most recent call last):
    ...
    ValueError: max_share must be a fraction above 0 and at most 1 (0.2 for 20%), not 20
    """

    max_open: int = 12
    max_share: float = 0.20
    min_open_for_share: int = 5
    max_in_window: int | None = 6
    count_roles: tuple[str, ...] = ("responsible",)

    def __post_init__(self) -> None:
        roles = [r.value for r in OwnerRole]
        if (
            isinstance(self.count_roles, str)
            or not self.count_roles
            or any(r not in roles for r in self.count_roles)
        ):
            given = self.count_roles
            shown = list(given) if isinstance(given, tuple) else given
            raise ValueError(f"count_roles must be a list of one or more of {roles}, not {shown!r}")
        counts = {"max_open": self.max_open, "min_open_for_share": self.min_open_for_share}
        counts |= {"max_in_window": self.max_in_window} if self.max_in_window is not None else {}
        for name, value in counts.items():
            if type(value) is not int or value < 1:
                raise ValueError(
                    f"{name} must be a whole number of actions, 1 or more, not {value!r}"
                )
        share = self.max_share
        if type(share) not in (int, float) or not 0 < share <= 1:
            raise ValueError(
                f"max_share must be a fraction above 0 and at most 1 (0.2 for 20%), not {share!r}"
            )

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> OverloadRule:
        """The rule from a config table (keys as the fields; ``max_in_window = false`` turns
        the window test off). Raises ValueError naming an unknown key or a bad value."""
        known = [f.name for f in fields(cls)]
        unknown = sorted(set(data) - set(known))
        if unknown:
            raise ValueError(f"unknown overload setting(s) {unknown}; expected some of {known}")
        values = dict(data)
        if isinstance(values.get("count_roles"), list):
            values["count_roles"] = tuple(values["count_roles"])
        if values.get("max_in_window", 0) is False:
            values["max_in_window"] = None
        return cls(**values)


DEFAULT_RULE = OverloadRule()
"""The rule with every threshold at its default."""
