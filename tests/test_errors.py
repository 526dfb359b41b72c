"""Tests for the exception hierarchy."""

from kz_labour_rights import AmbiguousNameError, DataError, KzLabourRightsError, NotFoundError, Problem


def test_hierarchy() -> None:
    """Each error is a KzLabourRightsError and the fitting builtin."""
    assert issubclass(NotFoundError, KzLabourRightsError) and issubclass(NotFoundError, KeyError)
    assert issubclass(AmbiguousNameError, KzLabourRightsError) and issubclass(AmbiguousNameError, LookupError)
    assert issubclass(DataError, KzLabourRightsError) and issubclass(DataError, ValueError)


def test_not_found_message_names_query_and_suggestions() -> None:
    """The message names what was asked and suggests near matches."""
    err = NotFoundError("Kharkov", "people", ["Larisa Kharkova (person:larisa-kharkova)"])
    assert "no record in people matches 'Kharkov'; did you mean: Larisa Kharkova (person:larisa-kharkova)?" == str(err)
    assert ("Kharkov", "people") == (err.query, err.collection)


def test_ambiguous_lists_every_candidate() -> None:
    """An ambiguous name lists all candidates."""
    err = AmbiguousNameError("union", "organisations", ["A (org:a)", "B (org:b)"])
    assert "A (org:a)" in str(err) and "B (org:b)" in str(err)
    assert ("A (org:a)", "B (org:b)") == err.candidates


def test_data_error_lists_every_problem() -> None:
    """A DataError lists each problem with file, record and field."""
    err = DataError([Problem(file="people.json", record="person:x", field="name", message="missing"), Problem(file="meta.json", message="bad")])
    assert "2 problem(s)" in str(err)
    assert "people.json, record person:x, field name: missing" in str(err)


def test_long_queries_are_shown_cut() -> None:
    """A 10,000-character query is named in at most 80 characters, not echoed whole."""
    message = str(NotFoundError("x" * 10_000, "people"))
    assert len(message) < 200 and "…" in message


def test_hint_follows_the_suggestions() -> None:
    """A hint says what to call instead, after the near matches."""
    message = str(NotFoundError("Kharkova", "dataset", ["Larisa Kharkova (person:larisa-kharkova)"], "use ds.resolve"))
    assert "no record in dataset matches 'Kharkova'; did you mean: Larisa Kharkova (person:larisa-kharkova)?; use ds.resolve" == message
