"""Rule families added after the first rule suite: gapping, receiving, capitals, companies,
amounts per state, listed items, calibres, attacks and occupations, roles in organisations.
Sentences written for these tests, in German and English, positive and negative."""
from __future__ import annotations

import pytest
from extract_checks import has, lacks, triples


@pytest.mark.parametrize("lang,text,donor,system", [
    ("de", "Polen hat der Ukraine Krab-Haubitzen geliefert, Tschechien das System Dana.", "Czechia", "Dana"),
    ("en", "Poland has delivered Krab howitzers to Ukraine, Czechia the Dana system.", "Czechia", "Dana"),
])
def test_gapping_shares_the_verb(lang, text, donor, system):
    has(lang, text, (donor, "supplies", system), ("Poland", "supplies", "Krab"))


def test_gapping_with_a_number_only():
    has("de", "Die Niederlande wollen der Ukraine 24 F-16 übergeben, Norwegen sechs.",
        ("Netherlands", "pledges", "F_16"), ("Norway", "pledges", "F_16"))


def test_pledged_then_partly_delivered():
    has("de", "Die EU hatte der Ukraine eine Million Artilleriegeschosse zugesagt, aber nur die Hälfte geliefert.",
        ("European_Union", "pledges", "Artillery_Ammunition"), ("European_Union", "supplies", "Artillery_Ammunition"))


@pytest.mark.parametrize("lang,text", [
    ("de", "Die Ukraine hat Leopard-1-Panzer aus einem gemeinsamen Projekt Dänemarks und der Niederlande erhalten."),
    ("en", "Ukraine has received Leopard 1 tanks from Denmark and the Netherlands."),
])
def test_receiving_names_the_givers(lang, text):
    has(lang, text, ("Denmark", "supplies", "Leopard_1"), ("Netherlands", "supplies", "Leopard_1"))
    lacks(lang, text, ("Ukraine", "supplies", "Leopard_1"))


@pytest.mark.parametrize("lang,text", [
    ("de", "Nach Angaben aus Kiew hat Teheran mehr als 2.000 Shahed-Drohnen an Moskau übergeben."),
    ("en", "According to officials, Tehran has supplied more than 2,000 Shahed drones to Moscow."),
])
def test_capitals_act_for_their_state(lang, text):
    has(lang, text, ("Iran", "supplies", "Shahed_136"), ("Iran", "suppliesTo", "Russia"))
    lacks(lang, text, ("Ukraine", "supplies", "Shahed_136"))


def test_german_dative_without_article():
    has("de", "Nordkorea hat Russland Tausende Artilleriegeschosse geliefert.",
        ("North_Korea", "suppliesTo", "Russia"))
    lacks("de", "Nordkorea hat Russland Tausende Artilleriegeschosse geliefert.",
          ("North_Korea", "suppliesTo", "Ukraine"))


def test_makers_are_not_donors_where_a_state_gives():
    text = "Italy will deliver a second SAMP/T system, built by MBDA and Thales, to Ukraine."
    has("en", text, ("Italy", "pledges", "SAMP_T"))
    lacks("en", text, ("MBDA", "pledges", "SAMP_T"), ("Thales", "pledges", "SAMP_T"))


def test_amounts_per_state():
    text = ("Die Niederlande beteiligen sich mit 250 Millionen Euro an der Munitionsbeschaffung für die "
            "Ukraine, Dänemark mit 200 Millionen Euro.")
    has("de", text, ("Netherlands", "fundsFor", "Ukraine"), ("Denmark", "fundsFor", "Ukraine"))


def test_civilian_money_is_not_funding_for_defence():
    lacks("en", "Germany pays 20 million euros to rebuild schools in Ukraine.", ("Germany", "fundsFor", "Ukraine"))


@pytest.mark.parametrize("lang,text,system", [
    ("de", "Deutschland kündigte ein Paket an. Das Paket umfasst Panzerabwehrwaffen und Aufklärungsdrohnen.",
     "Anti_Tank_Weapon"),
    ("en", "Germany announced a package. The package includes anti-tank weapons and reconnaissance drones.",
     "Anti_Tank_Weapon"),
])
def test_package_lists_count_generic_items(lang, text, system):
    has(lang, text, ("Germany", "pledges", system))


@pytest.mark.parametrize("lang,text", [
    ("de", "Deutschland hat der Ukraine 5.000 Geschosse im Kaliber 155 Millimeter geliefert."),
    ("en", "Germany has delivered 5,000 155 mm shells to Ukraine."),
])
def test_calibres_name_the_ammunition(lang, text):
    has(lang, text, ("Germany", "supplies", "Ammunition_155mm"))


@pytest.mark.parametrize("lang,text,target", [
    ("de", "Russland überzieht die Ukraine seit Monaten mit Drohnenangriffen.", "Ukraine"),
    ("en", "Russia has intensified missile strikes on Ukrainian cities, including Odesa.", "Odesa"),
])
def test_attacks_carried_out_by_the_subject(lang, text, target):
    has(lang, text, ("Russia", "attacks", target))


@pytest.mark.parametrize("lang,text", [
    ("de", "Deutschland verurteilte die Angriffe."),
    ("en", "The new package will help Ukraine strike military targets."),
])
def test_no_attack_without_an_attacker_or_only_as_an_aim(lang, text):
    assert not [t for t in triples(lang, text) if t[1] == "attacks"]


def test_occupation_of_several_places():
    has("de", "Die russische Armee hält große Teile der Gebiete Donezk und Luhansk besetzt.",
        ("Russia", "occupies", "Donetsk_Oblast"))


def test_holding_the_line_is_not_occupation():
    lacks("en", "Ukrainian troops hold the line near Pokrovsk.", ("Ukraine", "occupies", "Pokrovsk"))


@pytest.mark.parametrize("lang,text,person,org", [
    ("de", "Der Generalinspekteur der Bundeswehr, General Carsten Breuer, besuchte die Truppe.",
     "Carsten_Breuer", "Bundeswehr"),
    ("en", "Rheinmetall CEO Armin Papperger visited Kyiv.", "Armin_Papperger", "Rheinmetall"),
])
def test_roles_in_organisations_keep_the_organisation(lang, text, person, org):
    got = {(s, o) for s, p, o in triples(lang, text)}
    assert (person, org) in got, sorted(triples(lang, text))


def test_role_after_whose():
    got = triples("en", "Hungary, whose Prime Minister Viktor Orban opposes the plan, did not block it.")
    assert ("Viktor_Orban", "headOfGovernmentOf", "Hungary") in got


def test_deputy_and_vice_are_not_the_office():
    got = triples("en", "Deputy Prime Minister Jane Exampleton met the US Vice President Kamala Harris.")
    assert not [t for t in got if t[1] in ("headOfGovernmentOf", "presidentOf")]


def test_questions_and_denials_are_not_deliveries():
    lacks("de", "Zur Frage einer Leopard-2-Lieferung sagte der Minister, Finnland könne helfen.",
          ("Finland", "supplies", "Leopard_2"))
    lacks("de", "Die iranische Regierung bestreitet, Drohnen an Russland geliefert zu haben.",
          ("Iran", "supplies", "Drone"))
