"""Model parts: immutable values built from plain data, every problem reported with its field's path."""

from __future__ import annotations

from typing import Annotated, Literal

import pytest

from briefgen.parts import Before, Length, Part, Pattern, Range, build
from briefgen.value import FrozenError


class Item(Part):
    name: Annotated[str, Before(str.strip), Length(min=1, max=5)]
    size: Annotated[float, Range(gt=0)] = 1.0


class Box(Part):
    label: Annotated[str, Pattern(r"^[a-z]+$")]
    kind: Literal["crate", "bag"] = "crate"
    items: Annotated[list[Item], Length(min=1)]
    tags: list[str] = []
    note: str | None = None


def messages(data: object) -> list[str]:
    value, issues = build(Box, data)
    assert (value is None) == bool(issues)
    return [f"{'.'.join(map(str, i.path))}@{i.at}: {i.message}" for i in issues]


class DescribeAPart:
    def it_is_immutable_and_equal_by_its_fields(self):
        box = Box(label="a", items=[Item(name="x")])
        with pytest.raises(FrozenError):
            box.label = "b"  # type: ignore[misc]
        assert box == Box(label="a", items=[Item(name="x")]) != Box(label="b", items=[Item(name="x")])
        assert repr(Item(name="x")) == "Item(name='x', size=1.0)"

    def it_gives_each_part_its_own_list_default(self):
        first, second = Box(label="a", items=[]), Box(label="b", items=[])
        first.tags.append("t")
        assert second.tags == []

    def it_refuses_unknown_and_missing_fields_when_made_in_code(self):
        with pytest.raises(TypeError, match="missing field 'label'"):
            Box(items=[])
        with pytest.raises(TypeError, match="'colour'"):
            Item(name="x", colour="red")


class DescribeBuild:
    def it_builds_nested_parts_applying_before_functions(self):
        box, issues = build(Box, {"label": "a", "items": [{"name": " x ", "size": 2}], "note": None})
        assert not issues
        assert box.items == [Item(name="x", size=2.0)] and box.kind == "crate" and box.note is None

    def it_reports_every_problem_with_its_path_at_once(self):
        found = messages({"label": "A1", "kind": "tin", "items": [{"name": "", "size": 0}, "x"],
                          "tagz": [], "note": 3})
        assert found == [
            "tagz@key: unknown field; did you mean 'tags'?",
            "label@value: 'A1' does not have the expected form (^[a-z]+$)",
            "kind@value: expected one of 'crate' or 'bag', got 'tin'",
            "items.0.name@value: must not be empty",
            "items.0.size@value: is 0; it must be more than 0",
            "items.1@value: expected a mapping of fields, got str 'x'",
            "note@value: expected text, got the number 3",
        ]

    def it_points_a_missing_field_at_its_mapping(self):
        assert messages({"items": [{"size": 1}]}) == ["label@parent: is required but missing",
                                                      "items.0.name@parent: is required but missing"]

    @pytest.mark.parametrize("data, message", [
        (None, "expected a mapping of fields, got nothing (an empty value)"),
        ({"label": "a", "items": []}, "items@value: must not be empty"),
        ({"label": "a", "items": {"name": "x"}}, "items@value: expected a list, got a mapping"),
        ({"label": "a", "items": [{"name": "toolong"}]}, "is 7 characters long; at most 5 are allowed"),
        ({"label": "a", "items": [{"name": "x", "size": True}]}, "expected a number, got true/false"),
    ])
    def it_says_what_was_expected_and_what_was_found(self, data, message):
        [found] = messages(data)
        assert found.endswith(message)
