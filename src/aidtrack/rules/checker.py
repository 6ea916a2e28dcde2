"""Check a transfer route hop by hop against the rules in force on its date.

Each hop is judged twice:

* the **exporter** of the hop (the origin, then each intermediary) under its own
  rules for shipping the item to the next state (``scope`` direct or both);
* every **upstream** state (the country of manufacture, and each earlier exporter)
  under its re-export rules (``scope`` reexport or both), because onward
  transfers need their consent.

A rule with a ``via`` scope (shells lent to the US) applies only to routes
through one of its intermediaries; for a re-export question the state passing the
item on counts as well (partners cleared to send their own Leopard 2s). A rule
limited to named ``equipment`` applies only when the transfer names it.

Two more questions per route:

* **licensing**: an exporter's general licensing requirement (``topic:
  licensing``, e.g. a war-materiel act) adds a ``licence-required`` finding when
  its specific rules allow the hop, and makes the hop ``approval-required`` when no
  specific rule is on record;
* **passage**: every ``transit`` state (straits, airspace or land crossed without
  a handover) is judged under its ``topic: passage`` rules for the final recipient
  (``passage-prohibited``, ``passage-approval-required``).

Default when no rule is on record: the hop is allowed, with a ``no-rule-found``
warning for an exporter and an info finding for an upstream state.

Verdict: ``prohibited`` if any error, else ``needs-consent`` (of the upstream
states whose rules require consent or a licence), else ``needs-approval`` (of
exporters whose rules require a licence or case-by-case decision), else ``allowed``.

>>> check_transfer(Transfer("DEU", "UKR", "lethal", on=dt.date(2022, 1, 15))).verdict
'prohibited'
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from aidtrack.actors import display_name
from aidtrack.rules.model import CheckResult, Finding, Rule, Transfer
from aidtrack.rules.precedence import CHECKED_TOPICS, Decision, applicable, decide
from aidtrack.rules.register import RegisterLike, as_register

_LABEL = {
    "prohibit": "prohibits",
    "require_approval": "requires a licence or government decision for",
    "require_consent": "requires consent for",
    "allow": "allows",
}


def check_transfer(transfer: Transfer, *, register: RegisterLike = None) -> CheckResult:
    """Judge every hop of ``transfer`` and return findings and a verdict."""
    rules = as_register(register).rules
    findings: list[Finding] = []
    chain = transfer.chain
    for hop in range(len(chain) - 1):
        exporter, destination = chain[hop], chain[hop + 1]
        findings.extend(_export_findings(rules, transfer, hop, exporter, destination))
        for upstream in _upstream(transfer, hop):
            findings.append(_reexport_finding(rules, transfer, hop, upstream, destination))
    findings.extend(_passage_findings(rules, transfer))
    return _result(transfer, findings)


def _upstream(transfer: Transfer, hop: int) -> list[str]:
    """States whose consent the hop may need: the maker, then earlier exporters."""
    assert transfer.manufacturer is not None
    candidates = [transfer.manufacturer, *transfer.chain[:hop]]
    exporter = transfer.chain[hop]
    return list(dict.fromkeys(c for c in candidates if c != exporter))


def _decision(
    rules: tuple[Rule, ...],
    transfer: Transfer,
    *,
    country: str,
    role: str,
    destination: str,
    topics: tuple[str, ...] = CHECKED_TOPICS,
    passed_on_by: str | None = None,
) -> Decision | None:
    on = transfer.on or dt.date.today()
    intermediaries = transfer.via + ((passed_on_by,) if passed_on_by else ())
    found = applicable(
        rules,
        country=country,
        role=role,
        item=transfer.item,
        destination=destination,
        on=on,
        intermediaries=intermediaries,
        topics=topics,
        equipment=transfer.equipment,
    )
    return decide(found)


def _export_findings(
    rules: tuple[Rule, ...], transfer: Transfer, hop: int, exporter: str, destination: str
) -> list[Finding]:
    decision = _decision(rules, transfer, country=exporter, role="export", destination=destination)
    licence = _decision(
        rules, transfer, country=exporter, role="export", destination=destination, topics=("licensing",)
    )
    what = f"{transfer.item.replace('_', '-')} exports from {_who(exporter)} to {_who(destination)}"
    if decision is None and licence is not None:
        text = f"{_rule_phrase(licence.winner)} {what}; no more specific rule is on record"
        return [_finding("approval-required", "warning", exporter, licence, hop, text)]
    if decision is None:
        return [
            Finding(
                "no-rule-found",
                "warning",
                exporter,
                f"No rule on record for {what} on {transfer.on}; treated as allowed.",
                hop=hop,
            )
        ]
    rule = decision.winner
    slug, severity = _export_slug(rule.effect, decision, hop)
    found = [_finding(slug, severity, exporter, decision, hop, f"{_rule_phrase(rule)} {what}")]
    if licence is not None and rule.effect != "prohibit":
        text = f"{_rule_phrase(licence.winner)} {what}, which still needs that licence"
        found.append(_finding("licence-required", "info", exporter, licence, hop, text))
    return found


def _passage_findings(rules: tuple[Rule, ...], transfer: Transfer) -> list[Finding]:
    """Findings for the passage rules of transit states (intermediaries answer as exporters)."""
    last = len(transfer.chain) - 2
    found = []
    for state in dict.fromkeys(s for s in transfer.transit if s not in transfer.chain):
        hop = last
        decision = _decision(
            rules, transfer, country=state, role="export", destination=transfer.recipient, topics=("passage",)
        )
        if decision is None:
            continue
        what = (
            f"passage of {transfer.item.replace('_', '-')} bound for {_who(transfer.recipient)} "
            f"through {_who(state)}"
        )
        slug, severity = _PASSAGE_SLUG[decision.winner.effect]
        found.append(
            _finding(slug, severity, state, decision, hop, f"{_rule_phrase(decision.winner)} {what}")
        )
    return found


_PASSAGE_SLUG = {
    "prohibit": ("passage-prohibited", "error"),
    "require_approval": ("passage-approval-required", "warning"),
    "require_consent": ("passage-approval-required", "warning"),
    "allow": ("passage-allowed", "info"),
}


def _export_slug(effect: str, decision: Decision, hop: int) -> tuple[str, str]:
    if effect == "prohibit":
        return ("direct-export-prohibited" if hop == 0 else "onward-export-prohibited", "error")
    if effect in ("require_approval", "require_consent"):
        return ("approval-required", "warning")
    return ("exception-applies" if decision.is_exception else "export-allowed", "info")


def _reexport_finding(
    rules: tuple[Rule, ...], transfer: Transfer, hop: int, upstream: str, destination: str
) -> Finding:
    decision = _decision(
        rules,
        transfer,
        country=upstream,
        role="reexport",
        destination=destination,
        passed_on_by=transfer.chain[hop],
    )
    what = (
        f"passing {upstream}-origin {transfer.item.replace('_', '-')} from "
        f"{_who(transfer.chain[hop])} to {_who(destination)}"
    )
    if decision is None:
        return Finding(
            "no-rule-found",
            "info",
            upstream,
            f"No re-export rule of {_who(upstream)} on record for {what}; no consent requirement assumed.",
            hop=hop,
        )
    rule = decision.winner
    slug, severity = _reexport_slug(rule.effect, decision)
    return _finding(slug, severity, upstream, decision, hop, f"{_rule_phrase(rule)} {what}")


def _reexport_slug(effect: str, decision: Decision) -> tuple[str, str]:
    if effect == "prohibit":
        return ("reexport-prohibited", "error")
    if effect in ("require_approval", "require_consent"):
        return ("reexport-consent-required", "warning")
    return ("exception-applies" if decision.is_exception else "reexport-allowed", "info")


def _finding(slug: str, severity: Any, country: str, decision: Decision, hop: int, text: str) -> Finding:
    rule = decision.winner
    aside = tuple(r.id for r in decision.set_aside)
    extra = f" (takes precedence over {', '.join(aside)})" if aside else ""
    return Finding(
        slug,
        severity,
        country,
        f"{text}{extra}.",
        rule_id=rule.id,  # type: ignore[arg-type]
        citation=rule.citation,
        hop=hop,
        set_aside=aside,
        basis=rule.basis,
        rule_title=rule.title,
        legal_reference=rule.legal_reference,
        unverified=rule.unverified,
        topic=rule.topic,
    )


def _rule_phrase(rule: Rule) -> str:
    return f'{_who(rule.country)}\'s rule {rule.id} ("{rule.title}") {_LABEL[rule.effect]}'


def _who(code: str) -> str:
    name = display_name(code)
    return code if name == code else f"{name} ({code})"


def _result(transfer: Transfer, findings: list[Finding]) -> CheckResult:
    consent = _countries(findings, "reexport-consent-required")
    approval = tuple(
        dict.fromkeys(
            _countries(findings, "approval-required") + _countries(findings, "passage-approval-required")
        )
    )
    if any(f.severity == "error" for f in findings):
        verdict = "prohibited"
    elif consent:
        verdict = "needs-consent"
    elif approval:
        verdict = "needs-approval"
    else:
        verdict = "allowed"
    return CheckResult(transfer, verdict, tuple(findings), consent, approval)


def _countries(findings: list[Finding], slug: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(f.country for f in findings if f.slug == slug))
