"""Errors about one entry of a YAML data file of the rules package (the conflict table, the
signals register), naming the file, the entry and the first field that is wrong.

>>> import pydantic
>>> class Party(pydantic.BaseModel):
...     country: str
>>> try:
...     Party.model_validate({"country": 7})
... except pydantic.ValidationError as ex:
...     print(entry_error(ex, label="entry #1", origin="conflicts.yaml", fix="Fix that entry."))
Invalid entry #1 in conflicts.yaml: field "country": Input should be a valid string (got 7). Fix that entry.
"""

from __future__ import annotations

import pydantic

from aidtrack.errors import RuleRegisterError


def entry_error(
    ex: pydantic.ValidationError, *, label: str, origin: str, fix: str, whole: str = "(entry)"
) -> RuleRegisterError:
    """The error for the entry ``label`` of ``origin`` that failed validation (``whole``: the
    field named when the entry as a whole is wrong); ``fix`` says what to do."""
    err = ex.errors()[0]
    field = ".".join(str(p) for p in err["loc"]) or whole
    return RuleRegisterError(
        f'Invalid {label} in {origin}: field "{field}": {err["msg"]} (got {err.get("input")!r}). {fix}'
    )
