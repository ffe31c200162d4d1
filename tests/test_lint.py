"""Tests for the open-ended question linter (prepguide.lint)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prepguide.lint import (
    FLAG_MESSAGES,
    LABELS,
    LintResult,
    _main,
    evaluate,
    format_line,
    lint_lines,
    lint_question,
    load_labelled,
)

LABELLED = Path(__file__).parent / "data" / "lint_labelled.tsv"


# --- labels -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "What does a normal week look like for a hospital pharmacist?",
        "How did you decide to leave the newsroom?",
        "Why do some analysts move into product roles?",
        "Which part of the budget process takes the most time?",
        "Where do you see community health work going?",
        "When did you realise you wanted to manage people?",
        "Tell me about the first project you led.",
        "Describe how your team handles a data breach.",
        "I'd love to hear what keeps you in public service",
        "in your experience, what makes a strong grant proposal",
    ],
)
def test_open_questions(question: str) -> None:
    result = lint_question(question)
    assert result.label == "open", result
    assert result.rewrite is None


@pytest.mark.parametrize(
    "question",
    [
        "Could you walk me through how a budget gets approved?",
        "Can you tell me about your move into compliance?",
        "Would you describe what a charge nurse does on a night shift?",
        "Could you share how you found your first clinical placement?",
        "Would you mind explaining how bonuses work at your firm?",
        "Would you be willing to talk about what you'd do differently?",
        "Can you help me understand how the civil service exam works?",
        "I was wondering if you could tell me about your path into policy.",
        "Can I ask how you got your first board seat?",
    ],
)
def test_polite_requests_that_open_the_floor_are_open(question: str) -> None:
    assert lint_question(question).label == "open"


@pytest.mark.parametrize(
    ("question", "reason_word"),
    [
        ("Do you enjoy working at Acme?", "yes or no"),
        ("Is it stressful to work in the ICU?", "yes or no"),
        ("Have you ever thought about teaching?", "yes or no"),
        ("Are there many jobs in grant writing?", "yes or no"),
        ("Did you need a CPA to get hired?", "yes or no"),
        ("Would you recommend nursing or physical therapy?", "choice"),
        ("Which do you prefer, fieldwork or desk research?", "choice"),
        ("Can I send you a short follow-up email?", "permission"),
        ("May I take notes while we talk?", "permission"),
        ("Could you tell me whether the team is growing?", "whether"),
        ("Any advice for someone starting out?", "yes or no"),
    ],
)
def test_closed_questions(question: str, reason_word: str) -> None:
    result = lint_question(question)
    assert result.label == "closed", result
    assert reason_word in result.reason


@pytest.mark.parametrize(
    "question",
    [
        "Don't you think remote work is better?",
        "Isn't it exhausting to work nights?",
        "Hospital jobs are safer than startup jobs, right?",
        "The pay is better in the private sector, correct?",
        "Surely you'd do it all again?",
        "You must love the variety.",
        "Wouldn't you agree that certifications are overrated?",
        "I assume the hours are long?",
        "Obviously the money is in finance, so why teach?",
        "What do you think, isn't public health the best field?",
        "Your manager is great, isn't she?",
        "How much do you hate the commute?",
    ],
)
def test_leading_questions(question: str) -> None:
    result = lint_question(question)
    assert result.label == "leading", result
    # A rewrite, or (where the claim carries a judgement) advice on what to change.
    assert result.rewrite or (result.advice and result.advice.startswith("what to change"))


def test_tag_question_reason_mentions_agreement() -> None:
    result = lint_question("Consulting pays well, right?")
    assert result.label == "leading"
    assert "agree" in result.reason


def test_question_mark_is_optional() -> None:
    assert lint_question("Do you like your job").label == "closed"
    assert lint_question("How did you get started").label == "open"
    assert lint_question("Isn't the pay low").label == "leading"


def test_curly_apostrophes_are_understood() -> None:
    assert lint_question("Don\u2019t you think it\u2019s hard?").label == "leading"
    assert lint_question("What\u2019s the hardest part?").label == "open"


# --- rewrites ---------------------------------------------------------------------------------


def test_rewrite_examples_keep_the_subject() -> None:
    assert (
        lint_question("Do you enjoy working at Acme?").rewrite
        == "What do you enjoy most about working at Acme?"
    )
    rewrite = lint_question("Don't you think remote work is better?").rewrite
    assert rewrite is not None and "remote work" in rewrite
    rewrite = lint_question("Is networking important in finance?").rewrite
    assert rewrite == "How important is networking in finance?"
    rewrite = lint_question("In your experience, is it hard to get promoted?").rewrite
    assert rewrite == "In your experience, what makes it easier or harder to get promoted?"


def _closed_and_leading() -> list[str]:
    return [q for label, q in load_labelled(LABELLED) if label != "open"]


@pytest.mark.parametrize("question", _closed_and_leading())
def test_every_rewrite_is_itself_an_open_question(question: str) -> None:
    """Each rewrite (each part of a double question's) re-linted is open, with no flags; where
    there is none, the result says what to change instead."""
    result = lint_question(question)
    if result.label == "open":
        pytest.skip("labelled open by the linter; covered by the accuracy test")
    if result.rewrite is None:
        assert result.advice and "what to change" in result.advice, result
        assert result.advice in result.reason
        return
    assert result.rewrites and " ".join(result.rewrites) == result.rewrite
    for rewrite in result.rewrites:
        assert rewrite.endswith("?")
        assert rewrite[0].isupper()
        again = lint_question(rewrite)
        assert again.label == "open", (question, rewrite, again)
        assert not again.flags, (question, rewrite, again.flags)


FLAG_JOB_ASK_NAME = "job-ask"


def test_open_questions_have_no_rewrite() -> None:
    for _label, question in load_labelled(LABELLED):
        result = lint_question(question)
        if result.label == "open":
            assert result.rewrite is None, question


# --- flags ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "What do you do? And how did you get started?",
        "How did you get started, and what would you do differently?",
        "What do you like about the role and what do you find hard about it?",
        "Do you like your job, and do you see yourself staying?",
    ],
)
def test_double_questions_are_flagged(question: str) -> None:
    result = lint_question(question)
    assert "double" in result.flags
    assert result.flag_messages[result.flags.index("double")] == FLAG_MESSAGES["double"]


@pytest.mark.parametrize(
    "question",
    [
        "Which professional groups have helped you most, and why?",
        "What does your team do and why?",
        "How do you balance research and teaching?",
        "Would you recommend it, or not?",
    ],
)
def test_single_questions_are_not_flagged_double(question: str) -> None:
    assert "double" not in lint_question(question).flags


@pytest.mark.parametrize(
    "question",
    [
        "Can you get me a job?",
        "Are you hiring?",
        "Is your team hiring right now?",
        "Could you refer me for the position?",
        "Give me a job.",
        "Could you help me land a role at your company?",
        "Would you put in a good word for me?",
        "Do you have any openings?",
    ],
)
def test_job_asks_are_flagged_and_closed(question: str) -> None:
    result = lint_question(question)
    assert "job-ask" in result.flags
    assert result.label == "closed"
    assert result.rewrite is not None
    assert lint_question(result.rewrite).flags == ()
    assert len(result.flag_messages) == len(result.flags)


@pytest.mark.parametrize(
    "question",
    [
        "How did you get your job at the hospital?",
        "What made the move to a startup work for you?",
        "Could you refer me to someone who knows about grants?",
        "How does hiring work on your team?",
    ],
)
def test_questions_about_jobs_are_not_job_asks(question: str) -> None:
    assert "job-ask" not in lint_question(question).flags


# --- odd input --------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "\t\n", "???", "…", "🙂🙂?"])
def test_empty_or_wordless_input(text: str) -> None:
    result = lint_question(text)
    assert result.label == "open"
    assert result.rewrite is None
    assert result.flags == ()
    assert "\n" not in result.question and "\t" not in result.question


@pytest.mark.parametrize(
    "text",
    [
        "¿Qué te gusta de tu trabajo?",
        "你喜欢你的工作吗？",
        "Was machst du den ganzen Tag?",
        "Ça va, right?",
        "\u200bDo you\u00a0like it?\u202e",
        "Do you like it?\x00\x07",
        "x" * 5000,
        "Do you " + "really " * 500 + "like it?",
        "isn't " * 300,
        "?" * 200 + "what",
    ],
)
def test_unusual_text_does_not_crash(text: str) -> None:
    result = lint_question(text)
    assert result.label in LABELS
    line = format_line(result)
    assert "\n" not in line
    assert 2 <= len(line.split("\t")) <= 3


def test_non_english_is_not_given_an_english_rewrite() -> None:
    result = lint_question("¿Qué te gusta de tu trabajo?")
    assert result.label == "open"
    assert "not" in result.reason or "no English" in result.reason


# --- output -----------------------------------------------------------------------------------


def test_format_line() -> None:
    assert format_line(lint_question("How did you start?")) == "open\tHow did you start?"
    closed = format_line(lint_question("Do you enjoy working at Acme?"))
    assert closed == (
        "closed\tDo you enjoy working at Acme?\tWhat do you enjoy most about working at Acme?"
    )
    leading = format_line(lint_question("Isn't the pay low?")).split("\t")
    assert leading[0] == "leading" and len(leading) == 3


def test_format_line_keeps_one_line_per_question() -> None:
    result = lint_question("  Do you\tlike\nyour job?  ")
    assert result.question == "Do you like your job?"
    assert format_line(result).count("\t") == 2


def test_lint_lines_skips_blank_lines() -> None:
    out = list(lint_lines(["How did you start?", "", "   ", "Do you like it?"]))
    assert len(out) == 2
    assert out[0].startswith("open\t") and out[1].startswith("closed\t")


def test_result_is_frozen_and_deterministic() -> None:
    first = lint_question("Wouldn't you say nursing is hard?")
    assert first == lint_question("Wouldn't you say nursing is hard?")
    with pytest.raises(AttributeError):
        first.label = "open"  # type: ignore[misc]


# --- accuracy on the labelled set ---------------------------------------------------------------


def test_labelled_set_is_large_and_balanced() -> None:
    items = load_labelled(LABELLED)
    assert len(items) >= 180
    counts = {label: sum(1 for gold, _ in items if gold == label) for label in LABELS}
    assert counts["open"] >= 0.4 * len(items)
    assert counts["closed"] >= 0.2 * len(items)
    assert counts["leading"] >= 0.2 * len(items)
    questions = [q for _, q in items]
    assert len(set(questions)) == len(questions), "duplicate questions in the labelled set"


def test_accuracy_on_labelled_set() -> None:
    result = evaluate(load_labelled(LABELLED))
    misses = "\n".join(f"{gold} -> {got}: {q}" for gold, got, q in result.errors)
    assert result.accuracy >= 0.90, misses
    for label in LABELS:
        assert result.precision[label] >= 0.8, (label, misses)
        assert result.recall[label] >= 0.8, (label, misses)


def test_accuracy_on_held_out_section() -> None:
    held_out = load_labelled(LABELLED, section="held-out")
    assert len(held_out) >= 60
    assert evaluate(held_out).accuracy >= 0.90


def test_lint_labels_every_labelled_question() -> None:
    # No timing assert (a test asserts behaviour); speed is measured by benchmarks/.
    for _, question in load_labelled(LABELLED):
        assert lint_question(question).label in LABELS, question


def test_evaluate_entry_point_prints_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    assert _main(["--evaluate", str(LABELLED)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("| label | precision | recall | questions |")
    for label in LABELS:
        assert f"| {label} |" in out
    assert "accuracy" in out


def test_evaluate_entry_point_rejects_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exc:
        _main(["--evaluate", str(tmp_path / "missing.tsv")])
    assert exc.value.code == 2


def test_load_labelled_rejects_bad_labels(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("opne\tHow are you?\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.tsv:1"):
        load_labelled(bad)


# --- property test ------------------------------------------------------------------------------

_WORDS = st.sampled_from(
    [
        "do",
        "you",
        "don't",
        "isn't",
        "is",
        "are",
        "what",
        "how",
        "why",
        "could",
        "can",
        "i",
        "tell",
        "me",
        "about",
        "the",
        "job",
        "hiring",
        "right",
        "surely",
        ",",
        "?",
        "and",
        "or",
        "not",
        "work",
        "team",
        "must",
        "would",
        "you'd",
        "agree",
        "it's",
        "better",
        "worse",
        "than",
        "a",
        "an",
        "my",
        "your",
        "get",
        "refer",
        "for",
        "position",
        "describe",
        "walk",
        "through",
        "ever",
        "have",
        "been",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_gives_a_result(text: str) -> None:
    result = lint_question(text)
    assert isinstance(result, LintResult)
    assert result.label in LABELS
    if result.label == "open":
        assert result.rewrite is None and result.advice is None
    else:
        assert result.rewrite or (result.advice and "what to change" in result.advice)
    assert len(result.flags) == len(result.flag_messages)
    assert "\n" not in format_line(result)


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=14).map(" ".join))
def test_question_like_word_salad_gives_a_result(text: str) -> None:
    result = lint_question(text)
    assert result.label in LABELS
    if result.rewrite is not None:
        # a double question's open part may be an invitation ("Tell me about your role.")
        assert result.rewrite.endswith(("?", "."))


# --- issue 14: unseen set, presumptions, safe rewrites ----------------------------------------

UNSEEN = Path(__file__).parent / "data" / "lint_unseen.tsv"


def test_unseen_set_figures() -> None:
    """The held-out set (never tuned on; docs/linter.md): aggregate figures only."""
    result = evaluate(load_labelled(UNSEEN))
    assert result.total >= 90
    assert min(result.support.values()) >= 30
    assert result.accuracy >= 0.95, result.to_markdown()
    assert result.recall["leading"] >= 0.90, result.to_markdown()


@pytest.mark.parametrize(
    "question",
    [
        "Is it fair to say that hospital IT is behind the times?",
        "Am I right in thinking most auditors end up in industry?",
        "Everyone says public defenders burn out, so how do you keep going?",
        "I keep hearing that grant writing is a dead end, so why did you pick it?",
        "How do you put up with the terrible pay?",
        "What gets you through the endless audits?",
        "How much better is your life now that you work from home?",
        "How glad are you that you left the bank?",
        "Why is research so much more satisfying than teaching?",
        "Isn't the pay lower, and don't you miss the bonus?",
        "What is it like to finally do work that actually matters?",
    ],
)
def test_issue14_leading_kinds(question: str) -> None:
    assert lint_question(question).label == "leading", lint_question(question)


@pytest.mark.parametrize(
    "question",
    [
        "What is the most frustrating part of the job?",
        "How do you cope with stress in tax season?",
        "How much of your time goes to client calls?",
        "Why did you choose research rather than teaching?",
    ],
)
def test_issue14_open_controls(question: str) -> None:
    assert lint_question(question).label == "open", lint_question(question)


# Hand-judged rewrites: the self-check above is not the only proof that rewrites read right.
EXPECTED_REWRITES = {
    "Is there anyone else at the organisation I should contact?": (
        "Who else at the organisation should I contact?"
    ),
    "Did you need a master's degree for this role?": (
        "What master's degree, if any, did you need for this role?"
    ),
    "How do you put up with the terrible pay?": "How do you find the pay?",
    "How did you get through the soul-crushing first year?": (
        "What was the first year like for you?"
    ),
    "How much happier are you since leaving law?": (
        "How have things changed for you since leaving law?"
    ),
    "Why is nonprofit work so much more meaningful than corporate work?": (
        "How does nonprofit work compare with corporate work?"
    ),
    "Everyone says teaching is thankless, so why do you stay?": "Why do you stay?",
    "Is it fair to say that nursing pays less than teaching?": (
        "What is your view on whether nursing pays less than teaching?"
    ),
    "Is a far better salary the main reason people move?": (
        "What can you tell me about whether a better salary is the main reason people move?"
    ),
    "Isn't the workload crushing, and don't you wish you had more time?": (
        "What is the workload like? What can you tell me about whether you wish you had more time?"
    ),
    "Is the workload heavier in the winter?": "How does the workload change in the winter?",
}


@pytest.mark.parametrize(("question", "expected"), EXPECTED_REWRITES.items())
def test_hand_judged_rewrites(question: str, expected: str) -> None:
    assert lint_question(question).rewrite == expected


@pytest.mark.parametrize(
    ("question", "dropped"),
    [
        ("Isn't it a huge advantage to know SQL?", "huge"),
        ("How do you survive on such terrible pay?", "terrible"),
        ("Aren't most product managers just glorified project managers?", "glorified"),
        ("Is a far better salary the main reason people move?", "far"),
    ],
)
def test_rewrites_drop_the_judging_words(question: str, dropped: str) -> None:
    result = lint_question(question)
    assert result.label != "open"
    shown = result.rewrite or ""
    assert dropped not in shown.lower().split(), result


def test_no_safe_rewrite_says_what_to_change() -> None:
    result = lint_question("What's it like to finally have a job that matters?")
    assert result.label == "leading"
    assert result.rewrite is None
    assert result.advice and "drop 'finally have'" in result.advice
    assert format_line(result).split("\t")[2] == result.advice


def test_reported_opinion_with_a_check_is_not_leading() -> None:
    result = lint_question("Everyone says the market is tight; is that true in your experience?")
    assert result.label == "closed"
    assert result.rewrite == "How does that compare with what you have seen?"


def test_double_question_gets_one_rewrite_a_part() -> None:
    result = lint_question("Doesn't the commute wear you down, and don't you regret moving?")
    assert result.label == "leading"
    assert "double" in result.flags
    assert len(result.rewrites) == 2
    assert "commute" in result.rewrites[0] and "moving" in result.rewrites[1]


def test_word_lists_are_data_files() -> None:
    from prepguide.lint import words

    assert "terrible" in words.load("loaded")
    assert "everyone" in words.load("reporters")
    assert "happy" in words.load("feeling")


def test_measure_prints_a_confusion_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert _main(["--evaluate", str(UNSEEN)]) == 0
    out = capsys.readouterr().out
    assert "| expected \\ linter | open | closed | leading |" in out


# --- issue 14, after the coach's held-out set: the failure classes, with new examples ---------
# (None of these sentences is in tests/data/lint_coach.tsv; docs/linter.md, "Figures".)

from prepguide.lint.safety import problems  # noqa: E402


@pytest.mark.parametrize(
    "question",
    [
        "Given that archivists are paid shamefully, how do you get by?",  # judging adverb
        "What makes dentistry so much more satisfying than pharmacy?",  # presumed comparison
        "Why do founders quit in year two, or is it because they burn out?",  # suggested cause
        "Given that you clearly love spreadsheets, how did you end up in sales?",  # mid marker
        "When did you notice the MBA was a mistake?",  # judging predicate
        "Why are hiring panels so arrogant about credentials?",  # judging adjective after be
        "Why do sales teams never document anything?",  # sweeping never
    ],
)
def test_presumptions_anywhere_are_leading(question: str) -> None:
    assert lint_question(question).label == "leading", lint_question(question)


@pytest.mark.parametrize(
    "question",
    [
        "Why do some analysts never move into management?",
        "What did you do when a project turned out to be a mistake?",
        "How often does your unit bring in temporary staff?",
        "How much did your first certification matter when you applied?",
        "How much of your week goes to site visits?",
    ],
)
def test_controls_next_to_the_new_rules_stay_open(question: str) -> None:
    assert lint_question(question).label == "open", lint_question(question)


@pytest.mark.parametrize(
    ("question", "rewrite"),
    [
        ("How many nurses work on your ward?", "How is your ward organised?"),
        ("How long did the licensing exam take?", "How did the licensing exam unfold?"),
        ("How long does the probation period last?", "What does the probation period involve?"),
        ("When did you join the agency?", "How did you come to join the agency?"),
        ("How much does a junior architect make in this city?", None),
        ("How many interviews did you have before the offer?", None),
    ],
)
def test_single_fact_questions_are_closed(question: str, rewrite: str | None) -> None:
    result = lint_question(question)
    assert result.label == "closed"
    assert "single fact" in result.reason
    if rewrite is not None:
        assert result.rewrite == rewrite
    elif result.rewrite is None:
        assert result.advice and "single fact" in result.advice


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "Do most architects here hold a licence?",
            "How common is it for architects here to hold a licence?",
        ),
        ("Is Excel used much in your unit?", "How is Excel used in your unit?"),
        (
            "Did your teaching years count toward your pension?",
            "How, if at all, did your teaching years count toward your pension?",
        ),
        (
            "Is the workload lighter than in the hospital?",
            "How does the workload compare with the hospital?",
        ),
        (
            "Is there a graduate scheme at your firm?",
            "What can you tell me about any graduate scheme at your firm?",
        ),
        (
            "Are there many part-time roles in the field?",
            "How common are part-time roles in the field?",
        ),
        (
            "Do you like the work, and is the pay fair?",
            "What do you like most about the work? How fair is the pay?",
        ),
        (
            "Given that you clearly love spreadsheets, how did you end up in sales?",
            "How did you end up in sales?",
        ),
        ("My cousin says nursing is a dead end, so how should I start?", "How should I start?"),
        (
            "Why did you quit such a miserable job in hospitality?",
            "Why did you quit the job in hospitality?",
        ),
        ("Is a licence required for this role?", "How important is a licence for this role?"),
        ("Is there anyone else you think I should call?", "Who else do you think I should call?"),
        ("Is there anyone you think I should talk to?", "Who do you think I should talk to?"),
        (
            "Was the residency longer than you expected?",
            "How did the residency compare with what you expected?",
        ),
        (
            "How did you manage to put up with the ridiculous commute?",
            "What was the commute like for you?",
        ),
    ],
)
def test_rewrite_families_read_right(question: str, expected: str | None) -> None:
    assert lint_question(question).rewrite == expected


@pytest.mark.parametrize(
    "question",
    [
        "Did you have to move cities for the residency?",  # "What to move cities, if any…"
        "Do you need to travel for audits?",
        "Did you take a course before switching?",  # "your experience of taking" presumes
        "Have you worked abroad?",
        "Is a weekend course worth the fee?",  # "…whether a weekend course worth is the fee"
        "Isn't a coding bootcamp basically a scam?",  # the judging word carries the meaning
        "Isn't the certificate basically worthless without contacts?",
        "Which part of consulting is far more stressful than auditing?",
        "How soon did you see that law school was a waste of money?",
        "How did you escape the dead-end world of insurance?",
        "My friends think design is oversaturated, so should I even bother?",
    ],
)
def test_no_safe_rewrite_gives_advice_not_a_bad_sentence(question: str) -> None:
    result = lint_question(question)
    assert result.label != "open"
    assert result.rewrite is None, result
    assert result.advice and result.advice.startswith("what to change")


def test_advice_names_the_words_to_drop() -> None:
    assert "'scam'" in (lint_question("Isn't a coding bootcamp basically a scam?").advice or "")
    cause = lint_question("Why do founders quit in year two — is it because they burn out?")
    assert "double" in cause.flags
    assert cause.advice and "suggested cause" in cause.advice
    assert "'Why do founders quit in year two?' is fine as it is" in cause.advice


def test_a_question_after_a_dash_is_a_second_question() -> None:
    result = lint_question("Walk me through your week — isn't it mostly pointless meetings?")
    assert result.label == "leading"
    assert "double" in result.flags
    assert (
        result.advice
        and "'pointless'" in result.advice
        and "Walk me through your week." in result.advice
    )


def test_asking_about_openings_on_their_team_is_a_job_ask() -> None:
    result = lint_question("Are there any vacancies in your department at the moment?")
    assert "job-ask" in result.flags
    assert "job-ask" not in lint_question("Are there many part-time roles in the field?").flags


@pytest.mark.parametrize(
    ("original", "rewrite", "why"),
    [
        ("Did you have to move for it?", "What to move, if any, did you have for it?", "shape"),
        ("Do you need to travel?", "What to travel, if any, do you need?", "shape"),
        ("Is the pay better than in law?", "What is the pay like than in law?", "shape"),
        ("Is the pay better than in law?", "How does the pay compare with in law?", "shape"),
        ("Is there a bonus scheme?", "What can you tell me about the bonus scheme?", "exists"),
        ("Are there evening classes?", "What can you tell me about the evening classes?", "exists"),
        (
            "Don't you find recruiters ignore career changers?",
            "How do you find recruiters ignore career?",
            "shape",
        ),
        ("Isn't it all busywork?", "What can you tell me about whether it is busywork?", "judging"),
        ("How did you escape retail?", "How did you escape retail?", "verb"),
        (
            "Since you clearly love it, why stay?",
            "What is your view on whether given that you love it?",
            "shape",
        ),
        ("Is it stable?", "What is it like?", "shape"),
        (
            "Why do clinics lag, is it because of money?",
            "What can you tell me about whether it is because of money?",
            "shape",
        ),
        (
            "What makes law so much more stressful than tax?",
            "What makes law more stressful than tax?",
            "comparison",
        ),
    ],
)
def test_safety_rejects_known_bad_shapes(original: str, rewrite: str, why: str) -> None:
    assert problems(original, rewrite), (original, rewrite, why)


@pytest.mark.parametrize(
    ("original", "rewrite"),
    [
        ("Is there a bonus scheme?", "What can you tell me about any bonus scheme?"),
        ("Did you need a licence?", "What licence, if any, did you need?"),
        ("Is the pay better than in law?", "How does the pay compare with law?"),
        ("Is it stable?", "How stable is it?"),
    ],
)
def test_safety_accepts_good_rewrites(original: str, rewrite: str) -> None:
    assert problems(original, rewrite) == []


# Second coach's report (tests/data/lint_coach2.tsv): the classes, in new sentences.
@pytest.mark.parametrize(
    ("question", "dropped"),
    [
        ("Isn't hospital admin a lot more tedious these days?", "a lot more tedious"),
        ("Don't you think grant writing is just box-ticking?", "just"),
        ("Isn't a data analyst just an accountant with a fancier laptop?", "fancier"),
        ("What do you think, isn't public health the best field?", "best"),
        ("Isn't locum work basically the easiest way out of the NHS?", "basically"),
        ("Don't you think the archive is badly managed?", "badly"),
        ("Isn't the training budget wasted on managers?", "wasted"),
        ("Don't you think PR is spin?", "spin"),
        ("Aren't designers better teachers because of their patience?", "because"),
    ],
)
def test_leading_claim_that_judges_gets_advice_not_whether(question: str, dropped: str) -> None:
    result = lint_question(question)
    assert result.label == "leading", result
    assert result.rewrite is None, result
    assert result.advice and f"'{dropped}'" in result.advice, result


def test_neutral_topic_is_suggested_when_it_can_be_extracted() -> None:
    advice = lint_question("Isn't hospital admin a lot more tedious these days?").advice
    assert advice and "'What is hospital admin like?'" in advice
    # No topic from a pronoun or a role with an article.
    assert "like?'" not in (lint_question("Isn't it mostly paperwork?").advice or "")


def test_a_neutral_claim_keeps_the_whether_rewrite() -> None:
    assert (
        lint_question("Don't you think remote work is here to stay?").rewrite
        == "What is your view on whether remote work is here to stay?"
    )


def test_a_comparison_claim_becomes_compare_with() -> None:
    assert (
        lint_question("Isn't hospital admin a lot more tedious than clinic work?").rewrite
        == "How does hospital admin compare with clinic work?"
    )
    assert (
        lint_question("Hospital jobs are safer than startup jobs, right?").rewrite
        == "How do hospital jobs compare with startup jobs?"
    )


def test_yes_no_question_with_a_suggested_cause() -> None:
    result = lint_question("Did you leave retail because the hours were so brutal?")
    assert result.rewrite is None
    advice = result.advice or ""
    assert "because" in advice and "yes or no" in advice and "'brutal'" in advice
    assert "'What led you to leave retail?'" in advice


@pytest.mark.parametrize(
    "question",
    [
        "Why do surgeons look down on physiotherapists?",
        "Why did you give up on architecture after one year?",
        "Why did she abandon lab work for a sales job?",
        "Why did you waste two years in retail?",
    ],
)
def test_why_with_a_presuming_verb_is_leading(question: str) -> None:
    result = lint_question(question)
    assert result.label == "leading"
    assert result.rewrite is None and result.advice


@pytest.mark.parametrize(
    "question",
    [
        "Which statistics package did you use first?",
        "What's the going rate for a sign-language interpreter?",
        "What is the hourly rate for a freelance tutor here?",
    ],
)
def test_first_pick_and_going_rate_are_single_facts(question: str) -> None:
    assert lint_question(question).label == "closed"


@pytest.mark.parametrize(
    ("original", "rewrite"),
    [
        ("Isn't burnout common in hospice care?", "What is your view on whether burnout common?"),
        (
            "Isn't burnout common in hospice care?",
            "What is your view on whether burnout common is in hospice care?",
        ),
        (
            "Wasn't the pay cut painful?",
            "What is your view on whether the pay was cut painful?",
        ),
        (
            "Isn't your clinic funded mainly by donors?",
            "What is your view on whether your clinic funded is mainly by donors?",
        ),
        (
            "Isn't your work now harder than it was in retail?",
            "How does your work now compare with it was in retail?",
        ),
        (
            "Isn't it harder to get promoted as a nurse than as a doctor?",
            "How does it to get promoted as a nurse compare with as a doctor?",
        ),
        ("Weren't the shifts in A&E brutal?", "What was the shifts in A&E like for you?"),
        (
            "Wouldn't you have burned out if you stayed?",
            "What would make you have burned out if you stayed, or not?",
        ),
    ],
)
def test_safety_rejects_ungrammatical_whether_and_compare(original: str, rewrite: str) -> None:
    assert problems(original, rewrite), rewrite


@pytest.mark.parametrize(
    ("original", "rewrite"),
    [
        (
            "Don't you think the job you wanted is gone?",
            "What is your view on whether the job you wanted is gone?",
        ),
        (
            "I assume you took a pay cut?",
            "What can you tell me about whether you took a pay cut?",
        ),
        ("Were the shifts long?", "What were the shifts like?"),
    ],
)
def test_safety_accepts_grammatical_whether_clauses(original: str, rewrite: str) -> None:
    assert problems(original, rewrite) == []


@pytest.mark.parametrize(
    "question",
    [
        "Why do nurses make such awful administrators?",  # not "make the administrators"
        "You must have been thrilled to leave the call centre, weren't you?",
        "Isn't it a relief to be out of the sales grind?",
    ],
)
def test_leading_rewrite_never_keeps_a_presumed_feeling_or_verdict(question: str) -> None:
    result = lint_question(question)
    assert result.label == "leading"
    assert result.rewrite is None, result
    assert result.advice


def test_second_coach_set_figures() -> None:
    """tests/data/lint_coach2.tsv: first measured 0.958 / leading 0.925 (docs/linter.md); the
    floor of issue 14 item 7 must hold."""
    evaluation = evaluate(load_labelled(Path(__file__).parent / "data" / "lint_coach2.tsv"))
    assert evaluation.total == 120
    assert evaluation.accuracy >= 0.95
    assert evaluation.recall["leading"] >= 0.90
