"""The demo casebook: bundled example sources and the build that turns them into a toll."""
