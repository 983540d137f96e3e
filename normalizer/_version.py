"""The package version: a leaf module, so anything may import it without loading the engine."""

__version__ = "0.1.0"
