"""The component registry: named stages that each declare the layers they require and provide.

A component factory takes the component's configuration (a dict) and returns a function
Document -> Document. Registrations all live in pipeline/components.py so there is one place to read
what a pipeline can contain.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping

from rasd.errors import PipelineError
from rasd.model.document import Document

Stage = Callable[[Document], Document]
Factory = Callable[[Mapping], Stage]


@dataclass(frozen=True)
class ComponentSpec:
    name: str
    factory: Factory
    requires: tuple[str, ...]
    provides: tuple[str, ...]
    description: str


_REGISTRY: dict[str, ComponentSpec] = {}


def component(name: str, *, requires: tuple[str, ...] = (), provides: tuple[str, ...] = ()):
    """Register a component factory under `name`."""
    def register(factory: Factory) -> Factory:
        if name in _REGISTRY:
            raise PipelineError(f"component {name!r} is registered twice")
        doc = (factory.__doc__ or "").strip().splitlines()
        _REGISTRY[name] = ComponentSpec(name, factory, tuple(requires), tuple(provides), doc[0] if doc else "")
        return factory
    return register


def get_component(name: str) -> ComponentSpec:
    _load_builtin_components()
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY))
        raise PipelineError(f"unknown component {name!r}; known components: {known}") from None


def registered() -> dict[str, ComponentSpec]:
    _load_builtin_components()
    return dict(_REGISTRY)


def check_order(names) -> None:
    """Fail at build time when a component needs a layer that no earlier component provides."""
    available: set[str] = set()
    for name in names:
        spec = get_component(name)
        missing = [r for r in spec.requires if r not in available]
        if missing:
            providers = {r: [s.name for s in _REGISTRY.values() if r in s.provides] for r in missing}
            hint = "; ".join(f"{r!r} comes from {', '.join(p) or 'no component'}" for r, p in providers.items())
            raise PipelineError(f"component {name!r} requires {', '.join(missing)} which no earlier component provides ({hint})")
        available.update(spec.provides)


def _load_builtin_components() -> None:
    import rasd.pipeline.components  # noqa: F401  (registers on import)
