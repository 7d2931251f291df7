"""The checker: a small trusted kernel (``kernel``), strategies that propose, numeric evidence.

Public API::

    from proofs import Chain, check
"""
from .chain import Chain, InputError, check
from .context import AnyFunction, Context, Integer, OneHot, Positive, Real, Simplex, Unit
from .kernel import Counterexample, KernelBug, LinkVerdict, Status, Verdict

__all__ = ["Chain", "check", "InputError", "Context", "Real", "Positive", "Unit", "Simplex",
           "OneHot", "Integer", "AnyFunction", "Status", "Verdict", "LinkVerdict",
           "Counterexample", "KernelBug"]
