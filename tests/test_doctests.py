"""The examples in the library's docstrings run (as in Oxigraph's Python bindings)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["ogpgraph.dataset.store", "ogpgraph.core.sparql", "ogpgraph.core.sanitize"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no examples"
    assert result.failed == 0
