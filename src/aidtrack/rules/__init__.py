"""Export rules over time, the transfer route checker and a donor's options report.

The register (``aidtrack/data/rules/*.yaml``) holds, per country or the EU, sourced
rules on supplying a party to a war. Each rule says what it covers (lethal,
non_lethal, ammunition, dual_use), its scope (direct, reexport, both), the
destination it applies to (any, states_at_war, or a country code), its effect
(prohibit, require_approval, require_consent, allow), validity dates, explicit
``overrides``, sources (url, publisher, date, kind) and a confidence, plus what makes
it citable: ``basis``, ``legal_reference``, ``last_reviewed``, ``unverified`` and an
optional ``via`` scope (see docs/rules.md). Precedence is in
:mod:`aidtrack.rules.precedence`; the at-war table is data
(``aidtrack/data/conflicts.yaml``) read by :mod:`aidtrack.rules.conflicts`.

>>> import datetime as dt
>>> check_transfer(Transfer("SWE", "UKR", "weapons", on=dt.date(2022, 3, 1))).verdict
'allowed'
"""

from aidtrack.rules.changes import RuleChange, rule_changes, rules_in_force
from aidtrack.rules.checker import check_transfer
from aidtrack.rules.conflicts import ConflictParty, is_at_war, load_conflicts, parties_at_war
from aidtrack.rules.model import (
    CheckResult,
    Finding,
    Rule,
    RuleSource,
    Transfer,
    normalize_item,
)
from aidtrack.rules.options import OptionsReport, RouteOption, build_options
from aidtrack.rules.register import Register, load_register
from aidtrack.rules.render import (
    render_changes,
    render_check,
    render_options,
    render_rules,
    render_stale,
)
from aidtrack.rules.review import audit_register, stale_rules
from aidtrack.rules.signals import load_signals
from aidtrack.rules.sources import (
    SourceProblem,
    audit_rules,
    audit_signal_entries,
    problems_of_url,
)

__all__ = [
    "CheckResult",
    "ConflictParty",
    "Finding",
    "OptionsReport",
    "Register",
    "RouteOption",
    "Rule",
    "RuleChange",
    "RuleSource",
    "SourceProblem",
    "Transfer",
    "audit_register",
    "audit_rules",
    "audit_signal_entries",
    "build_options",
    "check_transfer",
    "is_at_war",
    "load_conflicts",
    "load_register",
    "load_signals",
    "normalize_item",
    "parties_at_war",
    "problems_of_url",
    "render_changes",
    "render_check",
    "render_options",
    "render_rules",
    "render_stale",
    "rule_changes",
    "rules_in_force",
    "stale_rules",
]
