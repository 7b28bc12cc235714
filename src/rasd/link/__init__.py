"""The linking stage: entities to knowledge-base ids, and actor phrases coded to country + sector.

    link_entities(doc) -> list[Entity]        kb_id, country, name_en, subtype, sector, lat/lon
    find_actors(doc)   -> list[ActorMention]  named and nominal actors, PETRARCH/NGEC style

See entities.py and actors.py for the rules; lexicon.py for what is looked up where.
"""
from rasd.link.actors import find_actors
from rasd.link.entities import link_entities

__all__ = ["find_actors", "link_entities"]
