"""Event rules kept as code, one module per concept; :data:`RULES` in the order the pipeline runs them.

Each rule looks at one trigger token of a parsed sentence (trigger words come
from ``data/extract/triggers.yaml``) and reads the roles from the dependency
tree. Rules return :class:`Found` events; the pipeline adds evidence offsets
and merges them into the set an article reports. The order of :data:`RULES` matters.
"""

from __future__ import annotations

import functools

from aidtrack.extract.lexicon import Lexicon
from aidtrack.extract.rules.appeal_nouns import (
    appeal_answered,
    appeal_like_before,
    appeal_noun,
    appeal_pressure,
    appeal_wishlist,
)
from aidtrack.extract.rules.appeals import (
    appeal_approach,
    appeal_complaint,
    appeal_deontic,
    appeal_imperative,
    appeal_verb,
)
from aidtrack.extract.rules.common import ANCHOR_LEMMAS, ANCHOR_POS, TRADE_LEMMAS, ArticleContext, Found, Rule
from aidtrack.extract.rules.headlines import headline_verb
from aidtrack.extract.rules.policies import (
    policy_change,
    policy_held_released,
    policy_lifted_again,
    policy_restriction_told,
    policy_resumption,
)
from aidtrack.extract.rules.policy_rulings import (
    policy_nominal,
    policy_ruling,
    policy_transfer_permission,
    policy_use_licence,
    policy_use_permission,
)
from aidtrack.extract.rules.refusal_idioms import (
    policy_no_new_approvals,
    refusal_gap_unfilled,
    refusal_kept_halted,
    refusal_no_pledge,
    refusal_none_given,
    refusal_not_approving,
    refusal_nothing_to_spare,
    refusal_on_hold,
    refusal_opting_out,
    refusal_principle,
)
from aidtrack.extract.rules.refusals import (
    refusal_answer,
    refusal_barring,
    refusal_despite_request,
    refusal_excluded,
    refusal_noun,
    refusal_of_operation,
    refusal_verb,
)
from aidtrack.extract.rules.same_acts import same_act, same_act_joined, same_act_refused
from aidtrack.extract.rules.sanction_closures import (
    sanction_arms_embargo,
    sanction_assets,
    sanction_closing,
    sanction_closure,
    sanction_excluding,
    sanction_listing_noun,
    sanction_misread_measure,
    sanction_on_list,
)
from aidtrack.extract.rules.sanction_parties import sanction_listed_parties
from aidtrack.extract.rules.sanctions import (
    sanction_following,
    sanction_headline,
    sanction_noun,
    sanction_striking,
    sanction_verb,
)
from aidtrack.extract.rules.support import (
    support_arrival,
    support_receive,
    support_resumed,
    support_thanks,
    support_verb,
)
from aidtrack.extract.rules.support_nouns import (
    support_coming_forward,
    support_compound,
    support_giver_noun,
    support_guarantee,
    support_helping_with,
    support_joining,
    support_money_spent,
    support_noun,
    support_paying,
    support_with_help,
)
from aidtrack.extract.rules.threat_harms import threat_harm
from aidtrack.extract.rules.threat_idioms import threat_counter_arming, threat_idiom
from aidtrack.extract.rules.threats import (
    threat_noun,
    threat_statement,
    threat_summed_up,
    threat_verb,
    threat_withheld_support,
)

RULES: tuple[Rule, ...] = (
    support_verb,
    support_receive,
    support_noun,
    support_thanks,
    refusal_verb,
    refusal_noun,
    appeal_verb,
    support_resumed,
    appeal_noun,
    appeal_like_before,
    appeal_answered,
    support_compound,
    support_arrival,
    refusal_barring,
    refusal_answer,
    appeal_approach,
    appeal_pressure,
    appeal_deontic,
    appeal_wishlist,
    appeal_imperative,
    support_with_help,
    support_paying,
    support_guarantee,
    support_helping_with,
    support_giver_noun,
    refusal_excluded,
    refusal_of_operation,
    support_joining,
    appeal_complaint,
    headline_verb,
    refusal_despite_request,
    refusal_opting_out,
    refusal_none_given,
    refusal_not_approving,
    refusal_no_pledge,
    refusal_nothing_to_spare,
    refusal_principle,
    refusal_gap_unfilled,
    refusal_on_hold,
    refusal_kept_halted,
    policy_no_new_approvals,
    support_coming_forward,
    support_money_spent,
    threat_verb,
    threat_noun,
    threat_statement,
    threat_idiom,
    threat_counter_arming,
    threat_harm,
    sanction_noun,
    sanction_verb,
    sanction_headline,
    sanction_excluding,
    sanction_assets,
    sanction_misread_measure,
    sanction_closing,
    sanction_closure,
    sanction_arms_embargo,
    sanction_listing_noun,
    sanction_on_list,
    sanction_striking,
    sanction_following,
    sanction_listed_parties,
    policy_change,
    policy_ruling,
    policy_use_permission,
    policy_transfer_permission,
    policy_use_licence,
    policy_resumption,
    policy_held_released,
    policy_restriction_told,
    policy_lifted_again,
    policy_nominal,
    threat_withheld_support,
    threat_summed_up,
    same_act,
    same_act_joined,
    same_act_refused,
)


@functools.cache
def rules_for(pos: str) -> tuple[Rule, ...]:
    """The rules, in :data:`RULES` order, that may anchor an event on a token of this part of
    speech: those that declare it (:func:`~aidtrack.extract.rules.common.anchored_on`) and
    those that declare none."""
    return tuple(rule for rule in RULES if rule not in ANCHOR_POS or pos in ANCHOR_POS[rule])


class RuleIndex:
    """The rules, in :data:`RULES` order, that may anchor an event on a token of a part of speech
    and a lemma, for one lexicon: :func:`rules_for` less those whose declared lemmas
    (:func:`~aidtrack.extract.rules.common.anchored_on`) leave the lemma out. Answers are kept,
    so each (part of speech, lemma) is worked out once."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.lemmas = {rule: frozenset(declared(lexicon)) for rule, declared in ANCHOR_LEMMAS.items()}
        self._offered: dict[tuple[str, str], tuple[Rule, ...]] = {}

    def rules(self, pos: str, lemma: str) -> tuple[Rule, ...]:
        key = (pos, lemma)
        found = self._offered.get(key)
        if found is None:
            found = self._offered[key] = tuple(
                rule for rule in rules_for(pos) if rule not in self.lemmas or lemma in self.lemmas[rule]
            )
        return found


def rule_index(lexicon: Lexicon) -> RuleIndex:
    """The :class:`RuleIndex` of a lexicon, built once per lexicon."""
    index = _INDEXES.get(id(lexicon))
    if index is None or index.lexicon is not lexicon:
        index = _INDEXES[id(lexicon)] = RuleIndex(lexicon)
    return index


_INDEXES: dict[int, RuleIndex] = {}


__all__ = ["RULES", "TRADE_LEMMAS", "ArticleContext", "Found", "Rule", "RuleIndex", "rule_index", "rules_for"]
