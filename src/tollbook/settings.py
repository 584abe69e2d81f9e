"""Settings as one table: name, default, environment variable, help.

Read once (from the environment, or passed explicitly by tests) and handed down through
constructors — never read from globals deep inside the pipeline, so a test or a server can
run two casebooks side by side with different settings.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str

    @property
    def env(self) -> str:
        return f"TOLLBOOK_{self.name.upper()}"


SETTINGS: tuple[Setting, ...] = (
    Setting("casebook", "tollbook.db", "Casebook file path or database URL (postgresql+psycopg://user@host/db)."),
    Setting("actor", "", "Who is acting, recorded in custody and audit events (default: the OS user)."),
    Setting(
        "max_source_mb", 100, "Largest file `tollbook add` accepts, in MB; larger files are refused, not truncated."
    ),
    Setting("progress", True, "Show progress bars for long operations (off when output is not a terminal)."),
)


@dataclass(frozen=True)
class Settings:
    """Resolved settings; build with :meth:`from_env` or directly in tests."""

    casebook: str = "tollbook.db"
    actor: str = ""
    max_source_mb: int = 100
    progress: bool = True

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Defaults, then TOLLBOOK_* variables, then explicit (non-None) overrides."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for setting in SETTINGS:
            raw = env.get(setting.env)
            values[setting.name] = setting.default if raw in (None, "") else _coerce(raw, setting.default)
        values.update({k: v for k, v in overrides.items() if v is not None})
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in values.items() if k in known})

    def resolved_actor(self) -> str:
        """The actor name, falling back to the login name so custody is never anonymous."""
        if self.actor:
            return self.actor
        try:
            return os.getlogin()
        except OSError:
            return os.environ.get("USER") or "local"


def _coerce(raw: str, default: Any) -> Any:
    if isinstance(default, bool):
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(default, int):
        return int(raw)
    return raw
