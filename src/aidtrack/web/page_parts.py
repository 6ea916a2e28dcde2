"""Pieces of dashboard pages built from data: a chart with its title and caption as HTML,
the API reference grouped by tag (served by the app itself, so it works offline), and a
page's Content-Security-Policy."""

from __future__ import annotations

import base64
import hashlib
import html
import re
from typing import Any

from aidtrack import charts


def figure(fig: Any, name: str) -> str:
    """A chart as an HTML div (plotly.js is loaded once by the page from /static) and its caption.

    On a page the caption (measure, unit, source, date) is HTML text under the chart, so it
    wraps on a phone; exported charts keep it inside the figure.
    """
    caption, title = _caption(fig), _title(fig)
    div = charts.figure_div(fig, div_id=f"chart-{name}")
    head = (
        f'<h3 class="chart-title" id="title-{html.escape(name)}">{html.escape(title)}</h3>' if title else ""
    )
    tail = (
        f'<p class="caption" id="caption-{html.escape(name)}">{html.escape(caption)}</p>' if caption else ""
    )
    return f'<figure class="chart">{head}{div}{tail}</figure>'


def _title(fig: Any) -> str | None:
    """Take the title out of ``fig``: as HTML it wraps on a narrow screen instead of being cut off."""
    title = fig.layout.title.text
    if title:
        fig.update_layout(
            title_text=None, margin={"t": 20}, height=max(300, int(fig.layout.height or 480) - 40)
        )
    return str(title) if title else None


def _caption(fig: Any) -> str | None:
    """Take the caption annotation out of ``fig`` (a copy is never needed: figures are built per page)."""
    meta = fig.layout.meta
    caption = meta.get("caption") if isinstance(meta, dict) else None
    if caption:
        fig.layout.annotations = [a for a in fig.layout.annotations if a.name != "caption"]
        fig.update_layout(margin={"b": 60}, height=max(320, int(fig.layout.height or 480) - 60))
    return str(caption) if caption else None


# -- the API reference page (served by the app itself, so it works offline) ---------------


def api_reference(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """The endpoints of an OpenAPI ``schema`` grouped by tag, as plain data for a page."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for path, operations in schema.get("paths", {}).items():
        for method, op in operations.items():
            tag = (op.get("tags") or ["other"])[0]
            groups.setdefault(tag, []).append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "token": bool(op.get("security")),
                    "parameters": [_parameter(p) for p in op.get("parameters", [])],
                    "body": _body(schema, op.get("requestBody")),
                    "anchor": op.get("operationId") or f"{method}-{path}",
                }
            )
    return [{"tag": tag, "endpoints": endpoints} for tag, endpoints in groups.items()]


def _type(schema: dict[str, Any]) -> str:
    """A JSON schema's type in words: ``string``, ``integer or null``, ``array of string``, ``Support``."""
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " or ".join(dict.fromkeys(_type(s) for s in schema["anyOf"]))
    if schema.get("type") == "array":
        return f"array of {_type(schema.get('items', {}))}"
    if "enum" in schema:
        return " | ".join(map(str, schema["enum"]))
    return str(schema.get("type", "any"))


def _parameter(param: dict[str, Any]) -> dict[str, Any]:
    schema = param.get("schema", {})
    return {
        "name": param.get("name", ""),
        "in": param.get("in", ""),
        "required": bool(param.get("required")),
        "type": _type(schema),
        "description": param.get("description") or schema.get("description", ""),
        "default": schema.get("default"),
    }


def _body(schema: dict[str, Any], body: dict[str, Any] | None) -> dict[str, Any] | None:
    """The fields of a JSON request body (resolved from ``components``), or None."""
    if not body:
        return None
    content = body.get("content", {})
    media = next(iter(content), "application/json")
    shape = content.get(media, {}).get("schema", {})
    name = _type(shape)
    if "$ref" in shape:
        shape = schema.get("components", {}).get("schemas", {}).get(name, {})
    required = set(shape.get("required", []))
    fields = [
        {
            "name": key,
            "type": _type(value),
            "required": key in required,
            "description": value.get("description", ""),
        }
        for key, value in shape.get("properties", {}).items()
    ]
    return {"media": media, "name": name, "fields": fields}


# -- a page's Content-Security-Policy ---------------------------------------------------

API_POLICY = "default-src 'none'; frame-ancestors 'none'"
_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<code>.*?)</script>", re.DOTALL | re.IGNORECASE)


def page_policy(page: str) -> str:
    """The Content-Security-Policy of one HTML page: same origin only, its inline scripts by hash."""
    hashes = sorted(
        {
            _sha256(m.group("code"))
            for m in _INLINE_SCRIPT.finditer(page)
            if "src=" not in m.group("attrs").lower() and m.group("code").strip()
        }
    )
    scripts = " ".join(["'self'", *hashes])
    return (
        f"default-src 'self'; script-src {scripts}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
        "frame-ancestors 'none'"
    )


def _sha256(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii") + "'"
