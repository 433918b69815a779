"""Typed results as JSON-ready data: one rule for every dataclass the library returns.

:func:`to_json` turns a dataclass into a dict of plain JSON values:

* fields become keys in the order they are declared, unless the class names its keys in
  order in ``JSON_ORDER`` (field names and the names of properties or attributes, which
  are then *computed* keys);
* enums become their values, dates ISO text, tuples lists, dict keys text; nested
  dataclasses use their own ``to_dict`` when they have one (a result with its own layout),
  else this rule; pydantic models their JSON dump;
* a field's metadata, made by :func:`json_meta`, renames its key (``key``; a dotted key
  such as ``"coverage.old"`` nests it in an object shared with its neighbours), omits it
  when empty (``omit_empty``: None, an empty list, dict or text) or when a test of the
  whole result says so (``omit_if``), writes it its own way (``encode``, a hook for what
  the general rule cannot say), writes the keys of its value in its place (``inline``) or
  leaves it out (``skip``);
* a computed key's name is renamed through ``JSON_KEYS`` (attribute name -> key).

:class:`JsonResult` gives a dataclass the ``to_dict`` method that every renderer calls.

Examples
--------
>>> from dataclasses import dataclass, field
>>> from datetime import date
>>> @dataclass(frozen=True)
... class Slip(JsonResult):
...     JSON_ORDER = ("ref", "late", "old", "new", "note")
...     ref: str
...     old: date
...     new: date = field(metadata=json_meta(key="when.new"))
...     note: str = field(default="", metadata=json_meta(omit_empty=True))
...     @property
...     def late(self) -> bool:
...         return self.new > self.old
>>> Slip("A-1", date(2024, 1, 31), date(2024, 3, 31)).to_dict()
{'ref': 'A-1', 'late': True, 'old': '2024-01-31', 'when': {'new': '2024-03-31'}}
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from datetime import date
from enum import Enum
from typing import Any, ClassVar

__all__ = ["JsonResult", "json_meta", "json_schema", "json_value", "to_json"]

_KEY, _OMIT_EMPTY, _OMIT_IF, _ENCODE, _SKIP, _INLINE = (
    "json_key",
    "json_omit_empty",
    "json_omit_if",
    "json_encode",
    "json_skip",
    "json_inline",
)


def json_meta(
    *,
    key: str | None = None,
    omit_empty: bool = False,
    omit_if: Callable[[Any], bool] | None = None,
    encode: Callable[[Any], Any] | None = None,
    skip: bool = False,
    inline: bool = False,
) -> dict[str, Any]:
    """The metadata of a dataclass field that says how it is written
    (``field(metadata=json_meta(...))``).

    ``key`` is the JSON key (dots nest it); ``omit_empty`` leaves the key out when the value
    is None or empty; ``omit_if(result)`` leaves it out when true of the whole result;
    ``encode(value)`` writes the value instead of the general rule (it returns JSON data);
    ``skip`` never writes it; ``inline`` writes the keys of the value (an object) in its
    place.
    """
    return {
        **{_KEY: key, _OMIT_EMPTY: omit_empty, _OMIT_IF: omit_if, _ENCODE: encode},
        **{_SKIP: skip, _INLINE: inline},
    }


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, (list, tuple, dict, str, set)) and not value)


def json_value(value: Any) -> Any:
    """One value as plain JSON data (see the module docstring)."""
    if value is None or (isinstance(value, (bool, int, float)) and not isinstance(value, Enum)):
        return value
    if isinstance(value, Enum):
        return json_value(value.value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {_text_key(k): json_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_value(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        own = getattr(value, "to_dict", None)
        return own() if callable(own) else to_json(value)
    dump = getattr(value, "model_dump", None)
    if callable(dump):  # a pydantic model
        return dump(mode="json")
    raise TypeError(f"cannot write a {type(value).__name__} as JSON")


def _text_key(key: Any) -> str:
    if isinstance(key, Enum):
        return str(key.value)
    return key if isinstance(key, str) else str(json_value(key))


def to_json(result: Any) -> dict[str, Any]:
    """The dataclass ``result`` as a dict of plain JSON data, by the rules of the module."""
    cls = type(result)
    fields = {f.name: f for f in dataclasses.fields(result)}
    order: tuple[str, ...] = getattr(cls, "JSON_ORDER", ()) or tuple(fields)
    renamed: Mapping[str, str] = getattr(cls, "JSON_KEYS", {})
    out: dict[str, Any] = {}
    for name in order:
        meta = fields[name].metadata if name in fields else {}
        if meta.get(_SKIP):
            continue
        value = getattr(result, name)
        omit_if = meta.get(_OMIT_IF)
        if omit_if is not None and omit_if(result):
            continue
        if meta.get(_OMIT_EMPTY) and _empty(value):
            continue
        encode = meta.get(_ENCODE)
        key = meta.get(_KEY) or renamed.get(name, name)
        *groups, last = key.split(".")
        into = out
        for group in groups:
            into = into.setdefault(group, {})
        written = json_value(value) if encode is None else encode(value)
        if meta.get(_INLINE):
            into.update(written)
        else:
            into[last] = written
    return out


class JsonResult:
    """A typed result whose ``to_dict`` is :func:`to_json` (mix into a dataclass).

    ``JSON_ORDER`` (optional) lists the keys in order by field or attribute name, computed
    ones included; ``JSON_KEYS`` renames computed keys.
    """

    JSON_ORDER: ClassVar[tuple[str, ...]] = ()
    JSON_KEYS: ClassVar[Mapping[str, str]] = {}

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data: the fields (and computed keys) as the class declares them."""
        return to_json(self)


# --- the JSON Schema of a result -----------------------------------------------------------

_DRAFT = "https://json-schema.org/draft/2020-12/schema"


def json_schema(
    cls: type, *, title: str, known: Mapping[type, Mapping[str, Any]] | None = None
) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of what :func:`to_json` writes for dataclass ``cls``.

    Built from the type hints and the metadata of the fields (and the return types of the
    computed keys and of ``encode`` hooks): every key that is never omitted is required (a
    group of dotted keys left out by ``omit_if`` is optional, its keys required inside it);
    objects accept more keys (results may grow). ``known`` gives the schema of a type that
    writes itself (its own ``to_dict``) instead of the general rule.

    Examples
    --------
    >>> from dataclasses import dataclass, field
    >>> @dataclass
    ... class Pair(JsonResult):
    ...     ref: str
    ...     note: str | None = field(default=None, metadata=json_meta(omit_empty=True))
    >>> schema = json_schema(Pair, title="pair")
    >>> schema["required"], schema["properties"]["ref"]
    (['ref'], {'type': 'string'})
    """
    builder = _SchemaBuilder(dict(known or {}))
    root = builder.object_of(cls)
    return {"$schema": _DRAFT, "title": title, **root, "$defs": builder.defs}


class _SchemaBuilder:
    def __init__(self, known: dict[type, Mapping[str, Any]]) -> None:
        self.known = known
        self.defs: dict[str, Any] = {}
        self.names: dict[type, str] = {}

    def of(self, hint: Any) -> dict[str, Any]:
        """The schema of a type hint (plain types, enums, dates, containers, unions,
        dataclasses by reference)."""
        import types
        import typing

        origin = typing.get_origin(hint)
        args = typing.get_args(hint)
        if hint is Any or hint is object:
            return {}
        if hint is type(None):
            return {"type": "null"}
        if origin in (typing.Union, types.UnionType):
            return {"anyOf": [self.of(a) for a in args]}
        if origin in (list, set, frozenset) or hint in (list, set):
            return {"type": "array", "items": self.of(args[0]) if args else {}}
        if origin is tuple:
            if len(args) == 2 and args[1] is Ellipsis:
                return {"type": "array", "items": self.of(args[0])}
            items = [self.of(a) for a in args]
            return {"type": "array", "prefixItems": items, "minItems": len(items)}
        if origin is dict or hint is dict or origin is Mapping:
            return {"type": "object", "additionalProperties": self.of(args[1]) if args else {}}
        if isinstance(hint, type):
            return self._of_class(hint)
        return {}

    def _of_class(self, cls: type) -> dict[str, Any]:
        if cls in self.known:
            return self._ref(cls, lambda: dict(self.known[cls]))
        if issubclass(cls, Enum):
            values = [json_value(m.value) for m in cls]
            kind = "string" if all(isinstance(v, str) for v in values) else None
            return {**({"type": kind} if kind else {}), "enum": values}
        for plain, name in ((bool, "boolean"), (int, "integer"), (float, "number")):
            if issubclass(cls, plain):
                return {"type": name}
        if issubclass(cls, str):
            return {"type": "string"}
        if issubclass(cls, date):
            return {"type": "string", "format": "date"}
        if dataclasses.is_dataclass(cls):
            return self._ref(cls, lambda: self.object_of(cls))
        if hasattr(cls, "model_json_schema"):  # a pydantic model
            return {"type": "object"}
        return {}

    def _ref(self, cls: type, build: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        if cls not in self.names:
            name = cls.__name__
            if name in self.defs:
                name = f"{cls.__module__}.{name}"
            self.names[cls] = name
            self.defs[name] = {}  # reserved: a class may refer to itself
            self.defs[name] = build()
        return {"$ref": f"#/$defs/{self.names[cls]}"}

    def object_of(self, cls: Any) -> dict[str, Any]:
        """The object :func:`to_json` writes for dataclass ``cls``."""
        import typing

        hints = typing.get_type_hints(cls)
        fields = {f.name: f for f in dataclasses.fields(cls)}
        order: tuple[str, ...] = getattr(cls, "JSON_ORDER", ()) or tuple(fields)
        renamed: Mapping[str, str] = getattr(cls, "JSON_KEYS", {})
        out: dict[str, Any] = {"type": "object", "properties": {}, "required": []}
        for name in order:
            meta = fields[name].metadata if name in fields else {}
            if meta.get(_SKIP):
                continue
            if name in fields:
                hint = hints[name]
            else:  # a computed key: the return type of its property
                getter = getattr(cls, name).fget
                hint = typing.get_type_hints(getter).get("return", Any)
            encode = meta.get(_ENCODE)
            if encode is not None:
                hint = typing.get_type_hints(encode).get("return", Any)
            schema = self.of(hint)
            if meta.get(_INLINE):
                inner = self.defs[schema["$ref"].rsplit("/", 1)[1]] if "$ref" in schema else {}
                out["properties"] |= inner.get("properties", {})
                out["required"] += inner.get("required", [])
                continue
            optional = bool(meta.get(_OMIT_EMPTY) or meta.get(_OMIT_IF))
            key = meta.get(_KEY) or renamed.get(name, name)
            *groups, last = key.split(".")
            into = out
            for group in groups:
                if group not in into["properties"]:
                    into["properties"][group] = {"type": "object", "properties": {}}
                    into["properties"][group]["required"] = []
                    if not optional:
                        into["required"].append(group)
                into = into["properties"][group]
            into["properties"][last] = schema
            if not optional or (groups and not meta.get(_OMIT_EMPTY)):
                into["required"].append(last)  # omit_if drops a group whole, not a part
        return out
