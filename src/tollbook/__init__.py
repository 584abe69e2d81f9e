"""Tollbook: a workbench for counting the dead in armed conflict honestly."""

__version__ = "0.1.0"
