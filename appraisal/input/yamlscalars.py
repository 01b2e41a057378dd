"""How a plain (unquoted) YAML scalar resolves: exactly as PyYAML's ``SafeLoader`` does
under the YAML 1.1 core schema (null, booleans, integers, floats, timestamps; the rest
is text), with fast paths for plain decimals."""

from __future__ import annotations

import functools
import re
from typing import Any

import yaml

_RESOLVERS = yaml.resolver.Resolver.yaml_implicit_resolvers
_CTOR = yaml.constructor.SafeConstructor()
_SIMPLE_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)$")
_SIMPLE_FLOAT = re.compile(r"[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?$")


@functools.lru_cache(maxsize=8192)
def plain_scalar(value: str) -> Any:
    """Resolve a plain scalar (cached: appraisals repeat keys and scores endlessly).
    Only immutable values are returned, so sharing them is safe. A value PyYAML cannot
    construct (an integer beyond Python's digit limit, a date that does not exist)
    stays text, which the format then refuses where a number or date is expected."""
    for tag, regexp in _RESOLVERS.get(value[:1], []) if value else _RESOLVERS.get("", []):
        if not regexp.match(value):
            continue
        try:
            if tag.endswith(":int"):
                return int(value) if _SIMPLE_INT.match(value) else \
                    _CTOR.construct_yaml_int(yaml.ScalarNode(tag, value))
            if tag.endswith(":float"):
                return float(value) if _SIMPLE_FLOAT.match(value) else \
                    _CTOR.construct_yaml_float(yaml.ScalarNode(tag, value))
            if tag.endswith(":bool"):
                return _CTOR.bool_values[value.lower()]
            if tag.endswith(":null"):
                return None
            if tag.endswith(":timestamp"):
                return _CTOR.construct_yaml_timestamp(yaml.ScalarNode(tag, value))
        except (ValueError, OverflowError):
            return value
        return value  # merge '<<' and value '=' keys stay plain text
    return value
