"""Every built-in component, registered in one place.

Each factory receives its configuration section ([components.NAME] in defaults.toml) and returns a
function Document -> Document that adds one layer.
"""
from __future__ import annotations

from rasd.model.document import Document
from rasd.pipeline.registry import component


@component("sentences", provides=("sentences",))
def sentences_component(config):
    """Split the text into sentences on Arabic and Latin punctuation and line structure."""
    from rasd.text.sentences import split_sentences

    def run(doc: Document) -> Document:
        return doc.with_layer("sentences", split_sentences(doc.text))
    return run


@component("boilerplate", requires=("sentences",), provides=("boilerplate",))
def boilerplate_component(config):
    """Mark read-also lines, source credits, hashtags and share prompts (kept in the text, skipped later)."""
    from rasd.text.boilerplate import find_boilerplate

    def run(doc: Document) -> Document:
        return doc.with_layer("boilerplate", find_boilerplate(doc.text, doc.sentences))
    return run


@component("tokens", provides=("tokens",))
def tokens_component(config):
    """Tokenise, with clitic segmentation (و ف ب ل ك س ال and pronoun suffixes)."""
    from rasd.text.tokenize import tokenize

    def run(doc: Document) -> Document:
        return doc.with_layer("tokens", tokenize(doc.text))
    return run


@component("numbers", provides=("numbers",))
def numbers_component(config):
    """Find quantities: digits, number words, vague quantities and bounds."""
    from rasd.text.numbers import find_numbers

    def run(doc: Document) -> Document:
        return doc.with_layer("numbers", find_numbers(doc.text))
    return run


@component("dates", requires=("numbers",), provides=("dates",))
def dates_component(config):
    """Find time expressions and resolve them against the publication date."""
    from rasd.text.dates import find_dates
    bare_years = bool(config.get("bare_years", False))

    def run(doc: Document) -> Document:
        return doc.with_layer("dates", find_dates(doc.text, doc.published, numbers=doc.numbers, bare_years=bare_years))
    return run


@component("ner", requires=("sentences", "tokens", "boilerplate"), provides=("entities",))
def ner_component(config):
    """Named entities (PER, LOC, ORG, MISC) from the CRF model trained on ANERcorp that ships in the package."""
    from rasd.errors import ConfigError
    from rasd.ner import load_model, recognize
    try:
        model = load_model(config.get("model_path") or None)
    except FileNotFoundError as exc:
        raise ConfigError(str(exc), source="components.ner.model_path") from None

    def run(doc: Document) -> Document:
        return doc.with_layer("entities", recognize(doc, model))
    return run


@component("link", requires=("sentences", "tokens", "entities"), provides=("entities", "actors"))
def link_component(config):
    """Link entities to the knowledge base and code actor phrases to country and CAMEO sector."""
    from rasd.link import find_actors, link_entities

    def run(doc: Document) -> Document:
        doc = doc.with_layer("entities", link_entities(doc))
        return doc.with_layer("actors", find_actors(doc))
    return run


@component("events", requires=("sentences", "tokens", "boilerplate", "numbers", "dates"), provides=("events",))
def events_component(config):
    """PLOVER events: triggers in context (negation, status, genre), scored by the shipped classifier."""
    from rasd.events import detect_events

    def run(doc: Document) -> Document:
        return doc.with_layer("events", detect_events(doc))
    return run
