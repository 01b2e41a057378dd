"""The tool version (its own module, so that any layer can name it without importing
the package root, which reaches every layer)."""

__version__ = "0.1.0"
