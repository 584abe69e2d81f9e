"""Benchmarks: one module per stage, run by ``python -m bench [NAME ...]``."""
