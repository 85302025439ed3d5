"""Actors: who appears, resolved to one name, with role and affiliation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import Article, FramingError, sentences
from analysis.measures.actors import MENTION_COLUMNS, actor_mentions, actor_summary, cooccurrence

from .helpers import P

COFFEE = """Brazil and Kenya Sign Coffee Deal
Growers Welcome Lower Tariffs
Nairobi, Kenya – Kenyan Trade Minister Amina Odhiambo and Brazilian Agriculture Minister Carlos Mendes signed a coffee trade deal on Tuesday.
Odhiambo hailed the agreement as "a new dawn for our farmers", adding that exports would double.
Mendes insisted that Brazilian growers would not lose out. "We have protected our market," he said.
According to economists at the World Bank, prices could fall next year. Critics claimed the deal was rushed.
"It is a bad deal. Farmers were never consulted," said opposition leader Joseph Kamau. He warned of protests.
"""


@pytest.fixture(scope="module")
def seed_mentions(seed_sentences):
    return actor_mentions(P(seed_sentences))


@pytest.fixture(scope="module")
def coffee():
    table = sentences(Article.from_text(COFFEE, article_id="coffee"))
    return table, actor_mentions(P(table))


def person(mentions, name):
    rows = mentions[(mentions.actor == name) & (mentions.kind == "person")]
    assert len(rows), f"{name} not found as a person"
    return rows


def test_seed_people_with_roles_and_affiliations(seed_mentions):
    expected = {
        "Vladimir Putin": ("president", "Russia"),
        "Masoud Pezeshkian": ("president", "Iran"),
        "Sergei Lavrov": ("foreign minister", "Russia"),
        "Kazem Jalali": ("ambassador", "Iran"),
        "Qasem Soleimani": ("military commander", "Iran"),
    }
    for name, (role, affiliation) in expected.items():
        rows = person(seed_mentions, name)
        assert set(rows["role"]) == {role}, name
        assert set(rows["affiliation"]) == {affiliation}, name
    assert set(person(seed_mentions, "Donald Trump")["affiliation"]) == {"United States"}
    assert set(person(seed_mentions, "Bashar al-Assad")["affiliation"]) == {"Syria"}


def test_seed_surnames_and_descriptions_resolve_to_the_full_name(seed_mentions):
    putin = person(seed_mentions, "Vladimir Putin")
    assert set(putin["surface"]) == {"Vladimir Putin", "Putin"} and len(putin) == 3
    trump = person(seed_mentions, "Donald Trump")
    assert set(trump["surface"]) == {"Donald Trump", "The president-elect", "Trump"}
    assert set(person(seed_mentions, "Masoud Pezeshkian")["surface"]) == {
        "Masoud Pezeshkian",
        "Pezeshkian",
    }


def test_seed_countries_blocs_and_organisations(seed_mentions):
    kinds = seed_mentions.groupby("actor")["kind"].first().to_dict()
    for country in [
        "Russia",
        "Iran",
        "Ukraine",
        "United States",
        "Syria",
        "Israel",
        "Lebanon",
        "China",
        "North Korea",
    ]:
        assert kinds.get(country) == "country", country
    assert kinds["the West"] == "bloc"
    assert kinds["Hezbollah"] == "organisation"
    assert kinds["Kremlin"] == "institution"
    moscow = seed_mentions[seed_mentions.surface == "Moscow"]
    # "Moscow has used", "Moscow's broader strategy": the government; "a press
    # conference in Moscow": the city
    assert set(moscow["actor"]) == {"Russia", "Moscow"}
    assert set(moscow.loc[moscow.actor == "Russia", "role"]) == {"capital"}
    assert set(moscow.loc[moscow.actor == "Moscow", "kind"]) == {"place"}
    assert (moscow.actor == "Russia").sum() >= 3


def test_seed_unnamed_groups(seed_mentions):
    groups = seed_mentions[seed_mentions.kind == "group"]
    assert {"analysts", "Western and Ukrainian officials"} <= set(groups["actor"])
    officials = groups[groups.actor == "Western and Ukrainian officials"].iloc[0]
    assert officials.affiliation == "the West; Ukraine"


def test_mention_offsets_match_the_text(seed_article, seed_mentions):
    assert list(seed_mentions.columns) == MENTION_COLUMNS
    for row in seed_mentions.itertuples():
        assert seed_article.text[row.char_start : row.char_end] == row.surface


def test_shahed_drones_and_days_are_not_people(seed_mentions):
    people = set(seed_mentions.loc[seed_mentions.kind == "person", "actor"])
    assert not any("Shahed" in p or "Friday" in p for p in people)


def test_other_names_countries_and_titles(coffee):
    table, mentions = coffee
    odhiambo = person(mentions, "Amina Odhiambo")
    assert set(odhiambo["affiliation"]) == {"Kenya"} and set(odhiambo["role"]) == {"trade minister"}
    assert len(odhiambo) == 2  # full name, then surname
    mendes = person(mentions, "Carlos Mendes")
    assert set(mendes["affiliation"]) == {"Brazil"}
    kamau = person(mentions, "Joseph Kamau")
    assert set(kamau["role"]) == {"opposition leader"}
    assert {"economists", "critics"} <= set(mentions.loc[mentions.kind == "group", "actor"])
    assert "World Bank" in set(mentions.loc[mentions.kind == "organisation", "actor"])


def test_summary_counts(seed_sentences, seed_mentions):
    summary = actor_summary(seed_mentions, seed_sentences).set_index("actor")
    assert summary.at["Vladimir Putin", "n_mentions"] == 3
    assert summary.at["Vladimir Putin", "first_sentence_id"] == 2
    assert summary.at["Vladimir Putin", "roles"] == "president"
    assert summary.at["Russia", "share_of_sentences"] == pytest.approx(
        seed_mentions.loc[seed_mentions.actor == "Russia", "sentence_id"].nunique()
        / len(seed_sentences)
    )
    assert summary.index[0] in {"Russia", "Iran"}


def test_user_alias_file_changes_resolution(tmp_path, seed_sentences):
    path = tmp_path / "aliases.yaml"
    path.write_text(
        "actors:\n"
        "  - name: Shahed\n    kind: organisation\n    affiliation: Iran\n"
        "aliases:\n  Kremlin: Russia\n  Vladimir Putin: Russia\n",
        encoding="utf-8",
    )
    mentions = actor_mentions(P(seed_sentences), aliases=path)
    assert "Kremlin" not in set(mentions["actor"])
    assert set(mentions.loc[mentions.surface == "the Kremlin", "actor"]) == {"Russia"}
    assert set(mentions.loc[mentions.surface == "Putin", "actor"]) == {"Russia"}
    assert set(mentions.loc[mentions.surface == "Shahed", "actor"]) == {"Shahed"}


def test_bad_alias_file(tmp_path, seed_sentences):
    with pytest.raises(FramingError, match="not found"):
        actor_mentions(P(seed_sentences), aliases=tmp_path / "missing.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors:\n  - kind: person\n", encoding="utf-8")
    with pytest.raises(FramingError, match="needs a name"):
        actor_mentions(P(seed_sentences), aliases=bad)


def test_article_with_no_actors_gives_empty_tables():
    table = sentences(
        Article.from_text("The weather was mild. It rained a little in the afternoon.")
    )
    mentions = actor_mentions(P(table))
    assert mentions.empty and list(mentions.columns) == MENTION_COLUMNS
    assert actor_summary(mentions).empty
    edges, graph = cooccurrence(mentions)
    assert edges.empty and graph.number_of_nodes() == 0


def test_cooccurrence(seed_mentions):
    edges, graph = cooccurrence(seed_mentions, kinds=["person", "country"])
    pairs = {(r.source, r.target): r for r in edges.itertuples()}
    assert ("Russia", "Vladimir Putin") in pairs
    assert pairs[("Iran", "Russia")].weight >= 5
    assert graph.has_edge("Donald Trump", "Iran")
    assert graph.nodes["Vladimir Putin"]["kind"] == "person"
    wider, _ = cooccurrence(seed_mentions, window=1)
    assert len(wider) >= len(cooccurrence(seed_mentions)[0])
    with pytest.raises(ValueError, match="window"):
        cooccurrence(seed_mentions, window="page")


def test_mentions_need_a_sentence_table():
    with pytest.raises(FramingError, match="sentence table"):
        actor_mentions(P(pd.DataFrame({"x": [1]})))


def test_actor_plots_return_their_axes(seed_sentences, seed_mentions):
    import matplotlib.pyplot as plt

    from analysis.measures import hedging, hedging_summary, quotes
    from analysis.report.plots import (
        plot_actor_mentions,
        plot_cooccurrence,
        plot_hedging,
        plot_who_speaks,
    )

    fig, axes = plt.subplots(2, 2)
    summary = actor_summary(seed_mentions, seed_sentences)
    assert plot_actor_mentions(summary, ax=axes[0, 0], top_n=6) is axes[0, 0]
    assert [t.get_text() for t in axes[0, 0].get_yticklabels()][-1] == summary.actor.iloc[0]
    said = quotes(P(seed_sentences), seed_mentions)
    assert plot_who_speaks(said, ax=axes[0, 1]) is axes[0, 1]
    assert any("Vladimir Putin" in t.get_text() for t in axes[0, 1].get_yticklabels())
    _, graph = cooccurrence(seed_mentions)
    assert plot_cooccurrence(graph, ax=axes[1, 0]) is axes[1, 0]
    first = [
        tuple(np.round(c.get_offsets()[0], 6))
        for c in axes[1, 0].collections
        if hasattr(c, "get_offsets") and len(c.get_offsets())
    ]
    fig2, ax2 = plt.subplots()
    plot_cooccurrence(graph, ax=ax2)
    second = [
        tuple(np.round(c.get_offsets()[0], 6))
        for c in ax2.collections
        if hasattr(c, "get_offsets") and len(c.get_offsets())
    ]
    assert first == second  # deterministic layout
    assert (
        plot_hedging(hedging_summary(hedging(P(seed_sentences)), by="section"), ax=axes[1, 1])
        is axes[1, 1]
    )


SISTERS = """Actress expecting first child

April 1, 2011 - "Bones" actress Emily Deschanel and her husband are expecting their first child.

Her sister, the actress Zooey Deschanel, confirmed the news on Thursday.

Fans of Emily Deschanel sent their wishes.
"""


def test_a_given_name_keeps_two_people_of_one_surname_apart():
    # spaCy reads the first "Emily Deschanel" as part of a date and the last not as a
    # person; the bare surname used to go to the only full name it knew, her sister
    table = sentences(Article.from_text(SISTERS, article_id="sisters"))
    mentions = actor_mentions(P(table))
    emily = person(mentions, "Emily Deschanel")
    assert set(emily["sentence_id"]) == {1, 3}
    assert set(emily["surface"]) == {"Emily Deschanel"}
    assert set(person(mentions, "Zooey Deschanel")["sentence_id"]) == {2}


def test_an_entity_ending_with_a_known_name_is_that_person():
    text = (
        "The Bones Star Emily Deschanel is pregnant\n\n"
        "Emily Deschanel, who plays a forensic anthropologist, is expecting her first child.\n\n"
        "Her sister Zooey Deschanel said she was delighted."
    )
    table = sentences(Article.from_text(text, article_id="star"))
    mentions = actor_mentions(P(table))
    headline = mentions[mentions["sentence_id"] == 0]
    assert list(headline["actor"]) == ["Emily Deschanel"]
    assert list(headline["kind"]) == ["person"]
    assert "The Bones Star Emily Deschanel" not in set(mentions["actor"])


def test_a_numbered_bill_is_not_a_person():
    text = (
        "Utah repeals records law\n\n"
        "The people spoke: House Bill 477 is no more. Governor Gary Herbert signed the repeal "
        "on Friday, and Bill 12 was withdrawn."
    )
    table = sentences(Article.from_text(text, article_id="bill"))
    mentions = actor_mentions(P(table))
    people = set(mentions.loc[mentions["kind"] == "person", "actor"])
    assert "Gary Herbert" in people
    assert not {p for p in people if "Bill" in p}, people


def test_a_name_with_the_article_is_no_person_but_a_modifier_still_is():
    text = (
        "Dodgers raise payroll\n\n"
        "The Dodgers' opening-day payroll was higher this year than it was in 2009, the team said. "
        "The Dodgers will pay their players more than $95 million. "
        "Manager Joe Torre said the Clinton campaign had called him."
    )
    mentions = actor_mentions(P(sentences(Article.from_text(text, article_id="dodgers"))))
    kinds = dict(zip(mentions["actor"], mentions["kind"], strict=False))
    assert kinds["Dodgers"] == "group"  # spaCy reads "the Dodgers" as a PERSON
    assert kinds["Clinton"] == "person"  # "the" belongs to "campaign" here
    assert kinds["Joe Torre"] == "person"


POSADA = (
    "Defense rests in Cuban ex-CIA agent's perjury case\n\n"
    "EL PASO, Texas – Luis Posada Carriles' attorneys rested their case on Monday. "
    "Posada's face is plastered on billboards in his native Cuba. "
    "Prosecutors charged Posada with 11 counts of immigration fraud. "
    "In 1998, Posada said he masterminded the blasts. "
    "Posada was arrested in Panama in 2000. "
    "Posada says he paid a smuggler to drive him to Houston."
)


def test_a_name_read_as_a_place_is_a_person_when_written_of_as_one():
    # spaCy reads "Posada" as an organisation or a place and the full name as an
    # organisation; the article charges and arrests him, and he says things
    mentions = actor_mentions(P(sentences(Article.from_text(POSADA, article_id="posada"))))
    posada = person(mentions, "Luis Posada Carriles")
    assert set(posada["sentence_id"]) == {1, 2, 3, 4, 5, 6}
    assert "Posada" not in set(mentions["actor"])
    kinds = dict(zip(mentions["actor"], mentions["kind"], strict=False))
    assert kinds["Panama"] == "place" and kinds["Cuba"] == "country"


def test_a_firm_written_of_as_a_thing_stays_a_firm():
    text = (
        "Acme cuts jobs\n\n"
        "Acme Corp said it would cut 500 jobs. Acme Corp said it expects lower sales. "
        "Analysts said Acme Corp was charged with fraud last year."
    )
    mentions = actor_mentions(P(sentences(Article.from_text(text, article_id="acme"))))
    assert set(mentions.loc[mentions["actor"].str.contains("Acme"), "kind"]) == {"organisation"}


def test_an_acronym_read_as_a_place_joins_the_body_it_stands_for():
    text = (
        "Veteran suicides rise\n\n"
        "About 20 veterans take their own lives every day, according to the Department of "
        "Veterans Affairs. The VA said its hotline took more calls than ever. "
        "Critics say the VA has been slow to hire counsellors in Virginia."
    )
    mentions = actor_mentions(P(sentences(Article.from_text(text, article_id="va"))))
    body = mentions[mentions["actor"] == "Department of Veterans Affairs"]
    assert set(body["sentence_id"]) == {1, 2, 3}
    assert set(body["kind"]) == {"organisation"}
    assert "VA" not in set(mentions["actor"])


def test_names_that_differ_only_in_case_are_one_actor():
    text = (
        "Wealthy voters leave the party\n\n"
        "Wealthy voters are abandoning the Republican Party, a poll found. "
        "The Republican party has lost its lead among them. "
        "Analysts at the Pew Research Center said the RNC would respond."
    )
    mentions = actor_mentions(P(sentences(Article.from_text(text, article_id="gop"))))
    party = [a for a in set(mentions["actor"]) if a.casefold() == "republican party"]
    assert party == ["Republican Party"]
    assert len(mentions[mentions["actor"] == "Republican Party"]) == 2


def test_a_page_artefact_before_a_name_is_not_part_of_it():
    text = (
        "James Cameron and the future of cinema\n\n"
        "James Cameron spoke to cinema owners in Las Vegas on Wednesday.\n\n"
        "Advertisement Cameron wants the industry standard to change to 48 frames a second."
    )
    mentions = actor_mentions(P(sentences(Article.from_text(text, article_id="cameron"))))
    assert set(mentions["actor"]) >= {"James Cameron"}
    assert not any("Advertisement" in a for a in mentions["actor"])
    assert set(person(mentions, "James Cameron")["sentence_id"]) >= {1, 2}


def test_a_full_name_with_and_without_its_middle_initial_is_one_person():
    text = (
        "Sanders attacks developer's tax breaks\n\n"
        "Senator Bernie Sanders said on Monday that Donald Trump had used tax breaks "
        "that ordinary families never see.\n\n"
        "A 1990 profile praised Donald J. Trump for his comeback after years of debt.\n\n"
        "Donald Trump did not answer questions about his returns, and Trump's campaign "
        "called the attack desperate."
    )
    mentions = actor_mentions(P(sentences(Article.from_text(text, article_id="tax"))))
    people = set(mentions.loc[mentions["kind"] == "person", "actor"])
    assert "Donald J. Trump" not in people
    trump = person(mentions, "Donald Trump")
    assert set(trump["sentence_id"]) == {1, 2, 3}
    assert "Donald J. Trump" in set(trump["surface"])


def test_two_longer_forms_of_a_short_name_stay_apart():
    text = (
        "Two presidents in one library\n\n"
        "George H. W. Bush opened the archive, and his son George W. Bush spoke after him.\n\n"
        "Visitors asked which George Bush the portrait in the hall showed."
    )
    mentions = actor_mentions(P(sentences(Article.from_text(text, article_id="bush"))))
    people = set(mentions.loc[mentions["kind"] == "person", "actor"])
    assert {"George H. W. Bush", "George W. Bush"} <= people


def test_the_times_after_the_new_york_times_is_that_paper():
    text = (
        "Paper revisits old story\n\n"
        "The New York Times reported on Saturday that the developer had claimed a large "
        "loss in 1995.\n\n"
        "Twenty years earlier, a Times article had praised the same developer, and the "
        "Times said on Sunday that both stories stood."
    )
    mentions = actor_mentions(P(sentences(Article.from_text(text, article_id="times"))))
    assert "Times" not in set(mentions["actor"])
    paper = mentions[mentions["actor"] == "New York Times"]
    assert set(paper["sentence_id"]) == {1, 2}
    assert set(paper["kind"]) == {"media"}


def test_abbreviations_of_things_are_not_organisations():
    text = (
        "Vegetarians weigh less, study finds\n\n"
        "Vegetarians had a lower BMI than meat eaters, researchers told the FDA on "
        "Tuesday. The firm's IPO raised $2 billion at 10:00 GMT, and its LTE network "
        "reached NATO bases."
    )
    mentions = actor_mentions(P(sentences(Article.from_text(text, article_id="bmi"))))
    actors = set(mentions["actor"])
    assert not {"BMI", "IPO", "GMT", "LTE"} & actors
    assert {"FDA", "NATO"} <= actors


def role_of(mentions: pd.DataFrame, name: str) -> set[str]:
    return set(mentions.loc[mentions["actor"] == name, "role"])


def test_an_abbreviated_title_before_a_name_gives_the_role():
    text = (
        "Drought talks stall\n\n"
        "Gov. Jerry Brown met Sen. Dianne Feinstein and Rep. Kevin McCarthy in Fresno on "
        "Monday. Lt. Gov. Gavin Newsom and Gen. Mark Milley did not attend.\n\n"
        "Attorney General Xavier Becerra said the state would sue."
    )
    mentions = actor_mentions(P(sentences(Article.from_text(text, article_id="gov"))))
    assert role_of(mentions, "Jerry Brown") == {"governor"}
    assert role_of(mentions, "Dianne Feinstein") == {"senator"}
    assert role_of(mentions, "Kevin McCarthy") == {"representative"}
    assert role_of(mentions, "Gavin Newsom") == {"lieutenant governor"}
    assert role_of(mentions, "Mark Milley") == {"general"}
    assert role_of(mentions, "Xavier Becerra") == {"attorney general"}


def test_an_honorific_leaves_the_role_to_the_apposition_or_the_title_before_it():
    text = (
        "Screening offers little benefit, study says\n\n"
        "Mr. Anthony Weiner, a writer in Brooklyn, said the results surprised him. "
        "Dr. Helen Park, an economist at the Karolinska Institute, disagreed.\n\n"
        "Study author Dr. Gabriel Sandblom said more work was needed."
    )
    mentions = actor_mentions(P(sentences(Article.from_text(text, article_id="dr"))))
    assert role_of(mentions, "Anthony Weiner") == {"writer"}
    assert role_of(mentions, "Helen Park") == {"economist"}
    assert role_of(mentions, "Gabriel Sandblom") == {"author"}


def test_a_title_after_an_honorific_names_no_one():
    text = (
        "Trump makes a demand of Obama\n\n"
        "Speaking at a rally in Novi, Michigan, Donald Trump made a demand of Barack "
        'Obama. "Mr. President, will you pledge not to issue a pardon?" he asked.'
    )
    mentions = actor_mentions(P(sentences(Article.from_text(text, article_id="mr"))))
    people = set(mentions.loc[mentions["kind"] == "person", "actor"])
    assert "President" not in people
    assert {"Donald Trump", "Barack Obama"} <= people


def test_a_body_found_by_the_parse_is_no_person_and_a_lone_adjective_no_actor():
    text = (
        "Ethnic vote could decide swing states\n\n"
        "The stance is hammered home to large communities of Eastern and Northern European "
        "heritage. The Central and East European Coalition wants to preserve its policy."
    )
    mentions = actor_mentions(P(sentences(Article.from_text(text, article_id="cee"))))
    assert "Eastern" not in set(mentions["actor"])
    coalition = mentions[mentions["actor"].str.endswith("Coalition")]
    assert len(coalition) == 1
    assert set(coalition["kind"]) == {"organisation"}


def test_a_surname_with_a_capitalised_particle_or_another_apostrophe_is_the_same_person():
    text = (
        "De Blasio says blast was intentional\n\n"
        "Mayor Bill de Blasio described the explosion as an intentional act. NYPD "
        "Commissioner James O\u2019Neill said the cause was unknown.\n\n"
        "De Blasio said there was no link to terrorism, and O'Neill agreed."
    )
    mentions = actor_mentions(P(sentences(Article.from_text(text, article_id="nyc"))))
    people = set(mentions.loc[mentions["kind"] == "person", "actor"])
    assert people == {"Bill de Blasio", "James O\u2019Neill"}, people
    assert len(person(mentions, "Bill de Blasio")) == 3
    assert len(person(mentions, "James O\u2019Neill")) == 2


def test_a_company_the_model_takes_for_a_person_is_an_organisation_and_holds_no_title():
    text = (
        "Tax Break for a Tech Firm\n"
        "And Twitter needs a lot more space. The mayor supports the plan. Twitter declined "
        "to comment. Facebook said it would hire. Mayor Ed Lee announced the deal. "
        "Vladimir Putin spoke on Monday. The president added that talks would go on."
    )
    found = actor_mentions(P(sentences(Article.from_text(text, article_id="firm"))))
    kinds = found.groupby("actor")["kind"].agg(set).to_dict()
    assert kinds["Twitter"] == {"organisation"} and kinds["Facebook"] == {"organisation"}
    # so "the mayor" after it is not the company
    mayor = found[found.surface == "The mayor"]
    assert "Twitter" not in set(mayor.actor)
    assert not found[(found.actor == "Twitter") & (found.role != "")].shape[0]
    # the one person of the sentence before still takes the description
    president = found[found.surface == "The president"]
    assert president.actor.tolist() == ["Vladimir Putin"]


def test_a_surname_of_a_named_person_is_that_person_not_a_gazetteer_entry():
    text = (
        "Page and His Hero\n"
        "Page has wanted to control his legacy since reading a biography of the inventor "
        "Nikola Tesla before he was even in high school. Tesla wasn't rewarded or widely "
        "recognized for his breakthroughs. "
        "Richard Wagner was a composer. Wagner wrote long operas."
    )
    found = actor_mentions(P(sentences(Article.from_text(text, article_id="tesla"))))
    by_sentence = found.set_index("surface")
    assert by_sentence.loc["Tesla", "actor"] == "Nikola Tesla"
    assert by_sentence.loc["Wagner", "actor"] == "Richard Wagner"
    assert set(found.kind) == {"person"}


def _mentions(text: str):
    return actor_mentions(P(sentences(Article.from_text(text))))


def test_companies_are_typed_from_what_the_text_says_of_them():
    m = _mentions(
        "Oil firm sale\n\n"
        "Yarrow shares fell 5% after the court refused to halt the sale. "
        "Shares in Yarrow have lost most of their value. "
        "Quillfast, the diet drinks maker, said sales had fallen. "
        "Mr Tarrant said he would appeal."
    )
    kinds = dict(zip(m.actor, m.kind, strict=False))
    assert kinds["Yarrow"] == "organisation" and kinds["Quillfast"] == "organisation"
    assert kinds["Tarrant"] == "person"


def test_a_short_form_is_the_same_actor_and_honours_are_not_actors():
    m = _mentions(
        "Sale completed\n\n"
        "Baikal Finance Group bought the unit on Sunday. Baikal said it would keep the staff. "
        "John Smith QC told the court the sale was unlawful. Jane Doe MP said it was a scandal."
    )
    assert set(m.loc[m.surface == "Baikal", "actor"]) == {"Baikal Finance Group"}
    assert "John Smith" in set(m.actor) and not any("QC" in a for a in m.actor)
    assert not any(a in ("QC", "MP") for a in m.actor)


def test_shouted_words_and_headline_fragments_are_not_actors():
    m = _mentions(
        "Yarrow Auction Goes Ahead\n\n"
        "Yarrow shares fell after the auction. VOTE NOW for the best team. "
        "NATO said the BBC had reported it."
    )
    actors = set(m.actor)
    assert "VOTE NOW" not in actors and "Yarrow Auction" not in actors
    assert {"NATO", "BBC"} <= actors or {"NATO"} <= actors


def test_the_groups_a_story_is_about_are_actors():
    m = _mentions(
        "Raid\n\nPolice raided the offices on Monday. The government denied any role in the raid."
    )
    kinds = dict(zip(m.actor.str.lower(), m.kind, strict=False))
    assert kinds.get("police") == "institution" and kinds.get("government") == "institution"


def test_a_capital_is_the_city_where_it_is_a_place_and_the_state_where_it_acts():
    m = _mentions(
        "Talks\n\n"
        "Talks in Amsterdam failed on Friday. Moscow said the sale was legal. "
        "A Tehran court jailed the reporter."
    )
    rows = {r.surface: (r.actor, r.kind) for r in m.itertuples()}
    assert rows["Amsterdam"] == ("Amsterdam", "place")
    assert rows["Moscow"] == ("Russia", "country")
    assert rows["Tehran"] == ("Tehran", "place")
