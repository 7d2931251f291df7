"""The results cache's key covers every file a verdict depends on."""
from pathlib import Path

from proofs import cache


def test_the_key_covers_the_checker_subpackages():
    names = {str(p.relative_to(Path(cache.__file__).parent.parent)) for p in cache.sources()}
    # a change in a strategy, the evidence or the LaTeX grammar must invalidate cached verdicts
    for f in ("proofs/kernel.py", "proofs/strategies/rewrite.py", "proofs/evidence/sampling.py",
              "proofs/latex/derivation.lark", "derivations/common.py"):
        assert f in names, f
