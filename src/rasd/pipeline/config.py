"""Configuration: one packaged defaults file that a user TOML file overrides key by key.

The config travels as an object into the pipeline and its components; nothing reads module globals.
"""
from __future__ import annotations

import copy
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any, Mapping, Optional

from rasd.errors import ConfigError


def _merge(base: dict, override: Mapping, where: str = "") -> dict:
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(base.get(key), dict):
            _merge(base[key], value, f"{where}{key}.")
        else:
            base[key] = copy.deepcopy(value)
    return base


class Config:
    def __init__(self, data: Mapping[str, Any]):
        self._data = copy.deepcopy(dict(data))

    @classmethod
    def load(cls, path: Optional[str | Path] = None, overrides: Optional[Mapping] = None) -> "Config":
        data = tomllib.loads(resources.files("rasd.pipeline").joinpath("defaults.toml").read_text("utf-8"))
        if path is not None:
            p = Path(path)
            try:
                user = tomllib.loads(p.read_text("utf-8"))
            except FileNotFoundError:
                raise ConfigError("config file not found", source=str(p)) from None
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise ConfigError(f"config file is not valid TOML: {exc}", source=str(p)) from None
            _merge(data, user)
        if overrides:
            _merge(data, overrides)
        return cls(data)

    def section(self, *keys: str) -> dict:
        node: Any = self._data
        for k in keys:
            node = node.get(k, {}) if isinstance(node, Mapping) else {}
        return copy.deepcopy(node) if isinstance(node, Mapping) else {}

    def get(self, *keys: str, default=None):
        node: Any = self._data
        for k in keys:
            if not isinstance(node, Mapping) or k not in node:
                return default
            node = node[k]
        return node

    def as_dict(self) -> dict:
        return copy.deepcopy(self._data)
