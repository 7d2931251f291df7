"""python -m benchmarks: the speed figures, then the numeric-accuracy figures."""
import sys

from benchmarks import accuracy, speed

sys.exit(speed.main([]) or accuracy.main([]))
