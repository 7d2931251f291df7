"""The one exception bad input raises: reported as one clear line, never a traceback."""
from __future__ import annotations


class InputError(ValueError):
    """Malformed input to the checker: reported as one clear line, never a traceback."""
