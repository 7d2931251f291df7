"""The checker: a small trusted kernel (``kernel``), strategies that propose, numeric evidence.

Public API::

    from proofs import Chain, check
"""
from typing import Any

from .chain import Chain, check_chain, check_seconds
from .errors import InputError
from .definitions import Definition, define, unfold
from .context import AnyFunction, Context, Integer, OneHot, Positive, Real, Simplex, Unit
from .kernel import Counterexample, KernelBug, LinkVerdict, Status, Verdict

__all__ = ["Chain", "check", "InputError", "Definition", "define", "unfold", "Context", "Real",
           "Positive", "Unit", "Simplex", "OneHot", "Integer", "AnyFunction", "Status", "Verdict", "LinkVerdict",
           "Counterexample", "KernelBug"]


def check(obj: Any, seconds: float | None = None, strategies=None, **kw):
    """Check a Chain (returns a kernel Verdict) or a catalogue claim by ID (a ClaimVerdict).

    The claim-ID dispatch lives here, so that the chain module never imports the claim model."""
    seconds = check_seconds(seconds)
    if isinstance(obj, str):
        from .claims import check_claim, registry
        reg = registry()
        if obj not in reg:
            raise InputError(f"unknown claim ID {obj!r} (see `derive list`)")
        return check_claim(reg[obj], seconds=seconds, **kw)
    if not isinstance(obj, Chain):
        raise InputError(f"check() takes a Chain or a claim ID, not {type(obj).__name__}")
    if kw:
        raise InputError(f"check() of a Chain takes seconds= and strategies= only, not {', '.join(kw)}"
                         " (a Chain's own n=, assuming=, domain= are given to Chain)")
    return check_chain(obj, seconds=seconds, strategies=strategies)
