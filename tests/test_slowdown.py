"""derivations.slowdown: the experiment's measured verdicts, and wrong statements refuted."""
from __future__ import annotations

import numpy as np
import pytest

from derivations import slowdown as sd
from claim_verdicts import verdict  # each catalogue claim checked once per session
from proofs.claims import Measured, Part, check_part


def test_claim_is_numeric_evidence_not_proof():
    v = verdict("nndl.learning-slowdown")
    assert v.status == "numeric"
    counted = [pv for _, c, pv in v.parts if c]
    assert len(counted) == 4 and all(pv.status == "numeric" for pv in counted)


def test_observed_numbers():
    v = verdict("nndl.learning-slowdown")
    obs = [pv.steps[0].evidence["observed"] for _, _, pv in v.parts]
    assert abs(obs[0]["output_final"] - 0.09) <= 0.005
    assert 100 <= obs[1]["slow_start_epochs"] <= 200
    assert obs[1]["epoch_of_max_speed"] > obs[1]["slow_start_epochs"]
    for o in obs[2:4]:
        assert o["slow_start_epochs"] == 0 and o["steepest_cost_drop_epoch"] == 1


def test_other_reading_note_is_refuted():
    v = verdict("nndl.learning-slowdown")
    label, counts, pv = v.parts[-1]
    assert not counts and pv.status == "refuted"
    assert pv.counterexample.point["moved_by_0.1_after_epochs"] < 100


def test_curves():
    c = sd.curves()
    assert set(c) == {("quadratic", (0.6, 0.9)), ("quadratic", (2.0, 2.0)),
                      ("cross-entropy", (0.6, 0.9)), ("cross-entropy", (2.0, 2.0))}
    for (cost, start), run in c.items():
        assert len(run["cost"]) == sd.EPOCHS + 1 and len(run["w"]) == sd.EPOCHS + 1
        assert run["eta"] == (0.15 if cost == "quadratic" else 0.005)
        assert (run["w"][0], run["b"][0]) == start
    # the curves are copies: changing them does not change the claim's runs
    c[("quadratic", (2.0, 2.0))]["w"] = np.zeros(3)
    assert len(sd.curves()[("quadratic", (2.0, 2.0))]["w"]) == sd.EPOCHS + 1


def test_slow_start_criterion():
    runs = sd.curves()
    assert sd.slow_start(runs[("quadratic", (0.6, 0.9))]) == 0   # learns fast from the start
    assert sd.slow_start(runs[("quadratic", (2.0, 2.0))]) > 100


# ---------------------------------------------------------------- wrong statements
def _shape(cost, start):
    return lambda: sd._shape(sd._run(cost, start))


def _final(stated):
    import sympy as sp
    from proofs.evidence.rounding import rounds_to
    return Measured(run=sd._final_output,
                    criterion=lambda o: rounds_to(sp.Rational(o["output_final"]), stated)[0],
                    criterion_text=f"a_300 rounds to {stated}")


WRONG = {
    "final output ≈ 0.08": _final("0.08"),
    "final output ≈ 0.20 (the (2, 2) run's value)": _final("0.20"),
    "final output ≈ 0.093 (three places; a_300 = 0.09396)": _final("0.093"),
    "(0.6, 0.9) quadratic run has the 150-epoch plateau":
        Measured(_shape("quadratic", (0.6, 0.9)), sd._plateau_ok, "plateau 100–200"),
    "cross-entropy (2, 2) has a 150-epoch plateau":
        Measured(_shape("cross-entropy", (2.0, 2.0)), sd._plateau_ok, "plateau 100–200"),
    "quadratic (2, 2) falls fastest at the start":
        Measured(_shape("quadratic", (2.0, 2.0)), sd._no_plateau_ok, "no plateau, steepest at start"),
}


@pytest.mark.parametrize("name", WRONG)
def test_wrong_statement_refuted(name):
    v = check_part(Part(name, WRONG[name]))
    assert v.status == "refuted" and v.counterexample is not None
