"""Who appears and who speaks, read from spaCy's entities and parse (issue 13).

Each test is a small text written for this project around one failure of the earlier
Title-Case rules and nearest-name pairing."""

from __future__ import annotations

import pytest

from analysis import Article, sentences
from analysis.measures import QUOTE_COLUMNS, quotes
from analysis.measures.actors import actor_mentions
from analysis.nlp.parsing import parse

from .helpers import P


def analysed(text: str):
    article = Article.from_text(text, article_id="t")
    table = sentences(article)
    parsed = parse(table)
    mentions = actor_mentions(parsed)
    return article, mentions, quotes(parsed, mentions)


def said_by(table, actor):
    rows = table[table.actor == actor]
    assert len(rows), (
        f"nothing attributed to {actor}: {table[['actor', 'content']].values.tolist()}"
    )
    return rows


def test_pronoun_goes_to_the_speaker_not_the_nearest_name():
    _, _, q = analysed(
        "Loans Row Deepens\n\n"
        "Party chairman Liam Fox said that Lord Ashcroft had lent the money in 2003.\n\n"
        '"We repay loans when they are due," he added.\n'
    )
    row = q[q.content == "We repay loans when they are due"].iloc[0]
    assert row.actor == "Liam Fox" and row.speaker == "he"
    assert row.resolved_by == "pronoun"


def test_a_rebuttal_belongs_to_the_one_who_rebuts():
    _, _, q = analysed(
        "Statue Debate\n\n"
        "Historian Mary Beard argued that the statue should stay. "
        "Activist Tom Okafor rejected her view, saying the statue glorified slavery.\n"
    )
    glorified = q[q.content.str.contains("glorified")]
    assert set(glorified.actor) == {"Tom Okafor"}
    assert "Mary Beard" in set(q.actor)


def test_an_analyst_speaks_not_the_analysts_employer_and_a_show_is_not_a_speaker():
    _, mentions, q = analysed(
        "Ratings Fall\n\n"
        "An analyst at Chatham House said the plan would fail.\n\n"
        "The Weakest Link drew five million viewers on Friday, the BBC said.\n"
    )
    analyst = q[q.content == "the plan would fail"].iloc[0]
    assert analyst.actor == "an analyst" and analyst.source_type == "unnamed source"
    assert not q.actor.fillna("").str.contains("Weakest|Chatham").any()
    viewers = q[q.content.str.contains("five million viewers")].iloc[0]
    assert viewers.actor == "BBC"


def test_capitalised_pairs_are_not_people():
    _, mentions, _ = analysed(
        "Airline Staff Plan New Year Strike\n\n"
        "Cabin crew will strike over the New Year in the South West, the union said. "
        "Human Rights groups were silent. Passengers flying the Airbus A321 were told to wait. "
        "No More Delays, a campaign group, had warned of chaos. "
        "Tourists visiting Prince William Sound in Alaska were not affected.\n"
    )
    people = set(mentions.loc[mentions.kind == "person", "actor"])
    for phrase in ("New Year", "South West", "Human Rights", "No More", "Airbus", "William Sound"):
        assert not any(phrase in p for p in people), (phrase, people)


STRIKE = (
    "Cabin Crew Vote to Strike\n\n"
    "British Airways cabin crew will strike, the University and College Union said on Monday. "
    "BA said it would run a reduced timetable.\n\n"
    "Tory leader Michael Howard said the strike was a disgrace. "
    "Former Tory chancellor Kenneth Clarke disagreed. Labour said it backed the workers.\n\n"
    "Tony Blair called for talks. Mr Blair said both sides should meet. Blair added that he was hopeful.\n\n"
    "The Lib Dems said the dispute showed the need for reform, and a Lib Dem spokesman said "
    "the Liberal Democrats would table a motion. The UCU welcomed the move.\n"
)


@pytest.fixture(scope="module")
def strike():
    return analysed(STRIKE)


def test_organisations_and_acronyms_are_one_actor(strike):
    _, mentions, _ = strike
    actors = mentions.groupby("surface")["actor"].first().to_dict()
    assert actors["British Airways"] == actors["BA"] == "British Airways"
    assert actors["UCU"] == actors["University and College Union"] == "University and College Union"
    assert actors["Labour"] == "Labour Party"
    assert actors["Tory"] == "Conservative Party"


def test_name_variants_cluster_and_different_people_stay_apart(strike):
    _, mentions, _ = strike
    blair = mentions[mentions.actor == "Tony Blair"]
    assert {"Tony Blair", "Blair"} <= set(blair.surface) and len(blair) == 3
    assert set(
        mentions.loc[
            mentions.surface.isin(["Lib Dems", "Lib Dem", "the Liberal Democrats"]), "actor"
        ]
    ) == {"Liberal Democrats"}
    howard = mentions[mentions.actor == "Michael Howard"]
    clarke = mentions[mentions.actor == "Kenneth Clarke"]
    assert len(howard) and len(clarke)
    assert set(howard.affiliation) == set(clarke.affiliation) == {"Conservative Party"}
    assert set(howard.role) == {"leader"} and set(clarke.role) == {"chancellor"}


def test_a_bare_surname_in_a_short_text_is_an_actor():
    _, mentions, q = analysed("Trump said the talks had failed.")
    assert "Trump" in set(mentions.actor)
    assert said_by(q, "Trump").iloc[0].content == "the talks had failed"


def test_scare_quotes_and_titles_are_not_attributions():
    _, _, q = analysed(
        "Budget Week\n\n"
        'The so-called "peace dividend" never arrived, and the film "Dark Water" opened on Friday. '
        "The minister said nothing.\n"
    )
    assert not q.content.str.contains("peace dividend|Dark Water").any()


def test_two_apostrophe_quotes_and_said_x_inversion():
    _, _, q = analysed(
        "Floods\n\n"
        "``We will not back down,'' Mayor Lena Ortiz said on Tuesday.\n\n"
        '"The deal is dead," said Foreign Minister Ana Ruiz.\n'
    )
    ortiz = said_by(q, "Lena Ortiz").iloc[0]
    assert ortiz.content == "We will not back down" and ortiz.kind == "direct"
    ruiz = said_by(q, "Ana Ruiz").iloc[0]
    assert ruiz.content == "The deal is dead" and ruiz.verb == "said"


def test_a_quote_running_across_paragraphs_is_one_quote():
    article, _, q = analysed(
        "River Rises\n\n"
        'Mayor Lena Ortiz said: "The river rose faster than anyone expected.\n\n'
        '"We had no warning at all, and the pumps failed," she added later.\n'
    )
    first = said_by(q, "Lena Ortiz").iloc[0]
    assert first.content.startswith("The river rose")
    assert "the pumps failed" in first.content and len(first.sentence_ids) == 2
    assert article.text[first.char_start : first.char_end].endswith("the pumps failed")


def test_quotes_of_every_style():
    _, _, q = analysed(
        "Voices\n\n"
        "“We are ready,” Anna Schmidt said. ‘We are not,’ Pedro Alves said. "
        "«Nous verrons», Marie Dubois said.\n"
    )
    contents = dict(zip(q.actor, q.content, strict=True))
    assert contents["Anna Schmidt"] == "We are ready"
    assert contents["Pedro Alves"] == "We are not"
    assert contents["Marie Dubois"] == "Nous verrons"


def test_beliefs_intentions_and_evidence_are_told_apart():
    _, _, q = analysed(
        "Drought\n\n"
        "Farmer Jo Banda believes the drought will last into spring. "
        "The government wants to ration water. "
        "A report by the Water Institute found that reservoirs were at record lows. "
        "Jo Banda said the rains would come.\n"
    )
    acts = dict(zip(q.content.str[:20], q.act, strict=True))
    assert acts["the drought will las"] == "belief"
    assert acts["reservoirs were at r"] == "evidence"
    assert acts["the rains would come"] == "statement"
    assert "intention" in set(q.act)
    evidence = q[q.act == "evidence"].iloc[0]
    assert evidence.source_type == "document" and evidence.actor == "Water Institute"


def test_offsets_of_content_speaker_and_cue_point_into_the_text(strike):
    article, _, q = strike
    assert list(q.columns) == QUOTE_COLUMNS
    text = article.text
    for row in q.itertuples():
        if row.verb and row.kind != "direct" or "…" not in row.content:
            assert text[row.char_start : row.char_end].startswith(row.content.split(" … ")[0])
        if row.speaker_start is not None and row.resolved_by != "continuation":
            assert text[row.speaker_start : row.speaker_end] == row.speaker
        if row.verb:
            assert text[row.cue_start : row.cue_end] == row.verb
    howard = said_by(q, "Michael Howard").iloc[0]
    assert text[howard.speaker_start : howard.speaker_end] == "Tory leader Michael Howard"
    assert text[howard.cue_start : howard.cue_end] == "said"


def test_colon_after_a_name_attributes_what_follows():
    _, _, q = analysed(
        "Talks\n\nThe minister met the unions.\n\nLena Ortiz: “We will rebuild every house.”\n"
    )
    row = said_by(q, "Lena Ortiz").iloc[0]
    assert row.content == "We will rebuild every house." and row.verb == ":"


def test_a_quote_that_runs_on_after_its_cue_is_one_attribution():
    _, _, q = analysed(
        'Tax Plan\n\n"This isn\'t reform," said economist Ruth Adler. "It only adds complexity."\n'
    )
    adler = said_by(q, "Ruth Adler")
    assert len(adler) == 1
    assert adler.iloc[0].quoted == ["This isn't reform", "It only adds complexity."]
    assert adler.iloc[0].content == "This isn't reform … It only adds complexity."


def test_a_quote_signed_with_a_dash_and_a_name():
    _, _, q = analysed(
        "Readers Respond\n\n"
        "“Nobody in my town was asked what we wanted from this plan.”\n\n"
        "― Maria Lopez\n"
    )
    row = said_by(q, "Maria Lopez").iloc[0]
    assert row.content.startswith("Nobody in my town") and row.resolved_by == "mention"


def test_an_unnamed_source_is_who_speaks_and_things_are_not():
    _, _, q = analysed(
        "Protests\n\n"
        "A number of tax experts said the plan was unworkable. "
        "Sweeping crackdowns add fuel to the protests.\n"
    )
    experts = q[q.content == "the plan was unworkable"].iloc[0]
    assert experts.actor == "experts" and experts.speaker == "A number of tax experts"
    assert not q.content.str.contains("fuel").any()


def test_a_noun_can_attribute_and_a_bracketed_party_tag_does_not_break_an_inversion():
    _, _, q = analysed(
        "Vote Row\n\n"
        "Officials rejected Senator Dan Hart's claim that the vote was rigged. "
        '"He would be a great senator," Rep. Ana Cole (D-Md.) said.\n'
    )
    claim = said_by(q, "Dan Hart").iloc[0]
    assert (claim.verb, claim.verb_group, claim.content) == (
        "claim",
        "distancing",
        "the vote was rigged",
    )
    assert said_by(q, "Ana Cole").iloc[0].content == "He would be a great senator"


def test_a_speakers_own_verb_inside_what_she_says_is_not_a_second_attribution():
    _, _, q = analysed(
        "Trade\n\nSenator Jo Reyes says she opposes the deal and believes it will fail.\n"
    )
    reyes = said_by(q, "Jo Reyes")
    assert len(reyes) == 1 and reyes.iloc[0].verb == "says"
    assert reyes.iloc[0].content == "she opposes the deal and believes it will fail"


# --- patterns found in the PolNeAR error analysis (texts written for this project) ----
def test_a_subject_inside_the_quote_is_not_the_source():
    # the parse gives "said" two subjects: "One" (in the quote) and Cole
    _, _, q = analysed(
        "Senate Race\n\n"
        '"She would be a fine senator. Not good, great. One of the sharpest members of '
        'the House," Rep. Ana Cole said in a phone interview.\n'
    )
    row = said_by(q, "Ana Cole").iloc[0]
    assert row.content.startswith("She would be a fine senator.")
    assert row.content.endswith("members of the House")


def test_a_cue_ending_a_paragraph_with_a_colon_takes_the_quote_below():
    _, _, q = analysed(
        "Health Debate\n\n"
        "Pollster Ray Caddock spoke on Monday.\n\n"
        "Caddock continued:\n\n"
        '"Health is very much a partisan issue. Voters split along party lines."\n'
    )
    row = said_by(q, "Ray Caddock").iloc[0]
    assert row.verb == "continued"
    assert row.content == "Health is very much a partisan issue. Voters split along party lines."


def test_continue_is_a_cue_only_with_words_after_it():
    _, _, q = analysed(
        "Talks\n\nThe negotiators from Austria continued for days without a break.\n"
    )
    assert q.empty, q[["speaker", "verb", "content"]].values.tolist()


def test_the_person_asked_is_not_the_question():
    _, _, q = analysed(
        "Concert\n\n"
        'Mara Blige sings to Senator Ruth Dale before asking her, "Where do we go from '
        'here?"\n'
    )
    row = said_by(q, "Mara Blige").iloc[0]
    assert (row.verb, row.content) == ("asking", "Where do we go from here?")


def test_a_quoted_instruction_goes_to_who_gives_it():
    _, _, q = analysed(
        "Rally\n\n"
        'Donald Trump tells his supporters at a rally in Ohio to "go to your place and '
        'vote" and then "watch the other places."\n'
    )
    row = said_by(q, "Donald Trump").iloc[0]
    assert "go to your place and vote" in row.content
    assert not (q.source_type == "unattributed").any()


def test_what_a_source_reports_others_doing_is_part_of_its_words():
    text = (
        "Shooting\n\n"
        "Police in Tulsa say Terence Crane posed a threat and refused to drop the gun.\n"
    )
    _, _, q = analysed(text)
    assert q.speaker.tolist() == ["Police in Tulsa"], q[["speaker", "verb"]].values.tolist()
    assert q.iloc[0].content == "Terence Crane posed a threat and refused to drop the gun"
    article = Article.from_text(text, article_id="t")
    table = sentences(article)
    nested = quotes(P(table), nested=True)
    assert "refused" in nested.verb.tolist()


def test_a_described_source_keeps_the_capital_of_a_name():
    text = (
        "Defense rests in perjury case\n\n"
        "Luis Posada Carriles' attorneys called just eight witnesses in eight days. "
        "Prosecutors said they would call one more witness on Monday."
    )
    table = sentences(Article.from_text(text, article_id="case"))
    found = quotes(P(table))
    actors = set(found["actor"])
    assert "prosecutors" in actors  # a common noun at a sentence's start is lower-cased
    assert not any(a.startswith("luis") for a in actors), actors


def test_a_particle_that_makes_another_verb_is_no_cue():
    text = (
        "A new concept car\n\n"
        "Hyundai showed off its new concept car on Thursday. "
        "Pagliano did not show up for the second hearing. "
        "Trump backed off some of his proposals. "
        "Sales figures show that demand is rising, and analysts pointed out that prices fell."
    )
    found = quotes(P(sentences(Article.from_text(text, article_id="cars"))))
    assert set(found["sentence_id"]) == {4}
    assert set(found["verb"]) == {"show", "pointed out"}


def test_where_and_to_whom_a_source_speaks_is_not_what_it_says():
    text = (
        "A campaign day\n\n"
        "Trump spoke to a gathering of fracking industry leaders on Monday. "
        "The senator spoke at a gathering of conservatives. "
        "Aides did not respond to requests for comment. "
        "Anderson agreed with McLenny, and Trump called for steep new tariffs."
    )
    found = quotes(P(sentences(Article.from_text(text, article_id="venue"))))
    assert set(found["sentence_id"]) == {4}
    contents = set(found["content"])
    assert "McLenny" in contents and "steep new tariffs" in contents


def test_an_editorial_label_or_a_heading_before_a_colon_is_no_speaker():
    text = (
        "An interview\n\n"
        "Stealth Over Health: Hillary Clinton was headed to the ER but diverted.\n\n"
        "CORNISH: That's a fair point, and voters will decide.\n\n"
        "Correction: An earlier version of this article gave the wrong date."
    )
    found = quotes(P(sentences(Article.from_text(text, article_id="labels"))))
    assert list(found["speaker"]) == ["CORNISH"]
    assert found["content"].iloc[0].startswith("That's a fair point")


def test_a_colon_after_a_score_a_place_or_a_label_opens_no_statement():
    text = (
        "Birmingham City 2 Bolton Wanderers 1: match report\n\n"
        "India v Sri Lanka: Mahela Jayawardene century leaves the final in balance.\n\n"
        "In Glendale the home side won easily in the end.\n\n"
        "Glendale: Fans stayed in the stands long after the whistle.\n\n"
        "Editor’s note: An earlier version misspelled a name.\n\n"
        "Chris Christie: Poll\n\n"
        "Jeff Legwold: 303-954-2359 or jlegwold@denverpost.com\n\n"
        "Grade: C\n\n"
        "Ben Foden said the win was deserved."
    )
    found = quotes(P(sentences(Article.from_text(text, article_id="labels"))))
    assert list(found["actor"]) == ["Ben Foden"]


def test_who_after_a_predicate_noun_is_the_subject_it_describes():
    text = (
        "A profile\n\n"
        "Editor’s note: Maria Lopez chairs the board and is a lawyer, writer and activist "
        "who has repeatedly warned that the plan would fail.\n\n"
        "Ana Ruiz is a nurse and a union organiser who said the wards were short of staff."
    )
    table = sentences(Article.from_text(text, article_id="who"))
    found = quotes(P(table))
    assert list(found["actor"]) == ["Maria Lopez", "Ana Ruiz"]
    assert list(found["content"]) == ["the plan would fail", "the wards were short of staff"]
    # the label names no one
    assert "Editor" not in set(actor_mentions(P(table))["actor"])


def test_capitals_labels_of_a_list_are_no_speakers_but_a_transcripts_are():
    text = (
        "How to dress\n\n"
        "TROUSERS: Should be higher-waisted, ideally with a smooth front.\n\n"
        "NECKLINES: Are more flattering when lower.\n\n"
        "CONTENT AND CAPABILITIES: The app allows customers to move from room to room.\n\n"
        "SIEGEL: That is the whole story for tonight."
    )
    found = quotes(P(sentences(Article.from_text(text, article_id="list"))))
    assert list(found["speaker"]) == ["SIEGEL"]


def test_maintain_and_assume_are_cues_only_with_what_is_held():
    text = (
        "A takeover\n\n"
        "The company will assume the mine's reclamation obligations. "
        "Putin will maintain the image of a strong leader. "
        "Officials maintain that the deal is legal, and analysts assume that prices will rise."
    )
    found = quotes(P(sentences(Article.from_text(text, article_id="hold"))))
    assert set(found["sentence_id"]) == {3}
    assert set(found["verb"]) == {"maintain", "assume"}


def test_telling_the_truth_or_a_story_is_no_statement():
    text = (
        "A speech\n\n"
        "Trump will tell the truth about things. Obama began by telling the story of "
        "Copenhagen. He told reporters that the deal was done."
    )
    found = quotes(P(sentences(Article.from_text(text, article_id="tell"))))
    assert list(found["content"]) == ["the deal was done"]


def test_a_feeling_is_no_statement_but_saying_sorry_is():
    text = (
        "Menus Change\n\n"
        "It could get harder to order fries without feeling guilty. Diners felt betrayed "
        "by the chain. Iguodala was feeling pretty good at the start of the game. "
        "Rooney said sorry for the outburst. Wootan feels that the rules will help."
    )
    found = quotes(P(sentences(Article.from_text(text, article_id="feel"))))
    assert list(found["content"]) == ["sorry for the outburst", "the rules will help"]


# ------------------------------------------------------------- who the source is
def _row(q, content_start: str):
    rows = q[q.content.str.startswith(content_start)]
    assert len(rows) == 1, q[["speaker", "actor", "content"]].values.tolist()
    return rows.iloc[0]


def test_a_title_given_once_types_every_later_mention():
    _, _, q = analysed(
        "Raid on farmhouse\n\n"
        "Police chief Maria Okafor said officers had raided the farmhouse at dawn. "
        "Okafor said three men were arrested.\n\n"
        "Tom Reyes resigned as transport secretary on Friday. Mr Reyes said he had done nothing wrong.\n"
    )
    assert _row(q, "officers had raided").source_type == "named official"
    assert _row(q, "three men were arrested").source_type == "named official"
    assert _row(q, "he had done nothing wrong").source_type == "named official"


def test_a_description_refers_to_the_actor_named_in_that_role():
    _, mentions, q = analysed(
        "Brewer cuts jobs\n\n"
        "Harlow Breweries, the country's second-largest brewer, said it would close two plants. "
        "The company said the closures would save 40m pounds a year. "
        "The firm added that beer sales had fallen for a third year.\n\n"
        "Russian President Vladimir Putin met Chinese leaders in Beijing. "
        "Russia's president said the talks were friendly.\n"
    )
    for start in ("the closures would save", "beer sales had fallen"):
        row = _row(q, start)
        assert row.actor == "Harlow Breweries" and row.source_type == "institution"
        assert row.resolved_by == "back-reference"
    assert _row(q, "the talks were friendly").actor == "Vladimir Putin"
    assert (mentions.actor == "Harlow Breweries").sum() >= 3  # the company is mentioned as such


def test_a_description_with_nothing_named_before_stays_unnamed():
    _, _, q = analysed(
        "Plant closes\n\n"
        "Two hundred workers lost their jobs on Monday. The company said demand had collapsed.\n"
    )
    row = _row(q, "demand had collapsed")
    assert row.source_type == "unnamed source" and row.resolved_by == "description"


def test_a_pronoun_goes_to_the_subject_of_the_sentence_before_not_an_earlier_speaker():
    _, _, q = analysed(
        "Minister quits\n\n"
        'David Hale resigned as home secretary on Wednesday. "I have done nothing wrong," Mr Hale said.\n\n'
        "Colin Marsh, the education secretary, was named as his successor. "
        "He said he would continue the reforms.\n"
    )
    row = _row(q, "he would continue the reforms")
    assert row.actor == "Colin Marsh" and row.resolved_by == "pronoun"


def test_a_pronoun_keeps_to_the_gender_the_article_shows():
    _, _, q = analysed(
        "Council row\n\n"
        "Mrs Ada Lowe chaired the meeting. Mr Ben Carr spoke against the budget.\n\n"
        "She said the vote would go ahead.\n"
    )
    assert _row(q, "the vote would go ahead").actor == "Ada Lowe"


@pytest.mark.parametrize(
    ("sentence", "attributed"),
    [
        ("The senator attacked the plan as reckless and unfunded.", True),
        ("Protesters attacked a journalist outside the court and beat him with sticks.", False),
        (
            "Rival Donald Trump attacked Machado in early-morning tweets and a television interview.",
            True,
        ),
        ("The minister defended his remarks on immigration.", True),
        ("The mayor refused to comment on the report.", True),
        ("The victim reported the theft to police after the raid.", False),
        ("The ministry condemned an attack on a journalist by illegal miners.", True),
    ],
)
def test_verbs_of_acts_are_cues_only_with_something_said(sentence, attributed):
    _, _, q = analysed("Report\n\n" + sentence)
    verbs = set(q.verb_lemma.dropna())
    acts = {"attack", "defend", "refuse", "report"}
    assert bool(verbs & (acts | {"condemn"})) == attributed, q[
        ["speaker", "verb", "content"]
    ].values.tolist()
    # an attack on someone is not the attacker's statement
    assert "miners" not in " ".join(q.speaker.dropna())
