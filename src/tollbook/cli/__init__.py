"""Command-line interface: thin Typer commands over the core API (no logic lives here)."""
