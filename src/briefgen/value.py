"""Immutable values declared by their typed fields: what the model, the layouts and the renderers are made of.

    class Span(Value):
        text: str
        bold: bool = False

A value is made with its fields by keyword or in order, is equal to and hashes like another with
the same fields, prints them, and refuses to change; ``replace`` makes a changed copy. This is
what a frozen dataclass gives, without its cost: generating a dataclass's methods takes about a
millisecond per class at every start, and briefgen declares some sixty kinds of value, so
dataclasses alone would be a good part of a command's start-up (see README, Performance).
"""

from __future__ import annotations

from operator import itemgetter
from types import CodeType, FunctionType
from typing import Any, ClassVar, TypeVar

REQUIRED: Any = object()  # the default of a field that has none
V = TypeVar("V", bound="Value")


class FrozenError(AttributeError):
    """A value's fields cannot be changed after it is made."""


class Value:
    """An immutable value declared by its typed fields, like a frozen dataclass.

    A required field may follow one with a default (give the fields by keyword then). A list,
    dict or set default is copied for each value, never shared. Annotations marked ClassVar
    are not fields.
    """

    _defaults: dict[str, Any] = {}  # each field in order, with its default or REQUIRED; set per class
    _names: tuple[str, ...] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        defaults = dict(cls._defaults)
        for name, annotation in cls.__dict__.get("__annotations__", {}).items():
            if not _is_class_var(annotation):
                defaults[name] = cls.__dict__.get(name, REQUIRED)
        cls._defaults = defaults
        cls._names = tuple(defaults)
        cls.__match_args__ = cls._names
        cls._fields_of = _getter(cls._names)
        if "__init__" not in cls.__dict__:  # not inherited: a parent's would take the parent's fields
            cls.__init__ = Value.__init__

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The first value made of a class gives the class an __init__ of its own, with the class's
        # fields as parameters: a layout makes hundreds of thousands of spans in a long brief, and a
        # generic loop over the fields cost twice what the whole rest of making them does.
        cls = type(self)
        if cls.__dict__.get("__init__") is not Value.__init__:  # the class wrote its own, which called this one
            raise TypeError(f"{cls.__name__}: a value's __init__ is made from its fields")
        cls.__init__ = _initialiser(cls)
        cls.__init__(self, *args, **kwargs)

    def _values(self) -> tuple[Any, ...]:
        return self._fields_of(self.__dict__)

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenError(f"cannot set {type(self).__name__}.{name}: it is immutable")

    def __delattr__(self, name: str) -> None:
        raise FrozenError(f"cannot delete {type(self).__name__}.{name}: it is immutable")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((type(self), self._values()))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={self.__dict__[name]!r}" for name in self._names)
        return f"{type(self).__name__}({shown})"


# A value of more fields than this is made a handful of times in a process (the brief, its labels, the style
# table): binding its arguments in a loop costs less than compiling an __init__ for it (2.4 ms for the labels'
# 118 fields at a cold start).
WIDE = 20


def _getter(names: tuple[str, ...]) -> Any:
    """What gives a value's fields from its __dict__, in order, as a tuple: a C itemgetter, where a generator over
    the names made every hash and comparison of a value (a layout's cache keys, a span's) five times as long."""
    if len(names) > 1:
        return itemgetter(*names)
    if names:
        one = itemgetter(names[0])
        return staticmethod(lambda fields: (one(fields),))
    return staticmethod(lambda fields: ())


def _initialiser(cls: type[Value]) -> Any:
    """An __init__ taking ``cls``'s fields by position or keyword, each defaulting to its default."""
    return _bound(cls) if len(cls._names) > WIDE else _compiled(cls)


def _bound(cls: type[Value]) -> Any:
    """An __init__ that binds its arguments as _compiled's would, in a loop, with Python's messages."""
    names, defaults = cls._names, tuple(cls._defaults.values())
    positions = {name: n for n, name in enumerate(names)}
    qualname = f"{cls.__qualname__}.__init__"

    def __init__(self: Value, *args: Any, **kwargs: Any) -> None:
        values = [*args[:len(names)], *defaults[len(args):]]
        for name, value in kwargs.items():  # as Python does: the keywords first, then the count of the rest
            n = positions.get(name)
            if n is None:
                raise TypeError(f"{qualname}() got an unexpected keyword argument {name!r}")
            if n < len(args):
                raise TypeError(f"{qualname}() got multiple values for argument {name!r}")
            values[n] = value
        if len(args) > len(names):
            raise TypeError(f"{qualname}() takes from 1 to {len(names) + 1} positional arguments but "
                            f"{len(args) + 1} were given")
        for name, value, default in zip(names, values, defaults):
            if default is REQUIRED and value is REQUIRED:
                _missing(self, name)
        self.__dict__.update({name: type(value)(value) if value is default and _kind(default) == "copied" else value
                              for name, value, default in zip(names, values, defaults)})

    __init__.__qualname__ = qualname
    return __init__


def _compiled(cls: type[Value]) -> Any:
    """An __init__ compiled for ``cls``'s fields: the template of the class's shape (_template) with the class's
    own names put in. Compiling source costs ~0.1-0.2 ms at a cold start, where seventy kinds of value come in
    some forty-five shapes."""
    defaults = tuple(cls._defaults.values())
    template = _template(tuple(_kind(default) for default in defaults))
    renamed = {f"f{n}": name for n, name in enumerate(cls._names)}
    consts = tuple(tuple(renamed.get(c, c) for c in const) if isinstance(const, tuple) else renamed.get(const, const)
                   for const in template.co_consts)
    code = template.replace(co_varnames=("self", *cls._names), co_consts=consts,
                            co_qualname=f"{cls.__qualname__}.__init__")
    namespace = {"REQUIRED": REQUIRED, "_missing": _missing, **{f"_d{n}": d for n, d in enumerate(defaults)}}
    return FunctionType(code, namespace, "__init__", defaults)


def _kind(default: Any) -> str:
    if default is REQUIRED:
        return "required"
    # A list, dict or set default is copied for each value, never shared.
    return "copied" if isinstance(default, (list, dict, set)) else "given"


_templates: dict[tuple[str, ...], CodeType] = {}


def _template(kinds: tuple[str, ...]) -> CodeType:
    """The code of an __init__ whose fields, named f0, f1, …, are of these kinds (_kind), its defaults
    _d0, _d1, …: compiled once per shape; _initialiser renames it for each class."""
    template = _templates.get(kinds)
    if template is None:
        checks, values = [], []
        for n, kind in enumerate(kinds):
            if kind == "required":
                checks.append(f"    if f{n} is REQUIRED: _missing(self, 'f{n}')\n")
            values.append(f"'f{n}': type(f{n})(f{n}) if f{n} is _d{n} else f{n}" if kind == "copied" else f"'f{n}': f{n}")
        parameters = ", ".join(["self", *(f"f{n}" for n in range(len(kinds)))])
        source = f"def __init__({parameters}):\n{''.join(checks)}    self.__dict__.update({{{', '.join(values)}}})\n"
        template = _templates[kinds] = next(c for c in compile(source, "<value>", "exec").co_consts
                                            if isinstance(c, CodeType))
    return template


def _missing(value: Value, name: str) -> None:
    raise TypeError(f"{type(value).__name__}: missing field {name!r}")


def _is_class_var(annotation: Any) -> bool:
    if isinstance(annotation, str):  # written under `from __future__ import annotations`
        return annotation.startswith(("ClassVar", "typing.ClassVar"))
    # Not str(annotation): that would print every Annotated constraint, at every start.
    return annotation is ClassVar or getattr(annotation, "__origin__", None) is ClassVar


def replace(value: V, **changes: Any) -> V:
    """A copy of ``value`` with some fields changed (dataclasses.replace for values)."""
    fields = value.__dict__
    return type(value)(**{**{name: fields[name] for name in value._names}, **changes})


def fields(value: Value | type[Value]) -> tuple[str, ...]:
    """The names of a value's fields (or a value class's), in declaration order."""
    return value._names


def required(cls: type[Value]) -> tuple[str, ...]:
    """The fields of ``cls`` that have no default."""
    return tuple(name for name, default in cls._defaults.items() if default is REQUIRED)
