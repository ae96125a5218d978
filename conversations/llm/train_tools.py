"""Fine-tunes the default chat model (SmolLM2-135M-Instruct) with a LoRA so that it decides well between
calling `generate_image`, calling `edit_image` and answering in text.

    python -m conversations.llm.train_tools --out conversations/llm/adapters/smollm2-tools

Losses: for tool examples, -log p(first token of `<tool_call>`), the decision, plus the mean cross-entropy of
the rest of the call (`{"name": ..., "arguments": {...}}</tool_call><|im_end|>`); for text examples, only
-log(1 - p(first token of `<tool_call>`)) at the first answer position, which leaves the base model's own answers
alone. The system prompt shared by all examples is run once per step without gradient (its key/value cache reused
by the batch), and LoRA sits on the upper layers only: both halve the CPU time. Seeded: same command, same
adapter (on the same torch build and thread count). See adapters/smollm2-tools/README.md for the measured time.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import random
import time
from pathlib import Path
from typing import Any

import torch

from conversations.llm.local import (
    DEFAULT_GGUF_FILE,
    TOOL_OPEN,
    default_model_dir,
    format_tool_call,
    render_plain_messages,
)
from conversations.llm.tool_data import Example, build_examples
from conversations.llm.tools_spec import IMAGE_TOOLS

log = logging.getLogger(__name__)

TARGET_MODULES = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]


def encode(tokenizer: Any, example: Example) -> tuple[list[int], list[int]]:
    """(prompt ids ending with the assistant header, target ids); the target is empty for text examples."""
    prompt = list(
        tokenizer.apply_chat_template(
            render_plain_messages(example.messages, IMAGE_TOOLS),
            add_generation_prompt=True,
            tokenize=True,
            return_dict=False,
        )
    )
    if example.call is None:
        return prompt, []
    call = format_tool_call(example.call["name"], json.dumps(example.call["arguments"], ensure_ascii=False))
    target = tokenizer.encode(call, add_special_tokens=False) + [tokenizer.eos_token_id]
    return prompt, target


def split_prefix(data: list[tuple[list[int], list[int]]]) -> tuple[list[int], list[tuple[list[int], list[int]]]]:
    """The longest prompt prefix shared by every example (the system prompt) and the examples without it."""
    prefix = data[0][0]
    for prompt, _target in data[1:]:
        size = 0
        while size < min(len(prefix), len(prompt)) and prefix[size] == prompt[size]:
            size += 1
        prefix = prefix[:size]
    # Keep at least one token of each prompt outside the prefix.
    size = min(len(prefix), min(len(p) for p, _t in data) - 1)
    return prefix[:size], [(prompt[size:], target) for prompt, target in data]


def batch_loss(
    model: Any, prefix: list[int], batch: list[tuple[list[int], list[int]]], tool_token: int, pad_id: int
) -> tuple[torch.Tensor, dict[str, float]]:
    """Mean loss of a batch of examples that all start with `prefix`.

    The shared prefix (the system prompt) is run once per step without gradient and its key/value cache reused
    by the whole batch: about half the tokens of an example, and half the training time on this CPU. Logits are
    computed only where a loss is taken (the LM head is a large share of the compute of a 135M model)."""
    from transformers import DynamicCache

    causal_lm = model.get_base_model()
    with torch.no_grad():
        cache = DynamicCache(config=causal_lm.config)
        causal_lm.model(input_ids=torch.tensor([prefix]), past_key_values=cache, use_cache=True)
        cache.batch_repeat_interleave(len(batch))
    sequences = [prompt + target[:-1] if target else prompt for prompt, target in batch]
    width = max(len(s) for s in sequences)
    input_ids = torch.full((len(batch), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(batch), len(prefix) + width), dtype=torch.long)
    mask[:, : len(prefix)] = 1
    for row, seq in enumerate(sequences):
        input_ids[row, : len(seq)] = torch.tensor(seq)
        mask[row, len(prefix) : len(prefix) + len(seq)] = 1
    hidden = causal_lm.model(
        input_ids=input_ids, attention_mask=mask, past_key_values=cache, use_cache=True
    ).last_hidden_state
    losses = []
    stats = {"tool": 0.0, "text": 0.0, "n_tool": 0, "n_text": 0}
    for row, (prompt, target) in enumerate(batch):
        first = len(prompt) - 1
        if target:
            positions = torch.arange(first, first + len(target))
            logits = causal_lm.lm_head(hidden[row, positions]).float()
            ce = torch.nn.functional.cross_entropy(logits, torch.tensor(target), reduction="none")
            # The first token is the decision (-log p(tool)), weighted like the whole rest of the call.
            loss = ce[0] + ce[1:].mean()
            stats["tool"] += float(ce[0].detach())
            stats["n_tool"] += 1
        else:
            logits = causal_lm.lm_head(hidden[row, first]).float()
            log_p = torch.log_softmax(logits, dim=-1)[tool_token].clamp(max=-1e-6)
            loss = -torch.log(-torch.expm1(log_p))  # -log(1 - p(tool))
            stats["text"] += float(loss.detach())
            stats["n_text"] += 1
        losses.append(loss)
    return torch.stack(losses).mean(), stats


def train(
    out: Path,
    *,
    examples: int,
    epochs: int,
    batch_size: int,
    lr: float,
    rank: int,
    first_layer: int,
    seed: int,
    threads: int,
) -> dict[str, Any]:
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM, AutoTokenizer

    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    random.seed(seed)
    started = time.monotonic()
    folder = default_model_dir()
    tokenizer = AutoTokenizer.from_pretrained(folder, gguf_file=DEFAULT_GGUF_FILE)
    base = AutoModelForCausalLM.from_pretrained(folder, gguf_file=DEFAULT_GGUF_FILE, dtype=torch.float32)
    layers = base.config.num_hidden_layers
    config = LoraConfig(
        r=rank,
        lora_alpha=2 * rank,
        lora_dropout=0.0,
        target_modules=TARGET_MODULES,
        layers_to_transform=list(range(first_layer, layers)),
        task_type="CAUSAL_LM",
    )
    model = get_peft_model(base, config)
    model.train()
    loaded = time.monotonic() - started

    prefix, data = split_prefix([encode(tokenizer, ex) for ex in build_examples(examples, seed=seed)])
    tool_token = tokenizer.encode(TOOL_OPEN, add_special_tokens=False)[0]
    pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=lr, weight_decay=0.0)
    steps = epochs * math.ceil(len(data) / batch_size)
    warmup = max(1, steps // 20)

    def schedule(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        return 0.5 * (1 + math.cos(math.pi * (step - warmup) / max(1, steps - warmup)))

    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, schedule)
    rng = random.Random(seed)  # noqa: S311 (reproducible shuffling, not security)
    step = 0
    window: dict[str, float] = {"tool": 0.0, "text": 0.0, "n_tool": 0, "n_text": 0}
    for _epoch in range(epochs):
        order = list(range(len(data)))
        rng.shuffle(order)
        # Batches of similar lengths waste less on padding; the batch order is shuffled again.
        order.sort(key=lambda i: len(data[i][0]) + len(data[i][1]))
        batches = [order[i : i + batch_size] for i in range(0, len(order), batch_size)]
        rng.shuffle(batches)
        for batch in batches:
            loss, stats = batch_loss(model, prefix, [data[i] for i in batch], tool_token, pad_id)
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            optimizer.step()
            scheduler.step()
            step += 1
            for key in window:
                window[key] += stats[key]
            if step % 25 == 0 or step == steps:
                log.info(
                    "step %d/%d  first-token CE (tool) %.3f  -log(1-p) (text) %.3f  %.0f s",
                    step, steps, window["tool"] / max(1, window["n_tool"]),
                    window["text"] / max(1, window["n_text"]), time.monotonic() - started,
                )
                window = {key: 0.0 for key in window}
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(str(out))
    summary = {
        "examples": len(data),
        "epochs": epochs,
        "steps": steps,
        "batch_size": batch_size,
        "lr": lr,
        "rank": rank,
        "layers": f"{first_layer}-{layers - 1}",
        "seed": seed,
        "threads": threads,
        "load_seconds": round(loaded, 1),
        "total_seconds": round(time.monotonic() - started, 1),
        "torch": torch.__version__,
    }
    (out / "training.json").write_text(json.dumps(summary, indent=2) + "\n")
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for the adapter")
    parser.add_argument("--examples", type=int, default=1000)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--lr", type=float, default=2e-3)
    parser.add_argument("--rank", type=int, default=8)
    parser.add_argument("--first-layer", type=int, default=12, help="LoRA on layers first-layer..last only")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=1, help="torch threads (1: fastest on the busy 2 cores)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    summary = train(
        args.out,
        examples=args.examples,
        epochs=args.epochs,
        batch_size=args.batch_size,
        lr=args.lr,
        rank=args.rank,
        first_layer=args.first_layer,
        seed=args.seed,
        threads=args.threads,
    )
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
