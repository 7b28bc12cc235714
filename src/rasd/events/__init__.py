"""Event detection: PLOVER types and modes from Arabic triggers, their context, and a small classifier.

triggers.py matches the lexicon (data/triggers.json) on clitic-free stems; context.py reads negation,
status, genericity, figurative senses and history around each trigger (data/context_cues.json);
classifier.py scores PROTEST and ASSAULT candidates (data/classifier.json); detect.py turns them into
Event spans; arguments.py fills actor, recipient, place, date, counts and attribution (data/argument_cues.json)
and merge.py merges mentions of one event into one document-level record with its evidence.
"""
from rasd.events.detect import detect_events, sentence_candidates
from rasd.events.triggers import PLOVER_MODES, PLOVER_TYPES, find_triggers, lexicon

__all__ = ["detect_events", "sentence_candidates", "find_triggers", "lexicon", "PLOVER_TYPES", "PLOVER_MODES"]
