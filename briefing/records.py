"""Typed conversion between the frozen dataclasses of ``models`` and plain JSON data.

Files such as ``brief.json`` and the extraction cache are read back into records.  They may
have been edited by hand, written by another version or damaged on disk, so reading checks
every field against its type hint instead of trusting ``cls(**data)``: a wrong value is a
``ValueError`` naming the field, never a ``TypeError`` deep inside a template.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Hashable
from typing import Any, TypeVar, cast

T = TypeVar("T")

__all__ = ["from_dict", "to_dict"]


@functools.cache
def _hints(cls: Any) -> dict[str, Any]:
    # Resolving the string annotations (``from __future__ import annotations``) is slow; once
    # per class is enough.
    return typing.get_type_hints(cls)


def from_dict(cls: type[T], data: Any, *, where: str = "") -> T:
    """Build the dataclass ``cls`` from ``data`` (a dict from JSON), checking every field.

    Lists become tuples and ints are accepted where a float is expected.  Unknown keys and
    missing fields without a default raise ``ValueError``, as does any value of the wrong type.
    """
    where = where or cls.__name__
    if not isinstance(data, dict):
        raise ValueError(f"{where}: expected an object, got {_kind(data)}")
    hints = _hints(cast(Hashable, cls))
    known = {f.name: f for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise ValueError(f"{where}: unknown field {unknown[0]!r}")
    values: dict[str, Any] = {}
    for name, f in known.items():
        if name not in data:
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                raise ValueError(f"{where}.{name}: missing")
            continue
        values[name] = _convert(hints[name], data[name], f"{where}.{name}")
    return cls(**values)


def _kind(value: Any) -> str:
    return "null" if value is None else type(value).__name__


def _convert(tp: Any, value: Any, where: str) -> Any:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = typing.get_args(tp)
        if value is None and type(None) in args:
            return None
        errors = []
        for arg in args:
            if arg is type(None):
                continue
            try:
                return _convert(arg, value, where)
            except ValueError as exc:
                errors.append(exc)
        raise errors[0] if len(errors) == 1 else ValueError(f"{where}: unexpected {_kind(value)} {value!r}")
    if origin is tuple:
        args = typing.get_args(tp)
        if not isinstance(value, list | tuple):
            raise ValueError(f"{where}: expected a list, got {_kind(value)}")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_convert(args[0], v, f"{where}[{i}]") for i, v in enumerate(value))
        if len(args) != len(value):
            raise ValueError(f"{where}: expected {len(args)} items, got {len(value)}")
        pairs = enumerate(zip(args, value, strict=True))
        return tuple(_convert(a, v, f"{where}[{i}]") for i, (a, v) in pairs)
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        return from_dict(tp, value, where=where)
    if tp is type(None):
        if value is not None:
            raise ValueError(f"{where}: expected null, got {_kind(value)}")
        return None
    if tp is bool:
        if not isinstance(value, bool):
            raise ValueError(f"{where}: expected true or false, got {_kind(value)}")
        return value
    if tp is int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValueError(f"{where}: expected an integer, got {_kind(value)}")
        return value
    if tp is float:
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise ValueError(f"{where}: expected a number, got {_kind(value)}")
        # An int stays an int: JSON writes 12.0 as 12 in some writers, and the value compares equal.
        return value
    if tp is str:
        if not isinstance(value, str):
            raise ValueError(f"{where}: expected a string, got {_kind(value)}")
        return value
    raise TypeError(f"{where}: type {tp!r} is not supported by records.from_dict")  # a programming error


def to_dict(obj: Any) -> dict[str, Any]:
    """``obj`` (a dataclass) as JSON-ready data: nested records become dicts, tuples lists."""
    if not dataclasses.is_dataclass(obj) or isinstance(obj, type):
        raise TypeError(f"not a dataclass instance: {obj!r}")
    return {f.name: _plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return to_dict(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value
