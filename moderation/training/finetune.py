"""MiniLM's top layers fine-tuned together with the prompt classifier's head (`ngram-emb-9` with two layers,
`ngram-emb-10` with three, `ngram-emb-11` with four, whose three runs the shipped `ngram-emb-15` averages; see
moderation/model/MODEL_CARD.md). Training only: torch is imported here, never in the web process.

The lower, frozen layers' output for every prompt is computed once by the web process's own numpy encoder
(`SentenceEncoder.run_layers`) and cached (`layer_inputs`). The top K layers are torch copies of the package's
that compute what `SentenceEncoder.run_layers` computes (same attention, layer norm epsilon 1e-12, GELU with the
tanh approximation), and the head reads the same mean over all tokens at unit length; so the float16 weights
this module exports (`TunedHead.layer_arrays`) give the web process the embeddings that the trainer scored.
"""

from __future__ import annotations

import hashlib
import math
import random
import time
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from moderation.filters.encoder import EPS, HEADS, HIDDEN, LAYERS, EncoderLayer, SentenceEncoder

EPOCHS = 2
BATCH_SIZE = 32
LAYER_LR = 5e-5
HEAD_LR = 5e-4
WEIGHT_DECAY = 0.01
WARMUP = 0.05


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()


def layer_inputs(texts: list[str], cache: Path, *, frozen: int, encoder: SentenceEncoder) -> list[np.ndarray]:
    """The output of MiniLM's first `frozen` layers for each text, (tokens, 384) float32, with the numpy encoder
    of the web process (texts cut at its `max_tokens`). Texts already in `cache` are reused."""
    digests = [_digest(t) for t in texts]
    known: dict[str, np.ndarray] = {}
    if cache.exists():
        with np.load(cache, allow_pickle=False) as saved:
            if int(saved["frozen"]) == frozen and int(saved["max_tokens"]) == encoder.max_tokens:
                offsets = saved["offsets"]
                states = saved["states"]
                known = {str(d): states[offsets[i]:offsets[i + 1]] for i, d in enumerate(saved["digests"])}
    missing = {d: t for d, t in zip(digests, texts, strict=True) if d not in known}
    if missing:
        start = time.perf_counter()
        for done, (d, t) in enumerate(missing.items(), 1):
            known[d] = encoder.run_layers(encoder.embed_tokens(encoder.token_ids(t)), encoder.layers[:frozen])
            if done % 5000 == 0:
                print(f"  layer inputs {done}/{len(missing)} ({time.perf_counter() - start:.0f} s)", flush=True)
        print(f"  layer inputs of {len(missing)} prompts in {time.perf_counter() - start:.0f} s", flush=True)
        cache.parent.mkdir(parents=True, exist_ok=True)
        arrays = list(known.values())
        offsets = np.concatenate([[0], np.cumsum([len(a) for a in arrays])]).astype(np.int64)
        np.savez(cache, digests=np.array(list(known)), offsets=offsets, states=np.concatenate(arrays),
                 frozen=frozen, max_tokens=encoder.max_tokens)
    return [np.asarray(known[d], dtype=np.float32) for d in digests]


class TorchLayer(nn.Module):
    """One BERT layer as `SentenceEncoder.run_layers` computes it, with trainable weights."""

    def __init__(self, layer: EncoderLayer) -> None:
        super().__init__()

        def linear(weight: np.ndarray, bias: np.ndarray) -> nn.Linear:  # weight stored (in, out) for x @ W
            lin = nn.Linear(weight.shape[0], weight.shape[1])
            lin.weight.data = torch.tensor(weight.T.copy())
            lin.bias.data = torch.tensor(bias.copy())
            return lin

        def norm(pair: tuple[np.ndarray, np.ndarray]) -> nn.LayerNorm:
            ln = nn.LayerNorm(HIDDEN, eps=EPS)
            ln.weight.data = torch.tensor(pair[0].copy())
            ln.bias.data = torch.tensor(pair[1].copy())
            return ln

        self.qkv = linear(layer.qkv, layer.qkv_bias)
        self.out = linear(layer.out, layer.out_bias)
        self.norm1 = norm(layer.norm1)
        self.up = linear(layer.up, layer.up_bias)
        self.down = linear(layer.down, layer.down_bias)
        self.norm2 = norm(layer.norm2)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """`x` (batch, tokens, 384); `mask` (batch, tokens), True on real tokens."""
        b, n, _ = x.shape
        head_dim = HIDDEN // HEADS
        q, k, v = (t.reshape(b, n, HEADS, head_dim).transpose(1, 2) for t in self.qkv(x).split(HIDDEN, dim=-1))
        scores = q @ k.transpose(-1, -2) / math.sqrt(head_dim)
        scores = scores.masked_fill(~mask[:, None, None, :], float("-inf"))
        context = (scores.softmax(-1) @ v).transpose(1, 2).reshape(b, n, HIDDEN)
        x = self.norm1(self.out(context) + x)
        return self.norm2(self.down(F.gelu(self.up(x), approximate="tanh")) + x)

    def numpy_layer(self, dtype: Any = np.float16) -> EncoderLayer:
        """The weights as the numpy encoder's layer, rounded to `dtype` (as stored)."""
        def a(t: torch.Tensor) -> np.ndarray:
            return np.ascontiguousarray(t.detach().numpy().astype(dtype))

        return EncoderLayer(qkv=a(self.qkv.weight.T), qkv_bias=a(self.qkv.bias), out=a(self.out.weight.T),
                            out_bias=a(self.out.bias), norm1=(a(self.norm1.weight), a(self.norm1.bias)),
                            up=a(self.up.weight.T), up_bias=a(self.up.bias), down=a(self.down.weight.T),
                            down_bias=a(self.down.bias), norm2=(a(self.norm2.weight), a(self.norm2.bias)))


class TunedEncoder(nn.Module):
    """The top layers, the mean over all tokens at unit length, and a linear head over the classes."""

    def __init__(self, layers: list[EncoderLayer], coef: np.ndarray, intercept: np.ndarray) -> None:
        super().__init__()
        self.layers = nn.ModuleList(TorchLayer(layer) for layer in layers)
        self.head = nn.Linear(HIDDEN, coef.shape[0])
        self.head.weight.data = torch.tensor(coef, dtype=torch.float32)
        self.head.bias.data = torch.tensor(intercept, dtype=torch.float32)

    def embed(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        for layer in self.layers:
            x = layer(x, mask)
        weights = mask.to(x.dtype)[:, :, None]
        pooled = (x * weights).sum(1) / weights.sum(1)
        return F.normalize(pooled, dim=-1, eps=1e-12)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        return self.head(self.embed(x, mask))


def _batch(inputs: list[np.ndarray], rows: list[int]) -> tuple[torch.Tensor, torch.Tensor]:
    n = max(len(inputs[i]) for i in rows)
    x = np.zeros((len(rows), n, HIDDEN), dtype=np.float32)
    mask = np.zeros((len(rows), n), dtype=bool)
    for j, i in enumerate(rows):
        x[j, :len(inputs[i])] = inputs[i]
        mask[j, :len(inputs[i])] = True
    return torch.from_numpy(x), torch.from_numpy(mask)


def _length_batches(inputs: list[np.ndarray], rows: list[int], size: int, rng: random.Random) -> list[list[int]]:
    """Rows of similar length together (ties in random order), the batches in random order."""
    keyed = sorted(rows, key=lambda i: (len(inputs[i]), rng.random()))
    batches = [keyed[j:j + size] for j in range(0, len(keyed), size)]
    rng.shuffle(batches)
    return batches


@torch.no_grad()
def embeddings(model: TunedEncoder, inputs: list[np.ndarray], rows: list[int], *, size: int = 256) -> np.ndarray:
    """Unit-length embeddings (len(rows), 384) of `rows`, in their order."""
    model.eval()
    out = np.zeros((len(rows), HIDDEN), dtype=np.float32)
    order = sorted(range(len(rows)), key=lambda j: len(inputs[rows[j]]))
    for start in range(0, len(order), size):
        chunk = order[start:start + size]
        x, mask = _batch(inputs, [rows[j] for j in chunk])
        out[chunk] = model.embed(x, mask).numpy()
    return out


class TunedHead:
    """The fine-tuned layers and head, shaped like a fitted scikit-learn classifier for the trainer
    (`coef_`, `intercept_`, `classes_`), with the layers' arrays to store beside the head."""

    def __init__(self, model: TunedEncoder, classes: np.ndarray) -> None:
        self.model = model
        self.classes_ = classes
        self.coef_ = model.head.weight.detach().numpy().astype(np.float32)
        self.intercept_ = model.head.bias.detach().numpy().astype(np.float32)
        torch_layers: list[TorchLayer] = [layer for layer in model.layers if isinstance(layer, TorchLayer)]
        self.layers = [layer.numpy_layer() for layer in torch_layers]  # float16, as stored and as scored
        for torch_layer, stored in zip(torch_layers, self.layers, strict=True):
            rounded = TorchLayer(stored)  # the embeddings below come from the float16 weights
            torch_layer.load_state_dict(rounded.state_dict())

    def layer_arrays(self) -> dict[str, np.ndarray]:
        arrays: dict[str, np.ndarray] = {}
        for j, layer in enumerate(self.layers):
            arrays.update(layer.arrays(f"encoder_layer{j}_"))
        return arrays

    def embed(self, inputs: list[np.ndarray], rows: list[int]) -> np.ndarray:
        return embeddings(self.model, inputs, rows)

    @torch.no_grad()
    def predict_proba(self, inputs: list[np.ndarray], rows: list[int], *, size: int = 256) -> np.ndarray:
        """Class probabilities (len(rows), classes) of `rows`, in their order, from the torch model."""
        self.model.eval()
        out = np.zeros((len(rows), len(self.classes_)), dtype=np.float32)
        for start in range(0, len(rows), size):
            x, mask = _batch(inputs, rows[start:start + size])
            out[start:start + size] = torch.softmax(self.model(x, mask), dim=-1).numpy()
        return out


def finetune(inputs: list[np.ndarray], rows: list[int], labels: list[int], layers: list[EncoderLayer],
             start: Any, n_classes: int, *, epochs: int = EPOCHS, batch_size: int = BATCH_SIZE,
             layer_lr: float = LAYER_LR, head_lr: float = HEAD_LR, seed: int = 0, log: bool = True) -> TunedHead:
    """Fine-tune copies of `layers` (MiniLM's top layers) and a head started from `start` (a fitted
    LogisticRegression on the frozen embeddings of the same rows) on `rows` of `inputs` with `labels`."""
    torch.manual_seed(seed)
    rng = random.Random(seed)  # noqa: S311 - batch order, not security
    coef = np.zeros((n_classes, HIDDEN), dtype=np.float32)
    intercept = np.full(n_classes, -20.0, dtype=np.float32)  # a class absent from the rows stays improbable
    start_coef, start_intercept = np.asarray(start.coef_), np.asarray(start.intercept_)
    if len(start.classes_) == 2 and len(start_coef) == 1:  # scikit-learn's binary form: one row for the second
        start_coef = np.stack([-start_coef[0] / 2, start_coef[0] / 2])
        start_intercept = np.array([-start_intercept[0] / 2, start_intercept[0] / 2])
    for row, cls in enumerate(start.classes_):
        coef[cls] = start_coef[row]
        intercept[cls] = start_intercept[row]
    model = TunedEncoder(layers, coef, intercept)
    label_of = dict(zip(rows, labels, strict=True))
    optimiser = torch.optim.AdamW([
        {"params": [p for layer in model.layers for p in layer.parameters()], "lr": layer_lr},
        {"params": list(model.head.parameters()), "lr": head_lr},
    ], weight_decay=WEIGHT_DECAY)
    total = epochs * math.ceil(len(rows) / batch_size)
    warmup = max(1, int(WARMUP * total))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min((s + 1) / warmup, max(0.0, (total - s) / max(1, total - warmup))))
    step, started = 0, time.perf_counter()
    for epoch in range(epochs):
        model.train()
        running = 0.0
        for batch in _length_batches(inputs, rows, batch_size, rng):
            x, mask = _batch(inputs, batch)
            loss = F.cross_entropy(model(x, mask), torch.tensor([label_of[i] for i in batch]))
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            step += 1
            running += float(loss.detach())
            if log and step % 500 == 0:
                print(f"    step {step}/{total} loss {running / 500:.4f} ({time.perf_counter() - started:.0f} s)",
                      flush=True)
                running = 0.0
        if log:
            print(f"    epoch {epoch + 1}/{epochs} done ({time.perf_counter() - started:.0f} s)", flush=True)
    model.eval()
    return TunedHead(model, np.arange(n_classes))


def frozen_top(encoder: SentenceEncoder, k: int) -> list[EncoderLayer]:
    """The package's last `k` layers (the ones a fine-tune starts from)."""
    return encoder.layers[LAYERS - k:]


def frozen_embeddings(encoder: SentenceEncoder, inputs: list[np.ndarray], rows: list[int], k: int) -> np.ndarray:
    """The embeddings of `rows` of `inputs` (the input of the last `k` layers) through the package's own last
    `k` layers, not fine-tuned: what the logistic-regression head that a fine-tune starts from is fitted on."""
    frozen = TunedEncoder(frozen_top(encoder, k), np.zeros((1, HIDDEN), np.float32), np.zeros(1, np.float32))
    return embeddings(frozen, inputs, rows)


CACHED_LAYERS = LAYERS - 4  # the cache holds the input of the third layer: K = 1 to 4 all start from it


@torch.no_grad()
def through(layers: list[EncoderLayer], inputs: list[np.ndarray], *, size: int = 256) -> list[np.ndarray]:
    """`inputs` sent through frozen `layers` (torch, batched by length): the input of the layers after them."""
    if not layers:
        return inputs
    torch_layers = [TorchLayer(layer).eval() for layer in layers]
    out: list[np.ndarray] = [np.empty(0)] * len(inputs)
    order = sorted(range(len(inputs)), key=lambda i: len(inputs[i]))
    for start in range(0, len(order), size):
        chunk = order[start:start + size]
        x, mask = _batch(inputs, chunk)
        for layer in torch_layers:
            x = layer(x, mask)
        for j, i in enumerate(chunk):
            out[i] = x[j, :len(inputs[i])].numpy()
    return out


def top_inputs(texts: list[str], cache: Path, k: int, encoder: SentenceEncoder) -> list[np.ndarray]:
    """The input of MiniLM's last `k` layers (1 to 4) for each text, from the cache of the third layer's input."""
    if not 1 <= k <= LAYERS - CACHED_LAYERS:
        raise ValueError(f"only the last 1 to {LAYERS - CACHED_LAYERS} layers can be fine-tuned")
    cached = layer_inputs(texts, cache, frozen=CACHED_LAYERS, encoder=encoder)
    return through(encoder.layers[CACHED_LAYERS:LAYERS - k], cached)
