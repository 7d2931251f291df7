"""The checker: a small trusted kernel (``kernel``), strategies that propose, numeric evidence.

Public API::

    from proofs import Chain, check
"""
from .chain import Chain, InputError, check
from .definitions import Definition, define, unfold
from .context import AnyFunction, Context, Integer, OneHot, Positive, Real, Simplex, Unit
from .kernel import Counterexample, KernelBug, LinkVerdict, Status, Verdict

__all__ = ["Chain", "check", "InputError", "Definition", "define", "unfold", "Context", "Real",
           "Positive", "Unit", "Simplex", "OneHot", "Integer", "AnyFunction", "Status", "Verdict", "LinkVerdict",
           "Counterexample", "KernelBug"]
