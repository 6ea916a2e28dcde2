"""Event rules: support, appeal, refusal, threat, sanction and policy change.

Each rule looks at one trigger token of a parsed sentence (trigger words come
from ``data/extract/triggers.yaml``) and reads the roles from the dependency
tree. Rules return :class:`Found` events; the pipeline adds evidence offsets
and merges them into the set an article reports.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Token

from aidtrack.extract.clauses import (
    Sentence,
    actors_of,
    agent_of,
    children,
    companions,
    governors,
    has_aux,
    is_conditional,
    is_hedged,
    is_negated,
    is_passive,
    is_past,
    is_state,
    met_parties,
    negated_by_carrier,
    prep_objects,
    relative_head,
    reporters_of,
    subject_of,
    time_for,
    word_forms,
)
from aidtrack.extract.roles import (
    DOBJ_RECIPIENT_VERBS,
    INSTRUMENTS,
    categories_in,
    core_phrase,
    donors_of_verb,
    has_money,
    has_support_noun,
    is_designation,
    modifier_actors,
    object_tokens,
    own_objects,
    purpose_categories,
    recipients_of,
    stage_of_verb,
    support_details,
    without_asides,
)


@dataclass
class ArticleContext:
    """What the rules know about the whole article."""

    default_recipient: str | None = None
    default_category: str | None = None
    sanction_target: str | None = None
    sanction_actor: str | None = None
    has_sanction: bool = False
    givers_told: set[str] = field(default_factory=set)  # donors of the support read so far
    asked_before: dict[str, str] = field(default_factory=dict)  # who each actor asked last
    threatened_before: dict[str, str] = field(default_factory=dict)  # who each actor threatened last
    sanctioned_by: dict[str, str] = field(default_factory=dict)  # who last sanctioned each target
    sanction_counts: dict[str, int] = field(default_factory=dict)
    actor_counts: dict[str, int] = field(default_factory=dict)
    giver_counts: dict[str, int] = field(default_factory=dict)
    aided: set[str] = field(default_factory=set)  # parties given to by words other than sales
    recipients_ranked: list[str] = field(default_factory=list)  # most often given to first
    asked_for: dict[str, str] = field(default_factory=dict)  # the kind each party was last asked for

    def main_other(self, *exclude: str | None) -> str | None:
        """The actor the article most often tells giving (a subject of a transfer verb), other
        than ``exclude`` and the default recipient: whom an appeal without a named target
        is most likely addressed to."""
        left = {
            c: n for c, n in self.giver_counts.items() if c not in exclude and c != self.default_recipient
        }
        if not left:
            return None
        best = max(left, key=lambda c: left[c])
        ranked = sorted(left.values(), reverse=True)
        return best if len(ranked) == 1 or ranked[0] > ranked[1] else None  # no tie

    def main_sanction_target(self) -> str | None:
        """The target the article's sanctions name most often."""
        counts = self.sanction_counts
        return max(counts, key=lambda c: counts[c]) if counts else self.sanction_target


@dataclass
class Found:
    """One event proposed by a rule, anchored on a trigger token."""

    fields: dict[str, Any]
    anchor: Token
    confidence: float
    rule: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


_RESTRICTIONS = frozenset(
    {
        "ban",
        "embargo",
        "restriction",
        "moratorium",
        "freeze",
        "suspension",
        "halt",
        "pause",
        "block",
        "blockade",
        "limit",
        "sanction",
    }
)
_REQUESTS = frozenset({"request", "call", "demand", "appeal", "plea", "bid", "proposal"})
_OPPOSING_PREPS = frozenset({"against", "without"})
_OPTIONS = frozenset({"possibility", "option", "plan", "intention", "idea", "prospect"})
Rule = Callable[[Sentence, Token, ArticleContext], list[Found]]


def _category_or_default(
    sentence: Sentence, tokens: list[Token], ctx: ArticleContext, *, allow_default: bool
) -> tuple[list[str], bool]:
    cats = categories_in(sentence, tokens)
    if cats:
        return cats, False
    if allow_default and ctx.default_category:
        return [ctx.default_category], True
    return [], False


def _recipients_or_default(
    found: list[str], ctx: ArticleContext, givers: Sequence[str] = ()
) -> tuple[list[str], bool]:
    """The recipients named, else the article's usual recipient (the next one when the usual
    one is the giver itself: an article on a US debate about aid to Kyiv)."""
    if found:
        return found, False
    usual = next((r for r in ctx.recipients_ranked if r not in givers), None) if givers else None
    default = usual or ctx.default_recipient
    return ([default], True) if default else ([], True)


def _supports(
    donors: list[str],
    recipients: list[str],
    cats: list[str],
    anchor: Token,
    conf: float,
    *,
    rule: str,
    stage: str | None,
) -> list[Found]:
    staged = {"stage": stage} if stage else {}
    return _party_events(
        ("support", "donor", "recipient"),
        (donors, recipients),
        cats,
        anchor,
        conf,
        rule,
        lambda _d, _r: staged,
    )


Extra = Callable[[str, str], dict[str, str]]


def _party_events(
    roles: tuple[str, str, str],
    parties: tuple[Sequence[str], Sequence[str]],
    cats: Sequence[str],
    anchor: Token,
    conf: float,
    rule: str,
    extra: Extra,
) -> list[Found]:
    """One event of ``roles`` (type, first role, second role) per pair of parties and per
    category: a coordinated list gives one event per member. A party never acts on itself;
    ``extra`` adds fields that depend on the pair (a beneficiary, a stage)."""
    kind, first_role, second_role = roles
    out = []
    for first in parties[0]:
        for second in parties[1]:
            if first == second:
                continue
            more = extra(first, second)
            for cat in cats:
                fields = {"type": kind, first_role: first, second_role: second, "category": cat, **more}
                out.append(Found(fields, anchor, conf, rule))
    return out


def _appeal_events(
    parties: tuple[Sequence[str], Sequence[str]],
    cats: Sequence[str],
    anchor: Token,
    conf: float,
    rule: str,
    extra: Extra | None = None,
) -> list[Found]:
    """One appeal per actor, target and category (see :func:`_party_events`)."""
    return _party_events(
        ("appeal", "actor", "target"), parties, cats, anchor, conf, rule, extra or _no_fields
    )


def _no_fields(_first: str, _second: str) -> dict[str, str]:
    return {}


def _beneficiary(recipients: Sequence[str], default: str | None) -> Extra:
    """The one an appeal asks help for: the first recipient named that is neither the one who
    asks nor the one asked, else ``default``."""

    def pick(actor: str, target: str) -> dict[str, str]:
        found = next((r for r in recipients if r not in (target, actor)), default)
        return {"beneficiary": found} if found else {}

    return pick


def support_verb(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "Germany sent tanks to Ukraine", "aid was pledged by Japan", "X agreed to send"."""
    lex = sentence.lexicon
    lemma = verb.lemma_.lower()
    transfer = lemma in lex.support_verbs or _sets_aside(verb)
    if verb.pos_ not in ("VERB", "AUX") or not (transfer or lemma in lex.words("support", "object_verbs")):
        return []
    if is_hedged(sentence, verb) and not (
        negated_by_carrier(verb) or _unable(verb) or _unwilling(sentence, verb) or _reacted_to(sentence, verb)
    ):
        return []  # but "does not intend to provide", "cannot provide", "is unwilling to send" refuse
    if is_conditional(verb) and not is_negated(verb):
        return []  # "would send more tanks if the US did the same": a hypothetical
    if _gives_nothing(verb):
        return []  # "singled out Kuwait for giving nothing": the complaint rule reads it
    if verb.dep_ == "pcomp" and (
        verb.head.lower_ in _OPPOSING_PREPS
        or verb.head.head.lemma_.lower() in _HOLDING_BACK  # "is dragging its feet on sending"
        or verb.head.head.lower_ == "instead"
        or _draws_line(verb.head.head)
    ):
        return []  # "voted against sending arms", "instead of sending troops", "drew the line at sending"
    if verb.dep_ == "advcl" and _refusal_phrase(lex, verb.head):
        return []  # "ruled out sending tanks": the refusal rule reads it
    objects = object_tokens(verb)
    appositive = _appositive_subject(verb)
    if (
        verb.dep_ == "relcl"
        or verb.head.pos_ in ("NOUN", "PROPN")
        and verb.dep_ == "acl"
        and (agent_of(verb) or appositive is not None)
    ):
        objects = objects + core_phrase(verb.head)  # "the missiles (that) the US is sending"
    elif verb.dep_ == "ccomp" and (described := relative_head(verb)) is not None:  # misparsed as a ccomp
        objects = objects + core_phrase(described)
    inherent = (
        lemma in ("arm", "equip")
        or lemma == "train"
        and bool(recipients_of(sentence, verb, dobj_is_recipient=True))
    )
    refused = is_negated(verb) or _unwilling(sentence, verb)
    stops_funding = refused and lemma in _FUNDING and bool(children(verb, frozenset({"dobj"})))
    money_subject = _money_subject(verb)  # "EUR 160 million will support people in Sudan"
    if (
        transfer
        and not inherent
        and not stops_funding
        and not money_subject
        and not (categories_in(sentence, objects) or has_support_noun(sentence, objects))
    ):
        return []
    if not transfer and not money_subject and (not _names_support(sentence, verb) or _backs_an_idea(verb)):
        return []  # "supports the idea of sending troops" gives nothing yet
    if _sanctions_package(sentence, objects) or _invades(verb) or _commercial(sentence, verb, objects, ctx):
        return []
    if any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in _RESTRICTIONS for c in verb.children):
        return []  # "approved a total arms embargo on Israel" restricts, it gives nothing
    if lemma == "train" and not is_passive(verb) and not children(verb, frozenset({"dobj"})):
        return _trained_abroad(sentence, verb, ctx)  # "Ukrainian soldiers trained in Germany"
    donors = (
        donors_of_verb(sentence, verb) or _one_of_givers(sentence, verb) or _announcing_giver(sentence, verb)
    )
    if appositive is not None:  # "the tanks Poland supplied": the name is the subject
        donors = actors_of(sentence, appositive)
    donors += [d for d in _funders_of_giver(sentence, verb) if d not in donors]
    if not donors and _unwilling(sentence, verb):  # "Portugal is not willing to send"
        copula = verb.head.head.head if _not_in_position(verb) else verb.head.head
        donors = actors_of(sentence, subject_of(copula))
    if not donors and refused:  # "Seoul stuck to its policy of not supplying lethal arms"
        donors = _policy_owners(sentence, verb)
    money_given = not donors and money_subject
    if money_given:  # "In Chad, EUR 74.5 million will support ...": the giver told before
        donors = _article_giver(sentence, ctx)
    explicit = recipients_of(sentence, verb, dobj_is_recipient=lemma in DOBJ_RECIPIENT_VERBS)
    if lemma in _TRANSPORT:  # "flew food to Egypt for Gaza": the place reached is a transit
        beneficiaries = [c for o in prep_objects(verb, frozenset({"for"})) for c in actors_of(sentence, o)]
        explicit = beneficiaries or explicit
    explicit = explicit or [c for c in _requesters(sentence, verb) if c not in donors]
    explicit = explicit or [c for c in _receivers_of_thing(sentence, verb) if c not in donors]
    explicit = explicit or [c for c in _owners_of_funded(sentence, verb) if c not in donors]
    explicit = explicit or [c for c in _welcomers(sentence, verb) if c not in donors]
    if lemma == "distribute" and not explicit:
        return []  # "to be distributed by NGOs": where it goes is told elsewhere
    if lemma in _BUYING and set(explicit) <= set(_sellers(sentence, verb)):
        return []  # "bought 60 jets from the United States for its air force": a purchase
    if money_subject and not explicit:  # "In Chad, EUR 74.5 million will support ...": where it goes
        explicit = [c for o in prep_objects(verb, frozenset({"in"})) for c in actors_of(sentence, o)]
    if money_given and not explicit:
        return []  # a sum whose giver and receiver are both only guessed says too little
    recipients, defaulted = _recipients_or_default(explicit, ctx, donors)
    objects = without_asides(objects, verb)  # the kind is not read from "after refusing to send arms"
    cats, cat_default = _category_or_default(sentence, objects, ctx, allow_default=True)
    cats = purpose_categories(sentence, verb, objects, cats) if not cat_default else cats
    if inherent and not categories_in(sentence, objects):
        cats = ["military"]
    elif cat_default and has_money(objects) and not categories_in(sentence, objects):
        # money and nothing else: the kind of aid the article is about, or a financial transfer
        cats = [ctx.default_category or "financial"]
    elif not cats and has_money(objects):
        cats, cat_default = ["financial"], True
    if cat_default and lemma in lex.words("support", "increase_verbs"):
        return []
    conf = 0.9 - 0.15 * defaulted - 0.15 * cat_default - 0.2 * money_given
    if stops_funding and not categories_in(sentence, objects):
        cats = [ctx.default_category or "financial"]  # "will no longer fund the agency"
    if is_negated(verb) and is_past(verb) and verb.dep_ == "relcl":
        return []  # "New Zealand, which has not supplied weapons, ...": background, no refusal
    if refused and any(
        t.lemma_.lower() in _TRADE_WORDS
        for c in children(verb, frozenset({"dobj", "nsubjpass"}))
        for t in c.subtree
    ):
        return []  # "has not approved new arms export permits": an export rule (policy rules read it)
    if refused and is_past(verb) and any(c.dep_ == "advmod" and c.lower_ == "yet" for c in verb.children):
        return []  # "has not yet delivered the tanks": still to come, no refusal
    if refused and lemma in _SELLING:
        return []  # "Japan, which does not export weapons": an export rule, not a refusal to give
    if refused and prep_objects(verb, frozenset({"before", "until", "till"})):
        return []  # "will not be able to deliver the jets before 2025" delays, it does not refuse
    if refused:  # "has not sent" reports less surely than "will not send"
        conf -= 0.2 if is_past(verb) else 0.0
        return _refusals(donors, cats, explicit or recipients, verb, conf, rule="negated-support")
    gapped = [d for d in _gapped_donors(sentence, verb) if d not in donors]
    if gapped and set(recipients) & set(gapped):  # "€100 million to the country and Germany €32 million"
        recipients, defaulted = _recipients_or_default([r for r in explicit if r not in gapped], ctx)
    gapped = [d for d in gapped if d not in recipients]
    found = _supports(
        donors, recipients, cats, verb, conf, rule="support-verb", stage=stage_of_verb(sentence, verb)
    )
    for donor in gapped:  # anchored on the donor's own name, so its own amount is picked
        own = next((t for t in verb.subtree if sentence.codes.get(t.i) == donor and t.i > verb.i), verb)
        found += _supports(
            [donor],
            recipients,
            cats,
            own,
            conf - 0.1,
            rule="support-gapped",
            stage=stage_of_verb(sentence, verb),
        )
    details = support_details(sentence, verb)
    for event in found:
        event.fields.update((k, v) for k, v in details.items() if v != event.fields["donor"])
    return found


_SELLING = frozenset({"sell", "export", "resell"})
TRADE_LEMMAS = _SELLING | {"sale", "export"}
_TRADE_NOUNS = frozenset({"export", "sale", "licence", "license", "permit", "contract", "import"})
_BUYING = frozenset({"buy", "purchase", "order", "procure", "import", "acquire"})
_DEALS = frozenset({"contract", "sale", "order", "purchase", "export"})
# words that frame a sale as aid: "sold the missiles to Kyiv as aid", "at no cost"
_AID_FRAMES = frozenset(
    {"aid", "assistance", "donation", "gift", "grant", "help", "free", "charge", "lend-lease", "package"}
)


def _sellers(sentence: Sentence, verb: Token) -> list[str]:
    """Whom a buyer buys from: "bought jets from the United States"."""
    return [c for o in prep_objects(verb, frozenset({"from"})) for c in actors_of(sentence, o)]


def _commercial(sentence: Sentence, verb: Token, objects: list[Token], ctx: ArticleContext) -> bool:
    """A sale, not support: "the EU exported arms to Egypt", "delivered the bombs it sold to
    Riyadh", "delivered jets under a 2021 contract", unless the words frame it as aid or the
    goods go to a party the article tells receiving aid in other words ("agreed to export
    weapons directly to Ukraine" in an article on what is sent to Ukraine)."""
    if any(t.lemma_.lower() in _AID_FRAMES for t in verb.subtree if t != verb):
        return False
    recipients = recipients_of(sentence, verb, dobj_is_recipient=False)
    if set(recipients) & ctx.aided:
        return False
    if verb.lemma_.lower() in _SELLING:
        return True
    things = [t for t in objects if t.pos_ in ("NOUN", "PROPN")]
    if any(t.dep_ in ("dobj", "nsubjpass") and t.lemma_.lower() in _TRADE_NOUNS for t in things):
        return True  # "approves military exports to Turkey", "granted export licences"
    sold = [
        c
        for t in things
        for c in t.children
        if c.dep_ in ("relcl", "acl") and c.lemma_.lower() in _SELLING | _BUYING
    ]
    if any(c.lemma_.lower() in _SELLING for c in sold):
        return True  # "the bombs it sold to Saudi Arabia"
    if any(set(actors_of(sentence, subject_of(c))) & set(recipients) for c in sold):
        return True  # "delivered the jets Egypt ordered to Egypt"
    return any(
        o.lemma_.lower() in _DEALS for o in prep_objects(verb, frozenset({"under", "as"}))
    )  # "delivered under a contract", "shipped as part of a sale"


def _appositive_subject(verb: Token) -> Token | None:
    """ "The tanks Poland supplied to Ukraine ...": a relative clause without "that" whose
    subject the parser hung on the noun as an apposition just before the verb."""
    noun = verb.head
    if verb.dep_ != "acl" or verb.tag_ != "VBD" or noun.pos_ not in ("NOUN", "PROPN") or subject_of(verb):
        return None
    return next(
        (c for c in noun.children if c.dep_ == "appos" and c.i < verb.i and c.right_edge.i == verb.i - 1),
        None,
    )


def _money_subject(verb: Token) -> bool:
    """ "EUR 160 million will support people in Sudan": a sum of money is the (active) subject."""
    subject = subject_of(verb)
    return subject is not None and not is_passive(verb) and has_money(list(subject.subtree))


def _article_giver(sentence: Sentence, ctx: ArticleContext) -> list[str]:
    """The giver the sentences before are about: the last main actor if the article tells it
    giving, else the article's main giver, else the last main actor."""
    if sentence.previous in (*ctx.giver_counts, *ctx.givers_told):
        return [sentence.previous]
    giver = ctx.main_other() or sentence.previous
    return [giver] if giver else []


def _trained_abroad(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "Ukrainian soldiers trained in Germany": who trains without an object is trained; the
    country where it happens trains them."""
    trainees = actors_of(sentence, subject_of(verb))
    hosts = [c for o in prep_objects(verb, frozenset({"in", "at"})) for c in actors_of(sentence, o)]
    hosts = [h for h in hosts if h not in trainees]
    if is_negated(verb):
        return []
    return _supports(hosts, trainees, ["military"], verb, 0.6, rule="support-trained", stage="delivery")


def _funders_of_giver(sentence: Sentence, verb: Token) -> list[str]:
    """ "The Czech initiative, funded by Denmark and the Netherlands, has delivered shells":
    those who pay for a giving scheme give through it."""
    subject = subject_of(verb)
    if subject is None or subject.lemma_.lower() not in _GIVING_GROUPS:
        return []
    found: list[str] = []
    for acl in children(subject, frozenset({"acl"})):
        if acl.lemma_.lower() in ("fund", "finance", "back", "bankroll", "pay", "support"):
            found += [c for c in _passive_agents(sentence, acl) if c not in found]
    return found


def _announcing_giver(sentence: Sentence, verb: Token) -> list[str]:
    """ "The Pentagon said the weapons would be delivered to Ukraine": a passive transfer with
    no agent, announced by a government, is that government's (not an alliance's, which
    reports what its members give)."""
    if not is_passive(verb) or agent_of(verb) is not None or verb.dep_ != "ccomp" or is_negated(verb):
        return []  # not "weapons cannot be sent to countries at war, he said": a rule, no refusal
    speech = verb.head
    if speech.lemma_.lower() not in sentence.lexicon.words("modality", "reporting_verbs"):
        return []
    return [c for c in actors_of(sentence, subject_of(speech)) if c not in ("NATO", "UN", "G7")]


def _one_of_givers(sentence: Sentence, verb: Token) -> list[str]:
    """ "Latvia is among the countries that have sent howitzers", "Spain is one of the states
    that delivered tanks": the subject of the copula gives."""
    group = verb.head
    if verb.dep_ != "relcl" or group.dep_ != "pobj":
        return []
    prep = group.head
    holder = (
        prep.head
        if prep.lower_ == "among"
        else prep.head
        if prep.lower_ == "of" and prep.head.lower_ == "one"
        else None
    )
    if holder is None:
        return []
    copula = holder if holder.pos_ in ("AUX", "VERB") else holder.head
    if copula.lemma_.lower() not in ("be", "remain", "become", "rank"):
        return []
    return actors_of(sentence, subject_of(copula))


def _welcomers(sentence: Sentence, verb: Token) -> list[str]:
    """ "Kyiv welcomed Portugal's decision to send tanks": who welcomes a gift receives it."""
    noun = verb.head
    if verb.dep_ != "acl" or noun.head.lemma_.lower() not in _WELCOMING:
        return []
    return _welcoming_parties(sentence, noun)


def _welcoming_parties(sentence: Sentence, noun: Token) -> list[str]:
    """Who welcomes (thanks for, receives) the thing ``noun`` names: the subject when it is the
    object, the "by" agent when it is the passive's subject ("Canada's pledge was welcomed by
    Kyiv")."""
    head = noun.head
    if noun.dep_ == "dobj":
        return actors_of(sentence, subject_of(head))
    if noun.dep_ == "nsubjpass" and is_passive(head):
        return _passive_agents(sentence, head)
    return []


def _owners_of_funded(sentence: Sentence, verb: Token) -> list[str]:
    """ "Ukraine's new hospitals were funded by Japan", "Ukrainian schools paid for by Denmark":
    the owner named on what a passive gift or funding went to."""
    if not (is_passive(verb) or verb.dep_ == "acl" and verb.tag_ == "VBN") or agent_of(verb) is None:
        return []
    things = children(verb, frozenset({"nsubjpass"})) or ([verb.head] if verb.dep_ == "acl" else [])
    return [
        c
        for thing in things
        for m in thing.children
        if m.dep_ in ("poss", "amod", "compound", "nmod") and m.i < thing.i
        for c in actors_of(sentence, m)
    ]


_HELP_NOUNS = frozenset(
    {
        "help",
        "support",
        "aid",
        "assistance",
        "funding",
        "financing",
        "backing",
        "money",
        "grant",
        "loan",
        "fund",
    }
)


_MONEY_HELP = frozenset({"funding", "financing", "money", "grant", "fund"})


# verbs of coming forward whose "with" phrase names what is given: "stepped in with 500 million
# kroner", "responded with emergency food aid", "chipped in with 20 million dollars", "threw
# its weight behind Ukraine with a package of artillery"
_COMING_FORWARD = frozenset({"step", "respond", "react", "answer", "chip", "pitch", "come", "weigh", "throw"})


def support_coming_forward(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "Norway stepped in with 500 million kroner for Ukraine's gas purchases": a party coming
    forward with aid or money gives it."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in _COMING_FORWARD:
        return []
    if verb.lemma_.lower() == "throw" and not any(
        o.lemma_.lower() == "weight" for o in children(verb, frozenset({"dobj"}))
    ):
        return []
    if is_negated(verb) or is_hedged(sentence, verb) or is_conditional(verb):
        return []
    gifts = prep_objects(verb, frozenset({"with"}))
    tokens = [t for g in gifts for t in g.subtree]
    if not tokens or not (has_support_noun(sentence, tokens) or has_money(tokens)):
        return []
    donors = actors_of(sentence, subject_of(verb))
    explicit = recipients_of(sentence, verb, dobj_is_recipient=False)
    explicit += [
        r for g in gifts for r in recipients_of(sentence, g, dobj_is_recipient=False) if r not in explicit
    ]
    explicit += [  # "for Moldova's energy bills": whose needs are paid for
        c
        for t in tokens
        if t.dep_ == "pobj" and t.head.lower_ == "for"
        for p in children(t, frozenset({"poss"}))
        for c in actors_of(sentence, p)
        if c not in explicit
    ]
    explicit += [  # "threw its weight behind Ukraine"
        c
        for o in prep_objects(verb, frozenset({"behind"}))
        for c in actors_of(sentence, o)
        if c not in explicit
    ]
    recipients, defaulted = _recipients_or_default([r for r in explicit if r not in donors], ctx, donors)
    cats, cat_default = _category_or_default(sentence, tokens, ctx, allow_default=True)
    if not cats and has_money(tokens):
        cats, cat_default = ["financial"], True
    conf = 0.7 - 0.15 * defaulted - 0.1 * cat_default
    return _supports(
        donors,
        recipients,
        cats,
        verb,
        conf,
        rule="support-coming-forward",
        stage=stage_of_verb(sentence, verb),
    )


def support_with_help(sentence: Sentence, noun: Token, ctx: ArticleContext) -> list[Found]:
    """ "With American help, Ukraine rebuilt its air defence", "Kyiv repaired the grid with
    funding from Germany", "thanks to Dutch money": the helper gives to the clause's subject."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in _HELP_NOUNS or noun.dep_ != "pobj":
        return []
    prep = noun.head
    if not (prep.lower_ == "with" or prep.lower_ == "to" and prep.head.lower_ == "thanks"):
        return []
    main = prep.head.head if prep.lower_ == "to" else prep.head
    while main.dep_ in ("prep", "pobj") and main.head != main:
        main = main.head
    if main.pos_ not in ("VERB", "AUX") or is_negated(main) or is_hedged(sentence, main):
        return []
    donors = modifier_actors(sentence, noun)
    if main.lemma_.lower() in sentence.lexicon.support_verbs:
        if noun.lemma_.lower() not in _MONEY_HELP:
            return []  # "sent flour with Egyptian help": the helper helps the giver
        receivers = [  # "delivered flour to Gaza with funding from Germany": the funder gives
            c for c in recipients_of(sentence, main, dobj_is_recipient=False) if c not in donors
        ]
    else:
        receivers = [c for c in actors_of(sentence, subject_of(main)) if c not in donors]
    if not donors or not receivers:
        return []
    tokens = [t for t in main.subtree if t.dep_ not in ("nsubj", "nsubjpass")]
    cats, cat_default = _category_or_default(sentence, [noun, *tokens], ctx, allow_default=False)
    if not cats and noun.lemma_.lower() in ("funding", "financing", "money", "grant", "loan", "fund"):
        cats, cat_default = ["financial"], True
    return _supports(
        donors, receivers, cats, noun, 0.7 - 0.15 * cat_default, rule="support-with-help", stage="delivery"
    )


_POLICIES = frozenset(
    {
        "policy",
        "principle",
        "rule",
        "stance",
        "position",
        "line",
        "practice",
        "doctrine",
        "tradition",
        "commitment",
        "pledge",
        "decision",
    }
)


_IDEAS = frozenset(
    {
        "idea",
        "proposal",
        "possibility",
        "option",
        "prospect",
        "notion",
        "concept",
        "suggestion",
        "call",
        "push",
    }
)


def _backs_an_idea(verb: Token) -> bool:
    """ "backs the idea of sending", "supported the proposal to give": an idea, not a gift."""
    return any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in _IDEAS for c in verb.children)


def _rule_of_not_giving(noun: Token) -> bool:
    """ "its doctrine of not sending weapons": a rule against giving."""
    return noun.lemma_.lower() in _POLICIES and any(
        t.dep_ == "neg" or t.lower_ == "never" for t in noun.subtree
    )


def _policy_owners(sentence: Sentence, verb: Token) -> list[str]:
    """Whose "policy of not supplying arms" it is: the possessor, or who keeps to it."""
    if verb.dep_ != "pcomp" or verb.head.lower_ != "of" or verb.head.head.lemma_.lower() not in _POLICIES:
        return []
    noun = verb.head.head
    head = noun.head.head if noun.dep_ == "pobj" else noun.head
    changing = _first_words_of(sentence.lexicon) | {"scrap", "abandon", "drop", "ditch", "break", "end"}
    if head.lemma_.lower() in changing:
        return []  # "scrapped its doctrine of not sending weapons" loosens a rule
    named = [p for p in noun.children if p.dep_ in ("poss", "amod", "compound") and p.pos_ != "PRON"]
    owners = [c for p in named for c in actors_of(sentence, p)]
    subject = subject_of(head) if head.pos_ in ("VERB", "AUX") else None
    if not owners and subject is not None and (subject.i in sentence.codes or subject.pos_ == "PROPN"):
        owners = actors_of(sentence, subject)  # "Seoul stuck to its policy of not supplying"
    return owners


def _first_words_of(lex: Any) -> frozenset[str]:
    """The first words of the loosening and neutral policy phrases ("lift", "ease", "revise")."""
    return frozenset(p.split()[0] for g in ("loosen", "neutral") for p in lex.words("policy_change", g))


_TRANSPORT = frozenset({"fly", "truck", "ship", "airlift", "airdrop", "rush", "ferry", "transport"})
_FORCES = frozenset({"troop", "soldier", "force", "army", "unit", "mercenary", "fighter", "division"})


def _invades(verb: Token) -> bool:
    """ "sent tens of thousands of troops into Ukraine": forces sent into a country invade it."""
    objects = children(verb, frozenset({"dobj", "nsubjpass"}))
    heads = {t.lemma_.lower() for o in objects for t in [o, *prep_objects(o, frozenset({"of"}))]}
    return bool(heads & _FORCES) and bool(prep_objects(verb, frozenset({"into"})))


_REACTIONS = frozenset(
    {
        "condemn",
        "criticise",
        "criticize",
        "welcome",
        "praise",
        "hail",
        "slam",
        "denounce",
        "thank",
        "applaud",
        "decry",
        "protest",
        "blast",
        "laud",
        "commend",
    }
)


def _reacted_to(sentence: Sentence, verb: Token) -> bool:
    """ "Moscow condemned Berlin's decision to send tanks": a decision others react to was
    taken; the reaction does not make it hypothetical."""
    noun = verb.head
    return (
        verb.dep_ == "acl"
        and noun.lemma_.lower() in _CHOICES
        and bool(modifier_actors(sentence, noun))
        and any(g.lemma_.lower() in _REACTIONS for g in [noun.head, noun.head.head][:2])
    )


def _sets_aside(verb: Token) -> bool:
    """ "set aside 2 billion euros for Ukraine", "put aside": reserving money is earmarking it."""
    return verb.lemma_.lower() in ("set", "put") and any(
        c.dep_ in ("prt", "advmod") and c.lower_ == "aside" for c in verb.children
    )


def _gapped_donors(sentence: Sentence, verb: Token) -> list[str]:
    """ "France pledged 100 million euros, Germany 80 million and Italy 50 million": the verb
    left out after the first donor; each later donor stands right before its own amount."""
    found: list[str] = []
    doc = verb.doc
    for tok in verb.subtree:
        if tok.i <= verb.i or tok.i not in sentence.codes or tok.i + 1 >= len(doc):
            continue
        after = doc[tok.i + 1]
        if not (after.like_num or after.tag_ == "$" or after.text in ("€", "$", "£", "¥")):
            continue
        if tok.dep_ in ("appos", "npadvmod", "conj", "nsubj", "dobj", "nmod") and tok.head.i >= verb.i:
            before = doc[_name_start(sentence, tok) - 1]  # "and the European Union 350 million"
            if before.lower_ in (",", "and", "while", "whereas", ";") or before.dep_ == "cc":
                found.append(sentence.codes[tok.i])
    return found


def _name_start(sentence: Sentence, token: Token) -> int:
    """Where a coded name starts, with its "the": "the European Union" for "Union"."""
    code = sentence.codes.get(token.i)
    start = token.i
    while start - 1 > sentence.span.start and (
        sentence.codes.get(start - 1) == code or token.doc[start - 1].lower_ == "the"
    ):
        start -= 1
    return start


# things that reach a place to strike it, unless the words call them support
_STRIKING = frozenset(
    {
        "missile",
        "rocket",
        "drone",
        "bomb",
        "shell",
        "projectile",
        "strike",
        "attack",
        "troop",
        "force",
        "soldier",
        "warship",
        "jet",
        "aircraft",
    }
)


_ARRIVING = frozenset({"arrive", "reach", "enter", "land"})
_CARRYING = frozenset({"carry", "transport", "bring", "deliver", "contain", "load", "haul", "ferry"})


def _carried(vehicles: list[Token]) -> list[Token]:
    """What trucks, planes or ships carry: "trucks carrying Egyptian aid", "a plane loaded
    with medicine"."""
    found: list[Token] = []
    for vehicle in vehicles:
        for acl in children(vehicle, frozenset({"acl", "relcl"})):
            if acl.lemma_.lower() in _CARRYING:
                found += children(acl, frozenset({"dobj"})) + prep_objects(acl, frozenset({"with"}))
    return found


def support_arrival(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "Spanish Leopard tanks arrived in Ukraine", "the first batch of Abrams tanks from the
    United States has reached Ukraine": support named by its giver, told as it arrives."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in _ARRIVING:
        return []
    if is_negated(verb) or is_hedged(sentence, verb):
        return []
    subject = subject_of(verb)
    if subject is None or subject.i > verb.i:
        return []
    if subject.lemma_.lower() in sentence.lexicon.words("appeal", "nouns"):
        return []  # "the request from Kyiv reached Ottawa": a plea arrives, not support
    things = [subject] + [
        g
        for p in subject.children
        if p.dep_ == "prep" and p.lower_ == "of"
        for g in p.children
        if g.dep_ == "pobj"
    ]
    carried = _carried(things)  # "trucks carrying Egyptian aid entered Gaza": the load is the support
    things += carried
    phrase = [t for th in carried or things for t in core_phrase(th)]
    cats, _ = _category_or_default(
        sentence, [verb, *phrase], ctx, allow_default=bool(carried) and has_support_noun(sentence, phrase)
    )
    lex = sentence.lexicon
    if not cats or not any(t.pos_ == "NOUN" or t.pos_ == "PROPN" and lex.categories_of(t) for t in phrase):
        return []  # "the Danish F-16s arrived" names its weapons by model
    if subject.lemma_.lower() in _STRIKING and not has_support_noun(sentence, phrase):
        return []  # "Russian missiles reached Kyiv" is an attack
    donors: list[str] = []
    for th in things:
        donors += [c for c in modifier_actors(sentence, th) if c not in donors]
        for acl in children(th, frozenset({"acl"})):  # "supplies sent by Turkey reached Aleppo"
            donors += [c for c in _passive_agents(sentence, acl) if c not in donors]
    own = [r for th in things for r in recipients_of(sentence, th, dobj_is_recipient=False)]
    places = (
        children(verb, frozenset({"dobj"}))
        if verb.lemma_.lower() in ("reach", "enter")
        else prep_objects(verb, frozenset({"in", "at"}))
    )
    recipients = own or [c for p in places for c in actors_of(sentence, p)]
    return _supports(donors, recipients[:1], cats, verb, 0.6, rule="support-arrival", stage="delivery")


_FUNDING = frozenset({"fund", "finance", "bankroll", "subsidise", "subsidize"})
_UNWILLING = frozenset({"unwilling", "unable", "unprepared"})
_WILLING = frozenset({"willing", "ready", "prepared", "able", "inclined"})


def _not_in_position(verb: Token) -> bool:
    """ "is not in a position to supply": a stated inability (the verb hangs on "position")."""
    noun = verb.head
    if verb.dep_ not in ("relcl", "acl") or noun.lemma_.lower() != "position" or noun.dep_ != "pobj":
        return False
    copula = noun.head.head
    no_position = any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children)  # "in no position"
    return noun.head.lower_ == "in" and copula.lemma_.lower() == "be" and (is_negated(copula) or no_position)


def _unwilling(sentence: Sentence, verb: Token) -> bool:
    """ "is not willing to send jets", "is unwilling to hand over", "is not prepared to supply",
    "is not in a position to supply": a stated unwillingness or inability to give refuses."""
    if _not_in_position(verb):
        return True
    adjective = verb.head
    if (
        verb.dep_ != "xcomp"
        or adjective.pos_ != "ADJ"
        or any(c.dep_ == "mark" and c.lower_ in ("if", "whether", "unless") for c in adjective.head.children)
    ):
        return False
    lemma = adjective.lemma_.lower()
    if lemma in _UNWILLING:
        return not is_negated(adjective) and not is_negated(adjective.head)
    return lemma in _WILLING and (
        is_negated(adjective) or adjective.head.pos_ == "AUX" and is_negated(adjective.head)
    )


def _unable(verb: Token) -> bool:
    """ "cannot provide lethal weapons", "can't send tanks": a stated inability refuses."""
    subject = subject_of(verb)
    if subject is None or subject.pos_ == "PRON" and subject.lower_ not in ("it", "we", "i"):
        return False  # "they cannot transfer weapons under the treaties": whose rule is unclear
    return (
        is_negated(verb)
        and has_aux(verb, frozenset({"can", "ca", "could"}))
        and not any(c.dep_ == "mark" and c.lower_ in ("if", "whether", "unless") for c in verb.children)
    )


def _sanctions_package(sentence: Sentence, objects: list[Token]) -> bool:
    """ "a package that bans ships", "a sanctions package", "a package of sanctions"."""
    lex = sentence.lexicon
    restricting = (
        lex.words("sanction", "verbs")
        | lex.words("sanction", "swift_verbs")
        | frozenset({"target", "add", "blacklist", "penalise", "penalize"})
    )
    sanction_nouns = frozenset({"sanction", "embargo", "blacklist"})
    of_sanctions = [
        g
        for t in objects
        for c in t.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for g in c.children
        if g.dep_ == "pobj"
    ]
    return any(
        (c.dep_ in ("relcl", "acl") and c.lemma_.lower() in restricting)
        or (c.dep_ == "compound" and c.lemma_.lower() in sanction_nouns)
        for t in objects
        for c in t.children
    ) or any(g.lemma_.lower() in sanction_nouns for g in of_sanctions)


def _names_support(sentence: Sentence, verb: Token) -> bool:
    """ "approved a loan", "announced 20 tanks for Ukraine" - not "launched missiles at Kyiv"."""
    objects = own_objects(verb)
    if has_support_noun(sentence, objects):
        return True
    if _through_instrument(sentence, verb):
        return True
    return bool(categories_in(sentence, [verb, *objects])) and bool(
        recipients_of(sentence, verb, dobj_is_recipient=False)
    )


_BY_MEANS = frozenset({"through", "via", "under"})


def _through_instrument(sentence: Sentence, verb: Token) -> bool:
    """ "supports Ukraine, Moldova and Georgia through the Peace Facility", "backs Kyiv via the
    same mechanism": a fund or facility as the means makes backing a party material support
    (the party is the verb's object)."""
    if verb.lemma_.lower() not in ("support", "back", "assist", "help", "aid"):
        return False
    parties = [o for o in children(verb, frozenset({"dobj"})) if actors_of(sentence, o)]
    means = prep_objects(verb, _BY_MEANS)
    return bool(parties) and any(
        m.lemma_.lower() in INSTRUMENTS | {"fund", "facility", "mechanism"}
        or has_support_noun(sentence, list(m.subtree))
        for m in means
    )


def support_receive(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "Ukraine received 30 jets from the Netherlands"."""
    lex = sentence.lexicon
    taking = verb.lemma_.lower() == "take" and any(  # "took delivery of tanks from Spain"
        c.dep_ == "dobj" and c.lemma_.lower() in ("delivery", "receipt", "possession") for c in verb.children
    )
    if verb.pos_ != "VERB" or not (verb.lemma_.lower() in lex.words("support", "receive_verbs") or taking):
        return []
    if is_hedged(sentence, verb) or is_negated(verb):
        return []
    asked = lex.words("appeal", "nouns") | _MESSAGES
    described = _described_thing(verb)[:1]
    if described and _asked_or_refused(sentence, described[0], through_clauses=True):
        return []  # "requests to transfer ammunition it had received from Switzerland": background
    if any(c.lemma_.lower() in asked for c in children(verb, frozenset({"dobj", "nsubjpass"})) + described):
        return []  # "received a request from Kyiv for missiles": words, not missiles
    donors: list[str] = []
    phrase = [verb, *[t for c in children(verb, frozenset({"dobj"})) for t in c.subtree]]
    phrase += [
        t for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "as") for t in c.subtree
    ]  # "received $2bn in budget support from the US"
    for obj in [o for t in phrase for o in prep_objects(t, frozenset({"from"}))]:
        donors += [c for c in actors_of(sentence, obj) if c not in donors]
    recipients = actors_of(sentence, subject_of(verb))
    if not donors:  # "took possession of tanks donated by Denmark and the Netherlands"
        donors = [
            c for t in phrase if t.dep_ == "acl" and t.tag_ == "VBN" for c in _passive_agents(sentence, t)
        ]
        donors = [c for c in dict.fromkeys(donors) if c not in recipients]
    if not donors:  # "took delivery of the first Swedish Gripen jets": the makers' state gives
        donors = [c for c in _national_adjectives(sentence, phrase) if c not in recipients]
    objects = object_tokens(verb) + _described_thing(verb)
    cats, cat_default = _category_or_default(
        sentence, objects, ctx, allow_default=has_support_noun(sentence, objects)
    )
    if not cats and has_money(objects):  # "will receive 1.5 billion euros from the EU"
        cats, cat_default = ["financial"], True
    stage = "delivery" if verb.tag_ in ("VBD", "VBN") else "commitment"
    return _supports(
        donors, recipients, cats, verb, 0.85 - 0.15 * cat_default, rule="support-receive", stage=stage
    )


def _described_thing(verb: Token) -> list[Token]:
    """ "the F-16s (that) it will receive from Norway", "the missiles Ukraine got": the noun a
    relative clause describes is what its verb moves."""
    if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return core_phrase(verb.head)
    if verb.dep_ == "ccomp" and (described := relative_head(verb)) is not None:
        return core_phrase(described)
    return []


def _national_adjectives(sentence: Sentence, phrase: list[Token]) -> list[str]:
    """States named by the adjectives of the weapons or aid in ``phrase`` ("Swedish Gripen
    jets", "German aid"), not "US-made" origins."""
    lex = sentence.lexicon
    found: list[str] = []
    for noun in phrase:
        if noun.pos_ != "NOUN" or not (
            lex.categories_of(noun) or noun.lemma_.lower() in lex.words("support", "nouns")
        ):
            continue
        for adj in [t for left in noun.lefts for t in left.subtree]:
            after = adj.doc[adj.i + 1] if adj.i + 1 < len(adj.doc) else None
            code = sentence.code(adj) if adj.dep_ in ("amod", "compound") else None
            if code and code not in found and not (after is not None and after.text == "-"):
                found.append(code)
    return found


_MESSAGES = frozenset({"letter", "message", "note", "call", "list", "invitation", "proposal", "offer"})


def support_noun(sentence: Sentence, noun: Token, ctx: ArticleContext) -> list[Found]:
    """ "Belgium's pledge", "Dutch military aid to Ukraine", "contributions from X"."""
    lex = sentence.lexicon
    lemma = noun.lemma_.lower()
    if noun.pos_ != "NOUN" or lemma not in lex.words("support", "nouns"):
        return []
    head = noun.head
    if noun.dep_ in ("dobj", "nsubjpass", "pobj") and head.lemma_.lower() in (
        lex.support_verbs | lex.words("refusal", "verbs") | lex.words("support", "object_verbs")
    ):
        return []
    if lemma in (
        "weapon",
        "arm",
        "ammunition",
        "equipment",
        "supply",
        "support",
        "help",
    ) and not recipients_of(sentence, noun, dobj_is_recipient=False):
        return []
    if (
        _not_yet_given(sentence, noun)
        or _asked_or_refused(sentence, noun)
        or _pledged_to_an_idea(sentence, noun)
        or _under_no(noun)
    ):
        return []
    donors = modifier_actors(sentence, noun, of=True) or _light_verb_donors(sentence, noun)
    if any(c.dep_ == "amod" and c.lower_ in _UNREAL for c in noun.children):
        return []  # "a potential Israeli shipment of Patriots", "the proposed package"
    told_before = not donors and _refers_back(noun)
    giver = ctx.main_other() if told_before else None
    if giver:
        donors = [giver]  # "The package also includes ...": the article's giver
    if not donors or is_hedged(sentence, noun):
        return []
    explicit = recipients_of(sentence, noun, dobj_is_recipient=False)
    if not explicit and head.lemma_.lower() in _WELCOMING:
        # "Kyiv welcomed Canada's pledge": who welcomes or receives it is the recipient
        explicit = [c for c in _welcoming_parties(sentence, noun) if c not in donors]
    recipients, defaulted = _recipients_or_default(explicit, ctx)
    cats, cat_default = _category_or_default(
        sentence, list(noun.subtree) + _contents(noun), ctx, allow_default=True
    )
    if not cats and has_money(list(noun.subtree) + _amounted(noun)):  # "the Canadian pledge of $500m",
        cats, cat_default = ["financial"], True  # "Norway's contribution ... was 50 million dollars"
    if told_before:  # the kind must be said in this clause ("also includes humanitarian aid")
        cats, cat_default = (
            categories_in(sentence, [t for t in noun.head.subtree if t not in noun.subtree]),
            False,
        )
        if not cats or any(c.dep_ in ("relcl", "acl") and is_hedged(sentence, c) for c in noun.children):
            return []
    conf = 0.8 - 0.15 * defaulted - 0.15 * cat_default - 0.3 * told_before
    if any(c.lower_ == "no" for c in noun.children):
        return _refusals(donors, cats, explicit, noun, conf, rule="no-support")
    return _supports(
        donors, recipients, cats, noun, conf, rule="support-noun", stage=_noun_stage(sentence, noun)
    )


def _under_no(noun: Token) -> bool:
    """ "no further deliveries of arms from Berlin": the arms are not given (the head noun with
    "no" is the refusal)."""
    token = noun
    for _ in range(2):
        if token.dep_ not in ("pobj", "prep") or token.head == token:
            return False
        token = token.head
        if token.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no" for c in token.children):
            return True
    return False


def _pledged_to_an_idea(sentence: Sentence, noun: Token) -> bool:
    """ "its commitment to peace and security in Ukraine", "support to the reform agenda": a
    "to" phrase that names neither a party nor a thing given makes the noun a stance."""
    goals = prep_objects(noun, frozenset({"to"}))
    aims = [  # "its commitment to maintaining good relations"
        g
        for c in noun.children
        if c.dep_ == "prep" and c.lower_ == "to"
        for g in c.children
        if g.dep_ == "pcomp" and g.lemma_.lower() not in sentence.lexicon.support_verbs
    ]
    return bool(goals or aims) and not any(
        actors_of(sentence, g)
        or has_support_noun(sentence, [g])
        or has_money([g])
        or g.lemma_.lower() in INSTRUMENTS  # "contribution to the trust fund for Ukraine"
        for g in goals
    )


def _asked_or_refused(sentence: Sentence, noun: Token, *, through_clauses: bool = False) -> bool:
    """ "Swiss veto German request to re-export ammunition", "Kyiv's request for ammunition
    from Berlin": support named inside a request, a veto or a refusal is not given (the appeal
    and refusal rules read those); ``through_clauses`` also climbs infinitives and objects
    ("requests to transfer the ammunition it had received")."""
    lex = sentence.lexicon
    words = _REQUESTS | lex.words("appeal", "nouns") | lex.words("refusal", "nouns")
    if any(t.lemma_.lower() in words and t.pos_ == "NOUN" for t in noun.subtree if t.i < noun.i):
        return True
    deps = {"pobj", "prep", "compound", "nmod"} | (
        {"dobj", "acl", "xcomp", "advcl"} if through_clauses else set()
    )
    token = noun
    for _ in range(4 if through_clauses else 3):  # "a request for more ammunition", "the veto on"
        if token.dep_ not in deps or token.head == token:
            return False
        token = token.head
        if token.pos_ == "NOUN" and token.lemma_.lower() in words:
            return True
        if through_clauses and any(c.dep_ == "dobj" and c.lemma_.lower() in words for c in token.children):
            return True  # "received requests ... to transfer ammunition" (the infinitive on the verb)
    return False


_CONTAINING = frozenset({"include", "contain", "comprise", "feature", "cover", "consist", "involve"})
_AMOUNTING = frozenset({"be", "total", "reach", "amount", "stand", "exceed", "top", "come"})


def _amounted(noun: Token) -> list[Token]:
    """What a support noun is said to come to: "the contribution was 50 million dollars"."""
    head = noun.head
    if noun.dep_ != "nsubj" or head.lemma_.lower() not in _AMOUNTING:
        return []
    return [t for c in head.children if c.dep_ in ("attr", "dobj", "prep", "npadvmod") for t in c.subtree]


def _contents(noun: Token) -> list[Token]:
    """What a package is said to hold: "Italy's aid package contains SAMP/T components"."""
    head = noun.head
    if noun.dep_ != "nsubj" or head.lemma_.lower() not in _CONTAINING:
        return []
    return [t for c in head.children if c.dep_ in ("dobj", "prep") for t in c.subtree]


_UNREAL = frozenset(
    {
        "potential",
        "possible",
        "proposed",
        "prospective",
        "hypothetical",
        "rumoured",
        "rumored",
        "mooted",
        "planned",
        "requested",
    }
)
_BACK_NOUNS = frozenset(
    {"package", "tranche", "pledge", "donation", "contribution", "shipment", "delivery", "aid", "assistance"}
)


def _refers_back(noun: Token) -> bool:
    """ "The package includes ...", "the new tranche", "this aid": support told earlier in the
    article, named again without its giver."""
    if (
        noun.lemma_.lower() not in _BACK_NOUNS
        or noun.dep_ != "nsubj"
        or noun.head.lemma_.lower() not in ("include", "contain", "comprise", "consist", "cover", "feature")
    ):
        return False
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in noun.children)


def _named_members(sentence: Sentence, verb: Token) -> list[str]:
    """The actors listed after "among them" beside a verb whose subject is a generic group."""
    found: list[str] = []
    for prep in children(verb, frozenset({"prep"})):
        if prep.lower_ != "among" or not any(g.lower_ in ("them", "which", "whom") for g in prep.children):
            continue
        for named in prep.children:
            if named.dep_ in ("dep", "appos", "pobj") and named.lower_ not in ("them", "which", "whom"):
                found += [c for c in actors_of(sentence, named) if c not in found]
    return found


_CHOICES = frozenset({"decision", "move", "choice", "determination", "resolution", "order"})
_WELCOMING = frozenset(
    {"welcome", "thank", "praise", "hail", "appreciate", "applaud", "receive", "accept", "commend"}
)


def _not_yet_given(sentence: Sentence, noun: Token) -> bool:
    """ "still preparing its next package", "delays in U.S. aid": support not (yet) given."""
    lex = sentence.lexicon
    head = noun.head
    if noun.dep_ == "dobj" and head.lemma_.lower() in lex.words("support", "preparing_verbs"):
        return True
    return noun.dep_ == "pobj" and head.head.lemma_.lower() in lex.words("support", "lacking_heads")


def _light_verb_donors(sentence: Sentence, noun: Token) -> list[str]:
    """ "Jordan carried out airdrops of food": the subject of a light verb gives."""
    return light_verb_actors(sentence, noun, sentence.lexicon.words("support", "light_verbs"))


def _carried_complements(noun: Token, verbs: frozenset[str]) -> list[Token]:
    """ "put a hold on a shipment of bombs": the parser hangs the noun's "on" phrase on the
    light verb that carries it."""
    head = noun.head
    if noun.dep_ != "dobj" or head.lemma_.lower() not in verbs:
        return []
    return [
        t for p in head.children if p.dep_ == "prep" and p.lower_ in ("on", "to", "of") for t in p.subtree
    ]


def light_verb_actors(sentence: Sentence, noun: Token, verbs: frozenset[str]) -> list[str]:
    """The subject of a verb that only carries an event noun ("carried out airdrops", "placed
    a hold on a shipment", "issued a pause to sales"): who does what the noun names."""
    head = noun.head
    if noun.dep_ != "dobj" or head.lemma_.lower() not in verbs or is_negated(head):
        return []
    return actors_of(sentence, subject_of(head))


def _noun_stage(sentence: Sentence, noun: Token) -> str:
    lemma = noun.lemma_.lower()
    if lemma in sentence.lexicon.words("support", "delivery_words"):
        return "delivery"
    if lemma in sentence.lexicon.words("support", "commitment_words"):
        return "commitment"
    verb = noun.head
    return stage_of_verb(sentence, verb) if verb.pos_ == "VERB" else "commitment"


def _refusals(
    actors: list[str],
    cats: list[str],
    recipients: list[str],
    anchor: Token,
    conf: float,
    *,
    rule: str,
) -> list[Found]:
    out = []
    for actor in actors:
        for cat in cats:
            fields = {"type": "refusal", "actor": actor, "category": cat}
            if recipients and recipients[0] != actor:
                fields["recipient"] = recipients[0]
            out.append(Found(fields, anchor, conf, rule))
    return out


def refusal_verb(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "Germany refused to supply weapons", "ruled out military aid", "is pausing aid"."""
    lex = sentence.lexicon
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB":
        return []
    says_no = _says_no(verb) or _draws_line(verb)
    if lemma not in lex.words("refusal", "verbs") and not _refusal_phrase(lex, verb) and not says_no:
        return []
    if (is_negated(verb) and not says_no) or is_hedged(sentence, verb) or is_conditional(verb):
        return []
    if _standing_rule(subject_of(verb)) and not any(
        actors_of(sentence, o) for o in children(verb, frozenset({"dobj"}))
    ):
        return []  # "Canadian law bars the export of weapons if ...": a rule, not a decision (but
        # "the constitution prevents it from supplying weapons" states an inability)
    objects = object_tokens(verb) + _gerund_complements(verb) + _planned_transfers(lex, verb)
    described = _described_thing(verb)  # "a shipment of bombs that Biden had paused"
    objects += described
    if any(
        c.dep_ in ("dobj", "nsubjpass") and (c.lemma_.lower() in _RESTRICTIONS or _rule_of_not_giving(c))
        for c in verb.children
    ):
        return []  # "ended its ban on arms exports", "scrapped its doctrine of not sending
        # weapons" loosen; see policy_change
    transfer = any(_gives_word(lex, t) for t in objects if t != verb)
    core = [t for c in children(verb, frozenset({"dobj", "nsubjpass"})) for t in core_phrase(c)] + described
    core += [
        t
        for o in prep_objects(verb, frozenset({"on", "from", "of", "with"} | ({"to"} if says_no else set())))
        for t in core_phrase(o)
    ]
    if says_no:  # "said no to Kyiv's plea" with "to" hung on "no"
        core += [
            t
            for n in verb.children
            if n.lower_ == "no"
            for o in prep_objects(n, frozenset({"to"}))
            for t in core_phrase(o)
        ]
    if any(t.lemma_.lower() in _MOVEMENTS for t in core) and categories_in(sentence, core):
        transfer = True  # "blocked the transit of humanitarian convoys", "halted the flow of arms"
    if _draws_line(verb):  # "drew the line at supplying weapons"
        core += [t for p in verb.children if p.lower_ == "at" for c in p.children for t in c.subtree]
        objects = objects + core
        transfer = any(t.lemma_.lower() in lex.support_verbs for t in core)
    no_to_request = (
        says_no and any(t.lemma_.lower() in _REQUESTS for t in core) and bool(categories_in(sentence, core))
    )  # "said no to a Ukrainian request for jets"
    if says_no and not no_to_request:
        transfer_words = lex.support_verbs | {"re-export", "export", "transfer", "delivery", "supply"}
        aid_named = has_support_noun(sentence, core) and bool(
            categories_in(sentence, core)
        )  # "no to lethal aid"
        if not aid_named and not any(t.lemma_.lower() in transfer_words for t in core):
            return []
    requests = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in _REQUESTS]
    asked = (
        no_to_request
        or bool(requests)
        and bool(categories_in(sentence, [verb, *[t for r in requests for t in r.subtree]]))
    )
    if asked:  # "denied a request from Russia to send troops"
        objects = objects + [t for r in requests for t in r.subtree]
    if no_to_request:  # "said no to Kyiv's plea for tanks": the plea says what is refused
        objects = objects + [t for t in core if t not in objects]
    possibility = any(c.dep_ == "dobj" and c.lemma_.lower() in _OPTIONS for c in verb.children)
    if lemma == "deny" and not (asked or possibility and transfer):
        return []  # "China denies supplying weapons": a denial of a fact; "denied the
        # possibility of jets being sent" refuses
    withheld = _withholds(lex, verb) and bool(categories_in(sentence, [verb, *core]))
    answered = [] if (transfer or asked or withheld or objects[1:]) else _request_answered(sentence, verb)
    if answered:  # "Kyiv asked for jets, but Washington has refused": the request is refused
        cats = categories_in(sentence, answered)
        actors = [a for a in _refusal_actors(sentence, verb) if a not in _requesters_in(sentence, answered)]
        return _refusals(actors, cats, [], verb, 0.6, rule="refusal-of-request")
    if (
        not (transfer or asked or withheld)
        and (lemma in _BARE_REFUSALS - {"say"} or _refusal_phrase(lex, verb))
        and not children(verb, frozenset({"xcomp", "ccomp"}))
        and all(_refers_to_request(sentence, c) for c in children(verb, frozenset({"dobj", "nsubjpass"})))
    ):  # "The Greek government refused.", "Berlin turned it down" after a request to it
        return _earlier_request_refused(sentence, verb, ctx)
    joining = any(_stays_out(c, negated=False) for c in children(verb, frozenset({"xcomp"})))
    if joining and categories_in(sentence, objects):  # "refused to take part in the ammunition purchase"
        transfer = True
    held = bool(described) and bool(categories_in(sentence, described))  # "the bombs Biden paused"
    if not (transfer or has_support_noun(sentence, core) or asked or withheld or held):
        return []
    if _declines_to_speak(sentence, objects) or _declines_to_say(verb):
        return []
    cats, cat_default = _category_or_default(
        sentence, objects, ctx, allow_default=transfer or has_support_noun(sentence, core)
    )
    if not cats and has_money(objects):
        cats, cat_default = ["financial"], True
    if withheld and not transfer:
        cats = categories_in(sentence, [verb, *core])
    actors = _refusal_actors(sentence, verb)
    recipients = [r for t in objects for r in recipients_of(sentence, t, dobj_is_recipient=False)]
    recipients = recipients or ([ctx.default_recipient] if ctx.default_recipient else [])
    return _refusals(actors, cats, recipients, verb, 0.85 - 0.15 * cat_default, rule="refusal-verb")


_OPERATIONS = frozenset(
    {"attack", "offensive", "operation", "strike", "assault", "invasion", "incursion", "campaign", "raid"}
)
_BACKING = frozenset({"support", "back", "assist", "join", "aid", "help", "endorse", "participate"})


_COMPLAINING = frozenset(
    {
        "criticise",
        "criticize",
        "blame",
        "accuse",
        "fault",
        "single",
        "complain",
        "lament",
        "slam",
        "chide",
        "rebuke",
        "castigate",
        "berate",
        "lambast",
        "lambaste",
        "condemn",
        "decry",
        "deplore",
    }
)
_OUTRAGED = frozenset(
    {"inconceivable", "unacceptable", "outrageous", "shameful", "disgraceful", "scandalous"}
)
_HOLDING_BACK = frozenset({"withhold", "delay", "block", "drag", "stall", "slow", "veto", "hesitate", "fail"})


def appeal_complaint(sentence: Sentence, word: Token, ctx: ArticleContext) -> list[Found]:
    """Blaming a party for not giving asks it to give: "criticised Germany for delaying tank
    deliveries", "singled out Kuwait for giving nothing to the appeal", "complained that
    Washington was holding back missiles", "said it was inconceivable that the US was
    withholding weapons"."""
    lemma = word.lemma_.lower()
    if lemma in _COMPLAINING and word.pos_ == "VERB":
        if is_negated(word) or is_hedged(sentence, word):
            return []
        actors = _refusal_actors(sentence, word)
        blamed: list[tuple[Token | None, Token]] = [
            (o, c) for o in _objects_or_passive_subject(word) for c in _blamed_for(word)
        ]
        blamed += [(subject_of(c), c) for c in children(word, frozenset({"ccomp"}))]
    elif lemma in _OUTRAGED and word.dep_ == "acomp":
        actors = _sayers(sentence, word.head)
        blamed = [(subject_of(c), c) for c in children(word.head, frozenset({"ccomp"}))]
    else:
        return []
    out: list[Found] = []
    for party, clause in blamed:
        if party is None or not _holds_back(sentence, clause):
            continue
        targets = [c for c in actors_of(sentence, party) if c not in actors]
        cats, cat_default = _category_or_default(sentence, list(clause.subtree), ctx, allow_default=True)
        out += _appeal_events((actors, targets), cats, word, 0.6 - 0.1 * cat_default, "appeal-complaint")
    if lemma in _COMPLAINING:
        out += _slowness_blamed(sentence, word, actors)
    return out


_SLOWNESS = frozenset(
    {
        "reluctance",
        "refusal",
        "hesitation",
        "hesitancy",
        "delay",
        "failure",
        "slowness",
        "pace",
        "unwillingness",
        "dithering",
        "foot-dragging",
        "veto",
    }
)


def _slowness_blamed(sentence: Sentence, verb: Token, actors: list[str]) -> list[Found]:
    """ "criticised Germany's reluctance to send tanks", "lamented the slow pace of American
    weapons deliveries": blaming a party's holding back asks it to give."""
    out: list[Found] = []
    for noun in children(verb, frozenset({"dobj"})):
        if noun.lemma_.lower() not in _SLOWNESS:
            continue
        words = list(noun.subtree)
        lex = sentence.lexicon
        if not (
            any(t.lemma_.lower() in lex.support_verbs for t in words)
            or has_support_noun(sentence, words)
            or categories_in(sentence, words)
        ):
            continue
        owners = children(noun, frozenset({"poss"})) or [
            m
            for t in words
            if lex.words("support", "nouns") & {t.lemma_.lower()} or lex.categories_of(t)
            for m in t.children
            if m.dep_ in ("amod", "compound", "poss")
        ]
        targets = [c for o in owners for c in actors_of(sentence, o) if c not in actors]
        cats = categories_in(sentence, words)
        out += _appeal_events((actors, list(dict.fromkeys(targets))), cats, verb, 0.55, "appeal-complaint")
    return out


def _objects_or_passive_subject(verb: Token) -> list[Token]:
    """The direct objects, or in the passive the subject ("Norway was thanked by Kyiv for ...",
    "Germany was criticised by Zelensky for delaying ...")."""
    found = children(verb, frozenset({"dobj"}))
    if is_passive(verb):
        found += children(verb, frozenset({"nsubjpass"}))
    return found


def _blamed_for(verb: Token) -> list[Token]:
    """The clause a party is blamed for: "for delaying ...", "of dragging its feet on ..."."""
    return [
        g
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ in ("for", "of", "over")
        for g in c.children
        if g.dep_ == "pcomp" and g.pos_ == "VERB"
    ]


def _holds_back(sentence: Sentence, clause: Token) -> bool:
    """ "delaying deliveries of tanks", "withholding weapons", "holding back missiles",
    "giving nothing", "not sending tanks": support kept back."""
    lex = sentence.lexicon
    lemma = clause.lemma_.lower()
    giving = lemma in lex.support_verbs
    kept = (
        lemma in _HOLDING_BACK
        or lemma == "hold"
        and _particles(clause) & {"back", "up", "off"}
        or giving
        and (is_negated(clause) or _gives_nothing(clause))
    )
    if not kept:
        return False
    words = list(clause.subtree)
    return (
        giving
        or any(t.lemma_.lower() in lex.support_verbs for t in words[1:])
        or has_support_noun(sentence, words)
        or bool(categories_in(sentence, words))
    )


def _gives_nothing(verb: Token) -> bool:
    """ "gave nothing", "has contributed none": a giving verb whose object is nothing."""
    return any(c.dep_ == "dobj" and c.lower_ in ("nothing", "none") for c in verb.children)


_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_TO_PARTY = frozenset({"to", "for", "into"})


def headline_verb(sentence: Sentence, token: Token, ctx: ArticleContext) -> list[Found]:
    """A headline's verb the parser read as a noun, right after its maker and with no finite
    verb in the line: "Hungary vetoes EU military aid for Ukraine", "Qatar airlifts food and
    medicine to Gaza", "Kyiv seeks jets from Spain". The maker gives, refuses or asks; the
    parties after "to/for" receive, the one named first after an asking verb is asked."""
    if token.pos_ == "VERB" or not token.lower_.endswith("s") or token.i == sentence.span.start:
        return []
    maker = sentence.codes.get(token.i - 1)
    if maker is None or sentence.codes.get(token.i) is not None:
        return []
    kind = _headline_kind(sentence, token)
    if kind is None or any(t.tag_ in _FINITE_TAGS for t in sentence.span):
        return []
    if is_hedged(sentence, token):
        return []
    rest = [t for t in token.doc[token.i + 1 : sentence.span.end]]
    cut = next((i for i, t in enumerate(rest) if t.lower_ in _TO_PARTY | {"from"}), len(rest))
    named = [c for t in rest[:cut] for c in [sentence.codes.get(t.i)] if c and c != maker]
    after = [c for t in rest[cut:] for c in [sentence.codes.get(t.i)] if c and c != maker]
    cats, cat_default = _category_or_default(
        sentence, rest, ctx, allow_default=has_support_noun(sentence, rest)
    )
    if not cats and has_money(rest):
        cats, cat_default = ["financial"], True
    conf = 0.7 - 0.15 * cat_default
    if kind == "appeal":
        targets = list(dict.fromkeys(named or after))
        return _appeal_events(([maker], targets[:1]), cats, token, conf, "appeal-headline")
    recipients = list(dict.fromkeys(after))
    if kind == "refusal":
        return _refusals([maker], cats, recipients, token, conf, rule="refusal-headline")
    if not (has_support_noun(sentence, rest) or categories_in(sentence, rest)):
        return []
    recipients, defaulted = _recipients_or_default(recipients, ctx)
    return _supports(
        [maker], recipients, cats, token, conf - 0.15 * defaulted, rule="support-headline", stage=None
    )


def _headline_kind(sentence: Sentence, token: Token) -> str | None:
    """Which kind of event a headline's verb read as a noun tells."""
    lex = sentence.lexicon
    forms = {token.lemma_.lower(), token.lower_[:-1], token.lower_[:-2]}
    if forms & (lex.support_verbs | lex.words("support", "object_verbs")) - TRADE_LEMMAS:
        return "support"
    if forms & lex.words("refusal", "verbs"):
        return "refusal"
    if forms & lex.words("appeal", "verbs"):
        return "appeal"
    return None


def _joined_group(verb: Token) -> Token | None:
    """The giving scheme a verb joins: "joined the drone coalition", "took part in the
    initiative", "participates in the fund"."""
    lemma = verb.lemma_.lower()
    if lemma in ("join", "enter"):
        found = children(verb, frozenset({"dobj"}))
    elif lemma in ("participate", "engage") or _stays_out(verb, negated=False):
        found = prep_objects(verb, frozenset({"in"}))
    else:
        return None
    return next((g for g in found if g.lemma_.lower() in _GIVING_GROUPS - {"group"}), None)


def support_joining(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """Joining a scheme that gives: "Canada has joined the drone coalition for Ukraine",
    "Portugal joined the coalition that supplies F-16s to Ukraine", "Paris would join the
    initiative"; refusing to join it ("declined to join the coalition supplying tanks")
    refuses that support."""
    if verb.pos_ != "VERB":
        return []
    group = _joined_group(verb)
    if group is None or is_conditional(verb):
        return []
    refused = is_negated(verb) or (
        verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _BARE_REFUSALS - {"say"}
    )
    governor = verb.head if refused and not is_negated(verb) else verb  # "declined to join"
    if is_hedged(sentence, governor) and not is_negated(verb):
        return []
    phrase = list(group.subtree)
    named = [t for t in phrase if t.pos_ != "VERB"]  # not "a scheme to keep fueling the war"
    told_before = all(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in group.children)
    cats, cat_default = _category_or_default(sentence, named, ctx, allow_default=told_before)
    explicit = [r for t in phrase for r in recipients_of(sentence, t, dobj_is_recipient=False)]
    recipients, defaulted = _recipients_or_default(list(dict.fromkeys(explicit)), ctx)
    actors = _refusal_actors(sentence, governor)
    recipients = [r for r in recipients if r not in actors]
    conf = 0.75 - 0.15 * defaulted - 0.15 * cat_default
    if refused:
        return _refusals(actors, cats, recipients, verb, conf - 0.1, rule="refusal-joining")
    return _supports(actors, recipients, cats, verb, conf, rule="support-joining", stage="commitment")


def _joins_operation(tokens: list[Token]) -> bool:
    """ "to join the attack on the port", "to back an offensive": military backing asked."""
    return any(
        t.pos_ == "VERB"
        and t.lemma_.lower() in _BACKING
        and not is_negated(t)
        and any(
            o.lemma_.lower() in _OPERATIONS
            for o in children(t, frozenset({"dobj"})) + prep_objects(t, frozenset({"in"}))
        )
        for t in tokens
    )


def refusal_of_operation(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "will not support attacks likely to worsen the crisis", "refused to back an offensive
    on Rafah", "declined to join the strikes": withholding military backing of an operation."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in _BACKING:
        return []
    refused = is_negated(verb) or (
        verb.dep_ == "xcomp"
        and verb.head.lemma_.lower() in _BARE_REFUSALS - {"say"}
        and not is_negated(verb.head)
    )
    if not refused or is_conditional(verb):
        return []
    governor = verb.head if verb.dep_ == "xcomp" and not is_negated(verb) else verb
    if is_hedged(sentence, governor) and not negated_by_carrier(verb):
        return []
    operations = children(verb, frozenset({"dobj"})) + prep_objects(verb, frozenset({"in"}))
    if not any(o.lemma_.lower() in _OPERATIONS for o in operations):
        return []
    actors = _refusal_actors(sentence, verb) if verb.dep_ != "xcomp" else _refusal_actors(sentence, verb.head)
    return _refusals(actors, ["military"], [], verb, 0.6, rule="refusal-operation")


_DISPOSING = frozenset(
    {"decommission", "scrap", "destroy", "dismantle", "bury", "retire", "mothball", "discard", "junk", "sink"}
)


def refusal_despite_request(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """Disposing of what was asked for: "Australia is decommissioning its helicopters despite
    Ukraine's request to receive them", "scrapped the tanks despite calls to send them to Kyiv"."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in _DISPOSING or is_negated(verb):
        return []
    if is_hedged(sentence, verb):
        return []
    despite = [t for o in prep_objects(verb, frozenset({"despite"})) for t in o.subtree]
    if not any(t.lemma_.lower() in _REQUESTS | sentence.lexicon.words("appeal", "nouns") for t in despite):
        return []
    things = [t for c in children(verb, frozenset({"dobj", "nsubjpass"})) for t in core_phrase(c)]
    cats = categories_in(sentence, things)
    actors = _refusal_actors(sentence, verb)
    askers = [c for t in despite for c in [sentence.codes.get(t.i)] if c]
    return _refusals(
        [a for a in actors if a not in askers], cats, askers[:1], verb, 0.65, rule="refusal-despite"
    )


_STANDING_RULES = frozenset(
    {"law", "constitution", "legislation", "statute", "treaty", "act", "code", "doctrine", "regulation"}
)


def _standing_rule(subject: Token | None) -> bool:
    """ "Canadian law bars ...", "the constitution forbids ...": a standing rule is the subject."""
    return subject is not None and subject.lemma_.lower() in _STANDING_RULES


_WITHHOLDING = frozenset({"withhold", "veto", "hold back", "hold off"})
# nouns of support on its way: barring them refuses the support they carry
_MOVEMENTS = frozenset({"transit", "passage", "flow", "convoy", "shipment", "delivery", "transfer", "supply"})


def _withholds(lex: Any, verb: Token) -> bool:
    """Verbs that keep back a thing itself: "withheld its Taurus missiles", "held back tanks"."""
    words = {verb.lemma_.lower()} | {f"{verb.lemma_.lower()} {w}" for w in _particles(verb)}
    return bool(words & _WITHHOLDING)


def _particles(verb: Token) -> set[str]:
    """The particles of a phrasal verb, however parsed: "held back" (advmod), "ruled out" (prt)."""
    found = set()
    for child in verb.children:
        dep = child.dep_
        if dep in ("prt", "prep") or dep == "advmod" and child.i == verb.i + 1 and child.lower_ in _PARTICLES:
            found.add(child.lower_)
    return found


_PARTICLES = frozenset({"back", "off", "out", "down", "away", "up"})


def _draws_line(verb: Token) -> bool:
    """ "drew the line at supplying weapons": a limit set against giving."""
    return (
        verb.lemma_.lower() == "draw"
        and any(c.dep_ == "dobj" and c.lower_ == "line" for c in verb.children)
        and any(c.dep_ == "prep" and c.lower_ == "at" for c in verb.children)
    )


def _says_no(verb: Token) -> bool:
    """ "said no to the re-export of ammunition", "answered no to Kyiv's request"."""
    if verb.lemma_.lower() not in ("say", "answer", "reply"):
        return False
    doc = verb.doc
    if verb.i + 2 < len(doc) and doc[verb.i + 1].lower_ == "no" and doc[verb.i + 2].lower_ == "to":
        return True  # whatever the parse ("says no to lethal aid" read as "no ... aid")
    return any(
        c.lower_ == "no" and c.dep_ in ("intj", "dobj", "det", "advmod") for c in verb.children
    ) and any(c.dep_ == "prep" and c.lower_ == "to" for c in verb.children)


def _refusal_phrase(lex: Any, verb: Token) -> bool:
    """A verb with a particle or preposition that refuses: "ruled out", "voted against"."""
    return any(f"{verb.lemma_.lower()} {w}" in lex.words("refusal", "phrases") for w in _particles(verb))


_BARE_REFUSALS = frozenset({"refuse", "decline", "reject", "balk", "baulk", "demur", "say"})


def _request_answered(sentence: Sentence, verb: Token) -> list[Token]:
    """A refusal with no object of its own after a request in the same sentence ("Kyiv asked
    for jets, but Washington has refused"): the words of that request."""
    if verb.lemma_.lower() not in _BARE_REFUSALS - {"say"} or children(
        verb, frozenset({"dobj", "xcomp", "ccomp"})
    ):
        return []
    asking = sentence.lexicon.words("appeal", "verbs")
    for token in sentence.span:
        if token.i < verb.i and token.pos_ == "VERB" and token.lemma_.lower() in asking and token != verb:
            asked = [t for c in _asked_parts(token) for t in c.subtree]
            if categories_in(sentence, asked):
                return [token, *asked]
    return []


def _refers_to_request(sentence: Sentence, word: Token) -> bool:
    """ "it", "the request", "the plea": words that refer back to a request told before."""
    return word.lower_ in ("it", "them", "this", "that") or (
        word.lemma_.lower() in _REQUESTS | sentence.lexicon.words("appeal", "nouns")
        and not categories_in(sentence, list(word.subtree))
    )


def _earlier_request_refused(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "Kyiv asked Athens for its S-300 systems. The Greek government refused.": a bare refusal
    by a party asked in the sentences before refuses what it was asked for."""
    return [
        found
        for actor in _refusal_actors(sentence, verb)
        if actor in ctx.asked_for
        for found in _refusals(
            [actor], [ctx.asked_for[actor]], [], verb, 0.55, rule="refusal-of-earlier-request"
        )
    ]


def _requesters_in(sentence: Sentence, words: list[Token]) -> list[str]:
    return actors_of(sentence, subject_of(words[0])) if words else []


def _planned_transfers(lex: Any, verb: Token) -> list[Token]:
    """ "scrapped a plan to send batteries", "cancelled its offer to deliver jets": the
    transfer planned in the object's own clause."""
    held = children(verb, frozenset({"dobj", "nsubjpass"})) + prep_objects(verb, frozenset({"on", "from"}))
    return [  # "abstained from the decision to fund weapons"
        t
        for o in held  # "held off on a decision to send Taurus missiles"
        for c in o.children
        if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in lex.support_verbs and c.tag_ == "VB"
        for t in c.subtree
    ]


def _gerund_complements(verb: Token) -> list[Token]:
    """ "ruled out sending tanks" (parsed as an adverbial clause): the gerund is the object."""
    return [
        t
        for c in verb.children
        if c.dep_ == "advcl"
        and c.tag_ == "VBG"
        and c.i > verb.i
        and c.doc[c.i - 1].text != ","  # ", limiting its help to generators": a comment, no object
        and not any(g.dep_ in ("mark", "nsubj") for g in c.children)
        for t in c.subtree
    ] + [  # "balked at handing over its jets", the gerund parsed as a noun
        t
        for p in [
            *verb.children,
            *(g for a in verb.children if a.dep_ in ("advmod", "prt") for g in a.children),
        ]
        if p.dep_ == "prep" and p.lower_ in _GERUND_PREPS
        for g in p.children
        if g.dep_ == "pobj" and (g.tag_ == "VBG" or g.lower_.endswith("ing") and g.pos_ in ("NOUN", "VERB"))
        for t in g.subtree
    ]


def _gives_word(lex: Any, token: Token) -> bool:
    """A verb of giving, also as a gerund the tagger took for a noun ("balked at handing over")."""
    if token.lemma_.lower() in lex.support_verbs:
        return True
    return (
        token.lower_.endswith("ing")
        and token.dep_ == "pobj"
        and token.head.lower_ in _GERUND_PREPS
        and not any(c.dep_ in ("det", "poss", "amod") for c in token.children)
        and bool(word_forms(token) & lex.support_verbs)
    )


_GERUND_PREPS = frozenset({"at", "from", "on", "of", "against"})


# verbs of telling: declining to tell ("refused to say how many tanks", "would not be drawn on")
# refuses words, not support
_TELLING = frozenset(
    {
        "say",
        "comment",
        "specify",
        "disclose",
        "reveal",
        "elaborate",
        "confirm",
        "detail",
        "speculate",
        "name",
        "identify",
        "explain",
        "discuss",
        "answer",
        "tell",
        "divulge",
        "quantify",
    }
)


def _declines_to_say(verb: Token) -> bool:
    """ "refused to say how many tanks would be sent", "declined to be drawn on the jets"."""
    return any(
        c.lemma_.lower() in _TELLING or c.lemma_.lower() == "draw" and is_passive(c)
        for c in children(verb, frozenset({"xcomp"}))
    )


def _declines_to_speak(sentence: Sentence, objects: list[Token]) -> bool:
    """ "declined to give a direct answer", "refused to give details of the weapons it sent":
    the object withheld is words, whatever they are about."""
    speech = sentence.lexicon.words("refusal", "speech_objects")
    heads = [t for t in objects if t.dep_ in ("dobj", "nsubjpass") and t.head.pos_ in ("VERB", "AUX")]
    if any(t.lemma_.lower() in speech for t in heads):
        return True
    return any(t.lemma_.lower() in speech for t in objects) and not (
        categories_in(sentence, objects) or has_support_noun(sentence, objects)
    )


def _refusal_actors(sentence: Sentence, verb: Token) -> list[str]:
    if is_passive(verb):
        found = _passive_agents(sentence, verb)
    else:
        found = actors_of(sentence, subject_of(verb))
    if not found and verb.dep_ == "acl" and verb.head.pos_ == "NOUN" and verb.head.lemma_.lower() in _CHOICES:
        found = modifier_actors(sentence, verb.head, of=True)  # "Berlin's decision to halt arms
        # deliveries", "the decision of the Greek government not to send"
    if not found:  # "Several EU members, among them Austria, Ireland and Malta, refused ..."
        found = _named_members(sentence, verb)
    return found + [c for c in companions(sentence, verb) if c not in found] if found else found


def _passive_agents(sentence: Sentence, verb: Token) -> list[str]:
    """Every "by X" of a passive, coordinated ones included ("was asked by NATO allies and by
    Kyiv to send", where the parser hangs the second "by" on the clause below)."""
    holders = [verb, *children(verb, frozenset({"xcomp", "conj"}))]
    agents = [
        g
        for h in holders
        for c in h.children
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by")
        for g in [
            *children(c, frozenset({"pobj"})),
            *(p for cc in children(c, frozenset({"conj"})) for p in children(cc, frozenset({"pobj"}))),
        ]
    ]
    found: list[str] = []
    for agent in agents:
        found += [c for c in actors_of(sentence, agent) if c not in found]
    return found


def refusal_noun(sentence: Sentence, noun: Token, ctx: ArticleContext) -> list[Found]:
    """ "Germany's refusal to supply arms"."""
    lex = sentence.lexicon
    if noun.pos_ != "NOUN":
        return []
    if noun.lemma_.lower() in lex.words("refusal", "no_nouns") and any(
        c.lower_ == "no" for c in noun.children
    ):
        return _no_plans(sentence, noun, ctx)
    if noun.lemma_.lower() not in lex.words("refusal", "nouns") and not _bans_giving(lex, noun):
        return []
    if _noun_hedged(sentence, noun) and noun.head.lemma_.lower() not in ("condemn", "criticize", "criticise"):
        return []
    if noun.dep_ in ("dobj", "nsubjpass") and noun.head.lemma_.lower() in _ENDING | _first_words_of(lex):
        return []  # "ended its freeze on arms export approvals" loosens a rule
    tokens = list(noun.subtree) + _carried_complements(noun, lex.words("refusal", "light_verbs"))
    transfer = any(t.lemma_.lower() in lex.support_verbs for t in tokens)
    paid = _payments_halted(sentence, noun)
    if not transfer and not paid and not has_support_noun(sentence, tokens[1:] if tokens else tokens):
        return []
    actors = modifier_actors(sentence, noun) or light_verb_actors(
        sentence, noun, lex.words("refusal", "light_verbs")
    )  # "Japan's freeze on aid", "the US placed a hold on a shipment of bombs"
    if not actors:  # "the halt in American weapons deliveries": the giver of what is halted
        actors = [c for t in _halted_things(noun) for c in modifier_actors(sentence, t) if is_state(c)]
        actors = list(dict.fromkeys(actors))
    cats, cat_default = _category_or_default(sentence, tokens, ctx, allow_default=transfer)
    recipients = [r for t in tokens for r in recipients_of(sentence, t, dobj_is_recipient=True)]
    recipients = [r for r in recipients if r not in actors] or (
        [ctx.default_recipient] if ctx.default_recipient else []
    )
    return _refusals(actors, cats, recipients, noun, 0.75 - 0.15 * cat_default, rule="refusal-noun")


def _halted_things(noun: Token) -> list[Token]:
    """What a halt, pause or suspension stops: "the halt in (of, on) arms deliveries"."""
    return prep_objects(noun, frozenset({"in", "of", "on", "to"}))


# money paid to an agency or fund: its halt refuses support ("a suspension of payments to
# the relief agency"), where a payment alone is no gift
_PAYMENTS = frozenset({"payment", "contribution", "donation", "transfer", "remittance"})


def _payments_halted(sentence: Sentence, noun: Token) -> bool:
    """ "Austria's suspension of its payments to the relief agency": payments halted to a party."""
    return any(
        t.lemma_.lower() in _PAYMENTS
        and any(
            actors_of(sentence, o) or categories_in(sentence, list(o.subtree))
            for o in prep_objects(t, frozenset({"to", "for"}))
        )
        for t in _halted_things(noun)
    )


_GIVING_BANS = frozenset({"ban", "prohibition", "moratorium", "embargo"})
_ENDING = frozenset({"end", "scrap", "drop", "abandon", "ditch", "remove", "overturn", "lift"})


def _bans_giving(lex: Any, noun: Token) -> bool:
    """ "Seoul's ban on sending lethal weapons": a ban on giving support (not on selling or
    exporting, which is an export rule) refuses it."""
    if noun.lemma_.lower() not in _GIVING_BANS:
        return False
    if noun.head.lemma_.lower() in _first_words_of(lex) | _ENDING:
        return False  # "ended its ban on sending weapons" loosens a rule
    giving = lex.support_verbs - {"sell", "export"}
    return any(
        t.lemma_.lower() in giving and t.pos_ == "VERB"
        for o in noun.children
        if o.lower_ == "on"
        for t in o.subtree
    )


def _noun_hedged(sentence: Sentence, noun: Token) -> bool:
    """A refusal noun that is the subject of its verb is hedged only as that verb is
    ("Poland's veto ... delayed payments" happened; "a veto could delay" did not)."""
    if noun.dep_ in ("nsubj", "nsubjpass") and noun.head.pos_ in ("VERB", "AUX"):
        return is_hedged(sentence, noun.head)
    return is_hedged(sentence, noun)


def _no_plans(sentence: Sentence, noun: Token, ctx: ArticleContext) -> list[Found]:
    """ "Seoul has no plans to send lethal weapons to Ukraine"."""
    lex = sentence.lexicon
    verbs = [t for t in noun.subtree if t.pos_ == "VERB" and t.lemma_.lower() in lex.support_verbs]
    if not verbs or is_hedged(sentence, noun.head):
        return []
    objects = object_tokens(verbs[0])
    cats, cat_default = _category_or_default(sentence, objects, ctx, allow_default=True)
    actors = actors_of(sentence, subject_of(noun.head)) if noun.head.pos_ in ("VERB", "AUX") else []
    recipients = recipients_of(sentence, verbs[0], dobj_is_recipient=False)
    recipients = recipients or ([ctx.default_recipient] if ctx.default_recipient else [])
    return _refusals(actors, cats, recipients, noun, 0.75 - 0.15 * cat_default, rule="no-plans")


_PAUSES = frozenset(
    {"pause", "suspension", "freeze", "halt", "hold", "moratorium", "stop", "block", "blockage"}
)
_LIFTING = frozenset({"lift", "end", "reverse", "drop", "scrap", "remove", "unfreeze", "release", "rescind"})


def support_resumed(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "Canada will lift its pause on funding to UNRWA", "lifted the hold on military aid to
    Kyiv": ending a halt of support gives it again."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in _LIFTING or is_negated(verb):
        return []
    if is_hedged(sentence, verb):
        return []
    halts = [c for c in children(verb, frozenset({"dobj", "nsubjpass"})) if c.lemma_.lower() in _PAUSES]
    held = [
        t
        for h in halts
        for o in prep_objects(h, frozenset({"on", "of", "to"})) + prep_objects(verb, frozenset({"on"}))
        for t in core_phrase(o)
    ]
    if (
        not held
        or not has_support_noun(sentence, held)
        or any(t.lemma_.lower() in _TRADE_WORDS for t in held)
    ):
        return []  # "lifted its pause on new arms export licences" is an export rule
    phrase = [t for h in halts for t in h.subtree] + [
        t for o in prep_objects(verb, frozenset({"on"})) for t in o.subtree
    ]
    cats, cat_default = _category_or_default(sentence, phrase, ctx, allow_default=True)
    recipients = [r for t in phrase for r in recipients_of(sentence, t, dobj_is_recipient=False)]
    recipients = recipients or [c for t in phrase if t.dep_ == "pobj" for c in actors_of(sentence, t)]
    donors = _refusal_actors(sentence, verb)
    recipients = [r for r in dict.fromkeys(recipients) if r not in donors]
    recipients, defaulted = _recipients_or_default(recipients, ctx)
    conf = 0.8 - 0.15 * cat_default - 0.15 * defaulted
    return _supports(donors, recipients[:1], cats, verb, conf, rule="support-resumed", stage="commitment")


def support_thanks(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "Zelensky thanked Norway for its financial support": Norway gave it."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in ("thank", "praise", "commend"):
        return []
    if is_negated(verb) or is_hedged(sentence, verb):
        return []
    donors = [c for o in _objects_or_passive_subject(verb) for c in actors_of(sentence, o)]
    reasons = [t for o in prep_objects(verb, frozenset({"for"})) for t in o.subtree]
    giving = any(t.lemma_.lower() in sentence.lexicon.support_verbs and t.pos_ == "VERB" for t in reasons)
    if not donors or not (has_support_noun(sentence, reasons) or giving and categories_in(sentence, reasons)):
        return []  # "thanked Norway for its support", "for its decision to send air defence"
    cats, cat_default = _category_or_default(sentence, reasons, ctx, allow_default=False)
    thanking = _refusal_actors(sentence, verb)
    recipients = [r for t in reasons for r in recipients_of(sentence, t, dobj_is_recipient=False)]
    recipients, defaulted = _recipients_or_default(recipients or thanking, ctx)
    return _supports(
        donors, recipients[:1], cats, verb, 0.7 - 0.15 * cat_default, rule="support-thanks", stage="delivery"
    )


def appeal_verb(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "Zelensky urged Germany to send tanks", "called on Israel for air defence"."""
    lex = sentence.lexicon
    lemma = verb.lemma_.lower()
    wanting_forms = word_forms(verb) & lex.words("appeal", "wanting_verbs")  # "hopes" read as "hop"
    wanting = bool(wanting_forms)
    if wanting and lemma not in wanting_forms and lemma not in lex.words("appeal", "verbs"):
        lemma = min(wanting_forms)
    if verb.pos_ != "VERB" or not (lemma in lex.words("appeal", "verbs") or wanting):
        return []
    if lemma == "like" and not has_aux(verb, frozenset({"would", "'d"})):
        return []  # "would like to receive jets" wants; "like" alone does not
    if _moves_bodily(verb):
        return []  # "troops pushed Russian forces back from the river": a push on the ground
    if (
        lemma in ("expect", "hope")
        and not children(verb, frozenset({"dobj"}))
        and children(verb, frozenset({"xcomp"}))
    ):
        return []  # "Kyiv expects (hopes) to receive missiles" awaits a delivery; "expects Berlin to send" asks
    giving = lex.support_verbs | lex.words("support", "receive_verbs")
    wanted = [t for c in children(verb, frozenset({"xcomp", "ccomp", "prep"})) for t in c.subtree]
    wanted += [t for c in children(verb, frozenset({"advcl"})) if _bare_infinitive(c) for t in c.subtree]
    approving = lex.words("support", "object_verbs")  # "expects Washington to approve the aid"
    hastened = any(t.lemma_.lower() in lex.words("support", "delivery_words") for t in wanted) and bool(
        categories_in(sentence, wanted)
    )  # "wants Paris to speed up the delivery of jets"
    if (
        wanting
        and not hastened
        and not any(t.lemma_.lower() in giving for t in wanted)
        and not (
            any(t.lemma_.lower() in approving and t.pos_ == "VERB" for t in wanted)
            and has_support_noun(sentence, wanted)
            and (
                any(actors_of(sentence, subject_of(c)) for c in children(verb, frozenset({"xcomp", "ccomp"})))
                or any(actors_of(sentence, o) for o in prep_objects(verb, frozenset({"on", "upon"})))
            )  # "expects Washington to approve", "is counting on Washington to release"
        )
        and not any(
            any(lex.categories_of(t) for t in o.lefts) or lex.categories_of(o)
            for o in children(verb, frozenset({"dobj"}))
            if prep_objects(o, frozenset({"from"})) or prep_objects(verb, frozenset({"from"}))
        )  # "wants missiles from the US", "needs more vehicles from Canada"
        and not _turns_to_for(sentence, verb)
        and not (
            (_hosts(sentence) or _told_parties(sentence, verb))
            and any(lex.categories_of(o) for o in children(verb, frozenset({"dobj"})))
        )  # "'We need more air defence,' Zelensky told Spanish lawmakers"
        and not _wants_owned(sentence, verb)
    ):
        return []  # "Germany wants peace" asks nobody; "wants missiles from the US" asks
    if lemma == "call" and not any(
        c.lower_ in lex.words("appeal", "call_preps")
        for c in [*verb.children, *(m for a in children(verb, frozenset({"advcl"})) for m in a.children)]
        if c.dep_ in ("prep", "prt", "mark")
    ):
        return []  # "called on", "called for", "called for Germany to send" (a "for" clause)
    if is_negated(verb) or (is_hedged(sentence, verb) and lemma != "like"):
        return []  # "would like to receive" is a wish stated, not a hypothetical
    actors = _refusal_actors(sentence, verb)
    targets = _appeal_targets(sentence, verb)
    if targets and set(targets) <= set(actors):  # "would like to use Greece's support": not itself
        targets = [c for c in _givers_of_asked(sentence, verb) if c not in actors] or targets
    if not targets:  # "sent a letter to Netanyahu asking for", "Ukraine's ambassador to Berlin urged"
        targets = [c for c in _addressees(sentence, verb) if c not in actors]
    if not targets and wanting:  # "'We need air defence,' Zelensky told Spanish lawmakers"
        targets = [c for c in _told_parties(sentence, verb) if c not in actors]
    if not targets:  # "pleaded for more help from the EU", "sought Washington's help"
        targets = [c for c in _givers_of_asked(sentence, verb) if c not in actors]
    if not targets:  # "Zelensky pushed hard on Tomahawks but Trump pushed back"
        targets = [c for c in _resisting_parties(sentence, verb) if c not in actors]
    unnamed = (
        not targets and not _addressed_to_someone(verb) and any(c.dep_ == "nsubj" for c in verb.children)
    )  # not "Asked if ..., he said"
    if unnamed and len(actors) == 1:  # "Kyiv asked for the missiles": of whom it met or asked
        targets = _met_by(sentence, actors[0]) or _asked_before(ctx, actors[0])  # before, or of the
        targets = targets or [t for t in [ctx.main_other(actors[0])] if t]  # article's giver
    tokens = [t for c in _asked_parts(verb) for t in c.subtree if not _in_side_clause(t, c)]
    if _asks_to_stop(sentence, verb) or _asks_to_speak(sentence, verb) or _asks_a_question(verb):
        return []
    transfer = any(t.lemma_.lower() in lex.support_verbs for t in tokens)
    if _joins_operation(tokens):  # "asked the United States to join the attack on the port"
        return _appeal_events(
            (actors, targets),
            ["military"],
            verb,
            0.7,
            "appeal-operation",
            _beneficiary([], ctx.default_recipient),
        )
    if (
        not transfer
        and not has_support_noun(sentence, tokens)
        and not any(t.pos_ in ("NOUN", "PROPN") and lex.categories_of(t) for t in tokens)
        and not any(is_designation(t) for t in tokens)
    ):
        return []  # "asking Ukraine to comply with the law ... military goals": nothing to give
    cats, cat_default = _category_or_default(
        sentence, tokens, ctx, allow_default=transfer or has_support_noun(sentence, tokens)
    )
    if not cats and has_money(tokens) and has_support_noun(sentence, tokens):
        cats, cat_default = ["financial"], True  # "urged EU leaders to approve the 50 billion euro aid"
    recipients = [r for t in tokens for r in recipients_of(sentence, t, dobj_is_recipient=False)]
    beneficiary = next((r for r in recipients if r not in targets), ctx.default_recipient)
    conf = 0.85 - 0.15 * cat_default - 0.3 * unnamed
    return _appeal_events((actors, targets), cats, verb, conf, "appeal-verb", _beneficiary([], beneficiary))


_ENVOYS = frozenset({"ambassador", "envoy", "emissary", "representative", "delegation", "mission"})


_SCENE_PREPS = frozenset(
    {"in", "at", "during", "after", "before", "amid", "following", "since", "despite", "as"}
)


_AWAY_PARTICLES = frozenset({"back", "out", "away", "off", "across", "forward", "aside"})
_FORCES = frozenset(
    {
        "force",
        "troop",
        "soldier",
        "fighter",
        "unit",
        "army",
        "militant",
        "enemy",
        "line",
        "invader",
        "occupier",
        "crowd",
        "protester",
        "column",
        "brigade",
        "battalion",
        "regiment",
    }
)


def _moves_bodily(verb: Token) -> bool:
    """ "pushed the enemy back", "pressed Russian troops out of the town", "drove forces off":
    a verb of pressing used for moving someone on the ground asks nothing."""
    if any(c.dep_ in ("prt", "advmod") and c.lower_ in _AWAY_PARTICLES for c in verb.children):
        return True
    return any(
        c.dep_ == "dobj" and c.lemma_.lower() in _FORCES and not children(c, frozenset({"poss"}))
        for c in verb.children
    ) and not children(verb, frozenset({"xcomp", "ccomp"}))


def _asked_parts(verb: Token) -> list[Token]:
    """What an appeal asks and of whom: not its subject, nor the scene ("In the wake of a
    meeting on drones, X called on Y to ...")."""
    passive = is_passive(verb)  # "more tanks were requested by Kyiv": the subject is what is asked
    return [
        c
        for c in verb.children
        if (
            c.dep_ not in ("nsubj", "nsubjpass", "punct", "aux", "neg", "advmod")
            or passive
            and c.dep_ == "nsubjpass"
            and c.pos_ == "NOUN"
        )
        and not (c.dep_ == "prep" and c.lower_ in _SCENE_PREPS)
        and not _comment_clause(c)
    ]


_PUSHING_BACK = frozenset({"push", "pull", "hold", "fight", "step"})


def _resisting_parties(sentence: Sentence, verb: Token) -> list[str]:
    """Who resists an appeal in the clause joined to it by "but": "Zelensky pushed hard on
    Tomahawks but Trump pushed back", "Kyiv pleaded for jets, but Washington refused"."""
    lex = sentence.lexicon
    found: list[str] = []
    for conj in children(verb, frozenset({"conj"})):
        if not any(c.dep_ == "cc" and c.lower_ in ("but", "yet") for c in verb.children if c.i < conj.i):
            continue
        lemma = conj.lemma_.lower()
        back = lemma in _PUSHING_BACK and any(c.lower_ == "back" for c in conj.children)
        if back or lemma in lex.words("refusal", "verbs") or _refusal_phrase(lex, conj):
            found += [c for c in actors_of(sentence, subject_of(conj)) if c not in found]
    return found


def _comment_clause(clause: Token) -> bool:
    """ "..., which means they use it to target military goals": a comment on what was said."""
    return clause.dep_ in ("ccomp", "advcl", "parataxis") and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("which", "what") for c in clause.children
    )


def _in_side_clause(token: Token, top: Token) -> bool:
    """A word in a relative or comment clause below ``top`` ("..., which means they use it to
    target military goals"): it says something about the request, not what is asked."""
    while token != top and token.head != token:
        infinitive = token.dep_ == "relcl" and _bare_infinitive(token)
        givers = (
            token.dep_ == "relcl" and token.head.lemma_.lower() in _GIVING_GROUPS
        )  # "the coalition that supplies jets"
        if (
            token.dep_ in ("relcl", "parataxis")
            and not (infinitive or givers)
            or token.dep_ == "ccomp"
            and token.head != top
        ):
            return True
        token = token.head
    return False


_GIVING_GROUPS = frozenset(
    {
        "coalition",
        "initiative",
        "fund",
        "scheme",
        "mechanism",
        "facility",
        "programme",
        "program",
        "effort",
        "group",
    }
)


def _bare_infinitive(verb: Token) -> bool:
    """ "asking Athens for months to hand over its batteries": an infinitive with no subject of
    its own, whatever noun the parser hung it on."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and not any(
        c.dep_ in ("nsubj", "nsubjpass") for c in verb.children
    )


def _addressees(sentence: Sentence, verb: Token) -> list[str]:
    """Whom an appeal is addressed to when the verb names nobody: the "to X" of a letter or
    message it goes with ("In a letter to the Dutch prime minister, Zelensky asked for ...",
    "sent a letter to Netanyahu asking for ..."), or the host of an envoy who asks."""
    found: list[str] = []
    for token in sentence.span:
        if token.lemma_.lower() in _MESSAGES - {"list", "proposal", "offer"} and token.pos_ == "NOUN":
            holders = [token, token.head] if token.dep_ == "dobj" else [token]  # "sent a letter to X"
            found += [
                c
                for h in holders
                for p in h.children
                if p.dep_ in ("prep", "dative") and p.lower_ == "to"
                for o in p.children
                for c in actors_of(sentence, o)
            ]
    found += [c for c in _hosts(sentence) if c not in found]
    subject = subject_of(verb)
    if subject is not None and subject.lemma_.lower() in _ENVOYS:
        found += [c for o in prep_objects(subject, frozenset({"to", "in"})) for c in actors_of(sentence, o)]
    return list(dict.fromkeys(found))


# the scene of an appeal made face to face: "during his visit to Berlin", "in a phone call
# with the Japanese prime minister", "in talks with", "speaking alongside the chancellor"
_SCENES = frozenset(
    {"visit", "trip", "call", "talk", "meeting", "conversation", "session", "dinner", "summit"}
)
_SPEECHES = frozenset({"speech", "address"})  # "in a speech to the Italian parliament"
_SCENE_VERBS = frozenset({"speak", "stand", "appear", "meet", "talk"})


def _asked_before(ctx: ArticleContext, actor: str) -> list[str]:
    """The party ``actor`` was last told asking (the headline "Zelensky asks Germany for tanks",
    then "He also asked for air defence")."""
    target = ctx.asked_before.get(actor)
    return [target] if target else []


def _met_by(sentence: Sentence, actor: str) -> list[str]:
    """The party ``actor`` meets in this sentence ("Sandu, who met the Commission president,
    sought ...") or met in the sentences just before ("Zelensky met Scholz. He asked for ...")."""
    for pairs in (met_parties(sentence), sentence.scene):
        other = [b if a == actor else a for a, b in pairs if actor in (a, b)]
        if other:
            return other[:1]
    return []


def _givers_of_asked(sentence: Sentence, verb: Token) -> list[str]:
    """The giver named with the support asked for: "more help from the EU", "Washington's
    help", "the delivery of jets by the Netherlands and Denmark"."""
    nouns = sentence.lexicon.words("support", "nouns")
    asked = [
        t for c in _asked_parts(verb) for t in c.subtree if t.pos_ == "NOUN" and t.lemma_.lower() in nouns
    ]
    asked += [t for t in children(verb, frozenset({"dobj"})) if t.lemma_.lower() in nouns]
    found: list[str] = []
    for noun in dict.fromkeys(asked):
        found += [c for c in modifier_actors(sentence, noun) if c not in found]
    return found


def _told_parties(sentence: Sentence, verb: Token) -> list[str]:
    """Whom the words holding ``verb`` are told to: "'We need jets,' he told Spanish lawmakers"."""
    clause = verb
    while clause.dep_ == "conj" and clause.head != clause:
        clause = clause.head
    speech = clause.head
    if clause.dep_ not in ("ccomp", "parataxis") or speech.lemma_.lower() not in ("tell", "write", "address"):
        return []
    told = children(speech, frozenset({"dobj", "dative"})) + prep_objects(speech, frozenset({"to"}))
    return [c for o in told for c in actors_of(sentence, o)]


def _hosts(sentence: Sentence) -> list[str]:
    """Whom a speaker faces where the appeal is made: the "to/with X" of a visit, call, talks
    or meeting, or the "alongside/with X" of "speaking alongside X"."""
    found: list[str] = []
    for token in sentence.span:
        lemma = token.lemma_.lower()
        if token.pos_ == "NOUN" and lemma in _SCENES | _SPEECHES:
            preps = frozenset({"to"}) if lemma in {"visit", "trip"} | _SPEECHES else frozenset({"with"})
            objects = prep_objects(token, preps)
        elif token.pos_ == "VERB" and lemma in _SCENE_VERBS and token.dep_ in ("advcl", "ROOT", "conj"):
            objects = prep_objects(token, frozenset({"alongside", "beside", "with"}))
        else:
            continue
        found += [c for o in objects for c in actors_of(sentence, o) if c not in found]
    return found


# objects of "on" that say when or for whom, not whom a request is made to
_CIRCUMSTANCES = frozenset(
    {
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "weekend",
        "day",
        "occasion",
        "behalf",
    }
)
# verbs whose object is the thing asked for ("requested armoured vehicles"), not the one asked
_THING_ASKED = frozenset({"seek", "request", "demand", "want", "need", "solicit", "desire", "require"})


def _addressed_to_someone(verb: Token) -> bool:
    """ "asked allies for help", "urged the West to": an addressee the codes do not cover
    (not the thing of "requested armoured vehicles")."""
    thing_asked = verb.lemma_.lower() in _THING_ASKED
    addressees = [
        c
        for c in children(verb, frozenset({"dobj", "dative"}))
        if not thing_asked or c.pos_ in ("PROPN", "PRON")
    ]
    preps = prep_objects(verb, frozenset({"on", "upon", "to", "of", "from", "with"}))
    return bool(addressees) or any(o.lower_ not in _CIRCUMSTANCES for o in preps)  # not "on Tuesday"


_HAVING = frozenset({"use", "get", "have", "see", "enjoy", "count", "rely", "benefit"})


def _wants_owned(sentence: Sentence, verb: Token) -> bool:
    """ "Ukraine wants Italy's SAMP/T systems": weapons another party owns; "would like to use
    Greece's support in ...": another party's help."""
    askers = actors_of(sentence, subject_of(verb))
    objects = children(verb, frozenset({"dobj"}))
    objects += [
        o
        for x in children(verb, frozenset({"xcomp"}))
        if x.lemma_.lower() in _HAVING
        for o in children(x, frozenset({"dobj"}))
        if o.lemma_.lower() in _HELP_NOUNS
    ]
    return any(
        sentence.lexicon.categories_of(o)
        or o.lemma_.lower() in _HELP_NOUNS
        or any(sentence.lexicon.categories_of(t) for t in o.lefts)
        for o in objects
        if any(set(actors_of(sentence, p)) - set(askers) for p in children(o, frozenset({"poss"})))
    )


def _turns_to_for(sentence: Sentence, verb: Token) -> bool:
    """ "turned to the EU for emergency funding", "looks to Japan for loans": a party to turn
    to and support to turn for."""
    lex = sentence.lexicon
    if verb.dep_ in ("xcomp", "ccomp", "advcl"):
        return False  # "forcing Moscow to turn to its allies for support": someone's reading
    asked = [t for o in prep_objects(verb, frozenset({"for"})) for t in o.subtree]
    return (
        bool(prep_objects(verb, frozenset({"to", "on", "upon"})))
        and bool(asked)
        and (has_support_noun(sentence, asked) or any(lex.categories_of(t) for t in asked))
    )


_SPEAKING = frozenset(
    {
        "explain",
        "clarify",
        "justify",
        "account",
        "tell",
        "inform",
        "report",
        "answer",
        "respond",
        "comment",
        "describe",
        "confirm",
        "disclose",
        "reveal",
        "detail",
        "specify",
        "say",
        "show",
        "prove",
        "investigate",
        "look",
        "examine",
        "review",
        "assess",
        "check",
        "verify",
    }
)


def _asks_to_speak(sentence: Sentence, verb: Token) -> bool:
    """ "asked Kyiv to explain how the missiles were used": words or a check are asked for,
    not support, whatever the clause mentions."""
    return any(
        comp.lemma_.lower() in _SPEAKING
        for comp in children(verb, frozenset({"xcomp", "ccomp", "advcl"}))
        if comp.dep_ != "advcl" or _bare_infinitive(comp)  # not the comment in "..., saying ..."
    )


_WAVERING = frozenset({"hesitate", "dither", "delay", "stall", "dawdle", "waver", "procrastinate"})


def _asks_a_question(verb: Token) -> bool:
    """ "asked whether Germany would send missiles": a question, not a request."""
    if children(verb, frozenset({"dobj", "dative"})):
        return False  # "asked Seoul whether it could supply shells" asks Seoul for them
    return any(
        m.dep_ == "mark" and m.lower_ in ("whether", "if")
        for c in children(verb, frozenset({"ccomp", "advcl"}))
        for m in c.children
    )


def _asks_to_stop(sentence: Sentence, verb: Token) -> bool:
    """ "urged Washington to stop arming Taiwan" asks for less support, not more."""
    stops = sentence.lexicon.words("refusal", "verbs") | sentence.lexicon.words("appeal", "retreat_verbs")
    for comp in children(verb, frozenset({"xcomp", "ccomp"})):
        stopping = comp.lemma_.lower() in stops
        inner = children(comp, frozenset({"xcomp", "ccomp"}))
        if stopping and any(c.lemma_.lower() in stops | _WAVERING for c in inner):
            continue  # "urged Hungary to stop blocking the aid", "to stop hesitating" ask for it
        if stopping != is_negated(comp):  # "urged Hungary not to block the aid" asks for it
            return True
    return False


def _appeal_targets(sentence: Sentence, verb: Token) -> list[str]:
    objs = children(verb, frozenset({"dobj", "dative"}))
    objs = [
        o
        for o in objs
        if o.i in sentence.codes or o.pos_ in ("PROPN", "PRON") or not sentence.lexicon.categories_of(o)
    ]  # "sought jets", not a party
    named = any(actors_of(sentence, o) for o in objs)
    preps = sentence.lexicon.words("appeal", "target_preps") - ({"to"} if named else set())
    objs += [  # "pressed Berlin on faster deliveries to Kyiv": the deliveries and Kyiv are no target
        o
        for o in prep_objects(verb, preps)
        if not (o.pos_ == "NOUN" and o.i not in sentence.codes and _names_a_thing(sentence, o))
    ]
    for obj in children(verb, frozenset({"dobj"})):  # "requested interceptors from the US"
        objs += prep_objects(obj, frozenset({"from"}))
    if is_passive(verb):  # "Madrid was asked by Kyiv for more tanks": the subject is asked
        objs += [
            o
            for o in children(verb, frozenset({"nsubjpass"}))
            if o.i in sentence.codes or o.pos_ in ("PROPN", "PRON") or not sentence.lexicon.categories_of(o)
        ]
        for thing in children(verb, frozenset({"nsubjpass"})):  # "more tanks were requested from Berlin"
            objs += prep_objects(thing, frozenset({"from"}))
        objs += prep_objects(verb, frozenset({"from"}))
    for obj in prep_objects(verb, frozenset({"for"})):  # "called for Japan to send aid"
        if obj.i in sentence.codes and obj.i + 1 < len(obj.doc) and obj.doc[obj.i + 1].lower_ == "to":
            objs.append(obj)
    for prt in children(verb, frozenset({"prt"})):
        objs += children(prt, frozenset({"pobj"}))
    receiving = sentence.lexicon.words("support", "receive_verbs")
    for comp in children(verb, frozenset({"xcomp"})):  # "wants to get jets from Sweden"
        if comp.lemma_.lower() in receiving:
            objs += prep_objects(comp, frozenset({"from"}))
    found: list[str] = []
    for obj in objs:
        found += [c for c in actors_of(sentence, obj) if c not in found]
    if not found:
        for comp in children(verb, frozenset({"ccomp", "xcomp"})):
            found += actors_of(sentence, subject_of(comp))
    if not found:  # "called for Germany to station more tanks" (parsed as an adverbial clause)
        for comp in children(verb, frozenset({"advcl"})):
            if any(m.dep_ == "mark" and m.lower_ in ("for", "that") for m in comp.children):
                givers = _passive_agents(sentence, comp) if is_passive(comp) else []  # "for more
                givers = givers or actors_of(sentence, subject_of(comp))  # tanks to be sent by Germany"
                found += [c for c in givers if c not in found]
    if not found:  # "requested its MiG-29 jets", "asked for Greece's S-300s": the owner is asked
        asked = children(verb, frozenset({"dobj"})) + prep_objects(verb, frozenset({"for"}))
        owners = [p for o in asked for p in children(o, frozenset({"poss"}))]
        askers = actors_of(sentence, subject_of(verb))
        for owner in owners:
            codes = actors_of(sentence, owner)
            if owner.pos_ == "PRON" and set(codes) <= set(askers):  # "its" is not the asker's
                codes = [c for i, c in sorted(sentence.codes.items()) if i < owner.i and c not in askers][-1:]
            found += [c for c in codes if c not in found and c not in askers]
    return found


def _names_a_thing(sentence: Sentence, noun: Token) -> bool:
    """A noun that names support or weapons ("deliveries", "air defence"), not a party."""
    lex = sentence.lexicon
    return bool(lex.categories_of(noun)) or noun.lemma_.lower() in lex.words("support", "nouns")


def appeal_noun(sentence: Sentence, noun: Token, ctx: ArticleContext) -> list[Found]:
    """Nominal appeals: "rejected Poland's request for arms", "an appeal from Germany to
    Switzerland", "Ukraine made a request to Australia for helicopters"."""
    lex = sentence.lexicon
    lemma = noun.lemma_.lower()
    if noun.pos_ != "NOUN" or lemma not in lex.words("appeal", "nouns"):
        return []
    if lemma == "case" and not (
        noun.dep_ == "dobj" and noun.head.lemma_.lower() in lex.words("appeal", "making_verbs")
    ):
        return []  # "made the case for more tanks to Berlin" asks; "in the case of" does not
    head = noun.head
    pressed = _pressed_clause(sentence, noun)
    if (
        lemma == "call"
        and not prep_objects(noun, frozenset({"for", "on", "upon"}))
        and _for_clause(noun) is None
        and pressed is None
        and _occasioned_clause(noun) is None  # "despite calls from Warsaw, Berlin refused to send"
    ):
        return []
    answered = noun.dep_ in ("dobj", "nsubjpass", "pobj") and head.lemma_.lower() in lex.words(
        "appeal", "answer_verbs"
    )
    sayer = head.head.head if head.head.lower_ == "no" else head.head  # "to" hung on "no" or on "said"
    if noun.dep_ == "pobj" and head.lower_ == "to" and _says_no(sayer):
        head, answered = sayer, True  # "said no to a Ukrainian request for jets"
    made = noun.dep_ == "dobj" and head.lemma_.lower() in lex.words("appeal", "making_verbs")
    occasion = _occasioned_clause(noun)  # "despite calls from Warsaw": made, whatever the answer
    if not answered and not _arrives(noun) and occasion is None and is_hedged(sentence, noun):
        return []
    if answered and is_negated(head) and head.lemma_.lower() not in ("reject", "deny", "refuse"):
        pass  # "has not answered the request": the request was still made
    askers = _left_actors(sentence, noun)
    actors = askers or modifier_actors(sentence, noun, of=True)
    if not actors and made:
        actors = actors_of(sentence, subject_of(head))
    if not actors and _misread_subject(noun) is not None:  # "Lithuania renewed calls for ...",
        actors = actors_of(sentence, _misread_subject(noun))  # the verb read as a noun's modifier
        made = bool(actors)
    targets = [c for o in prep_objects(noun, frozenset({"to", "on", "upon"})) for c in actors_of(sentence, o)]
    if askers or made:  # "Ukraine's request for jets from Sweden": asked of Sweden
        asked_of = prep_objects(noun, frozenset({"from"})) + [
            g for o in prep_objects(noun, frozenset({"for"})) for g in prep_objects(o, frozenset({"from"}))
        ]
        targets += [c for o in asked_of for c in actors_of(sentence, o) if c not in targets]
    clause = _for_clause(noun) or _that_clause(noun)
    if clause is not None:  # "renewed his call for Israel to provide air defence"
        targets += [c for c in actors_of(sentence, subject_of(clause)) if c not in targets]
    if made:
        targets += [c for o in prep_objects(head, frozenset({"to"})) for c in actors_of(sentence, o)]
    if not targets and answered:
        targets = _refusal_actors(sentence, head) if head.pos_ == "VERB" else []
    if not targets and answered and is_passive(head) and agent_of(head) is None:
        places = prep_objects(head, frozenset({"in", "at"}))  # "is being reviewed in Washington"
        targets = [c for o in places for c in actors_of(sentence, o) if c not in actors]
    if not targets and (made or askers):  # "renewed his plea ... in a speech to the Italian parliament"
        targets = [c for c in _hosts(sentence) if c not in actors]
    if not targets and _arrives(noun):  # "the request from Kyiv reached Ottawa"
        places = children(head, frozenset({"dobj"})) + prep_objects(head, frozenset({"in", "at"}))
        targets = [c for p in places for c in actors_of(sentence, p)]
    answering = _occasioned_clause(noun)
    if not targets and answering is not None:  # "Despite calls from Warsaw, Berlin has refused ..."
        targets = [c for c in _refusal_actors(sentence, answering) if c not in actors]
    guessed = False
    if not targets and (made or askers) and len(actors) == 1:  # "Zelensky met Biden. He renewed
        targets = _met_by(sentence, actors[0]) or _asked_before(ctx, actors[0])  # his plea": of him
    if not targets and made and len(actors) == 1:  # "Ukraine made a request to receive these
        targets = [t for t in [ctx.main_other(actors[0])] if t]  # helicopters": of the article's giver
        guessed = bool(targets)
    tokens = [t for t in noun.subtree if t != noun and t.dep_ != "poss"]
    after = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    if after is not None and after.lower_ == "to" and after.head.head == head and after.head != noun:
        tokens += list(after.head.subtree)  # "rejected Ukraine's plea to get jets" (parsed apart)
    if clause is not None:
        tokens += list(clause.subtree)
    if pressed is not None:
        tokens += list(pressed.subtree)
    if made:  # "made a request to Australia for the helicopters"
        tokens += [t for o in prep_objects(head, frozenset({"for"})) for t in o.subtree]
    transfer = any(t.lemma_.lower() in lex.support_verbs for t in tokens)
    cats, cat_default = _category_or_default(
        sentence, tokens, ctx, allow_default=transfer or has_support_noun(sentence, tokens)
    )
    if not cats and answering is not None and targets:  # "despite requests, Y has not agreed to
        answer = [t for t in answering.subtree if t not in head.subtree]  # deliver its jets"
        if any(t.lemma_.lower() in lex.support_verbs for t in answer):
            cats = categories_in(sentence, answer)
    if not cats and answered and head.pos_ == "VERB":  # "Kyiv's request was rejected by Berlin,
        answer = [t for t in head.subtree if t not in noun.subtree]  # which would not send missiles"
        cats = (
            categories_in(sentence, answer)
            if any(t.lemma_.lower() in lex.support_verbs for t in answer)
            else []
        )
    if not cats:
        return []
    recipients = [r for t in tokens for r in recipients_of(sentence, t, dobj_is_recipient=False)]
    conf = 0.75 - 0.15 * cat_default - 0.25 * guessed
    return _appeal_events(
        (actors, targets), cats, noun, conf, "appeal-noun", _beneficiary(recipients, ctx.default_recipient)
    )


# phrases that tell a clause as the answer to a request: "despite calls from Warsaw, Berlin
# refused", "after a plea from Kyiv, Oslo sent", "in response to Armenia's request, Paris ..."
_OCCASION_PREPS = frozenset({"despite", "after", "following", "amid", "to"})


def _occasioned_clause(noun: Token) -> Token | None:
    """The clause a request is the occasion of: its verb when the request stands in an opening
    "despite", "after", "following", "amid" or "in response to" phrase."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in _OCCASION_PREPS:
        return None
    if prep.lower_ == "to":  # "in response to"
        response = prep.head
        if response.lemma_.lower() != "response" or response.head.lower_ != "in":
            return None
        prep = response.head
    verb = prep.head
    if prep.dep_ != "prep" or verb.pos_ not in ("VERB", "AUX") or prep.i > verb.i:
        return None
    return verb


def _misread_subject(noun: Token) -> Token | None:
    """The subject the parser gave a noun it took for the sentence's root ("Lithuania on
    Tuesday renewed calls for ...": "renewed" read as an adjective of "calls")."""
    if noun.dep_ != "ROOT":
        return None
    verbs = [noun, *(c for c in noun.children if c.dep_ == "amod" and c.pos_ == "VERB")]
    return next((c for v in verbs for c in v.children if c.dep_ == "nsubj" and c.i < noun.i), None)


def _arrives(noun: Token) -> bool:
    """A request told as it reaches its addressee ("the plea reached Ottawa", "a request
    arrived in Tokyo")."""
    return noun.dep_ == "nsubj" and noun.head.lemma_.lower() in ("reach", "arrive", "land")


def _pressed_clause(sentence: Sentence, noun: Token) -> Token | None:
    """What a faced or resisted appeal asks: "Germany faces calls from Poland to send tanks",
    the infinitive the parser hung on the verb."""
    head = noun.head
    own = next((c for c in children(noun, frozenset({"acl", "relcl"})) if _bare_infinitive(c)), None)
    if own is not None and noun.lemma_.lower() == "call":
        return own  # "received calls from Kyiv to hand over its S-300s"
    holders = {"face", "resist", "ignore", "heed"} | sentence.lexicon.words("appeal", "making_verbs")
    holders |= sentence.lexicon.words("appeal", "answer_verbs")
    if noun.dep_ != "dobj" or head.lemma_.lower() not in holders:
        return None  # also "repeated his call on Washington to pass the aid"
    return next((c for c in children(head, frozenset({"xcomp", "advcl"})) if _bare_infinitive(c)), None)


def _left_actors(sentence: Sentence, noun: Token) -> list[str]:
    """Actors in a noun's possessive or adjective: "Ukraine's request", "the Polish plea"."""
    found: list[str] = []
    for tok in noun.children:
        if tok.dep_ in ("poss", "amod", "compound", "nmod") and tok.i < noun.i:
            found += [c for c in actors_of(sentence, tok) if c not in found]
    return found


def _that_clause(noun: Token) -> Token | None:
    """The clause of "Ecuador's request that Washington send helicopters"."""
    for clause in noun.children:
        if (
            clause.dep_ in ("acl", "ccomp", "relcl")
            and clause.pos_ == "VERB"
            and any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children)
            and subject_of(clause) is not None
        ):
            return clause
    return None


def _for_clause(noun: Token) -> Token | None:
    """The clause of "a call for Japan to send aid", parsed as a sibling "for X to V" clause."""
    after = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    if after is None or after.lower_ != "for" or after.dep_ != "mark":
        return None
    clause = after.head
    if clause.pos_ != "VERB" or subject_of(clause) is None:
        return None
    return clause if clause.head in (noun, noun.head) else None


_ON_REQUEST_PREPS = frozenset({"at", "following", "after", "upon", "on", "to"})
_ANSWERING = frozenset({"respond", "response", "answer", "reply", "follow", "heed"})


# "at Kyiv's request", "at Kyiv's urging", "at the behest of Warsaw"
_ASKINGS = frozenset(
    {"request", "plea", "appeal", "call", "demand", "urging", "behest", "insistence", "prompting"}
)


def appeal_answered(sentence: Sentence, noun: Token, ctx: ArticleContext) -> list[Found]:
    """ "At Ukraine's request, Norway will send ambulances", "Responding to a request from
    Kyiv, Portugal approved helicopters": the asker asked whoever gives in the main clause."""
    lex = sentence.lexicon
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in _ASKINGS:
        return []
    main = _answering_clause(noun)
    if main is None or is_negated(main):
        return []  # a hedged answer ("said it would consider sending") still answers a request made
    main = _giving_in(sentence, main, noun)
    if main is None:
        return []
    lemma = main.lemma_.lower()
    askers = _left_actors(sentence, noun) + [
        c for o in prep_objects(noun, frozenset({"from", "by", "of"})) for c in actors_of(sentence, o)
    ]
    givers = donors_of_verb(sentence, main)
    objects = object_tokens(main)
    cats, cat_default = _category_or_default(
        sentence,
        objects,
        ctx,
        allow_default=has_support_noun(sentence, objects) or lemma in lex.support_verbs,
    )
    return _appeal_events(
        (list(dict.fromkeys(askers)), givers),
        cats,
        noun,
        0.75 - 0.15 * cat_default,
        "appeal-answered",
        lambda actor, _target: {"beneficiary": actor},
    )


def _receivers_of_thing(sentence: Sentence, verb: Token) -> list[str]:
    """ "Ukraine will get jets that the Netherlands will provide": a relative clause on what
    the subject of a receiving verb gets."""
    thing = verb.head
    if verb.dep_ not in ("relcl", "acl"):
        return []
    if thing.dep_ == "pobj" and thing.head.lower_ in ("on", "with") and thing.head.head.pos_ == "VERB":
        user = thing.head.head  # "pilots trained on jets donated by Norway", "relies on bombs"
        if user.lemma_.lower() in _USING | _USING_WITH:
            return _users(sentence, user)
        return []
    if thing.dep_ == "nsubjpass" and thing.head.lemma_.lower() in _USING:
        agent = agent_of(thing.head)  # "tanks supplied by Poland were used by Ukrainian troops"
        return actors_of(sentence, agent) if agent is not None else []
    if thing.dep_ != "dobj":
        return []
    if thing.head.lemma_.lower() not in sentence.lexicon.words("support", "receive_verbs") | _USING:
        return []  # "Ukrainian forces are using Leopard tanks provided by Germany" too
    return actors_of(sentence, subject_of(thing.head))


def _users(sentence: Sentence, verb: Token) -> list[str]:
    """Who uses: the subject, or for a participle on a noun ("pilots trained on ...") that noun."""
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return actors_of(sentence, verb.head)
    return actors_of(sentence, subject_of(verb))


_USING = frozenset({"use", "operate", "field", "deploy", "employ", "fly", "fire", "man", "drive", "launch"})
# verbs of using told with "on" or "with": "trained on jets", "relies on bombs", "fights with"
_USING_WITH = frozenset({"train", "rely", "depend", "fight", "strike", "arm", "equip", "count"})


def _requesters(sentence: Sentence, verb: Token) -> list[str]:
    """Who asked for what ``verb`` gives: "at Ukraine's request, Norway sent ..."."""
    found: list[str] = []
    for tok in verb.subtree:
        if tok.i >= verb.i or tok.pos_ != "NOUN" or tok.lemma_.lower() not in _ASKINGS:
            continue
        if _answering_clause(tok) == verb:
            found += _left_actors(sentence, tok) + [
                c for o in prep_objects(tok, frozenset({"from", "by", "of"})) for c in actors_of(sentence, o)
            ]
    return found


def _giving_in(sentence: Sentence, main: Token, noun: Token) -> Token | None:
    """The verb of giving that answers a request: the main verb itself, or the one its reported
    words hold ("In response to Kyiv's request, Seoul said it would consider sending aid")."""
    lex = sentence.lexicon
    giving = lex.support_verbs | lex.words("support", "object_verbs")
    lemma = main.lemma_.lower()
    if lemma in lex.support_verbs or lemma not in lex.words("modality", "reporting_verbs"):
        return main if lemma in giving else None
    asked = {t.i for t in noun.head.subtree} | {main.i}
    told = (t for t in main.subtree if t.pos_ == "VERB" and t.lemma_.lower() in giving and t.i not in asked)
    return next(told, main if lemma in giving else None)


def _answering_clause(noun: Token) -> Token | None:
    """The main verb a request adjunct hangs on ("at/following/after/upon X's request, ...",
    "in response to a request", "responding to a request")."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in _ON_REQUEST_PREPS:
        return None
    head = prep.head
    if prep.lower_ == "to":  # "responding to", "in response to"
        if head.lemma_.lower() not in _ANSWERING:
            return None
        if head.dep_ == "pobj":
            head = head.head.head
        elif head.dep_ in ("advcl", "prep"):
            head = head.head
    elif prep.pos_ == "VERB" and prep.dep_ in ("prep", "advcl"):  # "Following a request, ..."
        head = prep.head
    while head.dep_ == "prep" and head.head != head:
        head = head.head
    return head if head.pos_ == "VERB" else None


_GIVEN = frozenset(
    {
        "donate",
        "supply",
        "provide",
        "fund",
        "finance",
        "gift",
        "give",
        "pledge",
        "send",
        "deliver",
        "loan",
        "lend",
    }
)


def support_compound(sentence: Sentence, word: Token, ctx: ArticleContext) -> list[Found]:
    """ "Swedish-donated howitzers", "US-supplied missiles", "EU-funded shelters": the donor
    written into a compound adjective (not "Swedish-made", which names the maker)."""
    if word.lemma_.lower() not in _GIVEN or word.dep_ not in ("amod", "compound") or word.i < 2:
        return []
    hyphen, prefix = word.doc[word.i - 1], word.doc[word.i - 2]
    if hyphen.text not in ("-", "\u2011") or prefix.i not in sentence.codes:
        return []
    thing = word.head
    if is_hedged(sentence, thing):
        return []
    permits = sentence.lexicon.words("policy_change", "permit_verbs")
    if any(g.lemma_.lower() in permits for g in governors(word)):
        return []  # "allowed Ukraine to strike with French-supplied missiles": about the permission
    cats = categories_in(sentence, core_phrase(thing))
    if not cats:
        return []
    donor = sentence.codes[prefix.i]
    holder = thing.head if thing.dep_ in ("dobj", "pobj") else None
    while holder is not None and holder.dep_ in ("prep", "xcomp") and holder.head != holder:
        holder = holder.head
    recipients = (
        actors_of(sentence, subject_of(holder)) if holder is not None and holder.pos_ == "VERB" else []
    )
    recipients = [r for r in recipients if r != donor] or recipients_of(
        sentence, thing, dobj_is_recipient=False
    )
    recipients, defaulted = _recipients_or_default(recipients, ctx)
    return _supports(
        [donor], recipients[:1], cats, word, 0.7 - 0.15 * defaulted, rule="support-compound", stage="delivery"
    )


def refusal_barring(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "will not allow weapons for Ukraine to cross its territory", "will not authorise exports
    of military equipment", "put the delivery of the bombs on hold": barring support or its
    transit refuses it."""
    lex = sentence.lexicon
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB" or lemma not in _BARRING_LEMMAS | lex.words("policy_change", "permit_verbs"):
        return []  # cheap test first: most verbs bar nothing
    refused = verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _BARE_REFUSALS - {"say"}
    if (
        is_hedged(sentence, verb)
        and not _unable(verb)
        and not (refused and not is_hedged(sentence, verb.head))
    ):
        return []
    on_hold = lemma == "put" and any(
        o.lower_ in ("hold", "ice") for o in prep_objects(verb, frozenset({"on"}))
    )
    barred = lemma in lex.words("policy_change", "permit_verbs") | {"let"} and (is_negated(verb) or refused)
    # "will not allow", "refuses to let weapons cross its territory"
    staying_out = _stays_out(verb)
    if not (on_hold or barred or staying_out):
        return []
    things = [
        t for c in verb.children if c.dep_ in ("dobj", "ccomp", "xcomp", "nsubjpass") for t in c.subtree
    ]
    if staying_out:  # "will not take part in the purchase of shells for Ukraine"
        things = [
            t
            for o in prep_objects(verb, frozenset({"in"}))
            + prep_objects(verb.head if lemma == "part" else verb, frozenset({"in"}))
            for t in o.subtree
        ]
    transfer_words = lex.support_verbs | lex.words("support", "nouns") | {"transit", "cross", "pass"}
    lemmas = _joined_lemmas(things)
    if not (staying_out or lemmas & (transfer_words | {"re-export"})) or lemmas & (
        _TRADE_WORDS - {"re-export"}
    ):
        return []  # "will no longer allow exports of arms to Turkey" changes an export rule;
        # "cannot allow the re-export of its ammunition to Ukraine" refuses that transfer
    cats, _ = _category_or_default(  # "would not allow aid into areas held by the RSF"
        sentence, [verb, *things], ctx, allow_default=has_support_noun(sentence, things)
    )
    subject = subject_of(verb)
    if not cats or subject is None or not _agentive(sentence, subject):
        return []  # "its neutrality does not permit providing arms": a rule, not a decision
    actors = _refusal_actors(sentence, verb)
    recipients = [r for t in things for r in recipients_of(sentence, t, dobj_is_recipient=False)]
    return _refusals(actors, cats, recipients, verb, 0.7, rule="refusal-barring")


def _joined_lemmas(tokens: list[Token]) -> set[str]:
    """Lemmas with hyphenated words joined again: "re - export" is "re-export", not "export"."""
    out: set[str] = set()
    skip: set[int] = set()
    for tok in tokens:
        doc = tok.doc
        if tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" and not doc[tok.i + 1].whitespace_:
            out.add(f"{tok.lower_}-{doc[tok.i + 2].lemma_.lower()}")
            skip |= {tok.i + 1, tok.i + 2}
        elif tok.i not in skip:
            out.add(tok.lemma_.lower())
    return out


_BARRING_LEMMAS = frozenset({"put", "let", "take", "participate", "join", "engage"})


def _stays_out(verb: Token, *, negated: bool = True) -> bool:
    """ "will not take part in", "would not participate in", "will not join": staying out of a
    joint effort of support (with ``negated`` False: taking part, which a refusal governs)."""
    lemma = verb.lemma_.lower()
    if negated and not is_negated(verb):
        return False
    if lemma == "take":
        return any(c.dep_ == "dobj" and c.lower_ == "part" for c in verb.children)
    return lemma in ("participate", "join", "engage")


_TRADE_WORDS = frozenset({"export", "re-export", "sale", "sell", "licence", "license", "permit"})
_AGENT_NOUNS = frozenset(
    {
        "government",
        "ministry",
        "minister",
        "president",
        "chancellor",
        "cabinet",
        "parliament",
        "country",
        "administration",
        "official",
        "spokesman",
        "spokesperson",
        "spokeswoman",
        "leader",
        "authority",
        "premier",
        "king",
    }
)


def _agentive(sentence: Sentence, subject: Token) -> bool:
    """A subject that can decide: a named actor, a pronoun or an office, not a law or a doctrine."""
    return (
        subject.i in sentence.codes
        or subject.pos_ in ("PROPN", "PRON")
        or (subject.lemma_.lower() in _AGENT_NOUNS)
    )


def refusal_answer(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "Asked whether Spain would send tanks, the minister said no": the answer refuses what
    the question asked."""
    lex = sentence.lexicon
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in ("say", "reply", "answer", "respond"):
        return []
    if not any(
        c.lower_ == "no" and c.dep_ in ("intj", "dobj", "ccomp", "npadvmod", "advmod") for c in verb.children
    ) or _says_no(verb):
        return []
    question = next((t for t in sentence.span if t.lemma_.lower() == "ask" and t.i < verb.i), None)
    if question is None:
        return []
    asked = [t for t in question.subtree if t.pos_ == "VERB" and t.lemma_.lower() in lex.support_verbs]
    if not asked:
        return []
    objects = object_tokens(asked[0])
    cats, cat_default = _category_or_default(sentence, objects, ctx, allow_default=True)
    actors = actors_of(sentence, subject_of(asked[0])) or _refusal_actors(sentence, verb)
    recipients = recipients_of(sentence, asked[0], dobj_is_recipient=False)
    return _refusals(actors, cats, recipients, verb, 0.75 - 0.15 * cat_default, rule="refusal-answer")


_APPROACHING = frozenset(
    {"approach", "turn", "reach", "write", "go", "apply", "look", "make", "press", "court"}
)


def appeal_approach(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """Going to someone for support: "approached Seoul for ammunition", "reached out to Romania
    for help", "wrote to the Japanese prime minister asking for air defence", "made the case
    to Canadian lawmakers for more military aid"."""
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB" or lemma not in _APPROACHING or is_negated(verb) or is_hedged(sentence, verb):
        return []
    if verb.dep_ == "xcomp":
        return []  # "forcing Moscow to turn to its allies for support": someone's reading
    if lemma == "make" and not any(c.dep_ == "dobj" and c.lemma_.lower() == "case" for c in verb.children):
        return []
    addressees = prep_objects(verb, frozenset({"to"}))
    addressees += [g for p in verb.children if p.dep_ == "prt" for g in prep_objects(p, frozenset({"to"}))]
    if lemma in ("approach", "court"):  # "approached Seoul for", "has been courting Seoul for"
        addressees += children(verb, frozenset({"dobj"}))
    holders = [verb, *addressees, *children(verb, frozenset({"dobj"}))]  # "the case to X for Y"
    asked_preps = (
        frozenset({"for", "about", "over", "regarding"}) if lemma == "approach" else frozenset({"for"})
    )
    asked = [t for h in holders for o in prep_objects(h, asked_preps) for t in o.subtree]
    asked += [
        t
        for p in children(verb, frozenset({"prep"}))
        if p.lower_ in asked_preps - {"for"}
        for c in children(p, frozenset({"pcomp"}))
        for t in c.subtree
    ]  # "about supplying shells"
    comps = children(verb, frozenset({"advcl", "xcomp", "conj"}))
    comps += [c for a in addressees for c in children(a, frozenset({"acl"}))]  # "wrote to X seeking"
    for comp in comps:  # "..., asking for X"
        if comp.lemma_.lower() in ("ask", "seek", "request", "plead", "call"):
            asked += [t for c in comp.children if c.dep_ in ("prep", "dobj") for t in c.subtree]
    if not asked:
        return []
    hosts = [] if addressees else _hosts(sentence)  # "made the case ... in a meeting with X"
    if not addressees and not hosts:
        return []
    sentence_lex = sentence.lexicon
    if not (has_support_noun(sentence, asked) or any(sentence_lex.categories_of(t) for t in asked)):
        return []
    cats, cat_default = _category_or_default(sentence, asked, ctx, allow_default=True)
    actors = _refusal_actors(sentence, verb)
    targets: list[str] = []
    asked_ids = {t.i for t in asked}
    for obj in addressees:
        targets += [
            c
            for c in actors_of(sentence, obj)
            if c not in targets
            and c not in actors
            and not any(t.i in asked_ids and t.i in sentence.codes for t in [obj])
        ]
    targets += [c for c in hosts if c not in targets and c not in actors]
    recipients = [r for t in asked for r in recipients_of(sentence, t, dobj_is_recipient=False)]
    return _appeal_events(
        (actors, targets),
        cats,
        verb,
        0.75 - 0.15 * cat_default,
        "appeal-approach",
        lambda actor, target: _beneficiary(recipients, actor)(actor, target),
    )


def _pressure_clause(noun: Token) -> Token | None:
    """The "to send tanks" that says what a pressure asks for: on the noun ("pressure on
    Tokyo to supply") or on the verb it is subject of ("pressure is mounting ... to hand over")."""
    holders = [noun, noun.head] if noun.dep_ in ("nsubj", "dobj") else [noun]
    for holder in holders:
        for comp in children(holder, frozenset({"acl", "advcl", "xcomp", "relcl"})):
            if any(c.dep_ == "aux" and c.lower_ == "to" for c in comp.children):
                return comp
    return None


def _pressure_parties(sentence: Sentence, noun: Token) -> tuple[list[str], list[str]]:
    """Who presses whom: "from X" or the possessor or the exerting subject press; "on X" or the
    subject of "is under pressure" is pressed."""
    lex = sentence.lexicon
    head = noun.head
    holders = [noun, head] if noun.dep_ == "nsubj" else [noun]
    if noun.dep_ == "dobj":  # "faces pressure from its allies and from Kyiv to supply"
        holders.append(head)
    senders = [o for h in holders for o in _coordinated_prep_objects(h, frozenset({"from", "by"}))]
    actors = [c for o in senders for c in actors_of(sentence, o)]
    actors += [c for p in children(noun, frozenset({"poss"})) for c in actors_of(sentence, p)]
    if noun.dep_ == "dobj" and head.lemma_.lower() in lex.words("appeal", "exerting_verbs"):
        actors += actors_of(sentence, subject_of(head))
    targets = [
        c for h in holders for o in prep_objects(h, frozenset({"on", "upon"})) for c in actors_of(sentence, o)
    ]
    if noun.dep_ == "dobj":
        targets += [c for o in prep_objects(head, frozenset({"on", "upon"})) for c in actors_of(sentence, o)]
    if noun.dep_ == "pobj" and head.lower_ == "under":  # "Japan is under pressure from ..."
        targets += actors_of(sentence, subject_of(head.head))
    if noun.dep_ == "dobj" and head.lemma_.lower() in lex.words("appeal", "bearing_verbs"):
        targets += actors_of(sentence, subject_of(head))  # "Berlin faces pressure from Kyiv"
    return list(dict.fromkeys(actors)), list(dict.fromkeys(targets))


def _coordinated_prep_objects(token: Token, preps: frozenset[str]) -> list[Token]:
    """The objects of ``token``'s prepositions and of prepositions joined to them ("from its
    allies and from Kyiv")."""
    found: list[Token] = []
    for prep in token.children:
        if prep.dep_ not in ("prep", "agent") or prep.lower_ not in preps:
            continue
        for p in [prep, *(c for c in prep.children if c.dep_ == "conj" and c.lower_ in preps)]:
            found += children(p, frozenset({"pobj"}))
    return found


_DEONTIC = frozenset({"must", "should", "ought"})
_OBLIGING = frozenset({"need", "have"})


def _obliged(verb: Token) -> bool:
    """ "Germany must send", "should deliver", "needs to supply", "has to provide", "it is time
    for Germany to send"."""
    if time_for(verb):
        return True
    modal = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ in _DEONTIC), None)
    if modal is not None:  # not "should it send arms", a condition put first
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return subject is None or subject.i < modal.i
    head = verb.head
    return (
        verb.dep_ == "xcomp"
        and head.lemma_.lower() in _OBLIGING
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    )


def _more_to_give(lex: Any, verb: Token) -> Token | None:
    """The giving infinitive of "do more to arm Ukraine", "do more to help Kyiv with shells"."""
    amounts = [c for c in verb.children if c.lower_ in ("more", "everything", "all")]
    if not amounts:
        return None
    holders = [(verb, frozenset({"advcl", "xcomp"})), *((a, frozenset({"relcl", "acl"})) for a in amounts)]
    return next(
        (c for h, deps in holders for c in children(h, deps) if _bare_infinitive(c)),
        None,
    )


def appeal_deontic(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """What another party must give, said by a speaker: '"Germany must send Taurus now," the
    Lithuanian minister said', "Spain should deliver more tanks, Kyiv says"."""
    lex = sentence.lexicon
    if verb.pos_ != "VERB" or not _obliged(verb):
        return []
    giving = _more_to_give(lex, verb) if verb.lemma_.lower() == "do" else verb
    if giving is None:
        return []
    raising = lex.words("support", "object_verbs") | {"step", "ramp", "scale"}
    if giving.lemma_.lower() not in lex.support_verbs and not (
        giving.lemma_.lower() in raising and has_support_noun(sentence, object_tokens(giving))
    ):
        return []  # "should send tanks", "must step up its military support"
    if is_negated(verb) or (verb.dep_ == "xcomp" and is_negated(verb.head)):
        return []  # "should not send" asks for no support
    clause = verb.head if verb.dep_ == "xcomp" else verb
    clause = clause.head.head if time_for(verb) else clause  # "said it was time for X to send"
    speech = clause.head
    if clause.dep_ not in ("ccomp", "parataxis") or speech.lemma_.lower() not in lex.words(
        "modality", "reporting_verbs"
    ):
        return []
    if is_negated(speech) or is_hedged(sentence, speech):
        return []
    speakers = actors_of(sentence, subject_of(speech))
    targets = [c for c in actors_of(sentence, subject_of(verb)) if c not in speakers]
    objects = object_tokens(giving)
    if giving is not verb and not categories_in(sentence, objects):
        objects = [giving, *objects]  # "do more to arm Ukraine": arming says the kind
    if not (categories_in(sentence, objects) or has_support_noun(sentence, objects)):
        return []
    cats, cat_default = _category_or_default(sentence, objects, ctx, allow_default=True)
    recipients = recipients_of(
        sentence, giving, dobj_is_recipient=giving.lemma_.lower() in DOBJ_RECIPIENT_VERBS
    )
    return _appeal_events(
        (speakers, targets),
        cats,
        verb,
        0.7 - 0.15 * cat_default,
        "appeal-deontic",
        _beneficiary(recipients, ctx.default_recipient),
    )


_PAYING = frozenset({"pay", "cover", "foot", "shoulder", "bear", "meet"})
_COSTS = frozenset({"cost", "bill", "expense", "price", "purchase"})


def support_paying(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """Paying for what another party gets: "the Netherlands will pay for 800,000 shells for
    Ukraine", "Germany is covering the cost of the systems bought for Kyiv"."""
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB" or lemma not in _PAYING or is_negated(verb) or is_hedged(sentence, verb):
        return []
    things = prep_objects(verb, frozenset({"for"})) if lemma == "pay" else []
    things += [
        g
        for c in children(verb, frozenset({"dobj"}))
        if c.lemma_.lower() in _COSTS
        for g in prep_objects(c, frozenset({"of", "for"}))  # "the cost of", "the bill for"
    ]
    if not things:
        return []
    phrase = [t for th in things for t in th.subtree]
    cats = categories_in(sentence, phrase)
    recipients = [r for t in phrase for r in recipients_of(sentence, t, dobj_is_recipient=False)]
    recipients += [
        r
        for t in phrase
        if t.dep_ in ("acl", "relcl")  # "the shells bought for Kyiv", "the shells that X bought for Kyiv"
        for r in recipients_of(sentence, t, dobj_is_recipient=False)
    ]
    donors = donors_of_verb(sentence, verb)
    recipients = [r for r in dict.fromkeys(recipients) if r not in donors]
    if not cats or not recipients:
        return []
    return _supports(
        donors, recipients, cats, verb, 0.75, rule="support-paying", stage=stage_of_verb(sentence, verb)
    )


_GOVERNMENTS = frozenset({"government", "state", "country", "treasury", "ministry", "cabinet"})
_GUARANTEEING = frozenset({"guarantee", "underwrite", "backstop", "back", "insure", "secure", "cover"})
_BORROWED = frozenset({"loan", "credit", "bond", "borrowing", "debt", "financing", "facility", "tranche"})


def support_guarantee(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """Standing behind another's loan: "the World Bank loan to Ukraine is guaranteed by
    Japan", "a credit line to Moldova is backed by a guarantee from France", "Canada
    underwrote the loan to Kyiv": the guarantor gives financial support to the borrower."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in _GUARANTEEING or is_negated(verb):
        return []
    if is_hedged(sentence, verb):
        return []
    participle = verb.dep_ == "acl" and verb.tag_ == "VBN"  # "a loan for Ukraine, backed by Japan"
    held = (
        [verb.head]
        if participle
        else children(verb, frozenset({"nsubjpass"} if is_passive(verb) else {"dobj"}))
    )
    loans = [
        c
        for c in held
        if c.lemma_.lower() in _BORROWED or any(t.lemma_.lower() in _BORROWED for t in c.lefts)
    ]
    if not loans:
        return []
    donors = _guarantors(sentence, verb)
    explicit = [r for loan in loans for r in recipients_of(sentence, loan, dobj_is_recipient=False)]
    explicit = explicit or recipients_of(sentence, verb, dobj_is_recipient=False)
    recipients, defaulted = _recipients_or_default([r for r in explicit if r not in donors], ctx)
    return _supports(
        donors,
        recipients,
        ["financial"],
        verb,
        0.8 - 0.15 * defaulted,
        rule="support-guarantee",
        stage=stage_of_verb(sentence, verb),
    )


def _guarantors(sentence: Sentence, verb: Token) -> list[str]:
    """Who stands behind the loan: the subject, the "by" agent, or the giver of "a guarantee
    from France" that the agent names."""
    if not is_passive(verb) and not (verb.dep_ == "acl" and verb.tag_ == "VBN"):
        return actors_of(sentence, subject_of(verb))
    agent = agent_of(verb)
    if agent is None:
        return []
    if agent.lemma_.lower() in ("guarantee", "pledge", "commitment"):
        return modifier_actors(sentence, agent, of=True)
    if agent.i in sentence.codes or agent.pos_ == "PROPN" or agent.lemma_.lower() in _GOVERNMENTS:
        return actors_of(sentence, agent)
    return []  # "a loan backed by frozen Russian assets": the assets stand behind it, not Russia


_GIVER_NOUNS = frozenset(
    {"supplier", "provider", "donor", "contributor", "backer", "funder", "financier", "sponsor"}
)
_COPULAS = frozenset({"be", "become", "remain", "rank"})


def support_giver_noun(sentence: Sentence, noun: Token, ctx: ArticleContext) -> list[Found]:
    """A party named as a giver: "Germany became the biggest European supplier of weapons to
    Kyiv", "Japan is Ukraine's largest Asian donor"."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in _GIVER_NOUNS:
        return []
    named, copula = _named_giver(noun)
    if named is None or (noun.dep_ != "attr" and noun.lemma_.lower() in _SELLERS):
        return []  # "Britain, the US and France, Saudi Arabia's main arms suppliers": sellers
    if copula is not None and (is_negated(copula) or is_hedged(sentence, copula)):
        return []
    donors = actors_of(sentence, named)
    receivers = [
        c for o in prep_objects(noun, frozenset({"to", "for", "of"})) for c in actors_of(sentence, o)
    ]
    if copula is not None:
        receivers += [
            c for o in prep_objects(copula, frozenset({"to", "for"})) for c in actors_of(sentence, o)
        ]
    receivers += [  # "supplier of weapons to Kyiv"
        c
        for g in prep_objects(noun, frozenset({"of"}))
        for o in prep_objects(g, frozenset({"to", "for"}))
        for c in actors_of(sentence, o)
    ]
    receivers += [c for p in children(noun, frozenset({"poss"})) for c in actors_of(sentence, p)]
    receivers = [r for r in dict.fromkeys(receivers) if r not in donors]
    tokens = [t for t in noun.subtree if t.dep_ != "poss"]
    cats, cat_default = _category_or_default(sentence, tokens, ctx, allow_default=True)
    if not donors or not receivers:
        return []
    return _supports(
        donors, receivers, cats, noun, 0.7 - 0.15 * cat_default, rule="support-giver", stage=None
    )


_SELLERS = frozenset({"supplier", "provider"})  # also those who sell: aid only when a copula says so


def _named_giver(noun: Token) -> tuple[Token | None, Token | None]:
    """Who a giver noun names, and the copula that says so: "Germany became the biggest supplier"
    (the subject), "Estonia, a major donor of aid to Kyiv" (the name it stands beside), "Poland,
    one of Ukraine's biggest suppliers", "Norway has been among the most generous donors"."""
    holder = noun
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ == "one":
        holder = noun.head.head  # "one of the biggest suppliers"
    elif noun.dep_ == "pobj" and noun.head.lower_ == "among":
        copula = noun.head.head
        return (subject_of(copula), copula) if copula.lemma_.lower() in _COPULAS else (None, None)
    if holder.dep_ == "attr" and holder.head.lemma_.lower() in _COPULAS:
        return subject_of(holder.head), holder.head
    if holder.dep_ == "appos" and holder.head.pos_ == "PROPN":
        return holder.head, None
    return None, None


_HELPING = frozenset({"help", "assist", "aid", "support", "back"})


def support_helping_with(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """Helping a party with something that is support: "Japan will help Ukraine with demining
    equipment", "Australia assisted Ukraine with 120 armoured vehicles"."""
    if (
        verb.pos_ != "VERB"
        or verb.lemma_.lower() not in _HELPING
        or is_negated(verb)
        or is_hedged(sentence, verb)
    ):
        return []
    helped = children(verb, frozenset({"dobj"}))
    withs = [p for h in [verb, *helped] for p in h.children if p.dep_ == "prep" and p.lower_ == "with"]
    things = [
        g for p in withs for g in p.children if g.dep_ in ("pobj", "pcomp")
    ]  # "with demining equipment"
    heads = [*things, *(o for th in things for o in children(th, frozenset({"dobj", "conj"})))]
    if not any(_names_a_thing(sentence, h) or is_designation(h) for h in heads):
        return []  # "helped Ukraine with the grain deal": a deal is no gift
    phrase = [t for th in things for t in th.subtree]
    cats = categories_in(sentence, phrase)
    if not cats and has_support_noun(sentence, phrase) and has_money(phrase):
        cats = ["financial"]
    recipients = [c for h in helped for c in actors_of(sentence, h)]
    donors = [d for d in donors_of_verb(sentence, verb) if d not in recipients]
    if not cats or not recipients:
        return []
    return _supports(
        donors, recipients, cats, verb, 0.75, rule="support-helping", stage=stage_of_verb(sentence, verb)
    )


_WISH_HOLDERS = frozenset({"include", "contain", "feature", "comprise", "list", "top"})


def appeal_wishlist(sentence: Sentence, noun: Token, ctx: ArticleContext) -> list[Found]:
    """A list of wishes addressed to a party: "Kyiv's wishlist for Berlin includes Taurus
    missiles", "Ukraine's shopping list for Washington features air defence"."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in ("wishlist", "list", "request", "ask"):
        return []
    if noun.lemma_.lower() == "list" and not any(c.lower_ in ("wish", "shopping") for c in noun.lefts):
        return []
    head = noun.head
    if noun.dep_ != "nsubj" or head.lemma_.lower() not in _WISH_HOLDERS or is_hedged(sentence, head):
        return []
    actors = _left_actors(sentence, noun) or modifier_actors(sentence, noun)
    targets = [
        c
        for o in prep_objects(noun, frozenset({"for", "to"}))
        for c in actors_of(sentence, o)
        if c not in actors
    ]
    tokens = [t for c in children(head, frozenset({"dobj", "attr"})) for t in c.subtree]
    cats = categories_in(sentence, tokens)
    return _appeal_events((actors, targets), cats, noun, 0.7, "appeal-wishlist")


def appeal_imperative(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """A quoted order to give, told to a party: '"Send us more shells," the Ukrainian minister
    told his Czech counterpart'."""
    lex = sentence.lexicon
    if verb.pos_ != "VERB" or verb.tag_ != "VB" or verb.lemma_.lower() not in lex.support_verbs:
        return []
    if any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "mark") for c in verb.children) or is_negated(
        verb
    ):
        return []  # an imperative has no subject, auxiliary or "to" of its own
    speech = verb.head
    if verb.dep_ not in ("ccomp", "parataxis") or speech.lemma_.lower() not in (
        "tell",
        "say",
        "urge",
        "write",
    ):
        return []
    speakers = actors_of(sentence, subject_of(speech))
    told = children(speech, frozenset({"dobj", "dative"})) + prep_objects(speech, frozenset({"to"}))
    targets = [c for o in told for c in actors_of(sentence, o) if c not in speakers]
    targets = targets or [c for c in _hosts(sentence) if c not in speakers]
    objects = object_tokens(verb)
    cats = categories_in(sentence, objects)
    return _appeal_events((speakers, targets), cats, verb, 0.7, "appeal-imperative")


def appeal_pressure(sentence: Sentence, noun: Token, ctx: ArticleContext) -> list[Found]:
    """Pressure on a party to give: "pressure is mounting on Berlin from Warsaw to hand over
    its missiles", "Japan is under pressure from Washington to send shells", "Washington
    stepped up pressure on Tokyo to supply ammunition"."""
    lex = sentence.lexicon
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in lex.words("appeal", "pressure_nouns"):
        return []
    clause = _pressure_clause(noun)
    if clause is None or is_negated(clause) or is_hedged(sentence, noun.head):
        return []
    if _asks_to_stop(sentence, noun.head) or clause.lemma_.lower() in lex.words("refusal", "verbs"):
        return []  # "pressure on Berlin to halt arms sales" asks for less support
    tokens = list(clause.subtree)
    transfer = clause.lemma_.lower() in lex.support_verbs
    if not transfer and not has_support_noun(sentence, tokens):
        return []
    cats, cat_default = _category_or_default(sentence, tokens, ctx, allow_default=True)
    actors, targets = _pressure_parties(sentence, noun)
    recipients = recipients_of(sentence, clause, dobj_is_recipient=False)
    return _appeal_events(
        (actors, targets),
        cats,
        noun,
        0.75 - 0.15 * cat_default,
        "appeal-pressure",
        _beneficiary(recipients, ctx.default_recipient),
    )


# predicates that exclude what their subject names: "out of the question", "off the table"
_EXCLUDING_PLACES = {"question": "out", "table": "off", "agenda": "off"}


def refusal_excluded(sentence: Sentence, copula: Token, ctx: ArticleContext) -> list[Found]:
    """Giving excluded by the one who says so: '"Sending weapons is out of the question," the
    government said', "Deliveries of Taurus are off the table", "There will be no deliveries of
    Taurus to Ukraine, Scholz said", "Sending tanks is not an option"."""
    if copula.lemma_.lower() not in ("be", "remain", "stay") or is_hedged(sentence, copula):
        return []
    things = _excluded_things(copula)
    if not things:
        return []
    lex = sentence.lexicon
    tokens = [t for thing in things for t in thing.subtree]
    transfer = any(t.lemma_.lower() in lex.support_verbs for t in tokens)
    if not transfer and not has_support_noun(sentence, tokens):
        return []
    actors = _sayers(sentence, copula)
    cats, cat_default = _category_or_default(sentence, tokens, ctx, allow_default=True)
    recipients = [r for t in things for r in recipients_of(sentence, t, dobj_is_recipient=True)]
    recipients = [r for r in recipients if r not in actors]
    conf = 0.75 - 0.15 * cat_default
    return _refusals(actors, cats, recipients, copula, conf, rule="refusal-excluded")


def _excluded_things(copula: Token) -> list[Token]:
    """The subject of "X is out of the question / off the table / not an option", or the
    "no deliveries" of "there will be no deliveries"."""
    subjects = children(copula, frozenset({"nsubj", "csubj"}))
    places = [
        o
        for p in copula.children
        if p.dep_ == "prep" and p.lower_ in _EXCLUDING_PLACES.values()
        for o in [*p.children, *(g for c in p.children for g in c.children)]
        if o.dep_ == "pobj" and _EXCLUDING_PLACES.get(o.lemma_.lower()) == p.lower_
    ]
    option = any(c.dep_ == "attr" and c.lemma_.lower() == "option" for c in copula.children)
    if subjects and (places or option and is_negated(copula)):
        return subjects
    if any(c.dep_ == "expl" for c in copula.children):  # "there will be no deliveries of ..."
        return [c for c in copula.children if c.dep_ == "attr" and any(g.lower_ == "no" for g in c.children)]
    return []


def _sayers(sentence: Sentence, clause: Token) -> list[str]:
    """Who says the words of ``clause``, else the speaker of the paragraph."""
    return reporters_of(sentence, clause) or ([sentence.speaker] if sentence.speaker else [])


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
    support_coming_forward,
)
