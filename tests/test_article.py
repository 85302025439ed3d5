"""Article structure: headline, standfirst, dateline, headings, paragraphs."""

from __future__ import annotations

import warnings

import pytest

from analysis import Article, EmptyArticleError, NotEnglishWarning, sentences
from analysis.measures import quotes
from analysis.measures.actors import actor_mentions
from analysis.paths import PROJECT_ROOT

from .helpers import P

SHARED_SEED = PROJECT_ROOT.parent / "shared" / "seeds" / "000_1b57a3ab414f51ac.txt"


def test_seed_is_byte_identical_to_the_shared_seed(seed_path):
    if not SHARED_SEED.exists():
        pytest.skip("../shared/seeds is not beside this checkout")
    assert seed_path.read_bytes() == SHARED_SEED.read_bytes()


def test_seed_headline_standfirst_and_dateline(seed_article):
    assert seed_article.title == "Russia and Iran Sign Strategic Partnership Treaty in Moscow"
    assert seed_article.subtitle.startswith("Leaders Hail Agreement Covering Trade")
    assert seed_article.dateline == "Moscow, Russia"
    start, end = seed_article.dateline_span
    assert seed_article.text[start:end] == "Moscow, Russia"
    assert seed_article.article_id == "russia-iran-treaty"


def test_seed_sections_and_paragraphs(seed_article):
    assert seed_article.headings == [
        'A "Breakthrough" Pact',
        "Growing Military and Economic Ties",
        "Geopolitical Ramifications",
    ]
    sections = seed_article.sections
    assert [s.title for s in sections] == ["Lead", *seed_article.headings]
    assert [len(s.paragraphs) for s in sections] == [2, 3, 3, 4]
    lead = sections[0].paragraphs[0].text
    assert lead.startswith("Moscow, Russia – Iranian President Masoud Pezeshkian")
    # the cut-off last paragraph is kept whole
    assert sections[-1].paragraphs[-1].text.endswith("challenge U.S.-led global dominanc")


def test_every_block_span_points_into_the_text(seed_article):
    for block in seed_article.blocks:
        assert seed_article.text[block.start : block.end] == block.text


def test_raw_text_without_title_is_all_body():
    article = Article.from_text(
        "The minister resigned on Monday. Nobody was surprised by the news."
    )
    assert article.title is None
    assert [b.role for b in article.blocks] == ["body"]


def test_single_sentence_article():
    article = Article.from_text("Officials said the bridge would reopen on Friday.")
    assert len(article.paragraphs) == 1


def test_title_argument_is_put_in_front_of_the_text():
    article = Article.from_text(
        "Talks resumed in Geneva on Monday.\n\nBoth sides said progress was slow.",
        title="Talks Resume",
    )
    assert article.title == "Talks Resume"
    assert article.text.startswith("Talks Resume\n\nTalks resumed")
    assert [b.role for b in article.blocks] == ["headline", "body", "body"]


def test_datelines_of_several_forms():
    for text, place in [
        ("Storm Hits Coast\nWASHINGTON (Reuters) - A storm hit the coast on Monday.", "WASHINGTON"),
        ("Storm Hits Coast\nLIMA, Peru, March 3 (AP) — Heavy rain fell overnight.", "LIMA, Peru"),
        ("Storm Hits Coast\nNairobi, Kenya – The rain stopped.", "Nairobi, Kenya"),
        # a wire dateline whose dash was lost on the way
        (
            "Storm Hits Coast\nAUBURN HILLS, Mich. (AP) Dennis Rodman has been voted in.",
            "AUBURN HILLS, Mich.",
        ),
        ("Storm Hits Coast\nLOS ANGELES (AP) A savage beating left a fan hurt.", "LOS ANGELES"),
        # closed by a colon, as Indian and some wire desks write it
        ("Bilt Shelves Issue\nNEW DELHI: The largest paper maker has postponed it.", "NEW DELHI"),
    ]:
        assert Article.from_text(text).dateline == place, text
    assert (
        Article.from_text("Storm Hits Coast\nThe rain stopped - at last - on Monday.").dateline
        is None
    )
    # without the dash, a sentence opening with a name and a parenthesis is no dateline
    assert Article.from_text("Storm Hits Coast\nHenry Ford (1863) Built cars.").dateline is None
    assert Article.from_text("Storm Hits Coast\nUN (United Nations) Envoys met.").dateline is None
    assert (
        Article.from_text(
            "Storm Hits Coast\nNATO (North Atlantic Treaty Organization) Secretary General Mark Rutte spoke."
        ).dateline
        is None
    )


def test_a_colon_dateline_is_no_speaker_but_a_transcripts_first_turn_is_no_dateline():
    text = "Pages Hit\nSEATTLE: More than one million pages were hit by an attack.\nIt spread fast."
    table = sentences(Article.from_text(text))
    assert table[table.role == "body"].iloc[0].text.startswith("More than one million")
    assert quotes(P(table)).empty
    # a Title Case lead is a heading or a speaker, never a dateline
    assert Article.from_text("Poll\nSanders: Clinton needs to get away from this.").dateline is None
    transcript = "An interview\nINSKEEP: Good morning.\nMONTAGNE: Good morning to you."
    article = Article.from_text(transcript)
    assert article.dateline is None
    assert list(quotes(P(sentences(article)))["speaker"]) == ["INSKEEP", "MONTAGNE"]


def test_the_first_sentence_starts_after_a_dateline_without_its_dash():
    text = "Rodman Enters Hall of Fame\nAUBURN HILLS, Mich. (AP) Dennis Rodman has been voted into the Hall of Fame.\nHe said he was thrilled."
    table = sentences(Article.from_text(text))
    first = table[table.role == "body"].iloc[0]
    assert first.text.startswith("Dennis Rodman has been voted")
    people = actor_mentions(P(table))
    assert "AUBURN HILLS" not in set(people.actor)


def test_hard_wrapped_lines_join_into_one_paragraph():
    article = Article.from_text(
        "Budget Passes\nThe parliament passed the budget after a long\nnight of debate on Tuesday.\nThe opposition walked out."
    )
    body = [b.text for b in article.paragraphs]
    assert body == [
        "The parliament passed the budget after a long\nnight of debate on Tuesday.",
        "The opposition walked out.",
    ]


def test_markdown_front_matter_headings_and_italic_standfirst():
    text = (
        "---\ntitle: Port Strike Ends\noutlet: The Harbour Gazette\ndate: 2024-05-01\nid: port-strike\n---\n"
        "# Port Strike Ends\n\n*Dockers accept a new pay offer after six weeks*\n\n"
        "ROTTERDAM – Dockers voted to end the strike\non Friday. Ships began to move.\n\n"
        "## What Comes Next\n\nUnions said talks would continue.\n"
    )
    article = Article.from_text(text, markdown=True)
    assert article.article_id == "port-strike"
    assert article.outlet == "The Harbour Gazette"
    assert article.date == "2024-05-01"
    assert article.title == "Port Strike Ends"
    assert article.subtitle == "Dockers accept a new pay offer after six weeks"
    assert article.dateline == "ROTTERDAM"
    assert article.headings == ["What Comes Next"]
    assert not article.text.startswith("---")


@pytest.mark.parametrize("text", ["", "   \n\t  \n"])
def test_empty_text_is_refused(text):
    with pytest.raises(EmptyArticleError, match="no text"):
        Article.from_text(text)


def test_non_english_text_loads_with_a_warning():
    text = "Der Vertrag wurde am Freitag in Moskau unterzeichnet und soll die Beziehungen zwischen beiden Ländern für zwanzig Jahre stärken."
    with pytest.warns(NotEnglishWarning, match="does not look like English"):
        article = Article.from_text(text)
    assert article.paragraphs


def test_english_text_gives_no_language_warning(seed_path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        Article.from_text(seed_path.read_text(encoding="utf-8"))


def test_hard_wrapped_text_with_blank_line_paragraphs():
    para1 = (
        "The central bank raised its main interest rate by half a point on\n"
        "Thursday, the third increase this year, saying that inflation was\n"
        "still far above the level it considers healthy for the economy.\n"
    )
    para2 = (
        "Economists had expected a smaller move. Shares fell in early trading\n"
        "and the currency rose against the dollar and the euro on the news\n"
        "before recovering some of the losses later in the afternoon session.\n"
    )
    article = Article.from_text(f"Bank Raises Rates Again\n\n{para1}\n{para2}")
    assert article.title == "Bank Raises Rates Again"
    assert len(article.paragraphs) == 2
    assert article.paragraphs[1].text.startswith("Economists had expected")


def test_html_character_references_in_text_are_read_as_characters(tmp_path):
    from analysis import load_article

    raw = (
        "&#039;Bones&#039; star expecting first child\n\n"
        "The actress told fans &quot;we are thrilled&quot; in a statement to AT&T &amp; R&D staff.\n"
    )
    path = tmp_path / "feed.txt"
    path.write_text(raw, encoding="utf-8")
    article = load_article(path)
    assert article.title == "'Bones' star expecting first child"
    assert '"we are thrilled"' in article.text
    assert "AT&T & R&D staff" in article.text  # a bare ampersand stays as written
    assert "&#039;" not in article.text and "&quot;" not in article.text
    assert path.read_text(encoding="utf-8") == raw  # the file is read, never rewritten
    # only complete references: "&nothing" is a word, "&#0;" stands for no character
    kept = Article.from_text("Headline\n\nA &nothing and &#0; and &unknown; here.")
    assert "A &nothing and &#0; and &unknown; here." in kept.text


def test_a_given_title_already_on_the_first_line_is_not_repeated():
    text = "Rules Face Key Test In U.S. Court.\n\nThe rules face a test on Tuesday, officials said."
    article = Article.from_text(text, title="Rules Face Key Test In U.S. Court")
    from analysis import sentences

    table = sentences(article)
    assert table["role"].tolist() == ["headline", "body"]
    assert article.text == text  # the headline was not put in front a second time
    other = Article.from_text("The rules face a test.", title="Rules Face Key Test")
    assert sentences(other)["role"].tolist() == ["headline", "body"]
