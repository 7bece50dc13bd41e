import os, sys
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT/'data'/'samples'
EXPECTED = SAMPLES/'expected'
os.environ.setdefault('HF_HUB_OFFLINE', '1')

@pytest.fixture
def project(tmp_path):
    "A throwaway project root with the repo's config, for runs that write outputs."
    (tmp_path/'config').mkdir()
    (tmp_path/'config'/'config.json').write_text((ROOT/'config'/'config.json').read_text())
    return tmp_path
