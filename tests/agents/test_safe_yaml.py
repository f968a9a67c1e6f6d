"""User YAML is read without aliases and within size limits, before any value is built."""

from __future__ import annotations

import pytest
import yaml

from agents import safe_yaml
from agents.safe_yaml import UserYamlError, load_user_yaml


@pytest.fixture(params=["libyaml", "pure"])
def loader(request, monkeypatch):
    """Both parsers: libyaml where installed, the pure-Python one as the fallback."""
    if request.param == "pure":
        monkeypatch.setattr(safe_yaml, "_LOADER", yaml.SafeLoader)
    elif not hasattr(yaml, "CSafeLoader"):
        pytest.skip("libyaml is not installed")
    return request.param


def test_plain_yaml_loads_as_before(loader):
    text = "queries:\n  - query: which drug thins the blood\n    relevant: [d1, d2]\nn: 3\nok: true\n"
    assert load_user_yaml(text) == yaml.safe_load(text)
    assert load_user_yaml("") is None


@pytest.mark.parametrize("text, where", [
    ("a: &x [1, 2]\nb: *x\n", (2, 4)),
    ("base: &b {k: 1}\nitem:\n  <<: *b\n  j: 2\n", (3, 7)),   # a merge key is an alias too
])
def test_aliases_are_refused_with_where_they_are(loader, text, where):
    with pytest.raises(UserYamlError) as err:
        load_user_yaml(text)
    assert "aliases" in err.value.reason and (err.value.line, err.value.column) == where


def test_an_alias_bomb_is_refused_before_it_expands(loader):
    lines = ["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, 9)]
    with pytest.raises(UserYamlError, match="aliases"):
        load_user_yaml("\n".join(lines))


def test_limits_on_depth_nodes_and_bytes(loader):
    with pytest.raises(UserYamlError, match="nested more than 5 levels"):
        load_user_yaml("a: " + "[" * 5 + "]" * 5, max_depth=5)            # the mapping is a level too
    assert load_user_yaml("a: " + "[" * 4 + "]" * 4, max_depth=5) == {"a": [[[[]]]]}
    with pytest.raises(UserYamlError, match="nested more than 50 levels"):  # libyaml stops at 1000 by itself
        load_user_yaml("[" * 5000 + "]" * 5000)
    with pytest.raises(UserYamlError, match="more than 10 values"):
        load_user_yaml("[" + ", ".join(["1"] * 10) + "]", max_nodes=10)  # the list and its ten items
    with pytest.raises(UserYamlError, match="the limit is 100"):
        load_user_yaml("a: " + "x" * 200, max_bytes=100)


@pytest.mark.parametrize("text, words", [("a: [1, 2\n", "malformed YAML"), ("a: 2020-13-45\n", "could not be read"),
                                         ("a: !!int x\n", "could not be read"), ("a: !!python/object:os.system x\n",
                                                                                 "malformed YAML")])
def test_malformed_yaml_is_one_error(loader, text, words):
    with pytest.raises(UserYamlError, match=words):
        load_user_yaml(text)
