"""The English-word check used by the Spanish page tests catches what it should."""

import pytest

from tests.i18n_helpers import assert_no_english, english_words_in


def test_spanish_text_passes():
    assert_no_english(
        "<main><h1>Te damos la bienvenida</h1><p>Aquí nadie te juzga.</p></main>"
    )


@pytest.mark.parametrize(
    "html",
    [
        "<p>Escribe aquí and listo</p>",
        '<img alt="Your picture" src="x.png">',
        '<button aria-label="Close this">x</button>',
        "<p>Hola, <em>The</em> fin</p>",
    ],
)
def test_english_words_are_caught(html):
    with pytest.raises(AssertionError, match="English left on the page"):
        assert_no_english(html)


def test_scripts_styles_comments_and_the_other_language_button_are_skipped():
    html = (
        "<script>var the = 1;</script><style>p { and: 0 }</style><!-- the -->"
        '<button lang="en">English</button><p>Hola</p>'
    )
    assert english_words_in(html) == []


def test_facts_and_allowed_strings_stay_as_they_are():
    html = "<p>Llama a 988 Suicide &amp; Crisis Lifeline o escribe a Kindred.</p>"
    assert_no_english(html)
    assert english_words_in("<p>Talk to me</p>", allowed=("Talk to me",)) == []


def test_main_only_reads_the_main_content():
    html = "<header>Sign in to Kindred</header><main><p>Hola</p></main>"
    assert english_words_in(html) != []
    assert english_words_in(html, main_only=True) == []
