"""Roles and what each may do: checked once, in the facade, before any write.

Roles are ordered: a viewer reads; a researcher adds evidence, extracts and links; a
reviewer also records human decisions (claim reviews, link decisions, incident edits,
source ratings); an admin manages users. Actions are named ``<area>.<verb>``; the first
part decides the minimum role.
"""

from __future__ import annotations

from enum import IntEnum

from tollbook.errors import PermissionDenied


class Role(IntEnum):
    VIEWER = 1
    RESEARCHER = 2
    REVIEWER = 3
    ADMIN = 4

    @classmethod
    def parse(cls, name: str) -> Role:
        try:
            return cls[name.strip().upper()]
        except KeyError:
            choices = ", ".join(r.name.lower() for r in cls)
            raise PermissionDenied(f"unknown role {name!r}", hint=f"choose one of: {choices}") from None


# The verbs that record a human judgement need a reviewer; everything else a researcher.
REVIEW_VERBS = frozenset({"review", "decide", "merge", "split", "rename", "attach", "detach", "rate"})


def required_role(action: str) -> Role:
    area, _, verb = action.partition(".")
    if area == "user":
        return Role.ADMIN
    if verb in REVIEW_VERBS:
        return Role.REVIEWER
    return Role.RESEARCHER


def check_permission(actor: str, role: Role, action: str) -> None:
    needed = required_role(action)
    if role < needed:
        raise PermissionDenied(
            f"{actor} ({role.name.lower()}) may not {action}",
            hint=f"this needs the {needed.name.lower()} role; "
            f"ask an admin: tollbook users set-role {actor} {needed.name.lower()}",
        )
