"""Word lists as trie-shaped regexes, shared by the number and date grammars.

Hundreds of alternatives written one after another make the regex engine try each in turn; factoring
shared prefixes ("يناير|يونيو|يوليو" -> "ي(?:ناير|و(?:نيو|ليو))") lets it branch once per character.
"""
from __future__ import annotations

import re
from typing import Iterable


def trie_alternation(words: Iterable[str], space: str) -> str:
    """A regex body matching exactly `words` (no outer group); a space inside a word matches `space`."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [(space if ch == " " else re.escape(ch)) + build(child)
                    for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return body + "?" if len(branches) == 1 and len(branches[0]) == 1 else f"(?:{body})?"
        return body
    return build(trie)
