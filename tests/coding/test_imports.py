"""Each coder works when imported on its own (regression: the tagger's pipeline components
were only registered when another module happened to import them first)."""

import subprocess
import sys

import pytest


@pytest.mark.parametrize("snippet", [
    "from fritekst.coding.rules import RuleCoder; "
    "assert RuleCoder().code(['For få boliger'], ['utfordring'])[0].themes == ('boligmangel',)",
    "from fritekst.coding.learned import LearnedCoder; "
    "assert LearnedCoder().code(['For få boliger'], ['utfordring'])[0].themes == "
    "('boligmangel',)",
])
def test_coder_alone(snippet):
    proc = subprocess.run([sys.executable, "-c", snippet], capture_output=True, text=True,
                          check=False)
    assert proc.returncode == 0, proc.stderr
