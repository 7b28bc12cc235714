"""Training the neural NER tagger (neural.py) with torch; inference never imports torch.

The torch network mirrors `NeuralNerModel` exactly and `export` writes its parameters under the
names neural.py reads (conv weights transposed to (3, in, out), float16). Differences between
training and inference are deliberate and inference-neutral: the character pad index exists only
here (its embedding is zero, as numpy's zero padding), and window codes are summed into the same
bag as the word's own categorical features (a sum, so numpy may add them separately).

Vocabularies: words are the embedding table's (scripts/build_ner_embeddings.py; id 0 is a learned
"unknown" vector, the others are frozen), characters those of the embedding words and training stems,
categorical features those seen at least twice in training.

Regularisation for a 125k-token corpus: dropout on the inputs and between layers, and word dropout
(a training word is replaced by "unknown" with probability `word_dropout`) so the tagger also learns
to recognise names from characters, gazetteer codes and context alone, as it must for unseen names.

`train_neural` trains on the split_dev train part, scores the dev part after each epoch through
the real inference path (export -> NeuralNerModel -> model.recognize -> evaluate.score) and keeps
the best epoch; `refit` then retrains on all of ANERcorp train for that many epochs.
Seeds are fixed (torch, numpy, shuffling); torch runs on `threads` threads.

Dev split figures (micro F1; the CRF scores 0.791 there; 2 shared cores, 1 torch thread, other jobs
running, so times are upper bounds; embeddings from 15k SaudiNewsNet articles):
  hidden 256, batch 16, no auto-lexicon, no stems: 0.711 after 6 epochs (stopped: too slow to run)
  hidden 128, batch 32, lr 2e-3, no auto-lexicon, no stems: 0.714 after 8 epochs (stopped)
  hidden 128, batch 16, lr 1e-3, + auto-lexicon + stems ("s=", seen twice in training), 15 epochs:
    0.767 (epoch 15, still rising)
  same, 28 epochs planned with lr decay 0.95/epoch: 0.771 at epoch 17, 0.775 at epoch 21 (best seen;
    stopped after 21 epochs for time; 20-40 s an epoch)
The shipped model uses the last settings, retrained on all of ANERcorp train for 21 epochs (485 s on
one torch thread, other jobs running; the embeddings took 124 s, 74 of them tokenising).
Recall of dev names also seen in the train part: CRF 0.893, neural 0.839; of unseen names: CRF 0.587,
neural 0.619 -- hence the ensemble (ensemble.py).
"""
from __future__ import annotations

import os
import random
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from rasd.ner.conll import aligned_sentences, read_conll
from rasd.ner.neural import CATEGORICAL_PREFIXES, Featurizer, categorical, stem_key

ENTITY_TAGS = ("O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC")
SETTINGS = {"char_dim": 24, "char_filters": 64, "cat_dim": 48, "hidden": 256, "dilations": (1, 2, 1),
            "dropout": 0.4, "word_dropout": 0.1, "lr": 1e-3, "lr_decay": 1.0, "batch": 16, "epochs": 30,
            "prefixes": CATEGORICAL_PREFIXES}


def build_vocabularies(sentences, embedding_words: Sequence[str], autolex: dict | None = None,
                       phrases: dict | None = None, prefixes: Sequence[str] = CATEGORICAL_PREFIXES,
                       min_count: int = 2) -> tuple[list, list, list]:
    from rasd.ner.features import _build_word_info, _phrase_codes, _window_codes

    chars = Counter(c for w in embedding_words for c in w)
    cats: Counter = Counter()
    infos: dict = {}
    for sent in sentences:
        words = []
        for t in sent.tokens:
            surface = sent.text[t.start:t.end]
            info = infos.get(surface)
            if info is None:
                info = infos[surface] = _build_word_info(surface, t, autolex)
            chars.update(stem_key(t))
            cats.update(categorical(info.local, prefixes))
            words.append(info)
        windows = _window_codes(words)
        if phrases:
            _phrase_codes(words, phrases, frozenset(k.split(" ", 1)[0] for k in phrases), windows)
        for codes in windows:
            cats.update(codes)
    char_list = ["<unk>"] + sorted(chars)
    cat_list = ["<unk>"] + sorted(c for c, n in cats.items() if n >= min_count)
    return ["<unk>"] + list(embedding_words), char_list, cat_list


def encode(sentences, featurizer: Featurizer) -> list[dict]:
    tag_ids = {t: i for i, t in enumerate(ENTITY_TAGS)}
    out = []
    for sent in sentences:
        words, windows = featurizer.sentence(sent.text, sent.tokens)
        out.append({"words": [w.word for w in words], "chars": [w.chars for w in words],
                    "cats": [sorted(set(w.cats) | set(win)) for w, win in zip(words, windows)],
                    "tags": [tag_ids[t] for t in sent.tags]})
    return out


def _network(word_vectors: np.ndarray, n_chars: int, n_cats: int, settings: dict):
    import torch
    from torch import nn

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            s = settings
            self.word = nn.Embedding.from_pretrained(torch.tensor(word_vectors), freeze=True)
            self.unk = nn.Parameter(torch.zeros(word_vectors.shape[1]))
            self.char_pad = n_chars
            self.char = nn.Embedding(n_chars + 1, s["char_dim"], padding_idx=n_chars)
            self.char_conv = nn.Conv1d(s["char_dim"], s["char_filters"], 3, padding=1)
            self.cat = nn.EmbeddingBag(n_cats, s["cat_dim"], mode="sum", padding_idx=0)
            dim = word_vectors.shape[1] + s["char_filters"] + s["cat_dim"]
            self.convs = nn.ModuleList()
            for d in s["dilations"]:
                self.convs.append(nn.Conv1d(dim, s["hidden"], 3, dilation=d, padding=d))
                dim = s["hidden"]
            self.out = nn.Linear(dim, len(ENTITY_TAGS))
            self.transitions = nn.Parameter(torch.zeros(len(ENTITY_TAGS), len(ENTITY_TAGS)))
            self.start = nn.Parameter(torch.zeros(len(ENTITY_TAGS)))
            self.end = nn.Parameter(torch.zeros(len(ENTITY_TAGS)))
            self.drop = nn.Dropout(s["dropout"])

        def inputs(self, words, chars, cat_idx, cat_offsets, mask):
            b, t = words.shape
            known = (words > 0).unsqueeze(-1).float()
            w = self.word(words) * known + self.unk * (1 - known)
            c = self.char(chars.view(b * t, -1)).transpose(1, 2)                  # (BT, C, L)
            c = torch.relu(self.char_conv(c)) * (chars.view(b * t, 1, -1) != self.char_pad).float()
            c = c.max(dim=2).values.view(b, t, -1)
            g = self.cat(cat_idx, cat_offsets).view(b, t, -1)
            return torch.cat([w, c, g], dim=-1) * mask.unsqueeze(-1)

        def emissions(self, x, mask):
            m = mask.unsqueeze(1)                                                  # (B, 1, T)
            h = self.drop(x).transpose(1, 2)
            for k, conv in enumerate(self.convs):
                y = torch.relu(conv(h)) * m
                h = y if k == 0 else h + self.drop(y)
            return self.out(self.drop(h.transpose(1, 2)))

        def nll(self, scores, tags, mask):
            t = scores.shape[1]
            first = scores[:, 0].gather(1, tags[:, :1]).squeeze(1) + self.start[tags[:, 0]]
            emit = scores.gather(2, tags.unsqueeze(-1)).squeeze(-1)
            trans = self.transitions[tags[:, :-1], tags[:, 1:]]
            gold = first + ((emit[:, 1:] + trans) * mask[:, 1:]).sum(dim=1)
            lengths = mask.sum(dim=1).long()
            gold = gold + self.end[tags.gather(1, (lengths - 1).unsqueeze(1)).squeeze(1)]
            alpha = self.start + scores[:, 0]
            for i in range(1, t):
                new = torch.logsumexp(alpha.unsqueeze(2) + self.transitions + scores[:, i].unsqueeze(1), dim=1)
                alpha = torch.where(mask[:, i:i + 1] > 0, new, alpha)
            log_z = torch.logsumexp(alpha + self.end, dim=1)
            return (log_z - gold).mean()

    return Net()


def _batch(items: Sequence[dict], char_pad: int, word_dropout: float = 0.0, rng: random.Random | None = None):
    import torch

    width = max(len(it["words"]) for it in items)
    chars_width = max(3, max(len(c) for it in items for c in it["chars"]))
    b = len(items)
    words = torch.zeros((b, width), dtype=torch.long)
    chars = torch.full((b, width, chars_width), char_pad, dtype=torch.long)
    tags = torch.zeros((b, width), dtype=torch.long)
    mask = torch.zeros((b, width))
    cat_idx, offsets = [], []
    for i, it in enumerate(items):
        n = len(it["words"])
        ws = it["words"]
        if word_dropout and rng is not None:
            ws = [0 if rng.random() < word_dropout else w for w in ws]
        words[i, :n] = torch.tensor(ws)
        tags[i, :n] = torch.tensor(it["tags"])
        mask[i, :n] = 1
        for j, c in enumerate(it["chars"]):
            chars[i, j, :len(c)] = torch.tensor(c)
    for i, it in enumerate(items):
        n = len(it["words"])
        for j in range(width):
            offsets.append(len(cat_idx))
            if j < n:
                cat_idx.extend(it["cats"][j])
    return (words, chars, torch.tensor(cat_idx, dtype=torch.long), torch.tensor(offsets, dtype=torch.long),
            mask, tags)


def export(net, vocab: tuple[list, list, list], settings: dict, path: str | os.PathLike,
           autolex: dict | None = None, phrases: dict | None = None) -> Path:
    """Write the network (and the auto-lexicon it was trained with) as the .npz neural.py loads."""
    words, chars, cats = vocab
    sd = {k: v.detach().cpu().numpy() for k, v in net.state_dict().items()}
    word_vectors = sd["word.weight"].copy()
    word_vectors[0] = net.unk.detach().cpu().numpy()
    params = {
        "tags": np.array(ENTITY_TAGS), "words": np.array(words), "chars": np.array(chars), "cats": np.array(cats),
        "word_vectors": word_vectors, "char_vectors": sd["char.weight"][:-1],
        "char_conv_w": sd["char_conv.weight"].transpose(2, 1, 0), "char_conv_b": sd["char_conv.bias"],
        "cat_vectors": sd["cat.weight"], "dilations": np.array(settings["dilations"]),
        "out_w": sd["out.weight"].T, "out_b": sd["out.bias"],
        "transitions": sd["transitions"], "start": sd["start"], "end": sd["end"],
    }
    params["cat_vectors"][0] = 0.0
    params["cat_prefixes"] = np.array(list(settings["prefixes"]))
    if autolex is not None:
        params["autolex_keys"] = np.array(list(autolex))
        params["autolex_values"] = np.array(["|".join(v) for v in autolex.values()])
        params["phrase_keys"] = np.array(list(phrases or {}) or [""])
        params["phrase_labels"] = np.array(list((phrases or {}).values()) or [""])
    for i in range(len(settings["dilations"])):
        params[f"conv{i}_w"] = sd[f"convs.{i}.weight"].transpose(2, 1, 0)
        params[f"conv{i}_b"] = sd[f"convs.{i}.bias"]
    params = {k: (v.astype(np.float16) if v.dtype.kind == "f" else v) for k, v in params.items()}
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as f:
        np.savez_compressed(f, **params)
    return path


def score_dev(model_path: Path, dev_gold) -> dict:
    from rasd.ner.conll import joined_text
    from rasd.ner.evaluate import analyse_text, score
    from rasd.ner.model import recognize
    from rasd.ner.neural import NeuralNerModel

    model = NeuralNerModel(model_path)
    return score(dev_gold, [recognize(analyse_text(joined_text(s)[0]), model) for s in dev_gold])


def fit(train_gold, embeddings: str | os.PathLike, out_path: str | os.PathLike, *, settings: dict,
        seed: int = 13, threads: int = 1, dev_gold=None, log=print,
        autolex_table: str | os.PathLike | None = None) -> dict:
    """Train on `train_gold`; with `dev_gold`, score each epoch and keep the best one's weights."""
    import torch

    torch.manual_seed(seed)
    np.random.seed(seed)
    rng = random.Random(seed)
    torch.set_num_threads(threads)
    started = time.perf_counter()
    with np.load(embeddings) as data:
        emb_words = [str(w) for w in data["words"]]
        emb = data["vectors"].astype(np.float32)
    autolex = phrases = None
    if autolex_table:
        from rasd.ner.autolex import load, load_phrases
        autolex, phrases = load(str(autolex_table)), load_phrases(str(autolex_table))
    sentences = aligned_sentences(train_gold)
    vocab = build_vocabularies(sentences, emb_words, autolex, phrases, settings["prefixes"])
    featurizer = Featurizer(*vocab, autolex=autolex, phrases=phrases, prefixes=settings["prefixes"])
    items = [it for it in encode(sentences, featurizer) if it["words"]]
    word_vectors = np.vstack([np.zeros((1, emb.shape[1]), np.float32), emb])
    net = _network(word_vectors, len(vocab[1]), len(vocab[2]), settings)
    optim = torch.optim.Adam([p for p in net.parameters() if p.requires_grad], lr=settings["lr"])
    schedule = torch.optim.lr_scheduler.ExponentialLR(optim, gamma=settings.get("lr_decay", 1.0))
    history, best = [], (-1.0, 0)
    best_path = Path(str(out_path) + ".best")
    prep_seconds = time.perf_counter() - started
    for epoch in range(1, settings["epochs"] + 1):
        net.train()
        order = sorted(range(len(items)), key=lambda i: (len(items[i]["words"]), rng.random()))
        batches = [order[i:i + settings["batch"]] for i in range(0, len(order), settings["batch"])]
        rng.shuffle(batches)
        total = 0.0
        for idx in batches:
            words, chars, cat_idx, offsets, mask, tags = _batch([items[i] for i in idx], net.char_pad,
                                                                settings["word_dropout"], rng)
            x = net.inputs(words, chars, cat_idx, offsets, mask)
            loss = net.nll(net.emissions(x, mask), tags, mask)
            optim.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            optim.step()
            total += loss.item() * len(idx)
        schedule.step()
        row = {"epoch": epoch, "loss": round(total / len(items), 4), "seconds": round(time.perf_counter() - started, 1)}
        net.eval()
        if dev_gold is not None:
            export(net, vocab, settings, out_path, autolex, phrases)
            dev = score_dev(Path(out_path), dev_gold)
            row["dev_f1"] = dev["micro"]["f1"]
            row.update({f"dev_{lab}": dev[lab]["f1"] for lab in ("PER", "LOC", "ORG", "MISC")})
            if row["dev_f1"] > best[0]:
                best = (row["dev_f1"], epoch)
                os.replace(out_path, best_path)
        history.append(row)
        log(row)
    if dev_gold is not None and best_path.exists():
        os.replace(best_path, out_path)
    else:
        export(net, vocab, settings, out_path, autolex, phrases)
    return {"history": history, "best_dev_f1": best[0], "best_epoch": best[1], "prep_seconds": round(prep_seconds, 1),
            "seconds": round(time.perf_counter() - started, 1), "sentences": len(items),
            "model_bytes": os.path.getsize(out_path)}


def train_neural(train_path: str | os.PathLike, embeddings: str | os.PathLike, out_path: str | os.PathLike, *,
                 settings: dict | None = None, seed: int = 13, threads: int = 1, refit: bool = True,
                 dev_fraction: float = 0.1, log=print, split_autolex: str | os.PathLike | None = None,
                 final_autolex: str | os.PathLike | None = None) -> dict:
    """Dev-split training (epoch chosen on dev), then optionally a refit on all of train.

    `split_autolex` is an auto-lexicon table built by a CRF that never saw the dev part (for honest
    dev figures), `final_autolex` the one of the shipped CRF (built from all of train); without them
    the tagger has no auto-lexicon inputs.
    """
    from rasd.ner.train import split_dev

    settings = {**SETTINGS, **(settings or {})}
    gold = read_conll(train_path)
    if dev_fraction <= 0:  # the epoch count was chosen on dev before: train on everything directly
        return {"settings": {k: list(v) if isinstance(v, tuple) else v for k, v in settings.items()}, "seed": seed,
                "threads": threads, "train_path": str(train_path), "embeddings": str(embeddings),
                "final_autolex": str(final_autolex) if final_autolex else None,
                "final": fit(gold, embeddings, out_path, settings=settings, seed=seed, threads=threads, log=log,
                             autolex_table=final_autolex)}
    train_part, dev_part = split_dev(gold, dev_fraction)
    report = {"settings": {k: list(v) if isinstance(v, tuple) else v for k, v in settings.items()}, "seed": seed,
              "threads": threads, "train_path": str(train_path), "embeddings": str(embeddings),
              "split_autolex": str(split_autolex) if split_autolex else None,
              "final_autolex": str(final_autolex) if final_autolex else None}
    with tempfile.TemporaryDirectory() as tmp:
        split_path = Path(out_path) if not refit else Path(tmp) / "split.npz"
        report["split"] = fit(train_part, embeddings, split_path, settings=settings, seed=seed, threads=threads,
                              dev_gold=dev_part, log=log, autolex_table=split_autolex)
    if refit:
        final = {**settings, "epochs": report["split"]["best_epoch"]}
        report["final"] = fit(gold, embeddings, out_path, settings=final, seed=seed, threads=threads, log=log,
                              autolex_table=final_autolex)
    return report
