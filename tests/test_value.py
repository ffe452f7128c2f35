"""Values made by their fields: each class's __init__ is a shared template with the class's names put in."""

import keyword

import pytest
from hypothesis import given, settings, strategies as st

from briefgen import value
from briefgen.value import REQUIRED, FrozenError, Value, fields, replace

NAMES = st.from_regex(r"[a-z_][a-z0-9_]{0,8}", fullmatch=True).filter(
    lambda n: not keyword.iskeyword(n) and n != "self" and not n.startswith("__"))
DEFAULTS = st.one_of(st.just(REQUIRED), st.integers(), st.none(), st.text(max_size=3),
                     st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=2), st.integers(), max_size=2))


def _value_class(names, defaults):
    namespace = {"__annotations__": {name: "object" for name in names}}
    namespace.update({name: default for name, default in zip(names, defaults) if default is not REQUIRED})
    return type("Made", (Value,), namespace)


class DescribeAValuesInit:
    @given(st.lists(st.tuples(NAMES, DEFAULTS), max_size=12, unique_by=lambda f: f[0]), st.data())
    def it_takes_each_field_by_position_or_keyword_with_its_default(self, declared, data):
        names = [name for name, _ in declared]
        defaults = [default for _, default in declared]
        made = _value_class(names, defaults)
        given_ = {name: data.draw(st.integers()) for name, default in declared
                  if default is REQUIRED or data.draw(st.booleans())}
        value = made(**given_)
        for name, default in declared:
            assert getattr(value, name) == given_.get(name, default)
            if name not in given_ and isinstance(default, (list, dict)):
                assert getattr(value, name) is not default  # each value its own, never the shared default
        assert made(*[getattr(value, name) for name in names]) == value
        assert fields(value) == tuple(names)

    def it_says_which_field_is_missing(self):
        class Pair(Value):
            f1: int
            f0: int = 0  # the template's own names, swapped: each is still its own field

        with pytest.raises(TypeError, match=r"Pair: missing field 'f1'"):
            Pair(f0=2)
        pair = Pair(1, 2)
        assert (pair.f1, pair.f0) == (1, 2)
        assert replace(pair, f0=3) == Pair(f1=1, f0=3)

    def it_refuses_a_field_it_does_not_have(self):
        class Span(Value):
            text: str

        with pytest.raises(TypeError, match="bold"):
            Span(text="a", bold=True)
        with pytest.raises(TypeError):
            Span("a", "b")
        with pytest.raises(FrozenError):
            Span("a").text = "b"

    def it_names_its_init_after_its_class(self):
        class Span(Value):
            text: str

        Span("a")
        assert Span.__init__.__qualname__.endswith("Span.__init__")


class DescribeAWideValuesInit:
    """A class of more than WIDE fields binds its arguments in a loop: as the compiled __init__ does, errors too."""

    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.tuples(NAMES, DEFAULTS), min_size=1, max_size=8, unique_by=lambda f: f[0]), st.data())
    def it_binds_what_the_compiled_init_binds(self, declared, data):
        names = [name for name, _ in declared]
        made = _value_class(names, [default for _, default in declared])
        positional = data.draw(st.lists(st.integers(), max_size=len(names) + 1))
        keywords = data.draw(st.dictionaries(st.sampled_from([*names, "unknown_field"]), st.integers(), max_size=4))
        outcomes = []
        for initialiser in (value._compiled(made), value._bound(made)):
            target = object.__new__(made)
            try:
                initialiser(target, *positional, **keywords)
                outcomes.append(("made", dict(target.__dict__)))
            except TypeError as exc:
                outcomes.append(("refused", str(exc)))
        assert outcomes[0] == outcomes[1]

    def it_makes_the_labels_as_a_narrow_class_is_made(self):
        from briefgen.layout.outline import labels
        made = labels("en")
        assert len(value.fields(made)) > value.WIDE and made == labels("en")
        with pytest.raises(TypeError, match="missing field"):
            type(made)(**{name: "x" for name in value.fields(made)[1:]})


class DescribeAValuesFields:
    @given(st.lists(st.tuples(NAMES, st.integers()), max_size=4, unique_by=lambda f: f[0]))
    def it_equals_and_hashes_by_its_fields_in_order(self, declared):
        names = [name for name, _ in declared]
        made = _value_class(names, [REQUIRED] * len(names))
        one, other = made(*[v for _, v in declared]), made(*[v for _, v in declared])
        assert one._values() == tuple(v for _, v in declared)
        assert one == other and hash(one) == hash(other)
        if declared:
            changed = replace(one, **{names[-1]: declared[-1][1] + 1})
            assert changed != one and changed._values()[-1] == declared[-1][1] + 1
