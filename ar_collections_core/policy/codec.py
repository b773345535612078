"""Frozen dataclasses to JSON-ready dicts and back, driven by their type hints.

Used for the snapshots the CLI and the addon hand to the policy, the decisions it
returns and the message facts stored on a decision. Unknown keys, missing fields and
values of the wrong type raise :class:`CodecError` naming the path of the bad value,
so a bad input line is reported, never half-read.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date, datetime
from functools import cache
from typing import Any


class CodecError(ValueError):
    """A value that does not fit the dataclass it should become."""


_SCALARS = frozenset({str, int, float, bool, type(None)})


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def to_jsonable(value: Any) -> Any:
    """A structure of dicts, lists, str, numbers, bools and None (dates as ISO text)."""
    cls = type(value)
    if cls in _SCALARS:  # most leaves: checked first, a snapshot holds thousands
        return value
    if dataclasses.is_dataclass(cls):  # an instance (a class's type is ``type``)
        return {name: to_jsonable(getattr(value, name)) for name in _field_names(cls)}
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    return value


def from_jsonable(cls: type, data: Any, path: str = "") -> Any:
    """Build ``cls`` (a dataclass) from what :func:`to_jsonable` produced."""
    return _convert(cls, data, path or cls.__name__)


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _convert(tp: Any, data: Any, path: str) -> Any:
    origin = typing.get_origin(tp)
    if tp is Any:
        return data
    if origin in (typing.Union, types.UnionType):
        return _convert_union(typing.get_args(tp), data, path)
    if dataclasses.is_dataclass(tp):
        return _convert_dataclass(tp, data, path)
    if origin is tuple:
        return _convert_tuple(typing.get_args(tp), data, path)
    if origin in (dict, typing.Mapping) or tp is dict:
        if not isinstance(data, dict):
            raise CodecError(f"{path}: expected an object, got {type(data).__name__}")
        return dict(data)
    if tp is type(None):
        if data is not None:
            raise CodecError(f"{path}: expected null")
        return None
    return _convert_scalar(tp, data, path)


def _convert_union(args: tuple, data: Any, path: str) -> Any:
    if data is None:
        if type(None) in args:
            return None
        raise CodecError(f"{path}: a value is required")
    errors = []
    for arg in args:
        if arg is type(None):
            continue
        try:
            return _convert(arg, data, path)
        except CodecError as exc:
            errors.append(str(exc))
    raise CodecError(errors[0] if len(errors) == 1 else f"{path}: no type fits ({errors})")


def _convert_dataclass(cls: type, data: Any, path: str) -> Any:
    if not isinstance(data, dict):
        raise CodecError(f"{path}: expected an object, got {type(data).__name__}")
    hints = _hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls) if f.init}
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise CodecError(f"{path}: unknown field(s) {', '.join(unknown)}")
    kwargs = {}
    for name, field in fields.items():
        if name in data:
            kwargs[name] = _convert(hints[name], data[name], f"{path}.{name}")
        elif field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
            raise CodecError(f"{path}: missing field {name}")
    try:
        return cls(**kwargs)
    except (TypeError, ValueError) as exc:
        raise CodecError(f"{path}: {exc}") from exc


def _convert_tuple(args: tuple, data: Any, path: str) -> tuple:
    if not isinstance(data, list | tuple):
        raise CodecError(f"{path}: expected a list, got {type(data).__name__}")
    if len(args) == 2 and args[1] is Ellipsis:
        return tuple(_convert(args[0], v, f"{path}[{i}]") for i, v in enumerate(data))
    if len(args) != len(data):
        raise CodecError(f"{path}: expected {len(args)} items, got {len(data)}")
    return tuple(
        _convert(a, v, f"{path}[{i}]") for i, (a, v) in enumerate(zip(args, data, strict=True))
    )


def _convert_scalar(tp: Any, data: Any, path: str) -> Any:
    if tp is datetime:
        if isinstance(data, datetime):
            return data
        if isinstance(data, str):
            try:
                return datetime.fromisoformat(data.replace("Z", "+00:00"))
            except ValueError as exc:
                raise CodecError(f"{path}: not an ISO date-time: {data!r}") from exc
        raise CodecError(f"{path}: expected an ISO date-time, got {type(data).__name__}")
    if tp is date:
        if isinstance(data, date) and not isinstance(data, datetime):
            return data
        if isinstance(data, str):
            try:
                return date.fromisoformat(data)
            except ValueError as exc:
                raise CodecError(f"{path}: not an ISO date (YYYY-MM-DD): {data!r}") from exc
        raise CodecError(f"{path}: expected an ISO date, got {type(data).__name__}")
    if tp is bool:
        if isinstance(data, bool):
            return data
        raise CodecError(f"{path}: expected true or false, got {data!r}")
    if tp is float:
        if isinstance(data, int | float) and not isinstance(data, bool):
            if data != data or data in (float("inf"), float("-inf")):
                raise CodecError(f"{path}: not a finite number")
            return float(data)
        raise CodecError(f"{path}: expected a number, got {data!r}")
    if tp is int:
        if isinstance(data, int) and not isinstance(data, bool):
            return data
        if isinstance(data, float) and data.is_integer():
            return int(data)
        raise CodecError(f"{path}: expected an integer, got {data!r}")
    if tp is str:
        if isinstance(data, str):
            return data
        raise CodecError(f"{path}: expected text, got {data!r}")
    raise CodecError(f"{path}: unsupported type {tp!r}")
