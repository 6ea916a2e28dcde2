"""Use cases: the functions the CLI and the web app call (import the submodules, e.g.
``from aidtrack.services import ledger``).

Pure presentation modules are not re-exported here: the CLI and the web import
:mod:`aidtrack.charts`, :mod:`aidtrack.rules.render`, :mod:`aidtrack.analysis.formatting`
and :mod:`aidtrack.analysis.report_html` directly (values in, text or figures out; they
reach no ledger).
"""
