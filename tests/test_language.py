"""documents.lang: the CJK ratio names Chinese without a model; other text goes to
langdetect's Rust port (seeded, so the same text always gets the same answer), read
after the frontmatter; text with no letters gets no language rather than a guess."""
import pytest

from pipeline.ingest.parse import detect_language

CASES = [
    ("The new model answers questions faster than its predecessor and costs less per token.", "en"),
    ("Le nouveau modèle répond plus vite que le précédent et coûte moins cher par jeton.", "fr"),
    ("Das neue Modell antwortet schneller als sein Vorgänger und kostet weniger pro Token.", "de"),
    ("新模型的回答速度比上一代更快，每个词元的价格也更低。", "zh"),
    ("---\ntitle: Ein Bericht\n---\nThe benchmark table below lists scores for three models.", "en"),
    ("12 34 56 -- 78", None),
]


@pytest.mark.parametrize("text,lang", CASES)
def test_language_of_a_document(text, lang):
    assert detect_language(text) == lang


def test_the_answer_does_not_change_between_calls():
    text = "Ce texte court reste en français quel que soit le nombre d'appels."
    assert {detect_language(text) for _ in range(5)} == {"fr"}
