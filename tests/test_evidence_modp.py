"""Exact concrete-n identity tests over GF(p): true identities pass, a sign flip is caught."""
from proofs import kernel
from proofs.evidence.modp import P, softmax_matrix_residues


def test_softmax_jacobian_and_hessian_hold_exactly_at_n_12():
    jac, hes = softmax_matrix_residues(12, points=2)
    assert jac == [0, 0] and hes == [0, 0]
    v = kernel.identity_mod_p("Hessian", hes, 2, 52, 12, 0.0)
    assert v.status == "numeric" and "error probability" in v.scope


def test_a_sign_flip_is_refuted():
    jac, hes = softmax_matrix_residues(4, points=2, wrong=True)
    assert all(0 < r < P for r in jac + hes)
    v = kernel.identity_mod_p("Hessian", hes, 2, 20, 4, 0.0)
    assert v.status == "refuted" and v.counterexample is not None


def test_empty_ranges_are_zero_over_gf_p():
    import sympy as sp
    from proofs.evidence.modp import identity_at_size
    j = sp.Symbol("j", integer=True)
    res, _ = identity_at_size(sp.Sum(1, (j, 1, -1)), sp.Integer(0), [], "s")
    assert res == [0, 0]
    res, _ = identity_at_size(sp.Sum(1, (j, 1, -1)), sp.Integer(-1), [], "s")
    assert all(res)
