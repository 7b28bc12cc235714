"""rasd (رصد, "observation"): Arabic news to structured, source-linked event records.

    >>> import rasd
    >>> doc = rasd.analyze("اعتقلت الشرطة 20 متظاهرا أمس", published="2022-01-13")
    >>> [d.iso for d in doc.dates]
    ['2022-01-12']
"""
__version__ = "0.1.0"

from rasd.errors import RasdError
from rasd.model.document import Document
from rasd.model.spans import Entity, Event
from rasd.pipeline.config import Config
from rasd.pipeline.runner import Pipeline, analyze

__all__ = ["analyze", "Pipeline", "Config", "Document", "Entity", "Event", "RasdError", "__version__"]
