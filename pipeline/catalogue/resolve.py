"""A whole written name (a dataset key, a table header cell) as one model id,
or None: the name must be one model mention from end to end, after routing
prefixes (`openai/`, `us.anthropic.`) and vendor words are set aside."""
from __future__ import annotations

import re

from pipeline.catalogue.rules import display_alias, strip_provider

# a display name's stamp (`Kimi K2 0905`, `GPT-4o (2024-08-06)`) written as an id's
_DISPLAY_STAMP = re.compile(r"\s+\(?(20\d{2}-\d{2}-\d{2}|\d{4})\)?$")


def resolve_name(written: str) -> str | None:
    """The model (its snapshot id where the name carries a date) a name stands for."""
    from pipeline.extract.lexicon import lexicon

    shown = display_alias(written)
    names = (written.strip(), shown, _DISPLAY_STAMP.sub(r"-\1", shown), strip_provider(written))
    for candidate in dict.fromkeys(re.sub(r"[-\s]latest$", "", name, flags=re.IGNORECASE) for name in names):
        mentions = lexicon().mentions(candidate)
        if len(mentions) == 1 and mentions[0].start == 0 and mentions[0].end == len(candidate):
            return mentions[0].snapshot or mentions[0].model
    for candidate in dict.fromkeys(names):
        named = lexicon().models.named(candidate)
        if named:
            return named
    return None
