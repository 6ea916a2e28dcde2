"""Export rules over time, the transfer route checker and a donor's options report.

The register (``aidtrack/data/rules/*.yaml``) holds, per country or the EU, sourced
rules on supplying a party to a war. Each rule says what it covers (lethal,
non_lethal, ammunition, dual_use), its scope (direct, reexport, both), the
destination it applies to (any, states_at_war, or a country code), its effect
(prohibit, require_approval, require_consent, allow), validity dates, explicit
``overrides``, sources (url, publisher, date) and a confidence. Precedence is in
:mod:`aidtrack.rules.precedence`; the at-war table in :mod:`aidtrack.rules.conflicts`.

>>> import datetime as dt
>>> check_transfer(Transfer("SWE", "UKR", "weapons", on=dt.date(2022, 3, 1))).verdict
'allowed'
"""

from aidtrack.rules.changes import RuleChange, rule_changes, rules_in_force
from aidtrack.rules.checker import check_transfer
from aidtrack.rules.conflicts import is_at_war, parties_at_war
from aidtrack.rules.model import CheckResult, Finding, Rule, Source, Transfer, normalize_item
from aidtrack.rules.options import OptionsReport, RouteOption, build_options
from aidtrack.rules.register import Register, load_register
from aidtrack.rules.render import render_changes, render_check, render_options, render_rules
from aidtrack.rules.signals import load_signals

__all__ = [
    "CheckResult",
    "Finding",
    "OptionsReport",
    "Register",
    "RouteOption",
    "Rule",
    "RuleChange",
    "Source",
    "Transfer",
    "build_options",
    "check_transfer",
    "is_at_war",
    "load_register",
    "load_signals",
    "normalize_item",
    "parties_at_war",
    "render_changes",
    "render_check",
    "render_options",
    "render_rules",
    "rule_changes",
    "rules_in_force",
]
