"""Storage: the casebook database (SQLite file by default, PostgreSQL for teams)."""
