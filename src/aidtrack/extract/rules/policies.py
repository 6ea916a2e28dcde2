"""Policy-change rules: a rule loosened, tightened or resumed."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from aidtrack.extract.clauses import (
    Sentence,
    agent_of,
    children,
    governors,
    joined_after,
    prep_objects,
    stops_short,
    subject_of,
)
from aidtrack.extract.lexicon import Lexicon
from aidtrack.extract.modality import is_hedged, is_negated
from aidtrack.extract.parties import actors_of
from aidtrack.extract.roles import CARRYING, VEHICLES, categories_in, modifier_actors, object_tokens
from aidtrack.extract.rules.common import (
    _MAKING_KNOWN,
    _PAUSE_NOUNS,
    _RESTRICTIONS,
    _TRADE_WORDS,
    INQUIRIES,
    ArticleContext,
    Found,
    _particles,
    anchored_on,
)
from aidtrack.extract.rules.measures_common import (
    _ARMS,
    _CONFERRED,
    _MEASURES,
    _NEW,
    _SAYING,
    KEEPING_FROM,
    _actors,
    _arms_exports,
    _combos,
    _destinations,
    _misread_object,
    _on_exports,
    blocks_passing_on,
    ended,
    in_force_since,
    only_related,
    passes_on,
    target_codes,
)
from aidtrack.extract.rules.sanctions import RENEWING

_PERMIT_NOUNS = frozenset({"licence", "license", "permit", "authorisation", "authorization"})


def _combo_verbs(lex: Lexicon) -> frozenset[str]:
    return lex.derived("combo_verbs", lambda: frozenset(v for _, verbs, _ in _combos(lex) for v in verbs))


def _combo_nouns(lex: Lexicon) -> frozenset[str]:
    return lex.derived("combo_nouns", lambda: frozenset(n for _, _, nouns in _combos(lex) for n in nouns))


_REFUSING = frozenset({"refuse", "deny", "decline", "reject", "veto"})


def _permit_refused_for(sentence: Sentence, token: Token) -> bool:
    """Permits refused for another's transfer ("Bern refused to grant permits for the re-export
    of the shells", "Berlin refused to issue permits so that the howitzers can be exported to
    Kyiv"): that blocks someone's support, a refusal; refusing licences for one's own sales
    changes an export rule."""
    refused = (
        token.lemma_.lower() in _REFUSING
        or is_negated(token)
        or any(g.lemma_.lower() in _REFUSING for g in governors(token)[:2])
    )
    if not refused:
        return False
    text = sentence.span.text.lower()
    if "re-export" in text or "reexport" in text or "re - export" in text:
        return True
    return any(  # "so that the weapons can be exported": a purpose naming one transfer
        c.dep_ == "advcl"
        and any(m.lower_ in ("so", "that") for m in c.children if m.dep_ in ("mark", "advmod"))
        and c.lemma_.lower() in _SELLING | {"export", "transfer", "send", "pass"}
        for c in token.subtree
    )


_DEMANDING = frozenset(
    {"insist", "demand", "urge", "ask", "press", "call", "want", "require", "request", "push", "condition"}
)


def _demanded(token: Token) -> bool:
    """A change someone demands ("Ankara insisted that Stockholm lift its embargo", "Kyiv
    demanded that Berlin scrap its restrictions"): the clause under a verb of demanding."""
    for gov in governors(token)[:6]:
        if gov.pos_ == "VERB" and gov.lemma_.lower() in _DEMANDING:
            return True
        if gov.dep_ in ("ROOT",) or gov.pos_ == "VERB" and gov.lemma_.lower() in _SAYING:
            return False
    return False


_FORECASTING = frozenset({"expect", "predict", "forecast", "anticipate", "foresee", "project", "see"})


def forecast(token: Token) -> bool:
    """ "Experts expect Tokyo to ease its rules": someone's forecast of a change, not a change."""
    return any(
        g.lemma_.lower() in _FORECASTING and g.pos_ == "VERB" and token.dep_ in ("xcomp", "ccomp")
        for g in governors(token)[:1]
    )


_FLIPPED = {"loosen": "tighten", "tighten": "loosen"}


_CEASING = frozenset({"stop", "cease", "quit", "end"})


def _ceased(token: Token) -> bool:
    """ "decided to stop blocking the re-export", "has stopped approving new licences": a verb
    whose doing stops, which turns its direction around."""
    return (
        token.tag_ == "VBG"
        and token.dep_ in ("xcomp", "ccomp", "pcomp")
        and token.head.lemma_.lower() in _CEASING
    )


def _object_of_misread_verb(sentence: Sentence, token: Token) -> bool:
    """A headline's object read as its verb: in "Norway scraps ban on arms exports" the parser
    takes "scraps" for the subject noun of a verb "ban"; the change is the scrapping."""
    return token.pos_ == "VERB" and any(
        c.dep_ == "nsubj"
        and c.pos_ == "NOUN"
        and c.lower_.endswith("s")
        and c.lemma_.lower() in _first_words(sentence.lexicon)
        and sentence.codes.get(c.i - 1) is not None
        for c in token.children
    )


def _ceasing_over_change(sentence: Sentence, token: Token) -> bool:
    """ "stop" over a verb that itself changes a rule ("stop blocking exports"): the inner verb
    tells the change."""
    if token.lemma_.lower() not in _CEASING:
        return False
    return any(
        c.tag_ == "VBG" and c.dep_ in ("xcomp", "ccomp") and _combo_direction(sentence, c)
        for c in token.children
    )


def _no_longer(token: Token) -> bool:
    """ "will no longer block", "no longer allows": a rule that stops, which turns the verb's
    direction around (unlike "did not block", which changes nothing)."""
    return any(
        c.dep_ == "advmod" and c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children)
        for c in token.children
    )


# nouns of a way of acting that say no rule by themselves: "its policy of not sending arms" is a
# restraint, "its policy of sending aid" is none
_PRACTICES = frozenset({"policy", "practice", "tradition", "stance", "position", "line", "approach"})
_GIVING_ARMS = frozenset(
    {"send", "sell", "export", "arm", "supply", "deliver", "transfer", "provide", "ship"}
)


def _ban_enders(lex: Lexicon) -> frozenset[str]:
    """The verbs that end a ban, from the loosening pairs of triggers.yaml ("lift", "scrap"),
    read once per lexicon."""
    return lex.derived(
        "ban_enders",
        lambda: frozenset(
            v for d, verbs, nouns in _combos(lex) if d == "loosen" and "ban" in nouns for v in verbs
        ),
    )


def _ends_a_restraint(sentence: Sentence, verb: Token) -> bool:
    """An ending verb on a practice of not giving arms: "scrapped its policy of not sending
    weapons to countries at war", "ended its practice against exporting arms to war zones"."""
    if verb.lemma_.lower() not in _ban_enders(sentence.lexicon):
        return False
    practices = [
        o for o in children(verb, frozenset({"dobj", "nsubjpass"})) if o.lemma_.lower() in _PRACTICES
    ]
    for practice in practices:
        if _no_arms_compound(practice):
            return True  # "dropped their no-arms-to-war-zones policies"
        # the parser may hang the practice's "against" on the verb: "dropped policies against sending"
        for prep in [*practice.children, *(verb.children if practice.dep_ == "dobj" else [])]:
            if prep.dep_ != "prep" or prep.lower_ not in ("of", "against"):
                continue
            acts = [
                c for c in prep.children if c.dep_ in ("pcomp", "pobj") and c.lemma_.lower() in _GIVING_ARMS
            ]
            if any(prep.lower_ == "against" or is_negated(a) or _not_before(a) for a in acts):
                return True
    return False


# what a hyphenated "no-arms" rule keeps back
_ARMS_WORDS = frozenset({"arm", "arms", "weapon", "weapons", "lethal", "export", "exports"})


def _no_arms_compound(practice: Token) -> bool:
    """A practice named by a hyphenated compound that starts with "no" and names arms:
    "their no-arms-to-war-zones policies", "its no-lethal-weapons principle"."""
    words = [t for t in practice.subtree if t.i < practice.i]
    return any(
        t.lower_ == "no"
        and (joined := joined_after(t)) is not None
        and joined.i < practice.i
        and joined.lower_ in _ARMS_WORDS
        for t in words
    )


def _none_of(verb: Token) -> bool:
    """ "has issued no new licences": the object says none."""
    return any(
        c.lower_ == "no" for o in children(verb, frozenset({"dobj"})) for c in o.children if c.dep_ == "det"
    )


# rules a government can set aside ("set that principle aside")
_SET_ASIDE_RULES = frozenset({"principle", "rule", "doctrine", "ban", "taboo", "restriction", "prohibition"})


def _set_aside(verb: Token) -> bool:
    return (
        verb.lemma_.lower() == "set"
        and any(c.lower_ == "aside" and c.dep_ in ("prt", "advmod") for c in verb.children)
        and any(o.lemma_.lower() in _SET_ASIDE_RULES for o in children(verb, frozenset({"dobj"})))
    )


def _not_before(word: Token) -> bool:
    """ "of not sending": the parser may hang "not" on the preposition instead of the gerund."""
    return word.i > 0 and word.doc[word.i - 1].lower_ in ("not", "never")


# the verbs that make a change to a rule told as a noun: "approved a revision of its rules"
_MAKING_CHANGES = _MAKING_KNOWN | {"pass", "endorse", "make", "enact"}


# phrasal verbs that say what a verb of the lexicon says: "held back a shipment" withholds it
_PHRASAL = {("hold", "back"): "withhold", ("hold", "up"): "withhold", ("call", "off"): "cancel"}


def _antecedent_phrase(sentence: Sentence, verb: Token) -> list[Token]:
    """ "Canada, which had suspended permits for drone optics, said it would reopen them": the
    phrase of the last noun of the combinations told before an object pronoun."""
    pronouns = [o for o in children(verb, frozenset({"dobj", "nsubjpass"})) if o.lower_ in ("them", "it")]
    if not pronouns or verb.dep_ == "pcomp":  # "six months after lifting them": a time, not the act
        return []
    nouns = _combo_nouns(sentence.lexicon)
    before = [
        t
        for t in sentence.span[: pronouns[0].i - sentence.span.start]
        if t.pos_ == "NOUN" and t.lemma_.lower() in nouns
    ]
    return object_tokens(before[-1]) if before else []


def _phrasal_lemma(verb: Token) -> str:
    lemma = verb.lemma_.lower()
    return next((_PHRASAL[(lemma, p)] for p in _particles(verb) if (lemma, p) in _PHRASAL), lemma)


def _change_made(lex: Lexicon, noun: Token) -> bool:
    """ "the cabinet approved a revision of its rules", "adopted an amendment to the law"."""
    return (
        noun.lemma_.lower() in lex.words("policy_change", "change_nouns")
        and noun.dep_ in ("dobj", "nsubjpass")
        and noun.head.lemma_.lower() in _MAKING_CHANGES
        and not is_negated(noun.head)
    )


def _combo_direction(sentence: Sentence, token: Token) -> str | None:
    """A verb of a class acting on a noun of a class in its object phrase, or a permission
    idiom ("gave the green light to Estonia to send")."""
    if token.pos_ == "NOUN" and _change_made(sentence.lexicon, token):  # "approved a revision of its
        # export rules": a change without a way of its own; the rest of the sentence says which
        words = {t.lemma_.lower() for t in token.subtree if t != token}
        return _neutral_direction(sentence) if words & _RULE_NOUNS else None
    if token.pos_ != "VERB":
        return None
    lemma = _phrasal_lemma(token)
    if _ends_a_restraint(sentence, token) or _set_aside(token):  # "ended a decades-old policy of
        return None if is_negated(token) else "loosen"  # not sending arms", "set that principle aside"
    if lemma in ("approve", "grant", "issue") and (is_negated(token) or _none_of(token)):
        words = {t.lemma_.lower() for t in object_tokens(token)[1:]}
        if words & _PERMIT_NOUNS and words & {"export", "arm", "weapon", "re-export", "military"}:
            return "tighten"  # "will not approve new arms export permits": a freeze
    if lemma in _BARRING and not is_negated(token) and _arms_carriers_kept_out(sentence, token):
        return "tighten"  # "banned ships carrying munitions for Israel from calling at its ports"
    if lemma not in _combo_verbs(sentence.lexicon) and lemma not in ("give", "grant", "issue"):
        return None
    phrase = object_tokens(token)[1:] + [t for o in _misread_object(token) for t in object_tokens(o)]
    phrase += _antecedent_phrase(sentence, token)
    objects = [t for t in phrase if not _since(t) and not ended(t) and not _plate(t)]
    words = {t.lemma_.lower() for t in objects}
    if any(_sale_deal(o) for o in children(token, frozenset({"dobj", "nsubjpass"}))):
        words.add("sale")  # "froze a contract to sell bombs to Riyadh": one arms deal
    if words & sentence.lexicon.words("policy_change", "party_nouns"):
        return None
    if any(o.lemma_.lower() in INQUIRIES for o in children(token, frozenset({"dobj", "nsubjpass"}))):
        return None  # "ordered a review of the gas licence": a look, no change yet
    if words & _FUNDING and not words & (_TRANSFERS - {"delivery", "supply", "transfer"}):
        return None  # "lifted its freeze on aid to UNRWA", "the hold on military aid": support resumed
    heads = {o.lemma_.lower() for o in children(token, frozenset({"dobj", "nsubjpass"})) if o in objects}
    combos = [c for c in _combos(sentence.lexicon) if heads & c[2]] or _combos(sentence.lexicon)
    for direction, verbs, nouns in combos:  # the object's own noun first ("reinstated its restrictions")
        if (
            lemma in verbs
            and words & nouns
            and not _stance_alone(words & nouns, words | _stance_reach(token))
        ):
            if _no_longer(token):  # "will no longer block exports": the rule is dropped
                return _FLIPPED[direction]
            if is_negated(token):  # "has not approved new export permits": a freeze
                return "tighten" if direction == "loosen" else None
            return direction
    idioms = sentence.lexicon.words("policy_change", "permission_idioms")
    permitted = [c for o in children(token, frozenset({"dobj", "dative"})) for c in actors_of(sentence, o)]
    permitted += [
        c
        for t in objects
        if t.dep_ == "prep"
        and t.lower_ == "to"
        and (t.head == token or t.head.lemma_.lower() in idioms_words(sentence))
        for o in t.children
        for c in actors_of(sentence, o)
    ]
    if not permitted and not words & {"export", "re-export", "sale", "transit"}:
        return None  # "gave the green light for the delivery": its own decision to give
    if lemma in ("give", "grant", "issue") and any(
        t.lemma_.lower() in idioms
        or f"{t.head.lemma_.lower()} {t.lemma_.lower()}" in idioms
        or f"{t.lemma_.lower()} {t.head.lemma_.lower()}" in idioms
        for t in objects
    ):
        return "loosen" if not is_negated(token) else "tighten"
    return None


_FUNDING = frozenset({"aid", "funding", "fund", "assistance", "payment", "contribution", "donation", "grant"})

# keeping carriers of arms out of ports or airspace is a transit rule
_BARRING = frozenset({"ban", "bar", "forbid", "prohibit"})
_CARRIERS = VEHICLES | {"cargo"}


def _arms_carriers_kept_out(sentence: Sentence, verb: Token) -> bool:
    """ "forbids ships carrying munitions bound for Israel from calling at Spanish ports": ships,
    planes or flights that carry arms, kept from a state's ports, airports or airspace."""
    carriers = [o for o in children(verb, frozenset({"dobj", "nsubjpass"})) if o.lemma_.lower() in _CARRIERS]
    loads = [
        t
        for c in carriers
        for a in c.children
        if a.dep_ == "acl" and a.lemma_.lower() in CARRYING
        for t in a.subtree
    ]
    # "from calling at its ports", also when the parser hangs it on "carrying"
    kept_from = any(t.dep_ == "prep" and t.lower_ == "from" for t in verb.subtree)
    return bool(loads) and kept_from and "military" in categories_in(sentence, loads)


_STANCES = frozenset({"veto", "objection", "opposition", "refusal", "reluctance", "reticence", "reservation"})


# "abandoned its refusal to send weapons": a stance against giving arms is an export rule
_ARMING = frozenset({"send", "supply", "sell", "deliver", "provide", "ship", "arm", "give"})


_TRANSFERS = frozenset(
    {
        "export",
        "re-export",
        "transfer",
        "sale",
        "delivery",
        "supply",
        "licence",
        "license",
        "use",
        "strike",
        "hit",
    }
)


def _stance_reach(verb: Token) -> set[str]:
    """The words of what a stance in the object is about ("its refusal to send weapons")."""
    return {
        t.lemma_.lower()
        for o in children(verb, frozenset({"dobj", "nsubjpass"}))
        for c in o.children
        if c.dep_ in ("acl", "relcl", "prep")
        for t in c.subtree
    }


def _stance_alone(matched: set[str], words: set[str]) -> bool:
    """ "lifted its veto" on a decision changes no export rule; "dropped its objections to
    re-exports of the tanks" does."""
    arming = bool(words & _ARMING and words & _ARMS)
    return matched <= _STANCES and not words & _TRANSFERS and not arming


def _plate(token: Token) -> bool:
    """ "licence plates": a licence that is no export licence."""
    return token.lemma_.lower() in ("licence", "license") and token.head.lemma_.lower() == "plate"


_DEALS = frozenset({"deal", "contract", "agreement", "order"})


_SELLING = frozenset({"sell", "export", "supply", "deliver", "ship", "transfer"})


def _sale_deal(noun: Token) -> bool:
    """ "a deal to sell drone cameras to Turkey", "the arms contract with Riyadh", "an export
    order": a single deal to sell arms, which halting or resuming changes the rule for."""
    if noun.lemma_.lower() not in _DEALS:
        return False
    selling = any(c.dep_ in ("acl", "relcl") and c.lemma_.lower() in _SELLING for c in noun.children)
    selling = selling or any(  # "resumed a frozen deal to sell ...", the infinitive hung on the verb
        c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() in _SELLING and c.left_edge.i == noun.i + 1
        for c in noun.head.children
    )
    armed = any(
        c.lemma_.lower() in _ARMS | {"export", "sale"}
        for c in noun.children
        if c.dep_ in ("compound", "amod")
    )
    return selling or armed


def _standing_rule(sentence: Sentence, token: Token) -> bool:
    """ "Japan's pacifist constitution restricts it from exporting weapons", "Swiss law forbids
    re-exports": a rule in force told in the present, not a change (unlike "a new law bans");
    so is what such a rule lets be done ("the law allows arms exports to be restricted")."""
    if token.pos_ == "VERB" and token.dep_ in ("ccomp", "xcomp") and token.tag_ in ("VB", "VBN"):
        token = token.head
    if token.pos_ != "VERB" or token.tag_ not in ("VBZ", "VBP"):
        return False
    subject = subject_of(token)
    if token.dep_ == "relcl" and (subject is None or subject.lower_ in ("that", "which")):
        subject = token.head  # "citing a law that bans arms exports to countries at war"
    if any(c.lower_ in ("now", "henceforth", "longer") for c in token.children):
        return False  # "the law now allows exports", "no longer forbids"
    return (
        subject is not None
        and subject.lemma_.lower() in _RULE_NOUNS
        and not any(c.lower_ in _NEW | {"revised", "amended", "updated"} for c in subject.children)
    )


_RULE_NOUNS = frozenset(
    {
        "constitution",
        "law",
        "rule",
        "policy",
        "doctrine",
        "regulation",
        "legislation",
        "guideline",
        "principle",
        "neutrality",
        "charter",
        "statute",
        "act",
    }
)


def idioms_words(sentence: Sentence) -> frozenset[str]:
    """The head words of the permission idioms ("light" of "green light", "go-ahead")."""
    return frozenset(p.split()[-1] for p in sentence.lexicon.words("policy_change", "permission_idioms"))


@anchored_on(
    lemmas=lambda lex: (
        _first_words(lex)
        | _combo_verbs(lex)
        | lex.words("policy_change", "change_nouns")
        | _BARRING
        | {"give", "grant", "issue", "approve", "set", "hold", "call"}
    )
)
def policy_change(sentence: Sentence, token: Token, ctx: ArticleContext) -> list[Found]:
    """ "Germany lifted its ban on weapons exports", "Japan revised its export rules"."""
    lex = sentence.lexicon
    if _veto_on_arms_ended(sentence, token):  # "will no longer block Britain from selling jets"
        return _policy_changes(
            sentence, _policy_actors(sentence, token), "loosen", token, 0.7, "policy-change"
        )
    combo = _combo_direction(sentence, token)
    if token.lemma_.lower() not in _first_words(lex) and combo is None:
        return []
    if stops_short(token):
        return []  # "stopped short of suspending arms sales": nothing stopped, nothing changed
    if _ceasing_over_change(sentence, token):
        return []  # "decided to stop blocking the re-export": read at "blocking"
    if _object_of_misread_verb(sentence, token):
        return []  # "Norway scraps ban on arms exports": read at "scraps"
    if blocks_passing_on(sentence, token):
        return []  # "blocked Denmark from re-exporting vehicles to Ukraine": a refusal
    phrased = _policy_direction(sentence, token)
    direction = phrased or combo
    ceased = _no_longer(token) or _ceased(token)
    if ceased and direction is not None:  # "will no longer allow exports", "stop blocking re-exports"
        stopped = combo if _no_longer(token) else combo and _FLIPPED[combo]  # no_longer: flipped already
        direction = _FLIPPED[phrased] if phrased else stopped
    frozen = ceased or (  # "will not approve new arms export permits"
        combo == direction == "tighten"
        and is_negated(token)
        and token.lemma_.lower() in ("approve", "grant", "issue")
    )
    hedged = is_hedged(sentence, token.head if _ceased(token) else token)  # "stop" itself marks no plan
    if direction is None or is_negated(token) and not frozen or hedged or forecast(token):
        return []
    if _demanded(token):
        return []  # "insisting that Sweden lift the arms embargo": asked for, not done
    if direction == "tighten" and _permit_refused_for(sentence, token):
        return []  # "refused to issue permits so the howitzers can go to Kyiv": a refusal of support
    if (
        direction == "tighten"
        and _phrase_at(sentence, token, "tighten")
        and _describes_old_rule(sentence, token)
    ):
        return []
    if token.pos_ == "NOUN" and token.lemma_.lower() in lex.words("policy_change", "permit_verbs"):
        return []  # "cancelled permits for the export of ...": the permits are what changes
    if token.pos_ == "VERB" and token.dep_ == "amod" and not children(token, frozenset({"nsubj"})):
        return []  # "the banned exports": a state named, not a change told
    if _since(token) or _dated(token) or _standing_rule(sentence, token) or in_force_since(token):
        return []  # "the first licence since the embargo of 2019", "invoked the 1974 arms embargo"
    if direction == "tighten" and ended(token):
        return []  # "approved the scrapping of the ban": the ending noun loosens it
    if _restricts_a_country(sentence, token):
        return []
    if not on_topic(sentence, combo is not None) and not _rule_told_before(sentence, token, ctx):
        return []
    if direction == "tighten" and _renewed_as_it_was(token):
        return []  # "renewed its arms embargo on Sudan for another year": the rule stays as it was
    actors = _policy_actors(sentence, token)
    anchor = token.head if _ceased(token) else token  # "stopped blocking": the stop is the change
    return _policy_changes(sentence, actors, direction, anchor, 0.7, "policy-change")


_POLICY_GROUPS = ("tighten", "loosen", "neutral")


def _veto_on_arms_ended(sentence: Sentence, verb: Token) -> bool:
    """ "Germany will no longer block Britain from selling Eurofighters to Saudi Arabia",
    "Berne will no longer stop buyers from passing its ammunition on": a state that stops
    keeping another from arming someone loosens its rule (keeping it from doing so refuses
    that support: see blocks_passing_on)."""
    if verb.lemma_.lower() not in KEEPING_FROM or not _no_longer(verb) or is_hedged(sentence, verb):
        return False
    if not any(actors_of(sentence, o) for o in children(verb, frozenset({"dobj"}))):
        return False
    return any(
        passes_on(t) or (t.lemma_.lower() in _GIVING_ARMS and t.dep_ == "pcomp")
        for p in verb.children
        if p.dep_ == "prep" and p.lower_ == "from"
        for t in p.subtree
    )


def _renewed_as_it_was(token: Token) -> bool:
    """ "extended by another year its arms embargo", "renewed its sanctions regime, including an
    arms embargo": a measure kept for longer changes no rule (but "extended the embargo to cover
    drone engines" widens it)."""
    verb = token
    for _ in range(4):  # up from "its sanctions regime, including an arms embargo"
        if verb.pos_ == "VERB" and verb.lemma_.lower() in RENEWING or verb.head == verb:
            break
        if verb.dep_ not in ("dobj", "conj", "pobj", "prep", "appos", "npadvmod"):
            break
        verb = verb.head
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in RENEWING:
        return False
    widened = [
        c for c in children(verb, frozenset({"xcomp", "advcl"})) if c.lemma_.lower() in ("cover", "include")
    ]
    widened += [o for o in prep_objects(verb, frozenset({"to"})) if o.ent_type_ not in ("DATE", "TIME")]
    widened += [o for d in children(verb, frozenset({"dobj"})) for o in prep_objects(d, frozenset({"to"}))]
    return not widened


def _arms_in(sentence: Sentence, token: Token) -> bool:
    """Arms or military goods named in the phrase a verb governs."""
    tokens = list(token.subtree)
    return bool({t.lemma_.lower() for t in tokens} & _ARMS) or "military" in categories_in(sentence, tokens)


def _restricts_a_country(sentence: Sentence, token: Token) -> bool:
    """ "expanded its export restrictions on Russia and Belarus" (goods, not arms): a sanction
    on those countries, not a rule on arming a party (an arms embargo is both)."""
    curbs = [
        t for t in children(token, frozenset({"dobj"})) if t.lemma_.lower() in _MEASURES and _on_exports(t)
    ]
    if curbs and not _arms_in(sentence, token):  # "imposed export curbs on gallium to the US"
        places = _destinations(
            curbs
            + prep_objects(token, frozenset({"on"}))
            + [o for c in curbs for o in prep_objects(c, frozenset({"on"}))]
        )
        if any(target_codes(sentence, o) for o in places):
            return True
    trade = [  # "banned trade with Iran": a country shut out, unless arms are what is banned
        o
        for t in children(token, frozenset({"dobj"}))
        if t.lemma_.lower() == "trade" and not {c.lemma_.lower() for c in t.subtree} & _ARMS
        for o in prep_objects(t, frozenset({"with"})) + prep_objects(token, frozenset({"with"}))
    ]
    if any(target_codes(sentence, o) for o in trade):
        return True
    restrictions = [t for t in object_tokens(token) if t.lemma_.lower() in _MEASURES]
    if token.lemma_.lower() in _MEASURES:
        restrictions.append(token)
    aimed = [o for r in restrictions for o in prep_objects(r, frozenset({"on", "against"}))]
    if token.lemma_.lower() in sentence.lexicon.words("sanction", "closing_verbs") and any(
        o.lemma_.lower() in _CONFERRED and not _arms_exports(sentence, o) and target_codes(sentence, o)
        for o in children(token, frozenset({"dobj"}))
    ):
        return True  # "revoked the licences of two Russian banks"
    if token.lemma_.lower() in sentence.lexicon.words("sanction", "closing_verbs"):
        exports = [e for e in children(token, frozenset({"dobj"})) if e.lemma_.lower() == "export"]
        aimed += [  # "banned the export of machine tools to Iran", "exports of goods to Russia"
            o for e in exports for t in e.subtree for o in prep_objects(t, frozenset({"to"}))
        ]
        if exports:  # "banning exports of machine tools to Belarus", the "to" hung on the verb
            aimed += prep_objects(token, frozenset({"to"}))
    aimed += [  # "export bans targeting Russia"
        o
        for r in restrictions
        for t in [r, *children(r, frozenset({"conj"}))]
        for a in children(t, frozenset({"acl"}))
        if a.lemma_.lower() in ("target", "hit", "cover")
        for o in children(a, frozenset({"dobj"}))
    ]
    if not aimed or not any(c for o in aimed for c in target_codes(sentence, o)):
        return False
    words = [t for t in sentence.span if not only_related(t)]  # "chemical weapons-related goods"
    return not (
        {t.lemma_.lower() for t in words} & _ARMS
        or any(sentence.lexicon.categories_of(t) == ["military"] for t in words)
    )


def _rule_told_before(sentence: Sentence, token: Token, ctx: ArticleContext) -> bool:
    """ "Canada suspended its arms export permits to Turkey. In January it quietly restored those
    permits": the rule an earlier sentence told the same actor changing, referred back to."""
    lex = sentence.lexicon
    topic = lex.words("policy_change", "topic_words") | {"permit"}
    referred = [  # "those permits", "the ban", "its licences": nothing of their own said again
        t
        for t in token.subtree
        if t.lemma_.lower() in topic
        and any(c.dep_ in ("det", "poss") for c in t.children)
        and not any(c.dep_ in ("compound", "amod", "prep") for c in t.children)
    ]
    if not referred:
        return False
    told = {e.get("actor") for e in ctx.last_of_type.get("policy_change", [])}
    return bool(told & set(_policy_actors(sentence, token)))


def on_topic(sentence: Sentence, combo: bool = False) -> bool:
    """The sentence speaks of export rules and of arms or support, not of visas or cars.

    A verb-noun combination ("halt deliveries", "the green light to send") names the rule
    itself; then arms or support must still be spoken of.
    """
    lex = sentence.lexicon
    lemmas = {t.lemma_.lower() for t in sentence.span}
    return (combo or bool(lemmas & lex.words("policy_change", "topic_words"))) and bool(
        lemmas & (lex.words("policy_change", "subject_words") | lex.categories["military"])
    )


def _first_words(lex: Lexicon, groups: tuple[str, ...] = _POLICY_GROUPS) -> frozenset[str]:
    return lex.derived(
        "first_" + "_".join(groups),
        lambda: frozenset(p.split()[0] for g in groups for p in lex.words("policy_change", g)),
    )


def _describes_old_rule(sentence: Sentence, token: Token) -> bool:
    """ "a shift from its policy of banning exports": the ban is what is dropped; "the first
    licence since the embargo of 2019": the embargo is the past the change ends."""
    changes = _first_words(sentence.lexicon, ("loosen", "neutral"))
    return any(g.lemma_.lower() in changes for g in governors(token)) or _since(token)


def _dated(token: Token) -> bool:
    """A measure named with its year ("the 1974 arms embargo"): one already in place."""
    return token.pos_ == "NOUN" and any(
        c.dep_ in ("nummod", "compound", "amod")
        and c.like_num
        and len(c.text) == 4
        and c.text[:2] in ("19", "20")
        for c in token.children
    )


def _since(token: Token) -> bool:
    """The token stands in a "since ..." phrase: what was before the change."""
    while token.head != token:
        if token.dep_ in ("prep", "mark") and token.lower_ == "since" or token.lower_ == "since":
            return True
        if token.dep_ in ("ROOT",):
            return False
        token = token.head
    return False


def _phrase_at(sentence: Sentence, token: Token, group: str) -> bool:
    """One of the group's phrases starts at ``token`` (its lemmas in order, six words on)."""
    doc = token.doc
    end = min(token.i + 6, sentence.span.end)
    lemmas = [t.lemma_.lower() for t in doc[token.i : end] if t.dep_ not in ("det", "poss", "amod", "nummod")]
    lemmas_all = [t.lemma_.lower() for t in doc[token.i : end]]
    for phrase in sentence.lexicon.words("policy_change", group):
        words = phrase.split()
        if words[0] == lemmas_all[0] and (_contains(lemmas_all, words) or _contains(lemmas, words)):
            return True
    return False


def _policy_direction(sentence: Sentence, token: Token) -> str | None:
    for direction in ("tighten", "loosen"):
        if _phrase_at(sentence, token, direction):
            return direction
    if _phrase_at(sentence, token, "neutral"):
        return _neutral_direction(sentence)
    return None


def _neutral_direction(sentence: Sentence) -> str:
    """ "a shift ...: Germany will not approve exports" tightens; "a shift ... opening up" loosens."""
    permits = sentence.lexicon.words("policy_change", "permit_verbs")
    for tok in sentence.span:
        if _describes_old_rule(sentence, tok):
            continue  # "a shift from its policy of banning exports"
        if _phrase_at(sentence, tok, "tighten") and not is_negated(tok):
            return "tighten"
        if (_phrase_at(sentence, tok, "loosen") or tok.lemma_.lower() in permits) and is_negated(tok):
            return "tighten"
    return "loosen"


def _contains(seq: list[str], words: list[str]) -> bool:
    if len(words) == 1:
        return seq[:1] == words
    rest = seq[1:]
    pos = 0
    for word in words[1:]:
        try:
            pos = rest.index(word, pos) + 1
        except ValueError:
            return False
    return True


# what a rule on exports stops or allows: "new exports", "export licences", "sales", "shipments"
_EXPORT_WORDS = _TRADE_WORDS | {"shipment", "transfer", "delivery"}


def _policy_actors(sentence: Sentence, token: Token) -> list[str]:
    """Who changes the rule; never the party it sells to ("had sold weapons to Myanmar ... it had
    suspended sales": not Myanmar)."""
    buyers = {  # named outright ("to Myanmar"), not a group resolved from elsewhere
        sentence.codes[g.i]
        for t in sentence.span
        if t.lower_ == "to" and t.dep_ in ("prep", "dative")
        for o in t.children
        for g in [o, *o.conjuncts]
        if g.i in sentence.codes
    }
    buyers |= {  # "halted new exports of military goods to the country", "licences for Israel"
        c
        for o in children(token, frozenset({"dobj", "nsubjpass"}))
        if o.lemma_.lower() in _EXPORT_WORDS
        for d in prep_objects(o, frozenset({"to", "for"}))
        for c in actors_of(sentence, d)
    }
    return [a for a in _rule_changers(sentence, token) if a not in buyers or sentence.codes.get(token.i) == a]


def _rule_changers(sentence: Sentence, token: Token) -> list[str]:
    if token.pos_ == "VERB":
        found = (
            _keepers_of_rule(sentence, token)
            or _actors(sentence, token)
            or _rule_makers(sentence, subject_of(token))
        )
        if found:
            return found
    for gov in [token, *governors(token)]:
        if gov.pos_ == "NOUN" and _embargo_on_compound(sentence, gov):
            continue  # "Madrid writes Israel arms embargo into law": Israel is embargoed
        found = modifier_actors(sentence, gov) if gov.pos_ == "NOUN" else _actors(sentence, gov)
        if found:
            return found
    root = sentence.span.root
    return actors_of(sentence, subject_of(root))


def _keepers_of_rule(sentence: Sentence, token: Token) -> list[str]:
    """ "allow Kyiv to use ATACMS on Russian territory, reversing a restriction Washington had
    kept in place": a participle with no subject of its own changes the rule of the party the
    rule's own clause names as keeping it, not of the one the clause above is about."""
    if token.tag_ != "VBG" or token.dep_ != "advcl" or children(token, frozenset({"nsubj"})):
        return []
    return [
        c
        for o in children(token, frozenset({"dobj"}))
        for r in children(o, frozenset({"relcl"}))
        if r.lemma_.lower() in _KEEPING_RULES
        for s in [subject_of(r)]
        if s is not None and s.pos_ == "PROPN"  # named: not "a hold his predecessor placed"
        for c in actors_of(sentence, s)
    ]


# verbs of keeping a rule in force: "a restriction Washington had kept in place"
_KEEPING_RULES = frozenset(
    {"keep", "impose", "maintain", "place", "put", "set", "enforce", "apply", "introduce"}
)


def _embargo_on_compound(sentence: Sentence, noun: Token) -> bool:
    """An embargo named by the state it is on ("an Israel arms embargo"), with no owner."""
    if noun.lemma_.lower() != "embargo" or any(c.dep_ == "poss" for c in noun.children):
        return False
    if prep_objects(noun, frozenset({"on", "against"})):
        return False  # "the EU arms embargo on China": the name before is its maker
    return any(c.dep_ == "compound" and c.i in sentence.codes for c in noun.children)


def _rule_makers(sentence: Sentence, rule: Token | None) -> list[str]:
    """Who made a rule that is the subject ("The new guidelines, adopted by the cabinet in
    Tokyo, allow ...", "Japan's new guidelines allow ...")."""
    if rule is None or rule.pos_ != "NOUN":
        return []
    found = modifier_actors(sentence, rule)
    for clause in rule.children:
        agent = agent_of(clause) if clause.dep_ == "acl" else None
        if agent is not None:
            found += [c for c in actors_of(sentence, agent) if c not in found]
    return found


_FIRST_GRANTS = frozenset({"issue", "grant", "approve", "sign", "authorise", "authorize", "allow", "clear"})


_GRANTED = frozenset(
    {"licence", "license", "permit", "export", "sale", "delivery", "authorisation", "authorization"}
)


@anchored_on("VERB", lemmas=lambda lex: _FIRST_GRANTS)
def policy_resumption(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "Finland has granted the first export licence for military material to Turkey since
    2019": the first permit after a halt resumes exports (loosen)."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in _FIRST_GRANTS or is_negated(verb):
        return []
    if is_hedged(sentence, verb):
        return []
    granted = [
        o
        for o in children(verb, frozenset({"dobj", "nsubjpass"}))
        if o.lemma_.lower() in _GRANTED | {"export"} or any(c.lemma_.lower() in _GRANTED for c in o.children)
    ]
    first = [o for o in granted if any(c.lower_ == "first" for c in o.children)]
    first = first or [o for o in granted if any(t.lower_ == "first" for t in sentence.span)]
    since = any(t.lower_ == "since" or _in_years(t) for t in sentence.span)  # "in more than three years"
    again = any(c.lower_ in ("again", "anew") for c in verb.children)  # "will again approve arms exports"
    rules = [o for o in granted if o.lemma_.lower() in _GRANTED - {"delivery"}]
    if not (first and since or rules and again) or not on_topic(sentence, True):
        return []
    bound = {  # "its first licence for exports to Turkey": where the exports go grants nothing
        sentence.codes[t.i]
        for o in granted
        for t in o.subtree
        if t.i in sentence.codes and t.dep_ == "pobj" and t.head.lower_ in ("to", "for")
    }
    actors = [a for a in _actors(sentence, verb) if a not in bound]
    return _policy_changes(sentence, actors, "loosen", verb, 0.65, "policy-resumption")


# shipments of arms that may be held back and released
_SHIPMENTS = frozenset({"shipment", "consignment", "delivery", "transfer", "batch", "sale"})


@anchored_on("VERB", lemmas=lambda lex: {"release", "unfreeze", "unblock"})
def policy_held_released(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "released a shipment of 500-pound bombs to Israel that had been held up since May",
    "released the paused shipment": a single arms deal held back and then let go resumes it, a
    change of the rules as eval/SCHEMA.md counts one (loosen), besides the delivery."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in ("release", "unfreeze", "unblock"):
        return []
    if is_negated(verb) or is_hedged(sentence, verb):
        return []
    held = [o for o in children(verb, frozenset({"dobj", "nsubjpass"})) if _held_arms(sentence, o)]
    if not held:
        return []
    return _policy_changes(
        sentence, _policy_actors(sentence, verb), "loosen", verb, 0.65, "policy-held-released"
    )


def _held_arms(sentence: Sentence, shipment: Token) -> bool:
    """A shipment of arms told as held back: "that had been held up", "the paused shipment"."""
    if shipment.lemma_.lower() not in _SHIPMENTS or "military" not in categories_in(
        sentence, list(shipment.subtree)
    ):
        return False
    holding = sentence.lexicon.words("refusal", "verbs") | _HOLDING_UP  # verbs of holding back
    return any(
        (t.lemma_.lower() in holding or t.lower_ in _HELD_FORMS) and t.dep_ in ("relcl", "acl", "amod")
        for t in shipment.children
    )


# holding back told by verbs that are no refusal ("held up", "delayed"), and the participles the
# tagger may take for adjectives ("the paused shipment")
_HOLDING_UP = frozenset({"hold", "delay", "stall"})
_HELD_FORMS = frozenset(
    {"paused", "frozen", "held", "delayed", "blocked", "withheld", "halted", "stalled", "suspended"}
)


def _in_years(token: Token) -> bool:
    """ "(the first licence) in more than three years", "in a decade": a stretch of time."""
    return token.lower_ == "in" and any(
        o.dep_ == "pobj" and o.lemma_.lower() in ("year", "decade", "month") for o in token.children
    )


# the restrictions an article may refer back to by their noun alone ("lifted the curbs")
_RESTRICTION_NOUNS = (_RESTRICTIONS - {"sanction"}) | _PAUSE_NOUNS | {"curb"}


@anchored_on("VERB", lemmas=_ban_enders)
def policy_lifted_again(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "In 2020 Canada suspended arms export permits to Turkey. It quietly lifted the curbs in
    2024": ending a restriction the article told the same actor imposing loosens the rule,
    though the sentence itself names no arms or exports."""
    if verb.pos_ != "VERB" or is_negated(verb) or is_hedged(sentence, verb):
        return []
    if _demanded(verb) or forecast(verb):
        return []  # "urged Ottawa to lift the curbs"
    if _lifts_it_again(verb):  # "had imposed an arms embargo on Ankara in 2019, and lifted it in 2022"
        return _policy_changes(
            sentence, _policy_actors(sentence, verb), "loosen", verb, 0.65, "policy-lifted-again"
        )
    ended = [o for o in children(verb, frozenset({"dobj", "nsubjpass"})) if _told_restriction(o)]
    if not ended or not ctx.tightened_by:
        return []
    actors = [a for a in _policy_actors(sentence, verb) if a in ctx.tightened_by]
    return _policy_changes(sentence, actors, "loosen", verb, 0.65, "policy-lifted-again")


def _lifts_it_again(verb: Token) -> bool:
    """ "imposed an arms embargo on Ankara in 2019, and lifted it in 2022": "it" is the
    restriction the verb it is joined to put in place."""
    if verb.dep_ != "conj" or not any(
        o.lower_ in ("it", "them") for o in children(verb, frozenset({"dobj"}))
    ):
        return False
    return any(
        o.lemma_.lower() in _RESTRICTION_NOUNS | {"embargo"} for o in children(verb.head, frozenset({"dobj"}))
    )


def _told_restriction(noun: Token) -> bool:
    """ "the curbs", "its freeze", "this ban": a restriction referred back to, that says nothing
    of its own of what it restricts ("its ban on such sales" only refers back)."""
    if noun.lemma_.lower() not in _RESTRICTION_NOUNS:
        return False
    if not any(c.dep_ in ("det", "poss") and c.lower_ in _BACK_REFERRING for c in noun.children):
        return False
    return all(  # not "its suspension of payments to UNRWA", "the freeze it placed on funding"
        c.dep_ in ("det", "poss", "amod", "compound", "nummod") or c.dep_ == "prep" and _such(c)
        for c in noun.children
    )


_BACK_REFERRING = frozenset({"the", "its", "their", "this", "that", "these", "those", "his", "her"})


def _such(prep: Token) -> bool:
    """ "on such sales", "on those exports": a target that refers back too."""
    return any(d.lower_ in ("such", "those", "these", "them") for d in prep.subtree)


def _policy_changes(
    sentence: Sentence, actors: Sequence[str], direction: str, token: Token, confidence: float, rule: str
) -> list[Found]:
    """One policy change per actor, summarised by its sentence."""
    summary = sentence.span.text[:200]
    return [
        Found(
            {"type": "policy_change", "actor": a, "direction": direction, "summary": summary},
            token,
            confidence,
            rule,
        )
        for a in actors
    ]


# verbs that put a restriction in place, told in the restriction's own clause
_PUTTING_IN_PLACE = frozenset({"impose", "announce", "order", "introduce", "place", "put", "decree", "adopt"})


@anchored_on("NOUN", lemmas=lambda lex: _RESTRICTION_NOUNS)
def policy_restriction_told(sentence: Sentence, noun: Token, ctx: ArticleContext) -> list[Found]:
    """ "ending a freeze the chancellor announced in August", "lifted a restriction that Berlin
    imposed in 2018": the restriction's own clause narrates its imposition, a change of the
    named party's rules when it was made (eval/SCHEMA.md codes past changes the article tells)."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in _RESTRICTION_NOUNS:
        return []
    clauses = [  # the clause may hang on the last noun of the restriction's phrase ("a restriction
        # on arms exports to Saudi Arabia that Berlin imposed")
        r
        for t in noun.subtree
        if t.pos_ in ("NOUN", "PROPN")
        for r in children(t, frozenset({"relcl"}))
        if r.lemma_.lower() in _PUTTING_IN_PLACE and not is_negated(r) and not is_hedged(sentence, r)
    ]
    if not clauses or not on_topic(sentence, True):
        return []
    makers = [
        c
        for r in clauses
        for s in [subject_of(r)]
        if s is not None and s.pos_ != "PRON"
        for c in actors_of(sentence, s)
    ]
    return _policy_changes(
        sentence, list(dict.fromkeys(makers)), "tighten", clauses[0], 0.6, "policy-restriction-told"
    )
