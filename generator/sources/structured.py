"""JSON and YAML seeds: a Hugging Face papers answer if it has that shape, else papershelf records."""

from __future__ import annotations

import json
from collections.abc import Iterator

import yaml

from generator.problems import Problem
from generator.sources import ReadResult, hf_json, records

SUFFIXES = (".json", ".yml", ".yaml")


def read(path: str, lines: Iterator[tuple[int, str]]) -> ReadResult:
    """JSON or YAML: a Hugging Face answer if it has that shape, else papershelf records."""
    text = "\n".join(line for _, line in lines)
    try:
        data = json.loads(text) if path.endswith(".json") else yaml.safe_load(text)
    except RecursionError:
        return ReadResult(problems=[Problem(path, 0, "is nested too deep to read (lists or objects inside each other past Python's limit); stopped reading", "error")])
    except (ValueError, yaml.YAMLError) as err:
        line = getattr(err, "lineno", None) or getattr(getattr(err, "problem_mark", None), "line", -1) + 1
        return ReadResult(problems=[Problem(path, line, f"is not valid {'JSON' if path.endswith('.json') else 'YAML'}: {err}", "error")])
    if hf_json.items(data) is not None:
        return hf_json.read(path, data)
    return records.read(path, data, text)
