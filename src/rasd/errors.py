"""Coded errors. Each carries the input it is about, so a message names both the input and the problem.

The CLI turns these into one line on stderr and an exit code (see EXIT_CODES); the library raises them
and never prints.
"""
from __future__ import annotations

from typing import Optional

# Exit codes of the `rasd` command, documented in the README.
EXIT_OK = 0
EXIT_INPUT = 2        # the input is unusable: missing, empty, binary, undecodable, too large, bad JSON
EXIT_CONFIG = 3       # bad configuration or pipeline definition
EXIT_PARTIAL = 4      # a batch finished but some lines carried an error
EXIT_INTERNAL = 70    # a bug in rasd (EX_SOFTWARE)


class RasdError(Exception):
    code = "R000"
    exit_code = EXIT_INTERNAL

    def __init__(self, message: str, *, source: Optional[str] = None):
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        return f"{where}[{self.code}] {self.message}"


class InputError(RasdError):
    """Something wrong with what the user gave us."""
    code = "R010"
    exit_code = EXIT_INPUT


class EmptyInput(InputError):
    code = "R011"


class UndecodableInput(InputError):
    code = "R012"


class BinaryInput(InputError):
    code = "R013"


class InputTooLarge(InputError):
    code = "R014"


class BadRecord(InputError):
    """A JSONL line that is not JSON, or lacks `id`/`text`."""
    code = "R015"


class UnreadableInput(InputError):
    """Missing file, a directory, or no permission."""
    code = "R016"


class ConfigError(RasdError):
    code = "R020"
    exit_code = EXIT_CONFIG


class PipelineError(ConfigError):
    code = "R021"


class MissingExtra(RasdError):
    """An optional dependency is needed: says which extra to install."""
    code = "R030"
    exit_code = EXIT_CONFIG


def require_extra(module: str, extra: str):
    """Import an optional dependency, or explain how to install it."""
    import importlib
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingExtra(f"this feature needs {module!r}: pip install 'rasd[{extra}]'") from exc
