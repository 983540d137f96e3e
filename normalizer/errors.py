"""Errors the front doors turn into one line on stderr and exit status 2."""

from __future__ import annotations


class NormalizerError(Exception):
    """Base class: bad input of any kind. The message is one line, ready to print."""


class InputError(NormalizerError):
    """An article that cannot be read: missing, a directory, not UTF-8 text."""


class GazetteerError(NormalizerError):
    """A gazetteer file that is missing, malformed, hostile or fails validation."""


class ConfigError(NormalizerError):
    """A project configuration file with a bad key or value."""


class LosslessError(NormalizerError):
    """Our own bug: undoing the corrections does not give back the input."""
