"""Tests for aidtrack.actors: names -> codes, groups by date, office holders."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable

import pycountry
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aidtrack import actors
from aidtrack.actors.data import read_table
from aidtrack.errors import UnknownActorError, ValidationError
from tests.conftest import shared_path

D = dt.date

ORGANISATIONS = ["NATO", "EU", "EIB", "UN", "G7", "IMF", "WB", "OSCE", "ICRC", "EBRD", "IDB", "OECD", "G20"]

NAMES = [
    # codes, any case
    ("KOR", "KOR"),
    ("kor", "KOR"),
    ("kr", "KOR"),
    ("UA", "UKR"),
    ("ukr", "UKR"),
    ("DEU", "DEU"),
    ("de", "DEU"),
    ("gb", "GBR"),
    ("TW", "TWN"),
    ("twn", "TWN"),
    ("us", "USA"),
    ("usa", "USA"),
    ("XKX", "XKX"),
    ("nato", "NATO"),
    ("eu", "EU"),
    ("EIB", "EIB"),
    ("un", "UN"),
    ("g7", "G7"),
    ("imf", "IMF"),
    ("WB", "WB"),
    ("osce", "OSCE"),
    ("Icrc", "ICRC"),
    ("EBRD", "EBRD"),
    ("IDB", "IDB"),
    ("OECD", "OECD"),
    ("G20", "G20"),
    # names, short and official
    ("Germany", "DEU"),
    ("GERMANY", "DEU"),
    ("  Germany  ", "DEU"),
    ("United Kingdom", "GBR"),
    ("United States", "USA"),
    ("United States of America", "USA"),
    ("Russian Federation", "RUS"),
    ("Russia", "RUS"),
    ("Ukraine", "UKR"),
    ("The Ukraine", "UKR"),
    ("Japan", "JPN"),
    ("France", "FRA"),
    ("Poland", "POL"),
    ("Netherlands", "NLD"),
    ("The Netherlands", "NLD"),
    ("Holland", "NLD"),
    ("Czechia", "CZE"),
    ("Czech Republic", "CZE"),
    ("Turkey", "TUR"),
    ("Turkiye", "TUR"),
    ("Türkiye", "TUR"),
    ("TÜRKIYE", "TUR"),
    ("Taiwan", "TWN"),
    ("South Korea", "KOR"),
    ("Korea, Republic of", "KOR"),
    ("Republic of Korea (ROK)", "KOR"),
    ("Moldova", "MDA"),
    ("Republic of Moldova", "MDA"),
    ("Iran", "IRN"),
    ("Islamic Republic of Iran", "IRN"),
    ("Vietnam", "VNM"),
    ("Viet Nam", "VNM"),
    ("Syria", "SYR"),
    ("Laos", "LAO"),
    ("Bolivia", "BOL"),
    ("Venezuela", "VEN"),
    ("Tanzania", "TZA"),
    ("Côte d'Ivoire", "CIV"),
    ("Cote d'Ivoire", "CIV"),
    ("Ivory Coast", "CIV"),
    ("Cabo Verde", "CPV"),
    ("Cape Verde", "CPV"),
    ("Eswatini", "SWZ"),
    ("Swaziland", "SWZ"),
    ("North Macedonia", "MKD"),
    ("Bosnia and Herzegovina", "BIH"),
    ("Bosnia", "BIH"),
    ("Myanmar", "MMR"),
    ("Burma", "MMR"),
    ("Holy See", "VAT"),
    ("Vatican", "VAT"),
    ("Kosovo", "XKX"),
    ("Palestine", "PSE"),
    ("UAE", "ARE"),
    ("U.A.E.", "ARE"),
    ("Saudi Arabia", "SAU"),
    ("New Zealand", "NZL"),
    ("Guinea-Bissau", "GNB"),
    ("Guinea Bissau", "GNB"),
    ("Timor-Leste", "TLS"),
    ("East Timor", "TLS"),
    ("Micronesia", "FSM"),
    ("Brunei", "BRN"),
    ("Great Britain", "GBR"),
    ("Britain", "GBR"),
    ("America", "USA"),
    ("Belarus", "BLR"),
    ("Korea, Rep.", "KOR"),
    ("Egypt, Arab Rep.", "EGY"),
    # demonyms
    ("South Korean", "KOR"),
    ("Haitian", "HTI"),
    ("Haitians", "HTI"),
    ("Nicaraguan", "NIC"),
    ("Bahraini", "BHR"),
    ("Salvadoran", "SLV"),
    ("Greenlandic", "GRL"),
    ("Korean", "KOR"),
    ("German", "DEU"),
    ("Germans", "DEU"),
    ("Ukrainian", "UKR"),
    ("Ukrainians", "UKR"),
    ("American", "USA"),
    ("Americans", "USA"),
    ("British", "GBR"),
    ("Briton", "GBR"),
    ("Dutch", "NLD"),
    ("French", "FRA"),
    ("Polish", "POL"),
    ("Poles", "POL"),
    ("Japanese", "JPN"),
    ("Chinese", "CHN"),
    ("Russian", "RUS"),
    ("Russians", "RUS"),
    ("Czech", "CZE"),
    ("Czechs", "CZE"),
    ("Swiss", "CHE"),
    ("Turkish", "TUR"),
    ("Israeli", "ISR"),
    ("Israelis", "ISR"),
    ("Belarusian", "BLR"),
    ("Norwegian", "NOR"),
    ("Finnish", "FIN"),
    ("Swedish", "SWE"),
    ("Danish", "DNK"),
    ("Estonian", "EST"),
    ("Latvian", "LVA"),
    ("Lithuanian", "LTU"),
    ("Hungarian", "HUN"),
    ("Slovak", "SVK"),
    ("Italian", "ITA"),
    ("Spanish", "ESP"),
    ("Canadian", "CAN"),
    ("Australian", "AUS"),
    ("Taiwanese", "TWN"),
    ("Iranian", "IRN"),
    ("Kosovar", "XKX"),
    # capitals as metonyms
    ("Seoul", "KOR"),
    ("Port-au-Prince", "HTI"),
    ("Manama", "BHR"),
    ("Managua", "NIC"),
    ("Santo Domingo", "DOM"),
    ("Kyiv", "UKR"),
    ("Kiev", "UKR"),
    ("Moscow", "RUS"),
    ("Washington", "USA"),
    ("Washington, D.C.", "USA"),
    ("Berlin", "DEU"),
    ("Beijing", "CHN"),
    ("Brussels", "EU"),
    ("Paris", "FRA"),
    ("London", "GBR"),
    ("Tokyo", "JPN"),
    ("Warsaw", "POL"),
    ("Ottawa", "CAN"),
    ("Canberra", "AUS"),
    ("The Hague", "NLD"),
    ("Budapest", "HUN"),
    ("Bratislava", "SVK"),
    ("Ankara", "TUR"),
    ("Tehran", "IRN"),
    ("Minsk", "BLR"),
    ("Taipei", "TWN"),
    ("Pristina", "XKX"),
    ("Prague", "CZE"),
    ("Rome", "ITA"),
    # government metonyms
    ("the Kremlin", "RUS"),
    ("Kremlin", "RUS"),
    ("the White House", "USA"),
    ("White House", "USA"),
    ("Pentagon", "USA"),
    ("the Pentagon", "USA"),
    ("Downing Street", "GBR"),
    ("Number 10", "GBR"),
    ("Elysee", "FRA"),
    ("Élysée", "FRA"),
    ("the Élysée Palace", "FRA"),
    ("Zhongnanhai", "CHN"),
    ("Bundeswehr", "DEU"),
    ("State Department", "USA"),
    ("Whitehall", "GBR"),
    ("the Oval Office", "USA"),
    # abbreviations, with or without dots and spaces
    ("N.A.T.O.", "NATO"),
    ("N A T O", "NATO"),
    ("ROK", "KOR"),
    ("R.O.K.", "KOR"),
    ("U.K.", "GBR"),
    ("UK", "GBR"),
    ("U. K.", "GBR"),
    ("U.S.", "USA"),
    ("U.S.A.", "USA"),
    ("US", "USA"),
    ("E.U.", "EU"),
    ("EU", "EU"),
    ("U.N.", "UN"),
    ("I.M.F.", "IMF"),
    ("G-7", "G7"),
    ("G 7", "G7"),
    ("G-20", "G20"),
    ("DPRK", "PRK"),
    ("D.P.R.K.", "PRK"),
    ("PRC", "CHN"),
    ("DRC", "COD"),
    # a leading "the", possessives
    ("the United States", "USA"),
    ("The United Kingdom", "GBR"),
    ("Korea's", "KOR"),
    ("Germany's", "DEU"),
    ("the EU's", "EU"),
    ("NATO's", "NATO"),
    ("Russia’s", "RUS"),
    ("the Netherlands'", "NLD"),
    ("America's", "USA"),
    ("Ukraine's", "UKR"),
    # Kiel donor labels
    ("EU (Commission and Council)", "EU"),
    ("European Investment Bank", "EIB"),
    ("European Peace Facility", "EU"),
    # organisations
    ("the European Commission", "EU"),
    ("European Commission", "EU"),
    ("European Council", "EU"),
    ("Council of the European Union", "EU"),
    ("European Parliament", "EU"),
    ("European Union", "EU"),
    ("World Bank", "WB"),
    ("World Bank Group", "WB"),
    ("IBRD", "WB"),
    ("IDA", "WB"),
    ("International Monetary Fund", "IMF"),
    ("Red Cross", "ICRC"),
    ("the Red Cross", "ICRC"),
    ("International Committee of the Red Cross", "ICRC"),
    ("United Nations", "UN"),
    ("UNHCR", "UN"),
    ("UNICEF", "UN"),
    ("World Food Programme", "UN"),
    ("North Atlantic Treaty Organization", "NATO"),
    ("Organization for Security and Co-operation in Europe", "OSCE"),
    ("European Bank for Reconstruction and Development", "EBRD"),
    ("Inter-American Development Bank", "IDB"),
    ("Organisation for Economic Co-operation and Development", "OECD"),
    ("Group of Seven", "G7"),
    ("Group of Twenty", "G20"),
    # whitespace and case
    ("  South   Korea ", "KOR"),
    ("south\tkorea", "KOR"),
    ("SOUTH KOREA", "KOR"),
    ("south-korea", "KOR"),
    # roles with a country or organisation word
    ("Kremlin spokesman", "RUS"),
    ("the German government", "DEU"),
    ("South Korean government", "KOR"),
    ("Russian President", "RUS"),
    ("Ukrainian Foreign Ministry", "UKR"),
    ("NATO Secretary General", "NATO"),
    ("Secretary General of NATO", "NATO"),
    ("President of Ukraine", "UKR"),
    ("Russian Foreign Ministry spokeswoman", "RUS"),
    ("European Commission President", "EU"),
]

AMBIGUOUS = [
    ("Korea", "KOR"),
    ("North Korea", "PRK"),
    ("Korean", "KOR"),
    ("North Korean", "PRK"),
    ("Pyongyang", "PRK"),
    ("Republic of Korea", "KOR"),
    ("Democratic People's Republic of Korea", "PRK"),
    ("Georgia", "GEO"),
    ("Congo", "COD"),
    ("DR Congo", "COD"),
    ("Republic of the Congo", "COG"),
    ("Congo-Brazzaville", "COG"),
    ("China", "CHN"),
    ("People's Republic of China", "CHN"),
    ("Peoples Republic of China", "CHN"),
    ("Republic of China", "TWN"),
    ("Ireland", "IRL"),
    ("Northern Ireland", "GBR"),
    ("Niger", "NER"),
    ("Nigeria", "NGA"),
    ("Sudan", "SDN"),
    ("South Sudan", "SSD"),
    ("Guinea", "GIN"),
    ("Equatorial Guinea", "GNQ"),
    ("Papua New Guinea", "PNG"),
    ("Dominica", "DMA"),
    ("Dominican Republic", "DOM"),
    ("Samoa", "WSM"),
    ("American Samoa", "ASM"),
    ("Macedonia", "MKD"),
    ("Austria", "AUT"),
    ("Australia", "AUS"),
    ("Slovakia", "SVK"),
    ("Slovenia", "SVN"),
    ("Mexico", "MEX"),
    ("New Mexico", None),
    ("South Africa", "ZAF"),
    ("Central African Republic", "CAF"),
]


@pytest.mark.parametrize(("name", "code"), NAMES)
def test_resolve_actor(name: str, code: str) -> None:
    assert actors.resolve_actor(name) == code


def test_name_table_is_large() -> None:
    assert len(NAMES) >= 150


@pytest.mark.parametrize(("name", "code"), AMBIGUOUS)
def test_ambiguous_names(name: str, code: str | None) -> None:
    assert actors.find_actor(name) == code


def test_republic_of_korea_is_not_north_korea() -> None:
    # pycountry.search_fuzzy("Republic of Korea") gives North Korea; we must not.
    assert actors.resolve_actor("Republic of Korea") == "KOR"
    assert actors.resolve_actor("Korea, Democratic People's Republic of") == "PRK"


@pytest.mark.parametrize("name", ["Atlantis", "Western countries", "allies", "", "   ", "Germny"])
def test_find_actor_unknown_is_none(name: str) -> None:
    assert actors.find_actor(name) is None


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [
        ("Germny", "Germany (DEU)"),
        ("Ukriane", "Ukraine (UKR)"),
        ("Sout Korea", "South Korea (KOR)"),
        ("Nato alliance", "NATO (NATO)"),
        ("Phillipines", "Philippines (PHL)"),
    ],
)
def test_unknown_actor_raises_with_suggestions(name: str, suggestion: str) -> None:
    with pytest.raises(UnknownActorError) as info:
        actors.resolve_actor(name)
    assert info.value.suggestions[0] == suggestion
    assert 1 <= len(info.value.suggestions) <= 3
    assert f'"{name}"' in str(info.value)
    assert suggestion in str(info.value)


def test_unknown_actor_without_any_close_name() -> None:
    with pytest.raises(UnknownActorError) as info:
        actors.resolve_actor("zzzzqqqq")
    assert info.value.suggestions == []
    assert '"zzzzqqqq"' in str(info.value)


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("KOR", "South Korea"),
        ("PRK", "North Korea"),
        ("GBR", "United Kingdom"),
        ("USA", "United States"),
        ("RUS", "Russia"),
        ("TUR", "Türkiye"),
        ("TWN", "Taiwan"),
        ("IRN", "Iran"),
        ("CZE", "Czechia"),
        ("COD", "DR Congo"),
        ("XKX", "Kosovo"),
        ("deu", "Germany"),
        ("NATO", "NATO"),
        ("EU", "European Union"),
        ("WB", "World Bank Group"),
        ("ICRC", "International Committee of the Red Cross"),
    ],
)
def test_actor_name(code: str, name: str) -> None:
    assert actors.actor_name(code) == name


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("KOR", "country"),
        ("XKX", "country"),
        ("NATO", "organisation"),
        ("EU", "organisation"),
        ("IMF", "organisation"),
        ("G20", "organisation"),
    ],
)
def test_actor_info(code: str, kind: str) -> None:
    info = actors.actor_info(code)
    assert (info.code, info.kind) == (code, kind)
    with pytest.raises(AttributeError):
        info.code = "X"  # type: ignore[misc]


def test_actor_info_unknown_code() -> None:
    with pytest.raises(UnknownActorError, match='"QQQ"'):
        actors.actor_info("QQQ")


def test_all_actors_covers_iso_and_organisations() -> None:
    infos = actors.all_actors()
    codes = [info.code for info in infos]
    assert len(codes) == len(set(codes))
    assert {c.alpha_3 for c in pycountry.countries} <= set(codes)
    assert [i.code for i in infos if i.kind == "organisation"] == sorted(ORGANISATIONS)
    assert codes.index("ZWE") < codes.index("EU")  # countries first
    assert {i.code for i in actors.all_actors(kind="organisation")} == set(ORGANISATIONS)


def test_every_code_and_name_resolves_to_itself() -> None:
    wrong = [
        (i.code, i.name)
        for i in actors.all_actors()
        if actors.find_actor(i.code) != i.code or actors.find_actor(i.name) != i.code
    ]
    assert wrong == []


@pytest.mark.parametrize(
    "variant", [str.upper, str.lower, lambda n: f"  the {n}'s ", lambda n: n.replace(" ", "  ")]
)
def test_every_name_survives_case_whitespace_and_possessive(variant: Callable[[str], str]) -> None:
    wrong = [i.name for i in actors.all_actors() if actors.find_actor(variant(i.name)) != i.code]
    assert wrong == []


@settings(deadline=None, max_examples=200)
@given(st.text(max_size=40))
def test_find_actor_never_raises(text: str) -> None:
    code = actors.find_actor(text, on=D(2023, 1, 1))
    assert code is None or actors.actor_info(code).code == code


def test_lookups_reuse_one_index() -> None:
    from aidtrack.actors.names import catalogue

    assert catalogue() is catalogue()
    actors.find_actor("South Korea")
    assert actors.find_actor("South Korea") == "KOR"


def test_no_alias_is_filed_under_another_actor() -> None:
    """An alias in the data must reach its own code (not lose to a code or earlier alias)."""
    wrong = []
    for table in ("countries", "organisations"):
        for code, entry in read_table(table).items():
            for alias in entry.get("aliases", ()):
                if actors.find_actor(alias) != code:
                    wrong.append((alias, code, actors.find_actor(alias)))
    assert wrong == []


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("the U.S.", "us"),
        ("Korea's", "korea"),
        ("  Türkiye ", "turkiye"),
        ("Côte d’Ivoire", "cote divoire"),
        ("Guinea-Bissau", "guinea bissau"),
        ("Jonas Gahr Støre", "jonas gahr store"),
        ("The The Hague", "hague"),
        ("Trinidad & Tobago", "trinidad and tobago"),
        ("Łódź", "lodz"),
        ("N.A.T.O.", "nato"),
    ],
)
def test_normalise_name(text: str, key: str) -> None:
    assert actors.normalise_name(text) == key


# -- groups ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("group", "day", "count"),
    [
        ("NATO", D(2017, 6, 4), 28),
        ("NATO", D(2017, 6, 5), 29),
        ("NATO", D(2020, 3, 27), 30),
        ("NATO", D(2023, 3, 15), 30),
        ("NATO", D(2023, 4, 4), 31),
        ("NATO", D(2024, 3, 6), 31),
        ("NATO", D(2024, 3, 7), 32),
        ("NATO", D(1949, 8, 24), 12),
        ("EU", D(2020, 1, 31), 28),
        ("EU", D(2020, 2, 1), 27),
        ("EU", D(2013, 6, 30), 27),
        ("EU", D(2013, 7, 1), 28),
        ("G7", D(2024, 1, 1), 7),
        ("OECD", D(2021, 5, 24), 37),
        ("OECD", D(2021, 5, 25), 38),
        ("OECD", D(2018, 7, 4), 35),
        ("G20", D(2024, 1, 1), 20),
    ],
)
def test_group_size_by_date(group: str, day: dt.date, count: int) -> None:
    assert len(actors.group_members(group, on=day)) == count


@pytest.mark.parametrize(
    ("group", "day", "member", "expected"),
    [
        ("NATO", D(2023, 3, 31), "FIN", False),
        ("NATO", D(2023, 4, 4), "FIN", True),
        ("NATO", D(2023, 3, 31), "SWE", False),
        ("NATO", D(2024, 3, 7), "SWE", True),
        ("NATO", D(2020, 3, 26), "MKD", False),
        ("NATO", D(2020, 3, 27), "MKD", True),
        ("NATO", D(2017, 6, 5), "MNE", True),
        ("NATO", D(2016, 1, 1), "MNE", False),
        ("EU", D(2020, 1, 31), "GBR", True),
        ("EU", D(2020, 2, 1), "GBR", False),
        ("EU", D(2022, 1, 1), "HRV", True),
        ("OECD", D(2021, 1, 1), "CRI", False),
        ("OECD", D(2021, 6, 1), "CRI", True),
        ("OECD", D(2020, 5, 1), "COL", True),
        ("OECD", D(2018, 7, 5), "LTU", True),
        ("OECD", D(2016, 7, 1), "LVA", True),
        ("OECD", D(2016, 6, 30), "LVA", False),
        ("G20", D(2024, 1, 1), "EU", True),
    ],
)
def test_group_membership_by_date(group: str, day: dt.date, member: str, expected: bool) -> None:
    assert (member in actors.group_members(group, on=day)) is expected


def test_group_members_sorted_and_named_by_name() -> None:
    members = actors.group_members("North Atlantic Treaty Organization", on=D(2023, 3, 15))
    assert members == sorted(members)
    assert members == actors.group_members("nato", on=D(2023, 3, 15))
    assert actors.group_members("G7", on=D(2024, 1, 1)) == ["CAN", "DEU", "FRA", "GBR", "ITA", "JPN", "USA"]


def test_group_members_default_is_today() -> None:
    assert actors.group_members("NATO") == actors.group_members("NATO", on=dt.date.today())
    assert {"FIN", "SWE"} <= set(actors.group_members("NATO"))


@pytest.mark.parametrize(
    ("code", "day", "groups"),
    [
        ("FIN", D(2023, 3, 1), ["EU", "OECD"]),
        ("FIN", D(2023, 5, 1), ["EU", "NATO", "OECD"]),
        ("GBR", D(2019, 6, 1), ["EU", "G20", "G7", "NATO", "OECD"]),
        ("United Kingdom", D(2021, 6, 1), ["G20", "G7", "NATO", "OECD"]),
        ("KOR", D(2024, 1, 1), ["G20", "OECD"]),
        ("UKR", D(2024, 1, 1), []),
        ("EU", D(2024, 1, 1), ["G20"]),
    ],
)
def test_groups_of(code: str, day: dt.date, groups: list[str]) -> None:
    assert actors.groups_of(code, on=day) == groups


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("NATO", True),
        ("eu", True),
        ("G7", True),
        ("OECD", True),
        ("G20", True),
        ("DEU", False),
        ("IMF", False),
        ("XYZ", False),
    ],
)
def test_is_group(code: str, expected: bool) -> None:
    assert actors.is_group(code) is expected


def test_group_members_of_a_non_group() -> None:
    with pytest.raises(ValidationError, match='"Germany" \\(DEU\\) is not a group'):
        actors.group_members("Germany")
    with pytest.raises(UnknownActorError):
        actors.group_members("Warsaw Pact")


def test_memberships_are_consistent() -> None:
    known = {i.code for i in actors.all_actors()}
    rows = actors.memberships()
    assert rows and all(m.member in known and actors.is_group(m.group) for m in rows)
    assert all(m.end is None or m.start <= m.end for m in rows)
    assert len({(m.group, m.member) for m in rows}) == len(rows)
    gbr = next(m for m in rows if (m.group, m.member) == ("EU", "GBR"))
    assert (gbr.start, gbr.end) == (D(1973, 1, 1), D(2020, 1, 31))


# -- office holders -------------------------------------------------------------------

HOLDERS = [
    ("Stoltenberg", D(2023, 1, 30), "NATO"),
    ("Jens Stoltenberg", D(2014, 10, 1), "NATO"),
    ("Stoltenberg", D(2024, 10, 1), None),
    ("Stoltenberg", D(2025, 6, 1), "NOR"),
    ("Rutte", D(2023, 5, 1), "NLD"),
    ("Mark Rutte", D(2024, 8, 1), None),
    ("Rutte", D(2025, 1, 1), "NATO"),
    ("Rutte", D(2024, 10, 1), "NATO"),
    ("Yoon Suk Yeol", D(2023, 1, 30), "KOR"),
    ("Yoon", D(2025, 4, 3), "KOR"),
    ("Yoon Suk-yeol", D(2025, 4, 4), None),
    ("Lee Jae-myung", D(2025, 6, 4), "KOR"),
    ("Lee Jae-myung", D(2025, 6, 3), None),
    ("Moon Jae-in", D(2020, 1, 1), "KOR"),
    ("Putin", D(2023, 1, 1), "RUS"),
    ("Vladimir Putin", D(2010, 1, 1), "RUS"),
    ("Peskov", D(2023, 1, 1), "RUS"),
    ("Lavrov", D(2023, 1, 1), "RUS"),
    ("Zakharova", D(2023, 1, 1), "RUS"),
    ("Medvedev", D(2023, 1, 1), "RUS"),
    ("Shoigu", D(2023, 1, 1), "RUS"),
    ("Belousov", D(2024, 6, 1), "RUS"),
    ("Zelensky", D(2023, 1, 1), "UKR"),
    ("Zelenskyy", D(2023, 1, 1), "UKR"),
    ("Volodymyr Zelenskiy", D(2024, 1, 1), "UKR"),
    ("Zelensky", D(2019, 1, 1), None),
    ("Kuleba", D(2023, 1, 1), "UKR"),
    ("Kuleba", D(2025, 1, 1), None),
    ("Sybiha", D(2025, 1, 1), "UKR"),
    ("Reznikov", D(2023, 1, 1), "UKR"),
    ("Umerov", D(2024, 1, 1), "UKR"),
    ("Shmyhal", D(2023, 1, 1), "UKR"),
    ("Yermak", D(2023, 1, 1), "UKR"),
    ("Biden", D(2023, 1, 1), "USA"),
    ("Biden", D(2025, 6, 1), None),
    ("Trump", D(2018, 1, 1), "USA"),
    ("Trump", D(2022, 1, 1), None),
    ("Donald Trump", D(2025, 6, 1), "USA"),
    ("Blinken", D(2023, 1, 1), "USA"),
    ("Rubio", D(2025, 6, 1), "USA"),
    ("Austin", D(2023, 1, 1), "USA"),
    ("Hegseth", D(2025, 6, 1), "USA"),
    ("Kirby", D(2023, 1, 1), "USA"),
    ("Sullivan", D(2023, 1, 1), "USA"),
    ("Scholz", D(2023, 1, 1), "DEU"),
    ("Merz", D(2025, 6, 1), "DEU"),
    ("Merz", D(2024, 6, 1), None),
    ("Pistorius", D(2023, 6, 1), "DEU"),
    ("Lambrecht", D(2022, 6, 1), "DEU"),
    ("Baerbock", D(2023, 1, 1), "DEU"),
    ("Baerbock", D(2025, 10, 1), "UN"),
    ("Macron", D(2023, 1, 1), "FRA"),
    ("Sunak", D(2023, 1, 1), "GBR"),
    ("Starmer", D(2025, 1, 1), "GBR"),
    ("Boris Johnson", D(2022, 3, 1), "GBR"),
    ("Truss", D(2022, 9, 20), "GBR"),
    ("Lammy", D(2025, 1, 1), "GBR"),
    ("Healey", D(2025, 1, 1), "GBR"),
    ("Kishida", D(2023, 1, 1), "JPN"),
    ("Ishiba", D(2025, 1, 1), "JPN"),
    ("Takaichi", D(2025, 11, 1), "JPN"),
    ("von der Leyen", D(2023, 1, 1), "EU"),
    ("Ursula von der Leyen", D(2018, 1, 1), "DEU"),
    ("Borrell", D(2023, 1, 1), "EU"),
    ("Kallas", D(2023, 1, 1), "EST"),
    ("Kallas", D(2025, 1, 1), "EU"),
    ("Charles Michel", D(2023, 1, 1), "EU"),
    ("António Costa", D(2025, 1, 1), "EU"),
    ("Antonio Costa", D(2020, 1, 1), "PRT"),
    ("Guterres", D(2023, 1, 1), "UN"),
    ("Georgieva", D(2023, 1, 1), "IMF"),
    ("Orban", D(2023, 1, 1), "HUN"),
    ("Orbán", D(2023, 1, 1), "HUN"),
    ("Fico", D(2024, 1, 1), "SVK"),
    ("Fico", D(2020, 1, 1), None),
    ("Erdogan", D(2023, 1, 1), "TUR"),
    ("Erdoğan", D(2023, 1, 1), "TUR"),
    ("Netanyahu", D(2023, 1, 1), "ISR"),
    ("Netanyahu", D(2022, 1, 1), None),
    ("Xi", D(2023, 1, 1), "CHN"),
    ("Xi Jinping", D(2023, 1, 1), "CHN"),
    ("Kim Jong Un", D(2023, 1, 1), "PRK"),
    ("Kim Jong-un", D(2023, 1, 1), "PRK"),
    ("Lukashenko", D(2023, 1, 1), "BLR"),
    ("Kubrakov", D(2023, 1, 1), "UKR"),
    ("Kubrakov", D(2024, 6, 1), None),
    ("Zuzana Caputova", D(2024, 7, 1), None),
    ("Pellegrini", D(2025, 1, 1), "SVK"),
    ("Dujarric", D(2023, 1, 1), "UN"),
    ("Jonas Gahr Støre", D(2023, 1, 1), "NOR"),
    # titles and roles
    ("President Yoon", D(2023, 1, 30), "KOR"),
    ("Chancellor Scholz", D(2023, 1, 1), "DEU"),
    ("NATO Secretary General Jens Stoltenberg", D(2023, 1, 30), "NATO"),
    ("Russian Foreign Minister Sergei Lavrov", D(2023, 1, 1), "RUS"),
    ("Mr. Putin", D(2023, 1, 1), "RUS"),
    ("Kremlin spokesman", D(2023, 1, 1), "RUS"),
    ("Kremlin spokesman Dmitry Peskov", D(2023, 1, 1), "RUS"),
    ("the German chancellor", D(2023, 1, 1), "DEU"),
    ("South Korean President", D(2023, 1, 1), "KOR"),
    ("Prime Minister of Japan", D(2023, 1, 1), "JPN"),
    ("Ukraine's defence ministry", D(2023, 1, 1), "UKR"),
    ("US Secretary of State", D(2023, 1, 1), "USA"),
    ("former President Trump", D(2023, 1, 1), None),
    ("ex-NATO chief Stoltenberg", D(2025, 1, 1), None),
    ("John Smith", D(2023, 1, 1), None),
    ("spokesman", D(2023, 1, 1), None),
    ("", D(2023, 1, 1), None),
]


@pytest.mark.parametrize(("person", "day", "code"), HOLDERS)
def test_office_holder(person: str, day: dt.date, code: str | None) -> None:
    assert actors.office_holder(person, on=day) == code


def test_office_holder_default_is_today() -> None:
    assert actors.office_holder("Zelensky") == actors.office_holder("Zelensky", on=dt.date.today())
    assert actors.office_holder("Stoltenberg") != "NATO"


@pytest.mark.parametrize(
    ("name", "day", "code"),
    [
        ("Stoltenberg", D(2023, 1, 30), "NATO"),
        ("Rutte", D(2023, 5, 1), "NLD"),
        ("Zelensky", D(2023, 1, 1), "UKR"),
    ],
)
def test_resolve_actor_falls_back_to_office_holders(name: str, day: dt.date, code: str) -> None:
    assert actors.resolve_actor(name, on=day) == code


def test_resolve_actor_person_out_of_office_raises() -> None:
    with pytest.raises(UnknownActorError, match='"Trump"'):
        actors.resolve_actor("Trump", on=D(2022, 1, 1))


def test_office_table_is_consistent() -> None:
    known = {i.code for i in actors.all_actors()}
    terms = actors.all_terms()
    people = {t.person for t in terms}
    assert len(people) >= 80
    assert all(t.actor in known for t in terms)
    assert all(t.start is None or t.end is None or t.start < t.end for t in terms)
    for person in people:  # terms of one person for different actors do not overlap
        mine = sorted((t for t in terms if t.person == person), key=lambda t: t.start or D(1, 1, 1))
        for before, after in zip(mine, mine[1:]):
            assert before.end is not None and after.start is not None and before.end <= after.start, person


# -- shared reference data --------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "column", "encoding"),
    [
        ("data/kiel/release29_website_csv/data_explorer.csv", "country", "utf-8-sig"),
        ("data/kiel/release28_derived_ukrainastotte/bilateral_activities.csv", "giver", "utf-8-sig"),
        ("data/kiel/release12_main_data_csv/src_ukraine_support.csv", "Countries", "utf-16"),
    ],
)
def test_every_kiel_donor_label_resolves(path: str, column: str, encoding: str) -> None:
    with shared_path(path).open(encoding=encoding, newline="") as handle:
        labels = {row[column] for row in csv.DictReader(handle)}
    assert len(labels) > 20
    assert [label for label in sorted(labels) if actors.find_actor(label) is None] == []
    assert actors.find_actor("European Investment Bank") == "EIB"


def test_world_bank_country_names_resolve_to_their_codes() -> None:
    known = {i.code for i in actors.all_actors(kind="country")}
    with shared_path("data/macro/gdp.csv").open(encoding="utf-8-sig", newline="") as handle:
        pairs = {(row["Country Name"], row["Country Code"]) for row in csv.DictReader(handle)}
    checked = [(name, code) for name, code in pairs if code in known]
    assert len(checked) > 150
    assert [(n, c, actors.find_actor(n)) for n, c in sorted(checked) if actors.find_actor(n) != c] == []


def test_gold_event_codes_are_known_actors() -> None:
    known = {i.code for i in actors.all_actors()}
    codes = set()
    for path in shared_path("eval/dev").glob("*.json"):
        for event in json.loads(path.read_text(encoding="utf-8"))["events"]:
            codes |= {
                event[k]
                for k in ("actor", "target", "donor", "recipient", "beneficiary", "via")
                if event.get(k)
            }
    assert codes and codes <= known
