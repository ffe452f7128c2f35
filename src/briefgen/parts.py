"""Model parts: immutable values declared by their fields' types, and the checks that build them from data.

A part is a class of typed fields, ``class Author(Part): name: Name; role: Text | None = None``.
``build`` turns the loader's plain data (dicts, lists, text, numbers) into parts, checking
every field against its declared type and collecting every problem with the path to its
field rather than stopping at the first. Constraints ride on the type with ``Annotated``:

    Name = Annotated[str, Before(clean), Length(1, 300)]     # Before: a function of the raw value
    Date = Annotated[PartialDate, Parse(PartialDate.parse)]  # Parse: the whole check; raises ValueError
    authors: Annotated[list[Author], Length(min=1)]          # pydantic's Field(min_length=1)
    url: Annotated[str, Pattern(r"^https?://\\S+$")] | None = None
    width: Annotated[float, Range(gt=0, le=1)] = 1.0

Field types understood: str, int, float, bool, Any, Literal[...], Enum subclasses, Part
subclasses, list[T], tuple[T, ...], dict[str, T], unions (``T | None``), and Annotated with
the markers above. A required field may follow one with a default (give fields by keyword);
a list or dict default (``= []``) is copied for each part. Defaults are not checked.

This replaces pydantic, whose import and model building were most of a small brief's start-up.
"""

from __future__ import annotations

import enum
import re
import types
import typing
from typing import Any, Callable, Literal

from .value import REQUIRED, Value

FieldPath = tuple[str | int, ...]


class Part(Value):
    """Base of every part of a brief: built from a mapping by ``build``, where unknown keys are mistakes."""


class Issue(Value):
    """One problem found while building parts: the field's path, what is wrong, and what to point at.

    ``at`` is "value" for the value itself, "key" for an unknown field's key, and "parent" for
    the mapping a required field is missing from.
    """

    path: FieldPath
    message: str
    at: Literal["value", "key", "parent"] = "value"


class Before(Value):
    """Applied to the raw value before its type is checked; may raise ValueError."""

    function: Callable[[Any], Any]


class Parse(Value):
    """Turns the raw value into the field's value, replacing the type check; raises ValueError."""

    function: Callable[[Any], Any]


class Length(Value):
    """Bounds on the length of text (characters) or of a list (items)."""

    min: int | None = None
    max: int | None = None

    def problem(self, value: Any) -> str | None:
        size = len(value)
        if self.min is not None and size < self.min:
            if self.min == 1:
                return "must not be empty"
            return f"has {size} {_unit(value, size)}; at least {self.min} are needed"
        if self.max is not None and size > self.max:
            return f"is {size:,} {_unit(value, size)} long; at most {self.max:,} are allowed" \
                if isinstance(value, str) else f"has {size:,} items; at most {self.max:,} are allowed"
        return None


class Pattern(Value):
    """Text must match this regular expression (searched from the start)."""

    regex: str

    def problem(self, value: Any) -> str | None:
        if re.match(self.regex, value):
            return None
        return f"{value!r} does not have the expected form ({self.regex})"


class Range(Value):
    """Bounds on a number."""

    ge: float | None = None
    gt: float | None = None
    le: float | None = None
    lt: float | None = None

    def problem(self, value: Any) -> str | None:
        for bound, fails, words in ((self.ge, value.__lt__, "at least"), (self.gt, value.__le__, "more than"),
                                    (self.le, value.__gt__, "at most"), (self.lt, value.__ge__, "less than")):
            if bound is not None and fails(bound):
                return f"is {value:g}; it must be {words} {bound:g}"
        return None


def build(cls: type, data: Any) -> tuple[Any, list[Issue]]:
    """``data`` checked as a ``cls`` (usually a Part): the value, or None, and every issue found."""
    issues: list[Issue] = []
    value = _check_for(cls)(data, (), issues)
    return (None if value is _INVALID else value), issues


def field_names(cls: type) -> list[str]:
    """The fields a part takes, in declaration order."""
    return list(_fields(cls))


def part_at(cls: type, path: FieldPath) -> type | None:
    """The part class that holds the mapping at ``path`` under ``cls`` (list positions skipped), if any."""
    for name in path:
        if isinstance(name, int):
            continue
        hints = typing.get_type_hints(cls, include_extras=True)
        if name not in hints:
            return None
        found = _part_in(hints[name])
        if found is None:
            return None
        cls = found
    return cls


def _part_in(tp: Any) -> type | None:
    if isinstance(tp, type) and issubclass(tp, Part):
        return tp
    for arg in typing.get_args(tp):
        found = _part_in(arg)
        if found is not None:
            return found
    return None


def describe(value: Any) -> str:
    """What a wrong value is, for messages: "a list", "the number 3", "nothing (an empty value)"."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    return f"{type(value).__name__} {value!r}"


# A check takes the raw value, its path and the issue list; it returns the built value or _INVALID.
Check = Callable[[Any, FieldPath, list[Issue]], Any]
_INVALID: Any = object()
_FIELDS: dict[type, dict[str, tuple[Check, bool]]] = {}


def _fields(cls: type) -> dict[str, tuple[Check, bool]]:
    """Each field's check and whether it is required, built once per class on first use."""
    found = _FIELDS.get(cls)
    if found is None:
        hints = typing.get_type_hints(cls, include_extras=True)
        found = {name: (_check_for(hints[name]), default is REQUIRED) for name, default in cls._defaults.items()}
        _FIELDS[cls] = found
    return found


def _check_for(tp: Any) -> Check:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Annotated:
        return _annotated(args[0], args[1:])
    if origin in (typing.Union, types.UnionType):
        return _union(args)
    if origin is list or origin is tuple:
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            raise TypeError(f"cannot check {tp!r}: use tuple[T, ...]")
        return _sequence(_check_for(args[0]), origin)
    if origin is dict:
        return _mapping(_check_for(args[1]))
    if origin is Literal:
        return _choice(args, lambda value: value if value in args else _INVALID)
    if tp is Any:
        return lambda value, path, issues: value
    if isinstance(tp, type):
        if issubclass(tp, Part):
            return _part(tp)
        if issubclass(tp, enum.Enum):
            return _choice([m.value for m in tp], lambda value: _enum_member(tp, value), getattr(tp, "meant", None))
        if tp in _SCALARS:
            return _scalar(*_SCALARS[tp])
        return _scalar(lambda value: isinstance(value, tp), f"expected {tp.__name__}")
    raise TypeError(f"cannot check a field of type {tp!r}")


def _annotated(base: Any, markers: tuple[Any, ...]) -> Check:
    parse = next((m.function for m in markers if isinstance(m, Parse)), None)
    inner = _parsed(parse) if parse else _check_for(base)
    befores = [m.function for m in markers if isinstance(m, Before)]
    constraints = [m for m in markers if isinstance(m, (Length, Pattern, Range))]

    def check(value: Any, path: FieldPath, issues: list[Issue]) -> Any:
        for before in befores:
            try:
                value = before(value)
            except ValueError as exc:
                issues.append(Issue(path, str(exc)))
                return _INVALID
        value = inner(value, path, issues)
        if value is _INVALID:
            return value
        for constraint in constraints:
            problem = constraint.problem(value)
            if problem:
                issues.append(Issue(path, problem))
                return _INVALID
        return value

    return check


def _parsed(parse: Callable[[Any], Any]) -> Check:
    def check(value: Any, path: FieldPath, issues: list[Issue]) -> Any:
        try:
            return parse(value)
        except ValueError as exc:
            issues.append(Issue(path, str(exc)))
            return _INVALID

    return check


def _union(args: tuple[Any, ...]) -> Check:
    nullable = type(None) in args
    options = [_check_for(a) for a in args if a is not type(None)]

    def check(value: Any, path: FieldPath, issues: list[Issue]) -> Any:
        if value is None and nullable:
            return None
        first: list[Issue] | None = None
        for option in options:
            found: list[Issue] = []
            result = option(value, path, found)
            if result is not _INVALID:
                return result
            first = found if first is None else first
        issues.extend(first or ())
        return _INVALID

    return options[0] if len(options) == 1 and not nullable else check


def _sequence(item: Check, kind: type) -> Check:
    def check(value: Any, path: FieldPath, issues: list[Issue]) -> Any:
        if not isinstance(value, list):
            issues.append(Issue(path, f"expected a list, got {describe(value)}"))
            return _INVALID
        built = [item(entry, path + (i,), issues) for i, entry in enumerate(value)]
        if any(entry is _INVALID for entry in built):
            return _INVALID
        return built if kind is list else tuple(built)

    return check


def _mapping(item: Check) -> Check:
    def check(value: Any, path: FieldPath, issues: list[Issue]) -> Any:
        if not isinstance(value, dict):
            issues.append(Issue(path, f"expected a mapping, got {describe(value)}"))
            return _INVALID
        built = {key: item(entry, path + (key,), issues) for key, entry in value.items()}
        return _INVALID if any(entry is _INVALID for entry in built.values()) else built

    return check


def _part(cls: type) -> Check:
    def check(value: Any, path: FieldPath, issues: list[Issue]) -> Any:
        if not isinstance(value, dict):
            issues.append(Issue(path, f"expected a mapping of fields, got {describe(value)}"))
            return _INVALID
        fields = _fields(cls)
        valid = True
        unknown = [key for key in value if key not in fields]
        # A misspelt required field is one mistake: said at the misspelling, not again as the field missing.
        meant = _misspelt_required(unknown, [name for name, (_, required) in fields.items()
                                             if required and name not in value]) if unknown else {}
        for key in unknown:
            hint = f"; did you mean {meant[key]!r}, which is required?" if key in meant else \
                _suggestion(key, list(fields))
            issues.append(Issue(path + (key,), "unknown field" + hint, "key"))
            valid = False
        built = {}
        for name, (field_check, required) in fields.items():
            if name in value:
                built[name] = field_check(value[name], path + (name,), issues)
                valid = valid and built[name] is not _INVALID
            elif required:
                if name not in meant.values():
                    issues.append(Issue(path + (name,), "is required but missing", "parent"))
                valid = False
        return cls(**built) if valid else _INVALID

    return check


def _choice(allowed: Any, pick: Callable[[Any], Any], meant: Callable[[str], Any] | None = None) -> Check:
    """A value that must be one of ``allowed``; ``meant`` gives the choice a word that is not one stands for
    (an Enum's own synonyms, e.g. Confidence.meant("medium") is moderate)."""
    shown = [repr(a) for a in allowed]
    expected = ", ".join(shown[:-1]) + f" or {shown[-1]}" if len(shown) > 1 else shown[0]

    def check(value: Any, path: FieldPath, issues: list[Issue]) -> Any:
        try:
            result = pick(value)
        except TypeError:  # an unhashable value (a list, a mapping) is no choice
            result = _INVALID
        if result is _INVALID:
            got = repr(value) if isinstance(value, (str, int, float)) else describe(value)
            issues.append(Issue(path, f"expected one of {expected}, got {got}{_meant(value, allowed, meant)}"))
        return result

    return check


def _meant(value: Any, allowed: Any, meant: Callable[[str], Any] | None) -> str:
    """"; did you mean 'moderate'?" for a synonym or a near miss of a choice; "" when nothing is close."""
    if not isinstance(value, str):
        return ""
    found = meant(value) if meant is not None else None
    if found is None:
        import difflib  # only when a value is wrong

        names = {str(a).lower(): a for a in allowed}
        close = difflib.get_close_matches(" ".join(value.lower().split()), list(names), n=1, cutoff=0.75)
        found = names[close[0]] if close else None
    return f"; did you mean {getattr(found, 'value', found)!r}?" if found is not None else ""


def _enum_member(cls: type[enum.Enum], value: Any) -> Any:
    try:
        return cls(value)
    except ValueError:
        return _INVALID


def _scalar(accepts: Callable[[Any], bool], expected: str, convert: Callable[[Any], Any] = lambda v: v) -> Check:
    def check(value: Any, path: FieldPath, issues: list[Issue]) -> Any:
        if accepts(value):
            return convert(value)
        issues.append(Issue(path, f"{expected}, got {describe(value)}"))
        return _INVALID

    return check


_SCALARS: dict[type, tuple[Any, ...]] = {
    str: (lambda v: isinstance(v, str), "expected text"),
    bool: (lambda v: isinstance(v, bool), "expected true or false"),
    int: (lambda v: isinstance(v, int) and not isinstance(v, bool), "expected a whole number"),
    float: (lambda v: isinstance(v, (int, float)) and not isinstance(v, bool), "expected a number", float),
}


def _misspelt_required(unknown: list[Any], missing: list[str]) -> dict[Any, str]:
    """Each unknown key that is a misspelling of a required field left out (likelyhood → likelihood)."""
    if not missing:
        return {}
    import difflib  # only when a key is wrong

    meant = {}
    for key in unknown:
        close = difflib.get_close_matches(str(key), [m for m in missing if m not in meant.values()], n=1, cutoff=0.6)
        if close:
            meant[key] = close[0]
    return meant


def _suggestion(key: str, allowed: list[str]) -> str:
    import difflib  # only when a key is wrong

    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    if close:
        return f"; did you mean {close[0]!r}?"
    return f"; expected one of: {', '.join(allowed)}"


def _unit(value: Any, size: int) -> str:
    if isinstance(value, str):
        return "character" if size == 1 else "characters"
    return "item" if size == 1 else "items"
