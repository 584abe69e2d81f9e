"""``book.users``: who may act on this casebook, and in which role.

A casebook with no users is single-user (its local actor is admin). Once the first user is
added, every actor must be a known user, and writes are checked against their role.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from tollbook.access.audit import utc_now
from tollbook.access.roles import Role
from tollbook.errors import DuplicateError, NotFoundError
from tollbook.storage.tables import users

if TYPE_CHECKING:
    from tollbook.book.casebook import Casebook


class UsersPart:
    def __init__(self, book: Casebook) -> None:
        self._book = book

    def add(self, name: str, role: str) -> int:
        parsed = Role.parse(role)
        with self._book.write("user.add") as scope:
            exists = scope.conn.execute(sa.select(users.c.id).where(users.c.name == name)).first()
            if exists:
                raise DuplicateError(
                    f"user {name!r} already exists", hint=f"change the role: tollbook users set-role {name} ROLE"
                )
            user_id = scope.conn.execute(
                users.insert()
                .values(name=name, role=parsed.name.lower(), created_at=utc_now(), disabled=False)
                .returning(users.c.id)
            ).scalar_one()
            scope.audit("user.add", "user", user_id, {"name": name, "role": parsed.name.lower()})
        return int(user_id)

    def set_role(self, name: str, role: str) -> None:
        parsed = Role.parse(role)
        with self._book.write("user.set-role") as scope:
            changed = scope.conn.execute(users.update().where(users.c.name == name).values(role=parsed.name.lower()))
            if changed.rowcount == 0:
                raise NotFoundError(f"no user {name!r}", hint="list users with: tollbook users list")
            scope.audit("user.set-role", "user", name, {"role": parsed.name.lower()})

    def list(self) -> list[dict[str, Any]]:
        with self._book.read() as conn:
            return [
                dict(r._mapping)
                for r in conn.execute(
                    sa.select(users.c.id, users.c.name, users.c.role, users.c.disabled, users.c.created_at).order_by(
                        users.c.id
                    )
                )
            ]
