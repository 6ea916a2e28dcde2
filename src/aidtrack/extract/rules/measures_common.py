"""Helpers and word sets shared by threats, sanctions and policy changes: who acts, whom a
measure aims at, what it restricts.
"""

from __future__ import annotations

from spacy.tokens import Token

from aidtrack.extract.articles import WEEKDAYS
from aidtrack.extract.clauses import (
    Sentence,
    agent_of,
    children,
    governors,
    is_passive,
    joined_after,
    joined_before,
    subject_of,
)
from aidtrack.extract.lexicon import Lexicon
from aidtrack.extract.parties import WAR_NOUNS, actors_of, companions
from aidtrack.extract.roles import categories_in

# verbs that put parties on a list ("placed on its sanctions list", "included in the list")
LISTING_VERBS: frozenset[str] = frozenset({"put", "place", "list", "include", "enter", "name"})


def _misread_main(verb: Token) -> Token | None:
    """ "Canada, which has long been cautious, imposed sanctions on ...": after an aside the
    parser may read the main verb as a modifier of its object and the subject as the root;
    returns that subject (the root noun) when so."""
    if verb.pos_ != "VERB" or verb.dep_ != "amod" or verb.tag_ not in ("VBN", "VBD") or verb.i == 0:
        return None
    if verb.doc[verb.i - 1].text != "," or verb.head.i < verb.i:
        return None
    top = verb.head
    while top.dep_ in ("appos", "conj", "dobj", "npadvmod", "attr", "relcl") and top.head != top:
        top = top.head
    attributed = top.dep_ == "nsubj" and top.head.lemma_.lower() in _SAYING and top.head.i > verb.i
    if not (top.dep_ == "ROOT" or attributed) or top.pos_ not in ("PROPN", "NOUN") or top.i > verb.i:
        return None  # attributed: "..., imposed sanctions on ..., officials said" took the subject
    aside = verb.doc[top.i + 1 : verb.i]  # "which had long hesitated", "a close ally of Kyiv"
    told = any(t.tag_ in ("WDT", "WP") or t.dep_ in ("relcl", "appos", "acl") for t in aside)
    return top if told and aside[:1].text == "," else None


def _misread_object(verb: Token) -> list[Token]:
    """The object of a main verb read as its modifier (see :func:`_misread_main`)."""
    return [verb.head] if _misread_main(verb) is not None else []


def _actors(sentence: Sentence, verb: Token) -> list[str]:
    main = _misread_main(verb)
    if main is not None:
        return actors_of(sentence, main)
    if is_passive(verb):
        agent = agent_of(verb) or _late_agent(sentence, verb)
        return actors_of(sentence, agent) if agent is not None else []
    found = actors_of(sentence, subject_of(verb))
    if not found and (verb.dep_ == "acl" or verb.dep_ == "relcl" and verb.head.lemma_.lower() in _ENACTMENTS):
        for gov in governors(verb):  # "Spain approved a decree-law that prohibits ...": its maker
            found = actors_of(sentence, subject_of(gov))
            if found:
                break
    return found + [c for c in companions(sentence, verb) if c not in found] if found else found


# the texts a measure is taken under ("under the Magnitsky Act", "by decree")
LAWS = frozenset({"act", "law", "regime", "order", "decree", "ordinance", "regulation", "authority"})
# texts a government enacts, whose own verbs act for their maker; a named Act is an old law
# ("the Caesar Act, which penalises ..."), a regime or an authority no text
_ENACTMENTS = (LAWS - {"act", "regime", "authority"}) | {"resolution"}


# nouns that are sanctions whatever modifies them ("a fresh round of penalties")
_CORE_SANCTIONS = frozenset(
    {"sanction", "blacklist", "embargo", "penalty", "countermeasure", "counter-sanction"}
)


_NEW = frozenset({"new", "fresh", "further", "additional", "more", "possible", "proposed", "tougher"})


_SAYING = frozenset({"say", "tell", "report", "announce", "state", "add", "note", "confirm"})


# "sanctions on Russia over its war in Ukraine": the victim named after these is no target
_AWAY_PREPS = frozenset(
    {"over", "for", "after", "amid", "during", "following", "because", "since", "despite", "with", "to"}
)


# parties named by whom they serve: the "of X" after these is the client, not the target
_RELATIONAL = frozenset(
    {
        "supplier",
        "provider",
        "backer",
        "ally",
        "partner",
        "client",
        "customer",
        "enabler",
        "financier",
        "sponsor",
        "helper",
        "proxy",
    }
)


_VIOLENCE = frozenset({"strike", "attack", "bomb", "shell", "invade", "kill", "destroy"})


# participles that place a party in a country: "based in China", "linked to Iran"
_LOCATING = frozenset(
    {
        "base",
        "locate",
        "register",
        "headquarter",
        "incorporate",
        "link",
        "tie",
        "connect",
        "affiliate",
        "belong",
    }
)


def _national(sentence: Sentence, party: Token, parties: frozenset[str]) -> bool:
    """ "Israeli settlers", "Russia-linked shipping firms": parties named by their state (or by
    a noun for parties of one state: "violent settlers")."""
    if _nationals_state(sentence, party):
        return True
    return party.lemma_.lower() in parties and any(
        t.i in sentence.codes
        for c in party.lefts
        if c.dep_ in ("amod", "compound", "nmod", "poss")
        for t in c.subtree
    )


def _nationals_state(sentence: Sentence, party: Token) -> str | None:
    """The state of a noun for parties of one state ("violent settlers": Israel's), unless the
    phrase names a state of its own ("Russian settlers in Crimea", "the settlers Russia moved
    into Mariupol")."""
    code = sentence.lexicon.nationals.get(party.lemma_.lower())
    if code is None:
        return None
    own = [t for c in party.children if c.dep_ in _OWNING for t in c.subtree]
    return None if any(t.i in sentence.codes for t in own) else code


# the words of a party's phrase that may say whose it is: "Russian settlers", "the settlers
# Russia moved in"
_OWNING = frozenset({"amod", "compound", "poss", "nmod", "relcl", "acl"})


def _more_parties(party: Token) -> bool:
    """Other parties beside the first, not members of it: a conjunct, or "together with X"."""
    return party.dep_ == "conj" or party.dep_ == "pobj" and _joining(party.head)


def _other_party(sentence: Sentence, party: Token, parties: frozenset[str]) -> bool:
    """Parties beside national ones, named by no state of their own ("two Iranian officials
    and three firms in the United Arab Emirates"): where they are names their state."""
    return (
        _more_parties(party) and party.lemma_.lower() in parties and not _national(sentence, party, parties)
    )


def _joining(prep: Token) -> bool:
    """ "together with several firms based in China", "along with": more of the same parties."""
    doc = prep.doc
    return prep.lower_ == "with" and prep.i > 0 and doc[prep.i - 1].lower_ in ("together", "along")


# trade itself: a measure on "arms trade with Israel" is aimed at the partner (where goods go,
# "controls on exports to Russia", is read by the measure's own rules)
_TRADE_WITH_NOUNS = frozenset({"trade", "commerce", "dealing", "business"})


def _trade_partner(tok: Token, prep: Token) -> bool:
    """ "an embargo on weapons trade with Israel": the partner of the trade is the target."""
    return tok.lemma_.lower() in _TRADE_WITH_NOUNS and prep.lower_ == "with" and tok.dep_ == "pobj"


def target_codes(sentence: Sentence, phrase: Token, *, clauses: bool = False) -> list[str]:
    """Actors named in a target phrase, every conjunct ("Iranian and Syrian firms"), not the
    victims of "over its war in Ukraine" nor (unless ``clauses``) the actors of a clause
    inside it."""
    found: list[str] = []
    first_at: dict[str, int] = {}  # where each target is first named
    stack = [phrase]
    lex = sentence.lexicon
    parties = lex.words("policy_change", "party_nouns") | lex.words("sanction", "entry_objects")
    national = _national(sentence, phrase, parties)  # where some of them live is no target
    while stack:
        tok = stack.pop()
        if tok.ent_type_ in ("DATE", "TIME") and tok.pos_ != "PROPN" or tok.lower_ in WEEKDAYS:
            continue  # "on Monday, the anniversary of Russia's invasion": a time, no target
        own_state = _nationals_state(sentence, tok)  # "violent settlers": asked once per word
        code = sentence.codes.get(tok.i) or firm_state(sentence, tok) or own_state
        if code:
            first_at[code] = min(first_at.get(code, tok.i), tok.i)
        if code and code not in found:
            found.append(code)
        for child in tok.children:
            if (
                child.dep_ == "prep"
                and child.lower_ in _AWAY_PREPS
                and not _joining(child)
                and not _trade_partner(tok, child)
            ):
                continue
            if (
                (national or own_state)
                and child.dep_ == "prep"
                and child.lower_ == "in"
                and not _other_party(sentence, tok, parties)
            ):
                continue  # "Israeli settlers and four outposts in the West Bank" (but "two Iranian
                # officials and three firms in the United Arab Emirates" names the Emirates)
            if child.dep_ == "prep" and child.lower_ == "of" and tok.lemma_.lower() in _RELATIONAL:
                continue  # "Chinese suppliers of Russia's army": the client is no target
            agent = agent_of(child) if child.dep_ == "acl" and child.tag_ == "VBN" else None
            if agent is not None:
                stack.append(agent)  # "goods used by the Russian military", "firms owned by"
                continue
            if child.dep_ == "acl" and child.lemma_.lower() in _LOCATING:
                if national and not (_more_parties(tok) and not _national(sentence, tok, parties)):
                    continue  # "North Korean individuals, including a banker based in Moscow" (but
                    # "14 Russian companies and three firms registered in China" names China)
                stack += [
                    g
                    for p in child.children
                    if p.dep_ == "prep" and p.lower_ in ("in", "to", "with")
                    for g in p.children
                    if g.dep_ == "pobj"
                ]  # "companies based in China"
                continue
            if child.dep_ in ("relcl", "acl", "advcl") and child.pos_ in ("VERB", "AUX") and not clauses:
                continue
            if clauses and child.dep_ in ("advcl", "pcomp"):
                continue  # "designed to punish Russia for invading Ukraine"
            if child.dep_ in ("dobj", "prep") and tok.lemma_.lower() in _VIOLENCE | WAR_NOUNS:
                continue  # "drones ... that use them to strike Ukraine", "its war against Ukraine"
            stack.append(child)
    if not found and not clauses:
        found = _goods_origin(sentence, phrase)
        first_at = {c: min(i for i, v in sentence.codes.items() if v == c) for c in found}
    if not found and not clauses:
        return _parties_told_before(sentence, phrase, parties)
    return sorted(found, key=lambda c: first_at[c])


def _parties_told_before(sentence: Sentence, phrase: Token, parties: frozenset[str]) -> list[str]:
    """ "froze the assets of four settlers" after "entry bans on Israeli settlers": parties the
    sentence gives no state of are those of the state the article last named them with."""
    told = sentence.owned_parties
    return list(
        dict.fromkeys(
            told[t.lemma_.lower()]
            for t in phrase.subtree
            if t.pos_ == "NOUN"
            and t.lemma_.lower() in parties
            and t.lemma_.lower() in told
            and _counted_again(t)
        )
    )


def _counted_again(noun: Token) -> bool:
    """ "the bank", "four settlers", "two of the officials": parties counted or pointed at, with no
    description of their own ("dozens of military-linked companies" are others)."""
    if any(c.dep_ in ("amod", "compound") for c in noun.children):
        return False
    return any(
        c.dep_ in ("det", "nummod") and c.lower_ not in ("a", "an", "any", "some") for c in noun.children
    )


def firm_state(sentence: Sentence, token: Token) -> str | None:
    """The home state of a well-known company named without it ("sanctions on Rosneft and
    Lukoil", "put Lockheed Martin on its list"): a party of that state, never an actor."""
    if not (token.pos_ == "PROPN" or token.text[:1].isupper()) or token.i in sentence.codes:
        return None  # a name, also when tagged as a noun ("two RSF commanders")
    firms = sentence.lexicon.firms
    compounds = [c for c in token.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    start = compounds[0].i if compounds else token.i
    whole = " ".join(t.lower_ for t in token.doc[start : token.i + 1])
    return firms.get(whole) or firms.get(token.lower_)


# what sanctioned parties do with goods: "entities supplying Iranian drones to Russia"
_DEALING = frozenset(
    {
        "supply",
        "ship",
        "sell",
        "provide",
        "deliver",
        "transfer",
        "export",
        "produce",
        "make",
        "manufacture",
        "procure",
        "smuggle",
        "trade",
        "broker",
        "transport",
        "carry",
        "finance",
    }
)


def _goods_origin(sentence: Sentence, phrase: Token) -> list[str]:
    """ "entities supplying Iranian drones to Russia", "firms that ship North Korean shells":
    parties of no named country are sanctioned for the country whose goods they deal in (named
    by an adjective on the goods), never for the buyer ("to Russia")."""
    found: list[str] = []
    for clause in phrase.children:
        if clause.dep_ not in ("acl", "relcl") or clause.lemma_.lower() not in _DEALING:
            continue
        for goods in children(clause, frozenset({"dobj"})):
            found += [
                sentence.codes[c.i]
                for c in goods.children
                if c.dep_ in ("amod", "compound", "nmod") and c.i in sentence.codes
            ]
    return list(dict.fromkeys(found))


# what a state grants another's people or firms and may take away: "suspended visa-free travel
# for Georgian officials", "trade preferences for Belarus"
_CONFERRED = frozenset({"preference", "privilege", "access", "licence", "license", "travel", "visa", "entry"})


def _arms_exports(sentence: Sentence, obj: Token) -> bool:
    """ "halted arms exports to Israel", "suspended exports of bombs", "revoked export licences":
    a rule on selling weapons or on exports, which the policy rules read; "banned exports of chips
    to Russia" or "revoked the licences of two Russian banks" restrict a country's parties."""
    lemma = obj.lemma_.lower()
    words = {t.lemma_.lower() for t in obj.subtree}
    if lemma in ("licence", "license"):  # also "licences for mortar rounds"
        return bool(words & {"export", "re-export", "arm", "weapon", "sale", "transit"}) or (
            "military" in categories_in(sentence, list(obj.subtree))
        )
    if lemma == "trade":  # "banned all arms trade with Israel": an export rule
        return bool(words & _ARMS)
    arms = [t for t in obj.subtree if not only_related(t)]  # not "exports of weapons-related goods"
    return lemma == "export" and "military" in categories_in(sentence, arms)


# what a hyphen joins to a word of arms to make goods that are not arms: "weapons-related goods"
_RELATED = frozenset({"related", "linked", "relevant", "usable", "capable", "grade"})


def only_related(token: Token) -> bool:
    """ "weapons-related goods", "military-linked firms": goods or bodies near arms, no arms."""
    joined = joined_after(token)
    return joined is not None and joined.lower_ in _RELATED


def _late_agent(sentence: Sentence, verb: Token) -> Token | None:
    """The "by X" of a passive the parser hung on a noun after the verb ("were barred from its
    ports by Canada", "were added to its entity list by Washington")."""
    # the end of its own clause (an attribution may follow: "..., officials said")
    last = max((t.i for t in verb.subtree if not t.is_punct), default=-1)
    for tok in verb.subtree:
        if tok.i > verb.i and tok.lower_ == "by" and tok.dep_ in ("prep", "agent"):
            objects = [o for o in tok.children if o.dep_ == "pobj" and actors_of(sentence, o)]
            ends = objects and objects[0].right_edge.i == last  # the clause's last words
            if ends and tok.head != verb and tok.head.pos_ in ("NOUN", "PROPN"):
                return objects[0]
    return None


def _combos(lex: Lexicon) -> list[tuple[str, frozenset[str], frozenset[str]]]:
    def build() -> tuple[tuple[str, frozenset[str], frozenset[str]], ...]:
        raw = lex.raw.get("policy_change", {}).get("combos", {})
        return tuple(
            (direction, frozenset(verbs), frozenset(nouns))
            for direction, pairs in raw.items()
            for verbs, nouns in pairs
        )

    return list(lex.derived("policy_combos", build))


_ARMS = frozenset(
    {"arm", "weapon", "weaponry", "munition", "ammunition", "military", "lethal", "defence", "defense"}
)


def _on_exports(noun: Token) -> bool:
    """ "export curbs", "export controls": a measure on what is sold abroad."""
    return any(
        c.lemma_.lower() in ("export", "re-export")
        for c in noun.children
        if c.dep_ in ("compound", "amod", "nmod")
    )


def _destinations(objects: list[Token]) -> list[Token]:
    """Where restricted goods go: the "to the United States" of "curbs on gallium and germanium
    to the United States", which names the country the measure is aimed at."""
    return [
        o
        for obj in objects
        for t in obj.subtree
        if t.dep_ in ("prep", "dative") and t.lower_ == "to"
        for o in t.children
        if o.dep_ == "pobj"
    ]


_MEASURES = frozenset({"restriction", "control", "ban", "curb", "embargo", "limit", "measure"})


_ENDING_NOUNS = frozenset(
    {"end", "ending", "removal", "scrapping", "repeal", "abolition", "lifting", "easing", "relaxation"}
)


def ended(token: Token) -> bool:
    """ "the end of its arms embargo", "the lifting of restrictions": ``token`` stands in the
    "of" phrase of a noun that ends or eases what it names (read by :func:`policy_nominal`)."""
    for gov in governors(token)[:6]:
        if gov.lower_ == "of" and gov.head.lemma_.lower() in _ENDING_NOUNS:
            return True
    return False


def passes_on(token: Token) -> bool:
    """Passing support on: "from re-exporting armoured vehicles" (which the parser splits at the
    hyphen), "from passing on anti-aircraft guns"."""
    if token.lower_ == "re":
        return (joined := joined_after(token)) is not None and joined.lemma_.lower() == "export"
    if token.lemma_.lower() == "export" and (joined := joined_before(token)) is not None:
        return joined.lower_ == "re"
    return token.lemma_.lower() == "pass" and any(
        c.dep_ in ("prt", "advmod") and c.lower_ == "on" for c in token.children
    )


KEEPING_FROM = frozenset({"block", "bar", "prevent", "stop", "forbid", "prohibit", "keep"})


def blocks_passing_on(sentence: Sentence, verb: Token) -> bool:
    """ "Switzerland blocked Denmark from re-exporting armoured vehicles to Ukraine": keeping
    another state from passing support on refuses that support; it is neither an export rule
    nor a sanction on the state kept from it."""
    if verb.lemma_.lower() not in KEEPING_FROM:
        return False
    kept = [o for o in children(verb, frozenset({"dobj"})) if actors_of(sentence, o)]
    return bool(kept) and any(
        passes_on(t) for p in verb.children if p.dep_ == "prep" and p.lower_ == "from" for t in p.subtree
    )


# what a measure "in place", "in force" or "in effect" is in: one that stands, no new act
_STANDING = frozenset({"place", "force", "effect"})


def in_force_since(noun: Token) -> bool:
    """ "A UN arms embargo on Darfur, in place since 2004, ...", "the sanctions in force since
    2014": a measure told as standing, not one imposed now."""
    if noun.pos_ not in ("NOUN", "PROPN"):
        return False
    return any(
        c.dep_ == "prep"
        and (
            c.lower_ == "since" or c.lower_ == "in" and any(o.lemma_.lower() in _STANDING for o in c.children)
        )
        for c in noun.children
    )
