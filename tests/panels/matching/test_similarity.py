from panels.matching.similarity import (
    Candidate,
    best_matches,
    pool_of,
    rarity_of,
    similarity,
    stems,
)

CSO = (
    "Ratify the Optional Protocol to the Convention against Torture and establish an "
    "independent national preventive mechanism by 2027."
)
PARAPHRASE = (
    "Ratify the Optional Protocol to the Convention against Torture and set up a national "
    "preventive mechanism (Germany);"
)
NEAR = "Consider ratifying the Convention against Torture."
UNRELATED = "Take measures to ensure access to quality education for girls in rural areas."
BOILERPLATE_ONLY = "Continue its efforts to ensure that all necessary measures are taken."


def test_stems_drop_stop_words_and_accents_and_endings():
    assert stems("Garantizar la educación de las niñas") == ["educ", "nina"]
    assert stems("the ratification of the conventions") == ["ratific", "conven"]


def test_similarity_of_a_paraphrase_is_high():
    assert similarity(CSO, PARAPHRASE) > 0.6


def test_similarity_of_unrelated_texts_is_low():
    assert similarity(CSO, UNRELATED) == 0.0
    assert similarity(CSO, BOILERPLATE_ONLY) == 0.0


def test_similarity_of_the_same_text_is_one():
    assert round(similarity(CSO, CSO), 6) == 1.0


def test_similarity_across_french_forms():
    assert (
        similarity(
            "Ratifier le Protocole facultatif à la Convention contre la torture.",
            "Ratifier rapidement la Convention contre la torture et son Protocole facultatif.",
        )
        > 0.6
    )


def test_best_matches_puts_the_right_candidate_first():
    candidates = [
        Candidate(1, UNRELATED),
        Candidate(2, NEAR),
        Candidate(3, PARAPHRASE),
        Candidate(4, BOILERPLATE_ONLY),
    ]

    proposals = best_matches(CSO, candidates)

    assert [p.candidate_id for p in proposals] == [3, 2]
    assert proposals[0].score > proposals[1].score


def test_best_matches_keeps_at_most_best_above_the_threshold():
    candidates = [Candidate(n, PARAPHRASE) for n in range(1, 6)]

    assert [p.candidate_id for p in best_matches(CSO, candidates, best=3)] == [1, 2, 3]
    assert best_matches(CSO, candidates, threshold=1.01) == []


def test_best_matches_of_an_empty_text_is_nothing():
    assert best_matches("", [Candidate(1, PARAPHRASE)]) == []
    assert best_matches(CSO, []) == []


def test_rarity_weighs_rare_stems_more():
    rarity = rarity_of([CSO, PARAPHRASE, NEAR, UNRELATED])

    assert rarity["prevent"] > rarity["tortur"]


def test_best_matches_leaves_out_the_excluded_and_reads_a_pool_once():
    pool = pool_of([Candidate(1, NEAR), Candidate(2, PARAPHRASE), Candidate(3, UNRELATED)])

    assert [p.candidate_id for p in best_matches(CSO, pool)] == [2, 1]
    assert [p.candidate_id for p in best_matches(CSO, pool, exclude={2})] == [1]
    assert best_matches(CSO, pool) == best_matches(
        CSO, [Candidate(1, NEAR), Candidate(2, PARAPHRASE), Candidate(3, UNRELATED)]
    )


def test_best_matches_score_is_the_cosine_between_zero_and_one():
    proposals = best_matches(PARAPHRASE, [Candidate(1, PARAPHRASE), Candidate(2, NEAR)])

    assert proposals[0].score == 1.0
    assert 0 < proposals[1].score < 1
