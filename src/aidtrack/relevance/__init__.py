"""A cheap relevance pre-filter that runs before the parser.

Two stages: a keyword gate (does the article use any word of support, pressure,
sanctions or arms policy at all?) and a small classifier (hashing vectorizer and
logistic regression) trained, deterministically and in well under a second, on the
project's own labelled sentences in ``data/relevance/*.yaml``. An article passes
when its most relevant sentence scores at least ``threshold``.

Example::

    relevance = load_filter()
    relevance.passes(article_from_text("T\\n\\nJapan sent tanks and ammunition to Ukraine."))  # True
"""

from aidtrack.relevance.filter import DEFAULT_THRESHOLD, RelevanceFilter, Verdict, load_filter

__all__ = ["DEFAULT_THRESHOLD", "RelevanceFilter", "Verdict", "load_filter"]
