"""Sources: taking evidence in unchanged (hashing, format readers) before anything reads it."""
