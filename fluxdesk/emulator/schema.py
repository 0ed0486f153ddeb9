"""A small JSON-schema validator that answers the way FastAPI + pydantic v2 (lax mode) would.

BFL's API is FastAPI: a body is parsed with ``json.loads`` and validated by pydantic models whose
JSON schema is the published OpenAPI file. This module walks that schema and reproduces pydantic's
conversions (``"1024"`` and ``1024.0`` are valid integers, ``1024.5`` is not, ``"yes"`` is a
boolean), its constraint order and its error ``type``/``msg``/``ctx`` wording, so a client tested
against the emulator sees the same 422 bodies it would see from the real API.

Only what the BFL schemas use is supported: ``$ref``, ``anyOf`` (mostly ``X | null``), ``enum``,
``integer``/``number``/``string``/``boolean``/``object``, ``minimum``/``maximum``/``exclusive*``,
``multipleOf``, ``minLength``/``maxLength``, ``format: uri`` (pydantic's ``HttpUrl``), ``required``
and ``default``. Unknown body fields are ignored, as pydantic's default ``extra="ignore"`` does.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

Loc = tuple[str | int, ...]

_TRUE = frozenset({"1", "on", "t", "true", "y", "yes"})
_FALSE = frozenset({"0", "off", "f", "false", "n", "no"})
_DECIMAL_INT = re.compile(r"^[+-]?\d+\.0*$")


@dataclass(frozen=True, slots=True)
class FieldError:
    loc: Loc
    msg: str
    type: str
    input: Any
    ctx: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "type": self.type,
            "loc": list(self.loc),
            "msg": self.msg,
            "input": self.input,
        }
        if self.ctx is not None:
            data["ctx"] = self.ctx
        return data


class _Invalid(Exception):
    """One pydantic error for one value; pydantic stops at the first failing check per field."""

    def __init__(self, type_: str, msg: str, ctx: dict[str, Any] | None = None) -> None:
        super().__init__(msg)
        self.type = type_
        self.msg = msg
        self.ctx = ctx


def value_error(loc: Loc, message: str, value: Any) -> FieldError:
    """The shape pydantic gives an error raised by a custom validator."""
    return FieldError(loc, f"Value error, {message}", "value_error", value, {"error": message})


def format_number(value: float | int) -> float | int:
    # pydantic prints the bound as declared; BFL's bounds are whole numbers except guidance's.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _plural(count: int) -> str:
    return "" if count == 1 else "s"


class SchemaValidator:
    """Validates JSON values against the ``components/schemas`` of one OpenAPI document."""

    def __init__(self, document: dict[str, Any]) -> None:
        self._schemas: dict[str, Any] = document.get("components", {}).get("schemas", {})

    def schema(self, name: str) -> dict[str, Any]:
        return self._schemas[name]

    def resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in schema:
            schema = self._schemas[schema["$ref"].rsplit("/", 1)[-1]]
        return schema

    def validate_body(self, schema_name: str, body: Any) -> tuple[dict[str, Any], list[FieldError]]:
        """Returns the body with defaults filled in, and the errors in field order."""
        return self.validate_object(self.schema(schema_name), body, ("body",))

    def validate_object(
        self, schema: dict[str, Any], value: Any, loc: Loc
    ) -> tuple[dict[str, Any], list[FieldError]]:
        schema = self.resolve(schema)
        if not isinstance(value, dict):
            msg = "Input should be a valid dictionary or object to extract fields from"
            return {}, [FieldError(loc, msg, "model_attributes_type", value)]
        required = set(schema.get("required", ()))
        out: dict[str, Any] = {}
        errors: list[FieldError] = []
        for name, prop in schema.get("properties", {}).items():
            if name in value:
                converted, errs = self.validate_value(prop, value[name], (*loc, name))
                errors.extend(errs)
                out[name] = converted
            elif name in required:
                errors.append(FieldError((*loc, name), "Field required", "missing", value))
            else:
                out[name] = prop.get("default")
        return out, errors

    def validate_value(self, schema: dict[str, Any], value: Any, loc: Loc) -> tuple[Any, list]:
        schema = self.resolve(schema)
        if "anyOf" in schema:
            return self._validate_any_of(schema["anyOf"], value, loc)
        if schema.get("type") == "object" and "properties" in schema:
            return self.validate_object(schema, value, loc)
        try:
            return self._validate_scalar(schema, value), []
        except _Invalid as err:
            return None, [FieldError(loc, err.msg, err.type, value, err.ctx)]

    def _validate_any_of(self, options: list[dict[str, Any]], value: Any, loc: Loc):
        branches = [self.resolve(o) for o in options]
        nullable = any(b.get("type") == "null" for b in branches)
        others = [b for b in branches if b.get("type") != "null"]
        if value is None and nullable:
            return None, []
        if len(others) == 1:
            # pydantic's nullable schema: errors are the inner type's, at the same location.
            return self.validate_value(others[0], value, loc)
        errors: list[FieldError] = []
        for branch in others:
            converted, errs = self.validate_value(branch, value, loc)
            if not errs:
                return converted, []
            tag = branch.get("type") or branch.get("title") or "union"
            errors.extend(
                FieldError((*loc, str(tag), *e.loc[len(loc) :]), e.msg, e.type, e.input, e.ctx)
                for e in errs
            )
        return None, errors

    def _validate_scalar(self, schema: dict[str, Any], value: Any) -> Any:
        if "enum" in schema:
            return _check_enum(schema["enum"], value)
        kind = schema.get("type")
        if kind == "integer":
            return _check_number(schema, _to_int(value))
        if kind == "number":
            return _check_number(schema, _to_float(value))
        if kind == "boolean":
            return _to_bool(value)
        if kind == "string":
            if schema.get("format") == "uri":
                return _check_url(schema, value)
            return _check_string(schema, value)
        if kind == "null":
            if value is not None:
                raise _Invalid("none_required", "Input should be None")
            return None
        if kind == "array":
            if not isinstance(value, list):
                raise _Invalid("list_type", "Input should be a valid list")
            return value
        if kind == "object":
            if not isinstance(value, dict):
                raise _Invalid("dict_type", "Input should be a valid dictionary")
            return value
        return value  # no type: anything goes, as pydantic's Any


def _to_int(value: Any) -> int:
    if isinstance(value, bool):  # lax mode: True -> 1
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise _Invalid("finite_number", "Input should be a finite number")
        if not value.is_integer():
            raise _Invalid(
                "int_from_float",
                "Input should be a valid integer, got a number with a fractional part",
            )
        return int(value)
    if isinstance(value, str):
        text = value.strip()
        try:
            return int(text)
        except ValueError:
            if _DECIMAL_INT.match(text):
                return int(text.split(".", 1)[0])
        raise _Invalid(
            "int_parsing", "Input should be a valid integer, unable to parse string as an integer"
        )
    raise _Invalid("int_type", "Input should be a valid integer")


def _to_float(value: Any) -> float:
    if isinstance(value, bool | int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            pass
        raise _Invalid(
            "float_parsing", "Input should be a valid number, unable to parse string as a number"
        )
    raise _Invalid("float_type", "Input should be a valid number")


def _to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    if isinstance(value, str | int | float):
        raise _Invalid("bool_parsing", "Input should be a valid boolean, unable to interpret input")
    raise _Invalid("bool_type", "Input should be a valid boolean")


def _check_number(schema: dict[str, Any], number: int | float) -> int | float:
    # pydantic-core's order: multiple_of, le, lt, ge, gt; the first failure is the only error.
    step = schema.get("multipleOf")
    if step is not None and number % step != 0:
        shown = format_number(step)
        raise _Invalid(
            "multiple_of", f"Input should be a multiple of {shown}", {"multiple_of": shown}
        )
    checks = (
        ("maximum", "less_than_equal", "less than or equal to", "le", lambda b: number > b),
        ("exclusiveMaximum", "less_than", "less than", "lt", lambda b: number >= b),
        ("minimum", "greater_than_equal", "greater than or equal to", "ge", lambda b: number < b),
        ("exclusiveMinimum", "greater_than", "greater than", "gt", lambda b: number <= b),
    )
    for key, type_, words, ctx_key, fails in checks:
        bound = schema.get(key)
        if bound is not None and fails(bound):
            shown = format_number(bound)
            raise _Invalid(type_, f"Input should be {words} {shown}", {ctx_key: shown})
    return number


def _check_enum(choices: list[Any], value: Any) -> Any:
    if value in choices and not isinstance(value, bool):
        return value
    quoted = [repr(c) if isinstance(c, str) else str(c) for c in choices]
    expected = quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"
    raise _Invalid("enum", f"Input should be {expected}", {"expected": expected})


def _check_string(schema: dict[str, Any], value: Any) -> str:
    if not isinstance(value, str):
        raise _Invalid("string_type", "Input should be a valid string")
    low, high = schema.get("minLength"), schema.get("maxLength")
    if low is not None and len(value) < low:
        msg = f"String should have at least {low} character{_plural(low)}"
        raise _Invalid("string_too_short", msg, {"min_length": low})
    if high is not None and len(value) > high:
        msg = f"String should have at most {high} character{_plural(high)}"
        raise _Invalid("string_too_long", msg, {"max_length": high})
    return value


def _check_url(schema: dict[str, Any], value: Any) -> str:
    # BFL's webhook_url is pydantic's HttpUrl: http(s) only, at most 2083 characters.
    if not isinstance(value, str):
        raise _Invalid("url_type", "URL input should be a string or URL")
    high = schema.get("maxLength")
    if high is not None and len(value) > high:
        raise _Invalid(
            "url_too_long", f"URL should have at most {high} characters", {"max_length": high}
        )
    text = value.strip()
    if not text:
        raise _Invalid(
            "url_parsing",
            "Input should be a valid URL, input is empty",
            {"error": "input is empty"},
        )
    parts = urlsplit(text)
    if not parts.scheme or "://" not in text:
        reason = "relative URL without a base"
        raise _Invalid("url_parsing", f"Input should be a valid URL, {reason}", {"error": reason})
    if parts.scheme.lower() not in ("http", "https"):
        raise _Invalid(
            "url_scheme",
            "URL scheme should be 'http' or 'https'",
            {"expected_schemes": "'http' or 'https'"},
        )
    if not parts.hostname:
        raise _Invalid(
            "url_parsing", "Input should be a valid URL, empty host", {"error": "empty host"}
        )
    return text
