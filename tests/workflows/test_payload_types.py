"""What crosses Temporal as a payload is decoded by the pydantic converter through a TypeAdapter
per type; a model left incomplete (a forward reference pydantic could not resolve when the class
was made) has its whole schema built again by each of those, milliseconds every time."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator

from pydantic import BaseModel

import mutualplan


def subclasses(cls: type[BaseModel]) -> Iterator[type[BaseModel]]:
    for sub in cls.__subclasses__():
        yield sub
        yield from subclasses(sub)


def test_every_model_of_the_package_is_complete_once_imported() -> None:
    for module in pkgutil.walk_packages(mutualplan.__path__, "mutualplan."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    ours = {m for m in subclasses(BaseModel) if m.__module__.startswith("mutualplan.")}
    assert len(ours) > 20
    assert not sorted(m.__qualname__ for m in ours if not m.__pydantic_complete__)
