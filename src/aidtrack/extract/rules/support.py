"""Support rules on verbs: giving, receiving, arriving, resuming, and thanking."""

from __future__ import annotations

from spacy.tokens import Token

from aidtrack.extract.clauses import (
    Sentence,
    agent_of,
    children,
    governors,
    is_passive,
    prep_objects,
    raised_objects,
    relative_head,
    subject_of,
)
from aidtrack.extract.lexicon import Lexicon
from aidtrack.extract.modality import (
    has_aux,
    is_conditional,
    is_hedged,
    is_negated,
    is_past,
    negated_by_carrier,
)
from aidtrack.extract.money import CURRENCY_WORDS
from aidtrack.extract.parties import actors_of, is_state, one_of_the_group
from aidtrack.extract.roles import (
    BUYING_VERBS,
    CARRIERS,
    CARRYING,
    DOBJ_RECIPIENT_VERBS,
    FUELS,
    INSTRUMENTS,
    MAKING,
    PAID_MAKING,
    PAYING_VERBS,
    POOLED_INSTRUMENTS,
    PRIVATE,
    TIME_WORDS,
    TRANSPORT_VERBS,
    categories_in,
    core_phrase,
    donors_of_verb,
    has_money,
    has_support_noun,
    instrument_uses,
    is_designation,
    modifier_actors,
    names_wealth,
    object_tokens,
    own_objects,
    owners_of_given,
    purpose_categories,
    purpose_kinds,
    recipients_of,
    scene_states,
    stage_of_verb,
    support_details,
    without_asides,
)
from aidtrack.extract.rules.common import (
    _ASKINGS,
    _CHOICES,
    _FORCES,
    _FORGIVING,
    _GIVING_GROUPS,
    _HOLDING_BACK,
    _MESSAGES,
    _POLICIES,
    _REQUESTS,
    _RESTRICTIONS,
    _SELLING,
    _SETTLING,
    _TRADE_WORDS,
    LETTING,
    ArticleContext,
    Found,
    _answering_clause,
    _category_or_default,
    _described_thing,
    _draws_line,
    _first_words_of,
    _gives_nothing,
    _left_actors,
    _objects_or_passive_subject,
    _passive_agents,
    _recipients_or_default,
    _refusal_actors,
    _refusal_phrase,
    _refusals,
    _supports,
    _unable,
    anchored_on,
    debtors,
    debts_settled,
    gerunds_taken_part_in,
    is_receiving,
    kept_halted,
    made_later,
    on_hold,
    says_none,
    stays_out,
)
from aidtrack.extract.rules.threats import CUTTING

_OPPOSING_PREPS = frozenset({"against", "without"})


# verbs that carry a running total to a figure: "bringing US assistance since 2023 to $2.3 billion"
TOTALLING = frozenset({"bring", "take", "push", "lift", "raise"})


def _kind_of_total(sentence: Sentence, verb: Token) -> list[str]:
    """The kind of the running total a sum adds to, which is the sum's kind ("added $147
    million, which it said brought its humanitarian funding for the crisis to $1.1 billion")."""
    for total in verb.subtree:
        if (
            total.i > verb.i
            and total.pos_ == "VERB"
            and total.lemma_.lower() in TOTALLING
            and any(has_money(list(o.subtree)) for o in prep_objects(total, frozenset({"to"})))
        ):
            kinds = categories_in(
                sentence, [t for o in children(total, frozenset({"dobj"})) for t in o.subtree]
            )
            if kinds:
                return kinds
    return []


def _helped_to_give(verb: Token) -> bool:
    """ "to help Colombia provide shelter and health care", "enabling Jordan to supply water to
    refugees": what a helped party does for those in its care is the purpose of the help it
    gets, not a gift of its own."""
    helper = verb.head
    if verb.dep_ not in ("ccomp", "xcomp") or helper.lemma_.lower() not in ("help", "enable", "assist"):
        return False
    doer = (
        subject_of(verb) if verb.dep_ == "ccomp" else next(iter(children(helper, frozenset({"dobj"}))), None)
    )
    return doer is not None and helper.dep_ in ("advcl", "xcomp", "acl", "relcl", "ccomp")


def _request_funded(sentence: Sentence, verb: Token) -> bool:
    """ "The UN's appeal for Sudan is only 6 percent funded", "the plan has been fully funded":
    how far a request for money is met says nothing of who met it (its owner asked)."""
    if verb.lemma_.lower() not in ("fund", "finance") or verb.tag_ != "VBN":
        return False
    holder = verb.head if verb.dep_ in ("acomp", "xcomp") else verb
    requests = sentence.lexicon.words("appeal", "nouns") | {"plan"}
    return any(s.lemma_.lower() in requests for s in children(holder, frozenset({"nsubj", "nsubjpass"})))


def _request_launched(sentence: Sentence, verb: Token) -> bool:
    """ "The UN launched a $275 million flash appeal", "OCHA released a flash appeal for $71
    million": money asked of donors, not given by the one who asks; when every thing launched is
    such a request (not "a fundraising campaign and an airlift of aid")."""
    if verb.lemma_.lower() not in _OPENING:
        return False
    launched = children(verb, frozenset({"dobj", "nsubjpass"}))
    launched += [c for o in launched for c in o.conjuncts if c.pos_ in ("NOUN", "PROPN")]
    return bool(launched) and all(_asks_for_money(sentence, o) for o in launched)


# verbs that open a request to donors ("launched / announced / released a flash appeal")
_OPENING = frozenset({"launch", "announce", "unveil", "release", "issue", "open", "start"})
# drives and campaigns that give ("a vaccination campaign", "an airdrop campaign") are requests
# only when their words say they raise money
_DRIVES = frozenset({"campaign", "drive", "push"})
_RAISING = frozenset({"fundraising", "fund-raising", "donation", "crowdfunding", "appeal", "raise"})


def _asks_for_money(sentence: Sentence, noun: Token) -> bool:
    """An appeal, a fundraiser, or a drive whose words say it raises money."""
    lemma = noun.lemma_.lower()
    if lemma in ("fundraiser", "fundraising"):
        return True
    if lemma in _DRIVES:
        return any(t.lemma_.lower() in _RAISING for t in noun.subtree if t is not noun)
    return lemma in sentence.lexicon.words("appeal", "nouns")


def _part_of_anothers_gift(sentence: Sentence, verb: Token) -> bool:
    """ "to pay for food and medical care delivered by United Nations agencies", "announced 25
    million dollars in aid, including shelter delivered by the Red Cross": goods inside another
    party's gift, said to be delivered by those who carry them out (a channel, not a donor)."""
    if verb.dep_ != "acl" or agent_of(verb) is None or verb.lemma_.lower() not in _CARRYING_OUT:
        return False
    giving = sentence.lexicon.support_verbs | sentence.lexicon.words("support", "object_verbs") | PAYING_VERBS
    word = verb.head
    for _ in range(12):
        if word.dep_ not in _INSIDE_A_GIFT or word.head == word:
            return False
        word = word.head
        if word.pos_ in ("VERB", "AUX") and word.dep_ not in _PASSED_VERBS:
            return word.lemma_.lower() in giving | {"cover"} and word != verb
    return False


# verbs on the way up that are not the giving one: "people displaced by", "including"
_PASSED_VERBS = frozenset({"acl", "prep"})


# verbs of carrying out what another pays for: "care delivered by UN agencies"
_CARRYING_OUT = frozenset({"deliver", "distribute", "run", "implement", "administer", "manage", "operate"})
# the relations that lead from goods up to the verb that gives them
_INSIDE_A_GIFT = frozenset({"conj", "pobj", "prep", "dobj", "appos", "nsubjpass", "agent", "acl"})


def _stayed_out_of(verb: Token) -> bool:
    """A gerund of giving in what a party will not take part in: "would not take part in
    financing Ukraine", "will not participate in sending weapons"."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.lower_ != "in":
        return False
    holder = prep.head.head if prep.head.lower_ == "part" and prep.head.dep_ == "dobj" else prep.head
    return stays_out(holder) and verb in gerunds_taken_part_in(holder)


# what a legislature passes that may give support: "passed a 61 billion dollar aid package"
_ENACTMENTS = frozenset({"bill", "law", "decree", "package", "act", "measure", "legislation", "budget"})


def _enacted(sentence: Sentence, verb: Token) -> bool:
    """ "Congress passed a 61 billion dollar aid package for Ukraine", "Italy's parliament passed
    its ninth decree on military aid": a vote that gives what its object names (not "passed the
    ammunition on to Ukraine", which the verb's particle reads, nor "a budget that freezes aid to
    Ukraine", nor a budget "with aid from the United States", which the voter receives)."""
    if verb.lemma_.lower() != "pass" or children(verb, frozenset({"prt"})):
        return False
    enacted = [o for o in children(verb, frozenset({"dobj"})) if o.lemma_.lower() in _ENACTMENTS]
    words = [t for c in verb.children if c.dep_ not in ("nsubj", "nsubjpass") for t in c.subtree]
    withholding = sentence.lexicon.words("refusal", "verbs")
    return bool(enacted) and not any(t.lemma_.lower() in withholding or t.lower_ == "from" for t in words)


def _budgeted_for_aid(sentence: Sentence, verb: Token) -> bool:
    """ "Berlin has budgeted 7 billion euros for military aid to Kyiv", "budgeted 15 billion crowns
    for Ukraine": money budgeted for support, or for a state, the purpose names (not "for
    deporting migrants to Afghanistan", "for its embassy in Kyiv")."""
    if verb.lemma_.lower() != "budget" or verb.pos_ != "VERB":
        return False
    purposes = [o for p in verb.subtree if p.dep_ == "prep" and p.lower_ == "for" for o in p.children]
    for_state = any(o.dep_ == "pobj" and is_state(sentence.code(o) or "") for o in purposes)
    return for_state or has_support_noun(
        sentence, [t for o in purposes if o.dep_ == "pobj" for t in core_phrase(o)]
    )


# verbs of taking part that give what their "with" names: "Belgium joined with 200 million
# euros", "Denmark followed with 50 million", "Ireland chipped in with 20 million euros"
_JOINING_WITH = frozenset({"join", "follow", "chip", "weigh", "step"})


@anchored_on(
    "VERB",
    "AUX",
    lemmas=lambda lex: (
        lex.support_verbs
        | lex.words("support", "object_verbs")
        | _PLACING_MONEY
        | _BILL_PAYING
        | _SETTLING
        | _FORGIVING
        | _JOINING_WITH
        | _GOING
        | {"set", "put", "lead", "make", "pass", "budget"}
    ),
)
def support_verb(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "Germany sent tanks to Ukraine", "aid was pledged by Japan", "X agreed to send"."""
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    lex = sentence.lexicon
    lemma = verb.lemma_.lower()
    debts = debts_settled(verb)  # "will settle Syria's arrears", "cancel Somalia's debt"
    billed = _served_by_bill(sentence, verb)  # "will pay the salaries of Syrian employees"
    transfer = (
        lemma in lex.support_verbs
        or _earmarks(verb)
        or _gives_with(sentence, verb)
        or bool(debts)
        or bool(billed)
        or _budgeted_for_aid(sentence, verb)  # "Berlin has budgeted 7 billion euros for military aid"
        or _chips_in(sentence, verb)  # "Belgium and Portugal have also paid in"
    )
    if not (transfer or lemma in lex.words("support", "object_verbs") or _enacted(sentence, verb)):
        return []
    if is_hedged(sentence, verb) and not (
        negated_by_carrier(verb) or _unable(verb) or _unwilling(sentence, verb) or _reacted_to(sentence, verb)
    ):
        return []  # but "does not intend to provide", "cannot provide", "is unwilling to send" refuse
    if is_conditional(verb) and not is_negated(verb):
        return []  # "would send more tanks if the US did the same": a hypothetical
    if _gives_nothing(verb):
        return []  # "singled out Kuwait for giving nothing": the complaint rule reads it
    if _not_allowed(lex, verb):
        return []  # "the rules do not allow Switzerland to ship weapons": kept from giving
    if _stayed_out_of(verb):
        return []  # "will not take part in sending weapons": a refusal, which its rule reads
    if (going := _none_spent_on(verb)) is not None:  # "not one forint would go to arming Kyiv"
        return _none_spent(sentence, verb, going)
    if made_later(verb):
        return []  # "the EU's next allocation will be announced in March": not given yet
    if _share_supplied(verb):
        return []  # "supplies most of Moldova's electricity": a share of a market, a trade
    if _first_meant(verb):
        return []  # "$95 million originally earmarked for Egypt's military": moved elsewhere
    if _gives_words(sentence, verb):
        return []  # "gave no indication of new lending": words given or withheld, no support
    if on_hold(verb) or kept_halted(verb):
        return []  # "placed its budget support on hold", "kept its aid frozen": see the refusal rules
    if verb.dep_ == "pcomp" and (
        verb.head.lower_ in _OPPOSING_PREPS
        or verb.head.head.lemma_.lower() in _HOLDING_BACK  # "is dragging its feet on sending"
        or verb.head.head.lower_ == "instead"
        or _draws_line(verb.head.head)
    ):
        return []  # "voted against sending arms", "instead of sending troops", "drew the line at sending"
    if verb.dep_ == "advcl" and _refusal_phrase(lex, verb.head):
        return []  # "ruled out sending tanks": the refusal rule reads it
    if _purpose_stayed_out_of(verb):
        return []  # "would not join any scheme to finance Ukraine's army": the refusal rule reads it
    if verb.dep_ in ("acl", "xcomp") and verb.head.lemma_.lower() in _LEAVE:
        return []  # "sought approval to send carriers": leave asked for, nothing sent yet
    if verb.dep_ == "relcl" and verb.head.dep_ == "dobj" and verb.head.head.lemma_.lower() in CUTTING:
        return []  # "cut the electricity it supplies to Niger": a supply cut, read as such
    if lemma == "pay" and _pays_a_price(sentence, verb):
        return []  # "paid Russia 2 billion euros for gas": a purchase
    if _helped_to_give(verb):
        return []  # "$68 million to help Colombia provide shelter to migrants": Colombia is helped
    if _request_funded(sentence, verb):
        return []  # "its $2.7 billion appeal for Sudan is only 6 percent funded": a shortfall, no gift
    if _request_launched(sentence, verb):
        return []  # "the UN launched a $275 million flash appeal": asked of donors, not given
    if _part_of_anothers_gift(sentence, verb):
        return []  # "to pay for medical care delivered by UN agencies": they carry another's gift
    if lemma == "raise" and any(_a_sum(c) for c in children(verb, frozenset({"dobj"}))):
        return []  # "said it had raised more than 3 million pounds for medical supplies": collected
    objects = object_tokens(verb)
    if lemma in _GOING:  # "its contribution would go entirely to humanitarian needs": the use says the kind
        objects = objects + [t for o in prep_objects(verb, _GOING_TO) for t in o.subtree if t not in objects]
    if lemma == "pay":
        objects = objects + [t for g in _paid_in(verb) for t in g.subtree]
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
    instrument_kind: str | None = None
    if (
        transfer
        and not inherent
        and not stops_funding
        and not money_subject
        and not (categories_in(sentence, objects) or has_support_noun(sentence, objects))
    ):
        uses = [t for c in instrument_uses(verb, objects) for t in c.subtree]
        instrument_kind = None if categories_in(sentence, uses) else _instrument_told(sentence, verb, ctx)
        if not categories_in(sentence, uses) and instrument_kind is None:
            return []  # but "put money into the initiative that buys shells for Ukraine" gives
        objects = objects + uses
    by_party = _described_by_participle(sentence, verb)  # "aid for Israel approved by Congress"
    if (
        not transfer
        and not money_subject
        and (not _names_support(sentence, verb, by_party) or _backs_an_idea(verb))
    ):
        return []  # "supports the idea of sending troops" gives nothing yet
    if not transfer and not money_subject and _acts_on_parties(sentence, verb):
        return []  # "added nine American defence companies to its entity list"
    if _added_to_a_list(sentence, verb):
        return []  # "adding fuel distributors based in Myanmar to their own lists": listed
    if _sanctions_package(sentence, objects) or _invades(verb) or _commercial(sentence, verb, objects, ctx):
        return []
    if any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in _RESTRICTIONS for c in verb.children):
        return []  # "approved a total arms embargo on Israel" restricts, it gives nothing
    if _flies_aircraft(verb):
        return []  # "Portugal and Greece, which also fly F-16s": a fleet flown, nothing given
    if lemma in TRANSPORT_VERBS and not is_passive(verb) and not _carries(verb):
        return []  # "the foreign minister flew to Ankara for talks": the subject travels, carrying nothing
    if lemma == "train" and (
        is_passive(verb)
        and agent_of(verb) is None
        or not is_passive(verb)
        and not children(verb, frozenset({"dobj"}))
        and not raised_objects(verb)
    ):
        # "Ukrainian soldiers trained in Germany", "pilots have been trained in Britain"
        return _trained_abroad(sentence, verb, ctx)
    donors = (
        donors_of_verb(sentence, verb)
        or one_of_the_group(sentence, verb)
        or _announcing_giver(sentence, verb)
    )
    if appositive is not None:  # "the tanks Poland supplied": the name is the subject
        donors = actors_of(sentence, appositive)
    if lemma in _GOING:  # "Of the British money, ...", "Britain's part", "the pledges of Norway"
        donors = _owners_of_whole(sentence, verb) or _owners_of_share(sentence, verb) or donors
    donors = [d for d in donors if d not in _runners_of_instrument(sentence, verb)]
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
    explicit = [c for c in explicit if c not in _first_meant_for(sentence, verb)]  # "redirect $95
    # million originally earmarked for Egypt's military to the Lebanese army": not Egypt
    explicit = [c for d in debts for c in debtors(sentence, d) if c not in donors] or explicit
    explicit = _onward_to(sentence, verb) or explicit  # "to Egypt for onward delivery to Gaza"
    if lemma in TRANSPORT_VERBS:  # "flew food to Egypt for Gaza": the place reached is a transit
        beneficiaries = [c for o in prep_objects(verb, frozenset({"for"})) for c in actors_of(sentence, o)]
        explicit = beneficiaries or explicit
    explicit = explicit or [c for c in _requesters(sentence, verb) if c not in donors]
    explicit = explicit or [  # "military aid for Israel approved by Congress"
        c
        for t in by_party
        if t.dep_ == "pobj" and t.head.lower_ in ("for", "to")
        for c in actors_of(sentence, t)
        if c not in donors
    ]
    explicit = explicit or (_bank_owners(sentence, verb) if lemma in _BANKING else [])
    explicit = explicit or [c for c in _receivers_of_thing(sentence, verb) if c not in donors]
    explicit = explicit or [c for c in _owners_of_funded(sentence, verb) if c not in donors]
    explicit = explicit or [c for c in owners_of_given(sentence, verb) if c not in donors]
    explicit = explicit or [c for c in _welcomers(sentence, verb) if c not in donors]
    explicit = explicit or [c for c in billed if c not in donors]
    scene = [c for c in scene_states(sentence, verb) if c not in donors]
    if lemma == "distribute" and not explicit and not scene:
        return []  # "to be distributed by NGOs": where it goes is told elsewhere
    if lemma == "deploy" and not (
        explicit
        and any(prep_objects(t, frozenset({"to"})) for t in [verb, *children(verb, frozenset({"dobj"}))])
    ):
        return []  # "will deploy a THAAD battery to Israel" gives; "deployed troops near the border" not
    if lemma in BUYING_VERBS and set(explicit) <= set(_sellers(sentence, verb)):
        return []  # "bought 60 jets from the United States for its air force": a purchase
    if money_subject and not explicit:  # "In Chad, EUR 74.5 million will support ...": where it goes
        explicit = [c for o in prep_objects(verb, frozenset({"in"})) for c in actors_of(sentence, o)]
    if money_given and not explicit:
        return []  # a sum whose giver and receiver are both only guessed says too little
    recipients, defaulted = _recipients_or_default(explicit, ctx, donors)
    if defaulted and scene and (not recipients or scene[0] in ctx.recipients_ranked):
        recipients = scene  # "In Chad, the World Bank approved a grant": the scene, if no other
        # receiver is told, or if the article tells it receiving elsewhere (not a transit hub)
    if defaulted and _own_money(verb):
        return []  # "a deal Taipei will finance entirely from its own defence budget": self-financed
    objects = without_asides(objects, verb)  # the kind is not read from "after refusing to send arms"
    cats, cat_default = _category_or_default(
        sentence, objects, ctx, allow_default=True, sentence_wide=has_money(objects)
    )  # "the EU's initial 5.5 million euros in humanitarian aid ...; Germany added 5 million euros"
    cats = purpose_categories(sentence, verb, objects, cats) if not cat_default else cats
    if cat_default and instrument_kind:  # "Sweden will contribute to the scheme": the scheme's kind
        cats = [instrument_kind]
    if cats == ["military"] and ctx.default_category == "humanitarian" and _vehicles_only(verb):
        cats = ["humanitarian"]  # "India has sent five aircraft and two navy ships" in a story of relief
    if cat_default and has_money(objects) and not money_subject:
        told = purpose_kinds(sentence, verb, objects)  # "a further $100 million to help pay pensions"
        told = told or _kind_of_total(sentence, verb)  # "which brought its humanitarian funding to"
        cats, cat_default = (told, False) if told else (cats, cat_default)
    if inherent and not categories_in(sentence, objects):
        cats = ["military"]
    elif (lemma in _BANKING or _into_central_bank(verb)) and has_money(objects):
        cats, cat_default = ["financial"], False  # "deposited $500 million in Yemen's central bank"
    elif lemma in _LENDING and cat_default and has_money(objects) and not _defence_giver(verb):
        # "Canada and Japan will lend 5 billion dollars"; "lend Kyiv 2 billion euros so it can
        # buy shells" lends for arms
        cats, cat_default = purpose_kinds(sentence, verb, objects) or ["financial"], False
    elif not cats and has_money(objects):  # money and nothing else, and no kind to default to
        cats, cat_default = ["financial"], True
    if cat_default and _defence_giver(verb):  # "the Pentagon announced a $125 million package"
        cats = ["military"]
    elif cat_default and debts:  # a state's debt paid off is money for its budget
        cats = ["financial"]
    if cat_default and lemma in lex.words("support", "increase_verbs") and not refused:
        return []  # "raised its contribution" says no kind; "could not raise its contribution"
        # refuses more of the kind the article is about
    if cat_default and any(numbered_after_sanctions(sentence, o, ctx) for o in objects):
        return []  # "EU ministers adopted the bloc's 16th package" after sanctions were told
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
    if refused and verb.tag_ == "VBN" and has_aux(verb, frozenset({"had"})) and not _nor_will(verb):
        return []  # "saying that it had not sent weapons to the RSF": a denial or a past told
    if refused and announced_nothing(verb):
        return []  # "did not announce new aid at the meeting": nothing told, nothing refused
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


_TRADE_NOUNS = frozenset({"export", "sale", "licence", "license", "permit", "contract", "import"})


_DEALS = frozenset({"contract", "sale", "order", "purchase", "export"})
_SALE_NOUNS = frozenset({"sale", "purchase", "contract"})


# words that frame a sale as aid: "sold the missiles to Kyiv as aid", "at no cost"
_AID_FRAMES = frozenset(
    {"aid", "assistance", "donation", "gift", "grant", "help", "free", "charge", "lend-lease", "package"}
)


def _acts_on_parties(sentence: Sentence, verb: Token) -> bool:
    """The objects of a verb that needs support named are firms or people ("added nine defence
    companies to its list", "backed the arms makers"): a measure on parties, no support."""
    parties = sentence.lexicon.words("policy_change", "party_nouns")
    objects = children(verb, frozenset({"dobj", "nsubjpass"}))
    return bool(objects) and all(o.lemma_.lower() in parties for o in objects)


def _gives_words(sentence: Sentence, verb: Token) -> bool:
    """ "gave no indication of new lending", "did not give details of the package": words
    withheld (the refusal rules' speech objects) refuse nothing, whatever they are about ("gave
    details of a new package" announces it)."""
    speech = sentence.lexicon.words("refusal", "speech_objects")
    withheld = [
        o
        for o in children(verb, frozenset({"dobj"}))
        if o.lemma_.lower() in speech and (is_negated(verb) or any(c.lower_ == "no" for c in o.children))
    ]
    return bool(withheld)


def _added_to_a_list(sentence: Sentence, verb: Token) -> bool:
    """ "added fuel distributors to their sanctions lists": what is added to a list of
    measures is listed, not given (whatever its words name: "fuel")."""
    if verb.lemma_.lower() != "add":
        return False
    lists = sentence.lexicon.words("sanction", "list_nouns")
    places = prep_objects(verb, frozenset({"to"})) + [
        o for d in children(verb, frozenset({"dobj"})) for o in prep_objects(d, frozenset({"to"}))
    ]
    return any(p.lemma_.lower() in lists for p in places)


_DEFENCE_BODIES = frozenset({"pentagon", "defence", "defense"})


def _defence_giver(verb: Token) -> bool:
    """A giver named by its defence body ("the Pentagon", "the defence ministry") gives
    military support when the words name no kind."""
    subject = subject_of(verb)
    return subject is not None and any(t.lower_ in _DEFENCE_BODIES for t in subject.subtree)


def _denied(word: Token) -> bool:
    """ "a sale rather than aid", "a sale, not aid", "instead of a donation": the frame is denied."""
    doc = word.doc
    before = [doc[i].lower_ for i in range(max(word.sent.start, word.i - 3), word.i)]
    pairs = set(zip(before, before[1:]))
    return bool(pairs & {("rather", "than"), ("instead", "of")}) or "not" in before[-2:]


def _sellers(sentence: Sentence, verb: Token) -> list[str]:
    """Whom a buyer buys from: "bought jets from the United States"."""
    return [c for o in prep_objects(verb, frozenset({"from"})) for c in actors_of(sentence, o)]


def _commercial(sentence: Sentence, verb: Token, objects: list[Token], ctx: ArticleContext) -> bool:
    """A sale, not support: "the EU exported arms to Egypt", "delivered the bombs it sold to
    Riyadh", "delivered jets under a 2021 contract", unless the words frame it as aid or the
    goods go to a party the article tells receiving aid in other words ("agreed to export
    weapons directly to Ukraine" in an article on what is sent to Ukraine)."""
    if any(t.lemma_.lower() in _AID_FRAMES and not _denied(t) for t in verb.subtree if t != verb):
        return False
    if _funds_a_purchase_for_another(sentence, verb):
        return False
    if any(t.dep_ in ("appos", "dobj") and t.lemma_.lower() in _SALE_NOUNS for t in verb.subtree):
        return True  # "delivered the missiles in April, a commercial sale"
    if any(_commercial_deal(o) for o in prep_objects(verb, frozenset({"under", "as"}))):
        return True  # "sold drones to Ukraine's defence ministry under a commercial contract"
    if _in_exchange(verb):
        return True  # "to hand over old Russian-made helicopters in exchange for new American kit"
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
        if c.dep_ in ("relcl", "acl") and c.lemma_.lower() in _SELLING | BUYING_VERBS
    ]
    if any(c.lemma_.lower() in _SELLING for c in sold):
        return True  # "the bombs it sold to Saudi Arabia"
    if any(set(actors_of(sentence, subject_of(c))) & set(recipients) for c in sold):
        return True  # "delivered the jets Egypt ordered to Egypt"
    return any(
        o.lemma_.lower() in _DEALS for o in prep_objects(verb, frozenset({"under", "as"}))
    )  # "delivered under a contract", "shipped as part of a sale"


def _in_exchange(verb: Token) -> bool:
    """ "in exchange for new American kit", "in return for access to cobalt": a swap is a trade."""
    return any(o.lemma_.lower() in ("exchange", "return") for o in prep_objects(verb, frozenset({"in"})))


def _commercial_deal(deal: Token) -> bool:
    """ "a commercial contract", "a commercial sale", "a swap deal": a deal its words call trade,
    whoever the buyer is (an aided party may also buy)."""
    return deal.lemma_.lower() in _DEALS | {"deal", "arrangement", "agreement"} and any(
        c.dep_ in ("amod", "compound") and c.lower_ in _TRADING_WORDS for c in deal.children
    )


# what a deal's words say of a trade: "a commercial contract", "a swap deal", "a barter arrangement"
_TRADING_WORDS = frozenset({"commercial", "swap", "barter"})


def _funds_a_purchase_for_another(sentence: Sentence, verb: Token) -> bool:
    """ "The Netherlands is financing the purchase of 100 tanks for Ukraine": paying for what is
    bought for another party is support to that party, not a sale to the payer."""
    if verb.lemma_.lower() not in _FUNDING | {"pay", "co-finance", "cofinance"}:
        return False
    bought = [
        o
        for o in children(verb, frozenset({"dobj"})) + prep_objects(verb, frozenset({"for"}))
        if o.lemma_.lower() in PAID_MAKING
    ]

    def named_after(preps: tuple[str, ...]) -> set[str]:
        return {
            c
            for o in bought
            for t in o.subtree
            if t.dep_ == "pobj" and t.head.lower_ in preps
            for c in actors_of(sentence, t)
        }

    # not the payer itself ("for its own army") nor the seller ("from the United States")
    return bool(
        named_after(("for", "to")) - named_after(("from",)) - set(actors_of(sentence, subject_of(verb)))
    )


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


# what a country flies when it operates it, not when it carries aid
_AIRCRAFT = frozenset(
    {"jet", "plane", "aircraft", "helicopter", "fighter", "drone", "bomber", "sortie", "mission"}
)


# verbs of placing money with a state's bank or treasury: financial whatever the money serves
_BANKING = frozenset({"deposit"})
# verbs whose money is a loan, financial unless the words name another kind: "will lend 5
# billion Canadian dollars" (not "lent Kyiv 50 tanks")
_LENDING = frozenset({"lend"})


def _runners_of_instrument(sentence: Sentence, verb: Token) -> list[str]:
    """Who runs the instrument that buys with others' money ("a NATO-run mechanism that buys
    weapons for Kyiv", "the NATO trust fund that buys fuel", "a Czech-led scheme bought shells"):
    the channel the payers give through, not a giver itself (the schema's "via"). An
    instrument that pays out its owner's money gives ("the UN's emergency fund released ...",
    "the European Peace Facility approved ...")."""
    if verb.lemma_.lower() not in BUYING_VERBS:
        return []
    subject = relative_head(verb) if verb.dep_ == "relcl" else subject_of(verb)
    if subject is None or subject.lemma_.lower() not in POOLED_INSTRUMENTS:
        return []
    runners = [m for m in subject.children if m.dep_ in ("amod", "compound", "npadvmod", "nmod")]
    return [c for m in runners for c in actors_of(sentence, m)]


# budgets a state spends on itself: "its own defence budget", "a special procurement budget"
_OWN_BUDGETS = frozenset({"defence", "defense", "procurement", "military", "national", "state"})


def _none_spent_on(verb: Token) -> Token | None:
    """ "'not one forint' of Hungarian money would go to arming Kyiv": the sum said to go to the
    giving is none; the verb it goes by."""
    going = verb.head.head if verb.dep_ in ("pcomp", "pobj") and verb.head.lower_ == "to" else None
    if going is None or going.lemma_.lower() not in ("go", "flow") or going.pos_ != "VERB":
        return None
    subject = subject_of(going)
    return going if subject is not None and says_none(subject) else None


def _none_spent(sentence: Sentence, verb: Token, going: Token) -> list[Found]:
    """The refusal a sum of none tells, by the owner of the money ("Hungarian money")."""
    subject = subject_of(going)
    phrase = list(subject.subtree) if subject is not None else []
    owners = list(dict.fromkeys(c for t in phrase for c in modifier_actors(sentence, t)))
    owners = owners or _refusal_actors(sentence, going)
    cats = categories_in(sentence, list(verb.subtree))
    if not cats and verb.lemma_.lower() == "arm":
        cats = ["military"]
    recipients = recipients_of(sentence, verb, dobj_is_recipient=True)
    return _refusals(owners, cats, recipients, going, 0.7, rule="refusal-none-spent")


def _not_allowed(lex: Lexicon, verb: Token) -> bool:
    """ "the new rules do not allow Switzerland itself to ship weapons", "will not let Hungary
    send arms": a giving that a negated permission keeps from happening."""
    permit = verb.head
    return (
        verb.dep_ in ("ccomp", "xcomp")
        and permit.lemma_.lower() in lex.words("policy_change", "permit_verbs") | {"let"}
        and is_negated(permit)
    )


def _own_money(verb: Token) -> bool:
    """ "will finance entirely from its own defence budget", "set aside in a special procurement
    budget", "bought with its own funds", "approved an increase in the defence budget": money a
    party spends on itself gives nothing."""
    phrases = prep_objects(verb, frozenset({"from", "in", "with", "out"}))
    for obj in children(verb, frozenset({"dobj"})):  # "a record defence budget", "an increase in"
        phrases += [obj, *prep_objects(obj, frozenset({"in", "of", "to"}))]
    for phrase in phrases:
        words = {t.lower_ for t in phrase.subtree}
        if "own" in words and phrase.lemma_.lower() in (
            "budget",
            "fund",
            "funds",
            "money",
            "resource",
            "reserve",
        ):
            return True
        if phrase.lemma_.lower() == "budget" and words & _OWN_BUDGETS:
            return True
    return False


def _into_central_bank(verb: Token) -> bool:
    """ "contributed $1 billion to a central bank support facility in Aden": money placed with a
    state's central bank props up its currency and budget, whatever the article is about."""
    placed = prep_objects(verb, frozenset({"to", "into", "with", "in"}))
    return any(
        t.lower_ == "central" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lemma_.lower() == "bank"
        for o in placed
        for t in o.subtree
    )


def _bank_owners(sentence: Sentence, verb: Token) -> list[str]:
    """The state whose bank money is placed with: "deposited $300 million with the central bank
    in Aden", "into Egypt's central bank"."""
    placed = prep_objects(verb, frozenset({"with", "in", "into"}))
    codes = [sentence.codes.get(t.i) for o in placed for t in o.subtree]
    return list(dict.fromkeys(c for c in codes if c and is_state(c)))


def _flies_aircraft(verb: Token) -> bool:
    """ "which also fly F-16s", "flew reconnaissance drones over the Black Sea": flying
    aircraft is operating them; aid is flown as cargo ("flew tents to Turkey")."""
    if verb.lemma_.lower() != "fly":
        return False
    flown = children(verb, frozenset({"dobj"}))
    return any((o.lemma_.lower() in _AIRCRAFT or is_designation(o)) and not _laden(o) for o in flown)


def _laden(vehicle: Token) -> bool:
    """ "a cargo plane of medical supplies", "a plane carrying medicine": a load is carried."""
    return any(
        c.dep_ in ("acl", "relcl") or c.dep_ == "prep" and c.lower_ in ("of", "with") or c.lower_ == "cargo"
        for c in vehicle.children
    )


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
    those who pay for a giving scheme, or for what is sent, give through it."""
    subject = subject_of(verb)
    holders = [subject] if subject is not None and subject.lemma_.lower() in _GIVING_GROUPS else []
    # "The shells, paid for by Denmark, were delivered to Ukraine": the payer gives what is sent
    holders += children(verb, frozenset({"nsubjpass", "dobj"}))
    found: list[str] = []
    for holder in holders:
        for acl in children(holder, frozenset({"acl"})):
            if acl.lemma_.lower() in ("fund", "finance", "back", "bankroll", "pay", "support"):
                if any(t.lemma_.lower() in _MONEY_SOURCES for t in acl.subtree if t.dep_ == "pobj"):
                    continue  # "financed by immobilised Russian assets": a source, no payer
                found += [c for c in _passive_agents(sentence, acl) if c not in found]
    return found


# what money comes out of, not who pays it: "a loan financed by windfall profits on Russian assets"
_MONEY_SOURCES = frozenset(
    {"asset", "profit", "revenue", "proceeds", "interest", "income", "reserve", "fund"}
)


def _announcing_giver(sentence: Sentence, verb: Token) -> list[str]:
    """ "The Pentagon said the weapons would be delivered to Ukraine": a passive transfer with
    no agent, announced by a government, is that government's (not an alliance's, which
    reports what its members give)."""
    if not is_passive(verb) or agent_of(verb) is not None or verb.dep_ != "ccomp" or is_negated(verb):
        return []  # not "weapons cannot be sent to countries at war, he said": a rule, no refusal
    speech = verb.head
    if speech.lemma_.lower() not in sentence.lexicon.words("modality", "reporting_verbs"):
        return []
    if any(_made_elsewhere(s) for s in children(verb, frozenset({"nsubjpass"}))):
        return []  # "London says drones built with such parts have been shipped to Russia": an accusation
    return [c for c in actors_of(sentence, subject_of(speech)) if c not in ("NATO", "UN", "G7")]


# participles that say who made a thing: its maker, not the one who tells of it, sent it
_MAKING = MAKING | {"equip"}


# what is asked of the one who must allow a transfer
_LEAVE = frozenset(
    {
        "approval",
        "permission",
        "authorisation",
        "authorization",
        "consent",
        "clearance",
        "go-ahead",
        "licence",
    }
)


def _made_elsewhere(thing: Token) -> bool:
    return any(c.dep_ == "acl" and c.lemma_.lower() in _MAKING for c in thing.children)


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


def _invades(verb: Token) -> bool:
    """ "sent tens of thousands of troops into Ukraine", "sent tanks into Rafah": forces or
    arms of war sent into a place invade it."""
    objects = children(verb, frozenset({"dobj", "nsubjpass"}))
    heads = {t.lemma_.lower() for o in objects for t in [o, *prep_objects(o, frozenset({"of"}))]}
    return bool(heads & (_FORCES | _WAR_MACHINES)) and bool(prep_objects(verb, frozenset({"into"})))


# what an army sends into a place it attacks: "sent tanks into Rafah"
_WAR_MACHINES = frozenset(
    {"tank", "warship", "gunboat", "jet", "bomber", "drone", "armour", "armor", "warplane"}
)


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


# verbs that place money somewhere when their object is a sum: "will pay 1.5 billion crowns into
# the fund", "paid 10 million euros to Kyiv", "is putting 500 million crowns into the pot", "put 350 million euros on the table for"
_PLACING_MONEY: frozenset[str] = frozenset(
    {"pay", "put", "pour", "inject", "plough", "plow", "add", "commit"}
)
# money named without a sum: "put money into the Czech-led initiative"
_MONEY_WORDS = frozenset({"money", "cash", "fund"})


def _earmarks(verb: Token) -> bool:
    """ "set aside 2 billion euros for Ukraine", "put aside": reserving money is earmarking it;
    a sum paid or put into a fund, added, or put on the table for something is given, and so
    is one a party joins in with."""
    lemma = verb.lemma_.lower()
    if lemma in _GOING:
        return _sum_goes(verb)
    if lemma in _JOINING_WITH:
        return any(
            p.dep_ == "prep"
            and p.lower_ == "with"
            and any(o.dep_ == "pobj" and _the_sum_itself(o) for o in p.children)
            for p in verb.children
        )
    if lemma in ("set", "put") and any(
        c.dep_ in ("prt", "advmod") and c.lower_ == "aside" for c in verb.children
    ):
        return True
    if lemma == "make":  # "has made available 1.8 billion francs", "made $500 million available"
        sums = [
            c for c in verb.children if c.dep_ == "dobj" and (_a_sum(c) or c.lemma_.lower() in _MONEY_WORDS)
        ]
        return any(a.lower_ == "available" for t in [verb, *sums] for a in t.children)
    if lemma not in _PLACING_MONEY:
        return False
    sums = [c for c in verb.children if c.dep_ == "dobj" and (_a_sum(c) or c.lemma_.lower() in _MONEY_WORDS)]
    placed = any(
        c.dep_ == "prep"
        and (c.lower_ in ("into", "for", "towards", "toward") or c.lower_ == "on" and _on_the_table(c))
        or c.dep_ == "prt"
        and c.lower_ in ("in", "up")  # "put in 100 million euros", "put up"
        for c in verb.children
    ) or any(  # "paid 20 million euros last year for Rwandan troops": the "for" hung on the sum
        p.dep_ == "prep" and p.lower_ in ("for", "into", "towards", "toward")
        for m in sums
        for p in m.children
    )
    if lemma == "pay":  # "paid 10 million euros to Kyiv", "paid Kyiv", "has paid in / paid out ..."
        sums += _paid_in(verb)
        placed = placed or any(
            c.dep_ in ("prep", "dative")
            and c.lower_ == "to"
            or c.dep_ == "dative"
            and c.pos_ in ("PROPN", "NOUN")
            or c.dep_ == "prt"
            and c.lower_ in ("in", "out")
            for c in verb.children
        )
    return bool(sums) and placed


# verbs by which a sum is told reaching its use: "the remaining 700 million kroner goes to a
# World Bank trust fund"
_GOING: frozenset[str] = frozenset({"go", "flow"})
_GOING_TO: frozenset[str] = frozenset({"to", "into", "towards", "toward"})


def _sum_goes(verb: Token) -> bool:
    """ "A$10 million will go to the Ukraine Humanitarian Fund", "the rest flows into ...": a sum
    (not "not one forint", which the refusal reads) going to a party, a fund or a use."""
    subject = subject_of(verb)
    if subject is None or says_none(subject) or not _the_sum_itself(subject) and not _a_share(subject):
        return False
    return bool(prep_objects(verb, _GOING_TO))


# what a sum or a pledge is split into: "the rest of the money", "Britain's part, 2.26 billion pounds"
_PARTS_OF_SUMS = frozenset(
    {"rest", "remainder", "part", "share", "portion", "half", "balance", "pledge", "contribution"}
)


def _a_share(noun: Token) -> bool:
    """ "Britain's part, 2.26 billion pounds", "the rest of the money", "the pledges of Norway and
    Denmark": a share of a sum or a pledge, with its owner, its sum or what it is part of (not
    a share of a state's wealth: "part of the frozen Russian assets", "the rest of Iran's funds")."""
    if noun.lemma_.lower() not in _PARTS_OF_SUMS or _of_wealth(noun):
        return False
    return any(
        c.dep_ in ("poss", "appos")
        or c.dep_ == "prep"
        and c.lower_ == "of"
        or c.dep_ == "compound"
        and _a_sum(c)
        for c in noun.children
    )


# what a state holds rather than gives, beyond :func:`names_wealth`: "Iran's unfrozen funds"
_HELD = frozenset({"fund", "money", "income", "earning", "saving"})
_SEIZED = frozenset({"frozen", "unfrozen", "seized", "immobilised", "immobilized", "confiscated", "blocked"})


def _wealth_word(token: Token) -> bool:
    """ "assets", "profits", "frozen", "seized": a word of a state's wealth or of money held."""
    return names_wealth(token) or token.lower_ in _SEIZED


def _of_wealth(noun: Token) -> bool:
    """A share taken "of" a state's wealth or of money frozen or seized."""
    wholes = [t for o in prep_objects(noun, frozenset({"of"})) for t in o.subtree]
    return any(_wealth_word(t) for t in wholes) or any(
        t.lemma_.lower() in _HELD and any(c.dep_ == "poss" for c in t.children) for t in wholes
    )


def _owners_of_share(sentence: Sentence, verb: Token) -> list[str]:
    """Whose share goes: "Britain's part", "the pledges of Norway and Denmark"."""
    subject = subject_of(verb)
    return modifier_actors(sentence, subject, of=True) if subject is not None else []


def _owners_of_whole(sentence: Sentence, verb: Token) -> list[str]:
    """ "Of the British money, 20 million pounds will go to camps in Chad": the owner of the sum
    a share is taken from, fronted with "of" (not of a state's wealth: "of Russia's frozen assets")."""
    return [
        c
        for o in prep_objects(verb, frozenset({"of"}))
        if o.i < verb.i and not any(_wealth_word(t) for t in o.subtree)
        for c in modifier_actors(sentence, o)
    ]


_BILL_PAYING: frozenset[str] = frozenset({"pay", "cover", "foot"})


def _served_by_bill(sentence: Sentence, verb: Token) -> list[str]:
    """Whom a bill paid serves: the parties its phrase names ("the salaries of Syrian
    public-sector employees" -> Syria, "the Lebanese army's fuel needs" -> Lebanon). Paying a
    bill that names a kind of support and the party it serves gives that support to that party.
    Not a bill paid in a relative clause or a purpose ("a fund that pays the salaries of
    Ukrainian teachers", "provide $60 million to cover salaries"): the fund or the sum given is
    the support, read where it is given."""
    if verb.lemma_.lower() not in _BILL_PAYING or verb.dep_ in ("relcl", "acl", "advcl"):
        return []
    bills = [c for c in children(verb, frozenset({"dobj"})) if not _a_sum(c)]
    bills = [b for b in bills if categories_in(sentence, list(b.subtree))]
    return list(dict.fromkeys(c for b in bills for t in b.subtree for c in actors_of(sentence, t)))


def _pays_a_price(sentence: Sentence, verb: Token) -> bool:
    """ "paid Russia 2 billion euros for gas": what a sum is paid for, when it names neither a
    kind of support nor a party ("for reconstruction", "for Rwandan troops"), is bought by the
    payer; the sum is a price, not support."""
    sums = children(verb, frozenset({"dobj"}))
    bought = prep_objects(verb, frozenset({"for"})) + [
        g for m in sums for g in prep_objects(m, frozenset({"for"}))
    ]
    bought = [g for g in bought if g.lemma_.lower() not in TIME_WORDS]  # "for three months"
    return bool(bought) and not any(
        categories_in(sentence, list(g.subtree)) or any(actors_of(sentence, t) for t in g.subtree)
        for g in bought
    )


def _gives_with(sentence: Sentence, verb: Token) -> bool:
    """ "The United States led with $200 million for food", "Britain followed with £35 million":
    leading or following with a sum or with aid is giving it."""
    if verb.lemma_.lower() not in ("lead", "follow") or children(verb, frozenset({"dobj"})):
        return False
    given = prep_objects(verb, frozenset({"with"}))
    listings = sentence.lexicon.words("sanction", "nouns") | {"listing", "designation", "list"}
    if any(t.lemma_.lower() in listings for g in given for t in g.subtree):
        return False  # "followed with its own listings of Iranian drone makers": a sanction
    return any(_a_sum(g) or categories_in(sentence, list(g.subtree)) for g in given)


def _paid_in(verb: Token) -> list[Token]:
    """ "has paid in a further 390 million euros": the sum, with the particle parsed as a
    preposition."""
    return [
        g
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ in ("in", "out") and c.i == verb.i + 1
        for g in c.children
        if g.dep_ == "pobj" and _a_sum(g)
    ]


def _a_sum(noun: Token) -> bool:
    """ "1.5 billion Norwegian crowns", "$20 million", "350 million euros", "EUR 500 million"."""
    words = list(noun.subtree)
    return has_money(words) and any(t.like_num or t.tag_ == "$" or t.ent_type_ == "MONEY" for t in words)


def _the_sum_itself(noun: Token) -> bool:
    """ "with 200 million euros", "with $50 million": the phrase is a sum, not "sanctions worth
    $1 billion" or "exports of grain" that holds one."""
    return _a_sum(noun) and (
        noun.like_num
        or noun.tag_ == "$"
        or noun.lower_ in CURRENCY_WORDS
        or noun.lemma_.lower() in CURRENCY_WORDS
    )


def _on_the_table(prep: Token) -> bool:
    return any(o.lower_ == "table" for o in prep.children if o.dep_ == "pobj")


# adverbs of a purpose since given up: "originally earmarked for Egypt", "initially meant for"
_FIRST = frozenset({"originally", "initially", "previously", "first"})


def _first_meant(verb: Token) -> bool:
    """A participle that tells what money was first meant for ("$95 million originally
    earmarked for Egypt's military"): it goes elsewhere now."""
    return verb.dep_ == "acl" and any(c.dep_ == "advmod" and c.lower_ in _FIRST for c in verb.children)


def _first_meant_for(sentence: Sentence, verb: Token) -> list[str]:
    """Whom the money a verb moves was first meant for ("originally earmarked for Egypt")."""
    return [
        c
        for o in children(verb, frozenset({"dobj"}))
        for a in o.subtree
        if _first_meant(a)
        for p in prep_objects(a, frozenset({"for"}))
        for c in actors_of(sentence, p)
    ]


def _vehicles_only(verb: Token) -> bool:
    """What a verb sends is only craft that carry ("five aircraft and two navy ships"), with no
    load named: their kind is the story's, not that of the navy that sails them."""
    sent = [o for d in children(verb, frozenset({"dobj"})) for o in [d, *d.conjuncts]]
    return bool(sent) and all(o.lemma_.lower() in CARRIERS and not _carried([o]) for o in sent)


# verbs of making support known: not doing so at one event refuses nothing
_TELLING_NEW = frozenset({"announce", "unveil", "reveal", "present"})


def announced_nothing(verb: Token) -> bool:
    """ "did not announce new aid at the meeting": a past silence, no refusal (unless it goes
    on: "and would not do so")."""
    past = is_past(verb) or has_aux(verb, frozenset({"did", "has", "have", "had"}))
    return verb.lemma_.lower() in _TELLING_NEW and is_negated(verb) and past and not _nor_will(verb)


# nouns of carrying goods on from where they were sent: "for onward delivery to Gaza"
_FORWARDING = frozenset(
    {"delivery", "transfer", "transport", "shipment", "distribution", "transit", "dispatch"}
)


def _onward_to(sentence: Sentence, verb: Token) -> list[str]:
    """ "sent five containers of food to Egypt for onward delivery to Gaza": the place reached
    is a transit, the goods are for where they go on to."""
    return [  # the parser may hang "for onward delivery" on what is sent or on the transit
        c
        for t in verb.subtree
        if t.lemma_.lower() in _FORWARDING and t.dep_ == "pobj" and t.head.lower_ == "for"
        for d in prep_objects(t, frozenset({"to"}))
        for c in actors_of(sentence, d)
    ]


# verbs of adding one's share, with the particle they need when they take no object:
# "Denmark has also contributed", "Belgium and Portugal have paid in", "Norway chipped in"
_SHARING_IN = {"contribute": None, "pay": "in", "chip": "in", "pitch": "in"}
_SHARE_PREPS = frozenset({"to", "into", "for", "towards", "toward", "with", "on"})  # read by other rules


def _chips_in(sentence: Sentence, verb: Token) -> bool:
    """A verb of adding one's share with no object and no receiver, whose subject is itself a
    party ("Belgium, Lithuania and Portugal have also paid in"; not "Britain's decision has
    contributed"): a share of the last instrument the article told of."""
    lemma = verb.lemma_.lower()
    if (
        lemma not in _SHARING_IN
        or verb.dep_ in ("amod", "pcomp", "acl")
        or verb.tag_ == "VBG"
        and verb.dep_ != "ROOT"
    ):
        return False  # not "contributing countries", "asked about contributing"
    if any(c.dep_ in ("dobj", "dative", "ccomp", "xcomp") or c.lower_ in _SHARE_PREPS for c in verb.children):
        return False
    subject = subject_of(verb)
    if subject is None or not (
        sentence.code(subject) or subject.pos_ == "PRON" and actors_of(sentence, subject)
    ):
        return False
    particle = _SHARING_IN[lemma]
    particles = [c.lower_ for c in verb.children if c.dep_ == "prt"]
    return particles == [particle] if particle else not particles


def _instrument_told(sentence: Sentence, verb: Token, ctx: ArticleContext) -> str | None:
    """The kind of support an instrument the article told of gives, when the verb puts something
    into it again by its noun alone: "Sweden will contribute to the scheme", or with no object
    at all: "Denmark has also contributed", "Norway chipped in"."""
    if _chips_in(sentence, verb):
        return ctx.last_instrument_kind
    return next(
        (  # "the Danish model ... the scheme": one named by another noun is the last one told
            ctx.instrument_kinds.get(o.lemma_.lower(), ctx.last_instrument_kind)
            for p in verb.children
            if p.dep_ == "prep" and p.lower_ in ("to", "into")
            for o in p.children
            if o.dep_ == "pobj"
            and o.lemma_.lower() in INSTRUMENTS
            and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in o.children)
        ),
        None,
    )


def _purpose_stayed_out_of(verb: Token) -> bool:
    """The purpose of a scheme a party will not join: "would not join any scheme to finance"."""
    if verb.tag_ != "VB":
        return False
    if verb.dep_ == "advcl":  # the parser may hang the purpose on "join"
        return verb.head.pos_ == "VERB" and stays_out(verb.head)
    scheme = verb.head
    joined = scheme.head.head if scheme.dep_ == "pobj" else scheme.head
    return (
        verb.dep_ == "acl" and scheme.dep_ in ("dobj", "pobj") and joined.pos_ == "VERB" and stays_out(joined)
    )


def _nor_will(verb: Token) -> bool:
    """ "had never provided lethal weapons ... and would not do so", "had not supplied weapons
    ... and said it would not do so": the past refusal goes on."""
    return any(
        t.i > verb.i
        and t.lemma_.lower() == "do"
        and is_negated(t)
        and any(c.lower_ == "so" for c in t.children)
        for t in verb.sent
    )


def _gapped_donors(sentence: Sentence, verb: Token) -> list[str]:
    """ "France pledged 100 million euros, Germany 80 million and Italy 50 million": the verb
    left out after the first donor; each later donor stands right before its own amount."""
    found: list[str] = []
    doc = verb.doc
    for tok in verb.subtree:
        if tok.i <= verb.i or tok.i not in sentence.codes or tok.i + 1 >= len(doc):
            continue
        after = _past_modifiers(doc, tok.i + 1)  # "and the European Union an initial 2.5 million"
        goods = _goods_follow(sentence, doc, tok.i + 1)  # "and Japan an emergency medical team"
        if not (after.like_num or after.tag_ == "$" or after.text in ("€", "$", "£", "¥")) and not (
            goods and not _sum_given(verb)
        ):
            continue
        deps = _GAPPED_DEPS | ({"compound"} if goods else set())  # "and Poland fighter jets"
        if tok.dep_ in deps and tok.head.i >= verb.i:
            before = doc[_name_start(sentence, tok) - 1]  # "and the European Union 350 million"
            if before.lower_ in (",", "and", "while", "whereas", ";") or before.dep_ == "cc":
                found.append(sentence.codes[tok.i])
    return found


def _goods_follow(sentence: Sentence, doc, i: int) -> bool:
    """ "..., Azerbaijan fuel and rescue teams, and Japan an emergency medical team": after a
    donor left without its verb, a phrase of goods of a kind the lexicon knows."""
    for token in doc[i : min(i + 5, sentence.span.end)]:
        if token.pos_ in ("PUNCT", "CCONJ", "VERB", "AUX", "ADP") or token.i in sentence.codes:
            return False
        if _names_aid_for(sentence, token):
            return False  # "Haiti mission and Somalia relief": relief for Somalia
        if token.pos_ in ("NOUN", "ADJ") and sentence.lexicon.categories_of(token):
            return True
    return False


# how the parser hangs a donor left without its verb ("France pledged 100 million euros, Germany 80")
_GAPPED_DEPS = frozenset({"appos", "npadvmod", "conj", "nsubj", "dobj", "nmod", "dep", "advcl", "nummod"})


def _names_aid_for(sentence: Sentence, noun: Token) -> bool:
    """ "Somalia relief", "Sahel aid": a word of support a name is compounded on, for that party."""
    return noun.lemma_.lower() in sentence.lexicon.words("support", "nouns") | {"relief"}


def _sum_given(verb: Token) -> bool:
    """The verb gives a sum: later donors left without it stand before sums of their own."""
    return any(_a_sum(o) for o in children(verb, frozenset({"dobj"})))


def _past_modifiers(doc, i: int) -> Token:
    """The first word from ``i`` on past up to two determiners and adjectives ("an initial",
    "a further") and the words that bound a sum ("about", "up to", "nearly", "more than")."""
    bounded = False  # after "over" or "about" comes the sum, not "the next three months"
    for _ in range(3):
        if i + 1 < len(doc) and doc[i].lower_ in _BOUNDING:
            i, bounded = i + 1, True
        elif i + 1 < len(doc) and doc[i].pos_ in ("DET", "ADJ") and not bounded:
            i += 1
    return doc[i]


# the words that bound or round a sum: "about $150 million", "up to 160 million pounds"
_BOUNDING = frozenset(
    {
        "about",
        "around",
        "roughly",
        "nearly",
        "almost",
        "some",
        "up",
        "to",
        "over",
        "more",
        "than",
        "approximately",
        "just",
        "another",
    }
)


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


_ARRIVING = frozenset({"arrive", "reach", "enter", "land", "dock", "berth"})
# what those sent to help do where they arrived: "Spanish rescuers were digging through the
# rubble", "teams from Germany and Poland joined them in Hatay"
_AT_WORK = frozenset({"dig", "search", "comb", "work", "join", "operate"})


def _of_objects(noun: Token, depth: int = 2) -> list[Token]:
    """The nouns a noun measures or holds, through "of" ("a shipment of 10,000 tons of sorghum")."""
    found = prep_objects(noun, frozenset({"of"}))
    return found + [n for g in found for n in _of_objects(g, depth - 1)] if depth > 1 else found


def _carried(vehicles: list[Token]) -> list[Token]:
    """What trucks, planes or ships carry: "trucks carrying Egyptian aid", "a plane loaded
    with medicine"."""
    found: list[Token] = []
    for vehicle in vehicles:
        for acl in children(vehicle, frozenset({"acl", "relcl"})):
            if acl.lemma_.lower() in CARRYING:
                found += children(acl, frozenset({"dobj"})) + prep_objects(acl, frozenset({"with"}))
    return found


@anchored_on("VERB", lemmas=lambda lex: _ARRIVING | _AT_WORK)
def support_arrival(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "Spanish Leopard tanks arrived in Ukraine", "the first batch of Abrams tanks from the
    United States has reached Ukraine": support named by its giver, told as it arrives; and
    rescuers named by their giver at work where they arrived ("Emirati rescuers were digging
    through the rubble")."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in _ARRIVING | _AT_WORK:
        return []
    if is_negated(verb) or is_hedged(sentence, verb) or not_let(verb):
        return []
    subject = subject_of(verb)
    if subject is None or subject.i > verb.i or _none_of(subject):
        return []  # "No Greek rescuers have arrived yet"
    at_work = verb.lemma_.lower() in _AT_WORK
    rescuers = _rescuers(sentence, subject)
    if at_work and not rescuers:
        return []
    if subject.lemma_.lower() in sentence.lexicon.words("appeal", "nouns"):
        return []  # "the request from Kyiv reached Ottawa": a plea arrives, not support
    things = [subject, *_of_objects(subject)]  # "a shipment of 10,000 tons of sorghum paid for by"
    carried = _carried(things)  # "trucks carrying Egyptian aid entered Gaza": the load is the support
    carried += [  # "an Indian navy vessel docked in Yangon carrying rations and medicines"
        o
        for a in children(verb, frozenset({"advcl"}))
        if a.lemma_.lower() in CARRYING
        and a.tag_ == "VBG"
        and not children(a, frozenset({"nsubj", "nsubjpass"}))
        for o in children(a, frozenset({"dobj"})) + prep_objects(a, frozenset({"with"}))
    ]
    if subject.lemma_.lower() in CARRIERS:  # "a French military aircraft landed in Yerevan with
        carried += prep_objects(verb, frozenset({"with"}))  # 11 tonnes of medicines"
    things += carried
    phrase = [t for th in carried or things for t in core_phrase(th)]
    sent_from = subject.lemma_.lower() in _RESPONDERS and bool(prep_objects(subject, frozenset({"from"})))
    cats, _ = _category_or_default(
        sentence,
        [verb, *phrase],
        ctx,
        allow_default=(bool(carried) and has_support_noun(sentence, phrase) or sent_from) and not at_work,
    )
    lex = sentence.lexicon
    if not cats or not any(t.pos_ == "NOUN" or t.pos_ == "PROPN" and lex.categories_of(t) for t in phrase):
        return []  # "the Danish F-16s arrived" names its weapons by model
    loaded = bool(carried) and bool(categories_in(sentence, phrase))  # "an aircraft ... with flour"
    if subject.lemma_.lower() in _STRIKING and not loaded and not has_support_noun(sentence, phrase):
        return []  # "Russian missiles reached Kyiv" is an attack
    if subject.lemma_.lower() in _UPROOTED:
        return []  # "refugees from Sudan arrived in Chad" are people fleeing, not support
    donors: list[str] = []
    for th in things:
        donors += [c for c in modifier_actors(sentence, th) if c not in donors]
        for acl in children(th, frozenset({"acl"})):  # "supplies sent by Turkey reached Aleppo"
            donors += [c for c in _passive_agents(sentence, acl) if c not in donors]
        if th.lemma_.lower() in _RESPONDERS or has_support_noun(sentence, core_phrase(th)):
            # "rescue teams from Malaysia and Singapore arrived" (not "refugees from Sudan")
            sent = [c for o in prep_objects(th, frozenset({"from"})) for c in actors_of(sentence, o)]
            donors += [c for c in sent if c not in donors]
    own = [r for th in things for r in recipients_of(sentence, th, dobj_is_recipient=False)]
    places = (
        children(verb, frozenset({"dobj"}))
        if verb.lemma_.lower() in ("reach", "enter")
        else prep_objects(verb, frozenset({"in", "at"}))
    )
    recipients = own or [c for p in places for c in actors_of(sentence, p)]
    brought = loaded and _brought_for_the_story(sentence, things, phrase, cats, ctx)
    if not recipients and (sent_from or rescuers or brought) and ctx.default_recipient:
        recipients = [ctx.default_recipient]  # "teams from Malaysia also arrived", "a British team
        # of 60 rescuers landed in Marrakech", "a Turkish plane carrying tents landed on
        # Wednesday": where the article is; but "Syrian rescuers dug through the rubble" after
        # "an earthquake struck Turkey and Syria" help their own
        donors = [d for d in donors if d not in ctx.struck_with(ctx.default_recipient)]
    return _supports(donors, recipients[:1], cats, verb, 0.6, rule="support-arrival", stage="delivery")


def _brought_for_the_story(
    sentence: Sentence, things: list[Token], load: list[Token], cats: list[str], ctx: ArticleContext
) -> bool:
    """A carrier's load, landed where the story is, is relief for the story's usual receiver when
    it is of the story's usual kind ("a Turkish plane carrying tents" in a story of relief, not
    "a ship carrying bombs"), given (not "wheat sold to Pakistan", "fuel paid for by
    businessmen"), no people brought out ("1,800 evacuees and medical supplies"), and the
    story's disaster struck no second state it could be for."""
    if ctx.default_category not in cats or len(ctx.struck_with(ctx.default_recipient)) > 1:
        return False
    traded = BUYING_VERBS | _SELLING | PAYING_VERBS
    held = [*things, *load]
    if any(a.lemma_.lower() in traded for th in held for a in children(th, frozenset({"acl", "relcl"}))):
        return False
    return not any(t.lemma_.lower() in _UPROOTED for t in load)


def _carries(verb: Token) -> bool:
    """A verb of transport with a load: its object, also after a particle ("flew in rescue
    teams", "flew in doctors", read with "in" as a preposition)."""
    return bool(children(verb, frozenset({"dobj", "prt"})) or prep_objects(verb, frozenset({"in", "out"})))


# people who arrive fleeing, not sent to help
_UPROOTED = frozenset(
    {"refugee", "migrant", "evacuee", "returnee", "asylum-seeker", "deportee", "civilian", "family"}
)
# those sent to help who arrive: "teams from Malaysia arrived"
_RESPONDERS = frozenset({"team", "rescuer", "crew", "medic", "doctor", "firefighter", "specialist"})


def _rescuers(sentence: Sentence, subject: Token) -> bool:
    """Responders whose own words name relief ("rescuers", "a search-and-rescue team", "a
    team of 60 rescuers"), not a team of negotiators, nor volunteers ("Polish volunteer medics")."""
    people = [subject, *_of_objects(subject)]
    if not any(p.lemma_.lower() in _RESPONDERS for p in people):
        return False
    words = [t for p in people for t in p.subtree if t.i <= p.i]  # "search-and-rescue teams"
    if any(t.lemma_.lower() in PRIVATE for t in words):
        return False
    return categories_in(sentence, [subject, *words]) == ["humanitarian"]


def not_let(verb: Token) -> bool:
    """ "Rabat has not allowed French rescuers to work in the Atlas": arriving or working that
    was not let happen (not "did not hesitate to join", "did not say when they arrived")."""
    head = verb.head
    return verb.dep_ in ("xcomp", "ccomp") and head.lemma_.lower() in LETTING and is_negated(head)


def _none_of(subject: Token) -> bool:
    """ "No Greek rescuers ...", "no foreign teams ...": a subject that names no one (not "no
    fewer than 80 rescuers")."""
    counted = any(c.dep_ == "nummod" or c.lower_ in ("fewer", "less", "more") for c in subject.subtree)
    return says_none(subject) and not counted


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
        (c.dep_ in ("relcl", "acl") and c.lemma_.lower() in restricting and _given(t))
        or (c.dep_ == "compound" and c.lemma_.lower() in sanction_nouns)
        for t in objects
        for c in t.children
    ) or any(g.lemma_.lower() in sanction_nouns for g in of_sanctions)


# the relations of what a verb gives (not "in line with rules that restrict arms transfers")
_WHAT_IS_GIVEN = frozenset({"dobj", "nsubjpass", "nsubj", "conj", "appos", "attr", "dative"})


def _given(token: Token) -> bool:
    """What is given or part of it ("the fourteenth package of restrictive measures")."""
    return token.dep_ in _WHAT_IS_GIVEN or token.dep_ == "pobj" and token.head.lower_ == "of"


def _described_by_participle(sentence: Sentence, verb: Token) -> list[Token]:
    """What a participle with a party as its agent describes ("14 billion dollars in military aid for
    Israel approved by Congress"), without the participle's own words."""
    agent = agent_of(verb)
    if verb.dep_ != "acl" or verb.head.pos_ not in ("NOUN", "PROPN") or agent is None:
        return []
    if not any(t.i in sentence.codes for t in [agent, *children(agent, frozenset({"compound"}))]):
        return []  # "a loan backed by frozen Russian assets": backed by a thing, not by a party
    own = {t.i for t in verb.subtree}
    return [t for t in verb.head.subtree if t.i not in own]


def _names_support(sentence: Sentence, verb: Token, by_party: list[Token]) -> bool:
    """ "approved a loan", "announced 20 tanks for Ukraine" - not "launched missiles at Kyiv"."""
    objects = own_objects(verb) + by_party
    if has_support_noun(sentence, objects):
        return True
    if _through_instrument(sentence, verb):
        return True
    receivers = prep_objects(verb, frozenset({"to", "for"}))
    return bool(categories_in(sentence, [verb, *objects, *receivers])) and bool(  # "payments to UNRWA"
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
        m.lemma_.lower() in INSTRUMENTS or has_support_noun(sentence, list(m.subtree)) for m in means
    )


@anchored_on(lemmas=lambda lex: lex.words("support", "receive_verbs") | {"take", "draw"})
def support_receive(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "Ukraine received 30 jets from the Netherlands"."""
    lex = sentence.lexicon
    drawing = verb.lemma_.lower() == "draw" and has_money(object_tokens(verb))  # "to draw $890 million"
    if verb.pos_ != "VERB" or not (is_receiving(lex, verb) or drawing):
        return []
    if is_hedged(sentence, verb) or is_negated(verb):
        return []
    asked = lex.words("appeal", "nouns") | _MESSAGES
    described = _described_thing(verb)[:1]
    if described and _asked_or_refused(sentence, described[0], through_clauses=True):
        return []  # "requests to transfer ammunition it had received from Switzerland": background
    if any(c.lemma_.lower() in asked for c in children(verb, frozenset({"dobj", "nsubjpass"})) + described):
        return []  # "received a request from Kyiv for missiles": words, not missiles
    if any(c.lemma_.lower() in _DEALS for c in children(verb, frozenset({"dobj"}))):
        return []  # "defence firms won contracts from Poland for K2 tanks": orders, a sale
    donors: list[str] = []
    phrase = [verb, *[t for c in children(verb, frozenset({"dobj"})) for t in c.subtree]]
    phrase += [
        t for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "as") for t in c.subtree
    ]  # "received $2bn in budget support from the US"
    for obj in [o for t in phrase for o in prep_objects(t, frozenset({"from"}))]:
        if not names_wealth(obj):  # not "profits from immobilised Russian central bank assets"
            donors += [c for c in actors_of(sentence, obj) if c not in donors]
    recipients = actors_of(sentence, subject_of(verb))
    if not donors:  # "took possession of tanks donated by Denmark and the Netherlands"
        donors = [
            c for t in phrase if t.dep_ == "acl" and t.tag_ == "VBN" for c in _passive_agents(sentence, t)
        ]
        donors = [c for c in dict.fromkeys(donors) if c not in recipients]
    if not donors and drawing:  # "the IMF's board approved a decision allowing Kyiv to draw ..."
        donors = [c for c in _lenders_above(sentence, verb) if c not in recipients]
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


def _lenders_above(sentence: Sentence, verb: Token) -> list[str]:
    """The lenders whose decision lets a party draw money: the subjects (or owners) of the
    clauses and nouns above the verb ("the IMF's board approved a decision allowing Kyiv to
    draw about $890 million")."""
    lenders = sentence.lexicon.lenders
    for above in governors(verb):
        subject = subject_of(above)
        found = actors_of(sentence, subject) + (
            modifier_actors(sentence, subject) if subject is not None else []
        )
        if above.pos_ == "NOUN":
            found += modifier_actors(sentence, above)
        if any(c in lenders for c in found):
            return [c for c in dict.fromkeys(found) if c in lenders]
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
    for _ in range(5 if through_clauses else 4):  # "a request for more ammunition", "the veto on"
        if token.dep_ not in deps or token.head == token:
            return False
        token = token.head
        if token.pos_ == "NOUN" and token.lemma_.lower() in words:
            return True
        if through_clauses and any(c.dep_ == "dobj" and c.lemma_.lower() in words for c in token.children):
            return True  # "received requests ... to transfer ammunition" (the infinitive on the verb)
    return False


_WELCOMING = frozenset(
    {"welcome", "thank", "praise", "hail", "appreciate", "applaud", "receive", "accept", "commend"}
)


_PAUSES = frozenset(
    {"pause", "suspension", "freeze", "halt", "hold", "moratorium", "stop", "block", "blockage"}
)


_LIFTING = frozenset({"lift", "end", "reverse", "drop", "scrap", "remove", "unfreeze", "release", "rescind"})


@anchored_on("VERB", lemmas=lambda lex: _LIFTING)
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
    recipients = recipients or recipients_of(sentence, verb, dobj_is_recipient=False)  # "lifted its
    # freeze on aid to UNRWA", the "to" hung on the verb
    donors = _refusal_actors(sentence, verb)
    recipients = [r for r in dict.fromkeys(recipients) if r not in donors]
    recipients, defaulted = _recipients_or_default(recipients, ctx)
    conf = 0.8 - 0.15 * cat_default - 0.15 * defaulted
    return _supports(donors, recipients[:1], cats, verb, conf, rule="support-resumed", stage="commitment")


_THANKING = frozenset({"thank", "praise", "commend"})
# "I want to thank", "we would like to thank": the thanks are given, not wished
_WISHING = frozenset({"want", "like", "wish"})


def _thanks_hedged(sentence: Sentence, verb: Token) -> bool:
    """Whether thanks are hypothetical, read above "want to" or "would like to" (which only
    say them politely)."""
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _WISHING and not is_negated(verb.head):
        wish = verb.head  # "may want to thank ... one day" stays hedged
        hedges = sentence.lexicon.words("modality", "hedge_aux")
        return sentence.is_question or is_conditional(wish) or has_aux(wish, hedges)
    return is_hedged(sentence, verb) or is_conditional(verb)


def _thanked(verb: Token) -> list[Token]:
    """Who is thanked: the object, the passive subject, or the party named beside "you"
    ("Thank you, Denmark, for ...")."""
    found = _objects_or_passive_subject(verb)
    if any(o.lower_ == "you" for o in found):
        addressed = [c for c in verb.children if c.dep_ in ("npadvmod", "appos", "dep") and c.pos_ == "PROPN"]
        found += addressed + [a for o in found for a in children(o, frozenset({"appos"}))]
    return found


# category words that name an act or a force rather than a thing given: "thanked Poland for
# the defence of its airspace", "for the evacuation of its citizens", "for the troops that struck"
_NOT_THINGS = frozenset(
    {"defence", "defense", "evacuation", "security", "troop", "soldier", "army", "military", "force", "navy"}
)


def _things_thanked_for(sentence: Sentence, verb: Token) -> bool:
    """ "thanked Putin for 25,000 tonnes of free wheat", "for the Patriot missiles": what the
    thanks are for is itself a thing given (not people, "for taking in refugees", nor an act)."""
    lex = sentence.lexicon
    heads = prep_objects(verb, frozenset({"for"}))
    heads += [c for h in heads for c in children(h, frozenset({"conj"}))]
    heads += [o for h in heads for o in _of_objects(h)]
    return any(
        t.pos_ in ("NOUN", "PROPN")
        and lex.categories_of(t)
        and t.lemma_.lower() not in _UPROOTED | _NOT_THINGS
        for t in heads
    )


@anchored_on("VERB", lemmas=lambda lex: _THANKING)
def support_thanks(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "Zelensky thanked Norway for its financial support", "Thank you, Denmark, for the
    drones": the party thanked gave it."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in _THANKING:
        return []
    if is_negated(verb) or _thanks_hedged(sentence, verb):
        return []
    donors = [c for o in _thanked(verb) for c in actors_of(sentence, o)]
    reasons = [  # "for its tanks", "for financing drones" (a gerund hung as "pcomp")
        t for p in verb.children if p.dep_ == "prep" and p.lower_ == "for" for t in p.subtree if t != p
    ]
    giving = any(t.lemma_.lower() in sentence.lexicon.support_verbs and t.pos_ == "VERB" for t in reasons)
    named = has_support_noun(sentence, reasons) or _things_thanked_for(sentence, verb)
    if not donors or not (named or giving and categories_in(sentence, reasons)):
        return []  # "thanked Norway for its support", "for its decision to send air defence"
    if any(is_negated(t) or t.lemma_.lower() in sentence.lexicon.words("refusal", "verbs") for t in reasons):
        return []  # "for the Taurus missiles it has so far refused to send"
    cats, cat_default = _category_or_default(sentence, reasons, ctx, allow_default=False)
    thanking = _refusal_actors(sentence, verb)
    recipients = [r for t in reasons for r in recipients_of(sentence, t, dobj_is_recipient=False)]
    recipients, defaulted = _recipients_or_default(recipients or thanking, ctx)
    return _supports(
        donors, recipients[:1], cats, verb, 0.7 - 0.15 * cat_default, rule="support-thanks", stage="delivery"
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
    taker = _delivery_taker(sentence, thing)
    if taker is not None:  # "Mali took delivery this month of helicopters supplied by Russia"
        return actors_of(sentence, subject_of(taker))
    if thing.dep_ == "nsubjpass" and thing.head.lemma_.lower() in _USING:
        agent = agent_of(thing.head)  # "tanks supplied by Poland were used by Ukrainian troops"
        return actors_of(sentence, agent) if agent is not None else []
    if thing.dep_ != "dobj":
        return []
    if thing.head.lemma_.lower() not in sentence.lexicon.words("support", "receive_verbs") | _USING:
        return []  # "Ukrainian forces are using Leopard tanks provided by Germany" too
    return actors_of(sentence, subject_of(thing.head))


def _delivery_taker(sentence: Sentence, thing: Token) -> Token | None:
    """The verb of "took delivery of X" or "awaits the delivery of X", with "of" hung on the
    delivery word or, past an adverb of time, on the verb itself."""
    if thing.dep_ != "pobj" or thing.head.lower_ != "of":
        return None
    holder = thing.head.head
    deliveries = sentence.lexicon.words("support", "delivery_words")
    if holder.pos_ == "NOUN" and holder.lemma_.lower() in deliveries and holder.dep_ == "dobj":
        return holder.head
    if holder.pos_ == "VERB" and any(
        c.lemma_.lower() in deliveries for c in children(holder, frozenset({"dobj"}))
    ):
        return holder
    return None


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


# words that count a part of a whole: "most of", "the bulk of", "70% of", "half of"
_SHARES = frozenset({"most", "bulk", "majority", "half", "third", "quarter", "share", "%", "percent", "much"})


def _share_supplied(verb: Token) -> bool:
    """ "Romania supplies most of Moldova's electricity", "which supplies around 70% of Niger's
    power": power or fuel supplied as a share of what the receiver itself uses is a place in its
    market, not a gift ("supplied half of Ukraine's shells" stays a gift)."""
    for obj in children(verb, frozenset({"dobj"})):
        counted = obj.lemma_.lower() in _SHARES or any(c.lower_ in _SHARES for c in obj.children)
        wholes = prep_objects(obj, frozenset({"of"}))
        if counted and any(
            w.lemma_.lower() in _UTILITIES
            and any(p.pos_ == "PROPN" for p in children(w, frozenset({"poss"})))
            for w in wholes
        ):
            return True
    return False


# what a state buys from its neighbours as a whole: its power and fuel, its imports and needs
_UTILITIES = FUELS - {"crude"} | {
    "electricity",
    "power",
    "energy",
    "fuel",
    "import",
    "need",
    "consumption",
    "demand",
}


def numbered_after_sanctions(sentence: Sentence, noun: Token, ctx: ArticleContext) -> bool:
    """ "EU ministers adopted the bloc's 16th package", in an article that has told sanctions: a
    package counted by its number and naming no kind of support is the next sanctions package."""
    if noun.lemma_.lower() != "package" or not ctx.has_sanction:
        return False
    if not any(c.dep_ == "amod" and (c.like_num or c.lower_ in ("latest", "next")) for c in noun.children):
        return False
    return not categories_in(sentence, list(noun.subtree))
