"""Training memory, parameter counts and time for the memory calculator: the one source of truth.

Every formula the page shows and the browser computes lives here. The browser does not get its
own copy of the constants: `coefficients()` exports them (and the presets) as JSON into the page,
and assets/memory-calculator.js applies them with the same operations in the same order.
tests/browser/test_memory_calculator.py runs both on a few hundred random inputs and requires
identical byte counts and identical times.

All byte counts are integers. Fractions (4-bit weights, ZeRO shards, the overhead share) are
rounded up with integer arithmetic, which JavaScript reproduces exactly for values below 2**52;
the input limits in LIMITS keep every intermediate value far below that.

Assumptions, stated once (the page repeats them):
- bf16 mixed precision with fp32 master weights (Micikevicius et al. 2018, as the ZeRO paper
  counts it); LoRA adapters are kept in fp32, as PEFT does by default for a bf16 base model;
- a fused attention kernel that does not store the s x s attention scores; no dropout (lora_dropout 0);
- data parallelism only: every GPU processes its own micro-batch, so activations do not shrink
  with more GPUs; ZeRO shards the model states (Rajbhandari et al. 2020).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any, Literal

from macros.data_files import DATA_DIR, DataError, files_stamp, read_yaml, relative
from macros.schemas.base import validate
from macros.schemas.gpus import GpuPreset, GpusFile
from macros.schemas.models import ModelPreset, ModelsFile

MODELS_FILE = DATA_DIR / "models.yml"
GPUS_FILE = DATA_DIR / "gpus.yml"

Method = Literal["full", "lora", "qlora"]
Optimizer = Literal["adamw", "adamw-8bit"]
Targets = Literal["attention", "all-linear"]

METHODS: tuple[Method, ...] = ("full", "lora", "qlora")
OPTIMIZERS: tuple[Optimizer, ...] = ("adamw", "adamw-8bit")
TARGETS: tuple[Targets, ...] = ("attention", "all-linear")
ATTENTION_MODULES = ("q_proj", "k_proj", "v_proj", "o_proj")
MLP_MODULES = ("gate_proj", "up_proj", "down_proj")
LINEAR_MODULES = ATTENTION_MODULES + MLP_MODULES

# Bytes per value.
BF16 = 2
FP32 = 4
# AdamW keeps two fp32 moments; 8-bit AdamW keeps them in 8 bits with one fp32 absmax per
# block of 2,048 values (Dettmers et al. 2022, block-wise quantization).
ADAM_MOMENT_BYTES = {"adamw": 4, "adamw-8bit": 1}
ADAM_8BIT_BLOCK = 2048
# NF4 weights: 4 bits per value; double quantization stores one 8-bit constant per block of
# 64 weights and one fp32 constant per 256 of those (Dettmers et al. 2023, section 3).
NF4_BLOCK = 64
NF4_SECOND_BLOCK = 256
# Logits: bf16 logits (2), their fp32 copy for the loss (4), the fp32 gradient in backward (4).
LOGIT_BYTES = 10
# A stated overhead, the handbook's assumption: 1 GB for the CUDA context and kernels, plus 10%
# of everything else for allocator fragmentation and temporary buffers.
OVERHEAD_FIXED_BYTES = 1_000_000_000
OVERHEAD_PERCENT = 10
GB = 1_000_000_000

# What a reader may type. Outside these the calculator shows a message instead of a number.
LIMITS: dict[str, tuple[float, float]] = {
    "seq_len": (1, 131_072),
    "batch_size": (1, 256),
    "tokens_per_step": (1, 524_288),
    "lora_rank": (1, 4096),
    "gpus": (1, 4096),
    "tokens_millions": (0.001, 10_000_000),
    "mfu_percent": (1, 100),
    "hidden_size": (64, 32_768),
    "num_hidden_layers": (1, 256),
    "num_attention_heads": (1, 256),
    "num_key_value_heads": (1, 256),
    "intermediate_size": (64, 131_072),
    "vocab_size": (256, 524_288),
}
DEFAULTS: dict[str, Any] = {
    "model": "Qwen/Qwen2.5-7B",
    "method": "lora",
    "optimizer": "adamw",
    "targets": "all-linear",
    "seq_len": 2048,
    "batch_size": 1,
    "lora_rank": 16,
    "gpus": 1,
    "zero_stage": 0,
    "gradient_checkpointing": True,
    "gpu": "a100-80gb",
    "tokens_millions": 10,
    "mfu_percent": 40,
}


@dataclass(frozen=True)
class Architecture:
    """The numbers of a decoder-only transformer (Llama/Qwen2 layout) that memory depends on."""

    hidden_size: int
    num_hidden_layers: int
    num_attention_heads: int
    num_key_value_heads: int
    intermediate_size: int
    vocab_size: int
    tie_word_embeddings: bool
    qkv_bias: bool
    head_dim: int

    @classmethod
    def of(cls, preset: ModelPreset) -> Architecture:
        return cls(
            hidden_size=preset.hidden_size,
            num_hidden_layers=preset.num_hidden_layers,
            num_attention_heads=preset.num_attention_heads,
            num_key_value_heads=preset.num_key_value_heads,
            intermediate_size=preset.intermediate_size,
            vocab_size=preset.vocab_size,
            tie_word_embeddings=preset.tie_word_embeddings,
            qkv_bias=preset.qkv_bias,
            head_dim=preset.head_dim or preset.hidden_size // preset.num_attention_heads,
        )


# --- loading the presets ------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _models(stamp: tuple[tuple[str, float], ...]) -> dict[str, ModelPreset]:
    data = validate(ModelsFile, read_yaml(MODELS_FILE), relative(MODELS_FILE), "model")
    return {model.id: model for model in data.models}


@lru_cache(maxsize=1)
def _gpus(stamp: tuple[tuple[str, float], ...]) -> dict[str, GpuPreset]:
    data = validate(GpusFile, read_yaml(GPUS_FILE), relative(GPUS_FILE), "gpu")
    return {gpu.id: gpu for gpu in data.gpus}


def models() -> dict[str, ModelPreset]:
    """The model presets of data/models.yml by id, validated."""
    return _models(files_stamp([MODELS_FILE]))


def gpus() -> dict[str, GpuPreset]:
    """The GPU presets of data/gpus.yml by id, validated."""
    return _gpus(files_stamp([GPUS_FILE]))


def model(model_id: str) -> ModelPreset:
    presets = models()
    if model_id not in presets:
        known = ", ".join(presets)
        raise DataError(relative(MODELS_FILE), f"model '{model_id}'", f"no such preset (known: {known})")
    return presets[model_id]


# --- parameter counts ---------------------------------------------------------------------------


def linear_shapes(arch: Architecture) -> dict[str, tuple[int, int]]:
    """(d_in, d_out) of each linear layer of one decoder layer, as in Hugging Face's Llama/Qwen2 code.

    Grouped-query attention (Ainslie et al. 2023) gives k_proj and v_proj only
    num_key_value_heads x head_dim outputs.
    """
    h, q, kv = arch.hidden_size, arch.num_attention_heads * arch.head_dim, arch.num_key_value_heads * arch.head_dim
    i = arch.intermediate_size
    return {
        "q_proj": (h, q),
        "k_proj": (h, kv),
        "v_proj": (h, kv),
        "o_proj": (q, h),
        "gate_proj": (h, i),
        "up_proj": (h, i),
        "down_proj": (i, h),
    }


def linear_parameters(arch: Architecture) -> int:
    """Weights of every decoder linear layer (no biases): the part QLoRA stores in 4 bits."""
    per_layer = sum(d_in * d_out for d_in, d_out in linear_shapes(arch).values())
    return arch.num_hidden_layers * per_layer


def embedding_parameters(arch: Architecture) -> int:
    """The input embedding plus, when it is not tied to it, the output head (lm_head)."""
    tables = 1 if arch.tie_word_embeddings else 2
    return tables * arch.vocab_size * arch.hidden_size


def parameter_count(arch: Architecture) -> int:
    """All parameters: linear weights, q/k/v biases (Qwen2), two RMSNorm weights per layer and a
    final one, and the embeddings. Reproduces the model cards' counts (tests/test_memory.py)."""
    shapes = linear_shapes(arch)
    biases = sum(shapes[name][1] for name in ("q_proj", "k_proj", "v_proj")) if arch.qkv_bias else 0
    norms = 2 * arch.hidden_size
    per_layer_extra = biases + norms
    return (
        linear_parameters(arch)
        + arch.num_hidden_layers * per_layer_extra
        + embedding_parameters(arch)
        + arch.hidden_size
    )


def target_modules(targets: Targets) -> tuple[str, ...]:
    """PEFT target modules: the four attention projections, or every linear layer of the decoder."""
    return ATTENTION_MODULES if targets == "attention" else LINEAR_MODULES


def lora_parameters_per_layer(arch: Architecture, rank: int, targets: Targets) -> int:
    """LoRA adds A (r x d_in) and B (d_out x r) beside each targeted W (Hu et al. 2021): r(d_in + d_out)."""
    shapes = linear_shapes(arch)
    return sum(rank * (shapes[name][0] + shapes[name][1]) for name in target_modules(targets))


def lora_parameters(arch: Architecture, rank: int, targets: Targets) -> int:
    return arch.num_hidden_layers * lora_parameters_per_layer(arch, rank, targets)


# --- memory -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Setting:
    """One training setup: what the calculator's form holds."""

    method: Method
    optimizer: Optimizer
    targets: Targets
    seq_len: int
    batch_size: int
    lora_rank: int
    gpus: int
    zero_stage: int
    gradient_checkpointing: bool


@dataclass(frozen=True)
class Breakdown:
    """Bytes per GPU, by kind. `total` includes the overhead."""

    weights: int
    gradients: int
    optimizer: int
    lora: int
    activations: int
    logits: int
    overhead: int
    total: int
    trainable: int


def ceil_div(numerator: int, denominator: int) -> int:
    return -(-numerator // denominator)


def nf4_bytes(values: int) -> int:
    """NF4 with double quantization (Dettmers et al. 2023): 4 bits per weight, one 8-bit constant per
    64 weights and one fp32 constant per 64 x 256 weights, i.e. 4 + 8/64 + 32/16,384 = 4.127 bits."""
    blocks = ceil_div(values, NF4_BLOCK)
    return ceil_div(values, 2) + blocks + FP32 * ceil_div(blocks, NF4_SECOND_BLOCK)


def frozen_weight_bytes(arch: Architecture, method: Method) -> int:
    """The base model's weights: bf16, or for QLoRA the linear layers in NF4 and the rest
    (embeddings, lm_head, norms, biases) in bf16, as bitsandbytes leaves them."""
    total = parameter_count(arch)
    if method != "qlora":
        return BF16 * total
    linear = linear_parameters(arch)
    return nf4_bytes(linear) + BF16 * (total - linear)


def optimizer_bytes(trainable: int, optimizer: Optimizer, master_copy: bool) -> int:
    """Adam's two moments, plus the fp32 master weights in mixed precision (ZeRO paper, section 3.1:
    K = 12 bytes per parameter for AdamW). 8-bit AdamW stores the moments in one byte each plus
    one fp32 absmax per block of 2,048 (Dettmers et al. 2022)."""
    moments = 2 * ADAM_MOMENT_BYTES[optimizer] * trainable
    if optimizer == "adamw-8bit":
        moments += 2 * FP32 * ceil_div(trainable, ADAM_8BIT_BLOCK)
    return moments + (FP32 * trainable if master_copy else 0)


def activation_bytes_per_token_per_layer(arch: Architecture) -> int:
    """Activations one decoder layer keeps for backward, per token, counted tensor by tensor in the
    way of Korthikanti et al. 2022 (section 4.1), adapted to a Llama/Qwen2 layer:

    - two RMSNorm inputs (2h) and the inputs of attention and MLP (h + h), in bf16;
    - Q (a·d), K and V (2·kv·d) and the attention output (a·d) kept by a fused attention kernel,
      plus its fp32 log-sum-exp per head (4a bytes); no s x s scores (the 5as/h term is gone);
    - SwiGLU: gate output, its SiLU, up output and their product (4i).
    No dropout masks: fine-tuning recipes for these models use no dropout.
    """
    h, i = arch.hidden_size, arch.intermediate_size
    q = arch.num_attention_heads * arch.head_dim
    kv = arch.num_key_value_heads * arch.head_dim
    elements = 2 * h + 2 * h + 2 * q + 2 * kv + 4 * i
    return BF16 * elements + FP32 * arch.num_attention_heads


def activation_bytes(arch: Architecture, tokens: int, checkpointing: bool) -> int:
    """Activations of the whole model for `tokens` = sequence length x micro-batch.

    With gradient checkpointing (Chen et al. 2016), as Hugging Face applies it per decoder layer,
    only each layer's input (2h bytes per token) is kept, and one layer's activations are
    recomputed at a time in backward. The final norm's input and output add 4h.
    """
    per_layer = activation_bytes_per_token_per_layer(arch)
    layers = arch.num_hidden_layers
    kept = BF16 * arch.hidden_size * layers + per_layer if checkpointing else per_layer * layers
    return tokens * (kept + 2 * BF16 * arch.hidden_size)


def logit_bytes(arch: Architecture, tokens: int) -> int:
    """The output logits, tokens x vocabulary: bf16 logits, their fp32 copy for the cross-entropy,
    and the fp32 gradient in backward (10 bytes each). Large vocabularies make this a big term."""
    return LOGIT_BYTES * tokens * arch.vocab_size


def memory_breakdown(arch: Architecture, setting: Setting) -> Breakdown:
    """Bytes per GPU for one training step, by kind (see the module docstring for the assumptions).

    Model states follow the ZeRO paper (Rajbhandari et al. 2020): with N GPUs, stage 1 shards the
    optimizer states, stage 2 also the gradients, stage 3 also the parameters (shards round up).
    Full fine-tuning: bf16 weights 2Ψ, bf16 gradients 2Ψ, fp32 master weights and moments KΨ.
    LoRA / QLoRA: frozen base weights (bf16, or NF4 per the QLoRA paper), and for the adapters
    fp32 weights, fp32 gradients and the optimizer moments.
    """
    n = setting.gpus

    def shard(value: int, stage: int) -> int:
        return ceil_div(value, n) if setting.zero_stage >= stage else value

    if setting.method == "full":
        trainable = parameter_count(arch)
        weights = shard(BF16 * trainable, 3)
        gradients = shard(BF16 * trainable, 2)
        optimizer = shard(optimizer_bytes(trainable, setting.optimizer, master_copy=True), 1)
        lora = 0
    else:
        trainable = lora_parameters(arch, setting.lora_rank, setting.targets)
        weights = shard(frozen_weight_bytes(arch, setting.method), 3)
        lora = shard(FP32 * trainable, 3)
        gradients = shard(FP32 * trainable, 2)
        optimizer = shard(optimizer_bytes(trainable, setting.optimizer, master_copy=False), 1)
    tokens = setting.seq_len * setting.batch_size
    activations = activation_bytes(arch, tokens, setting.gradient_checkpointing)
    logits = logit_bytes(arch, tokens)
    subtotal = weights + gradients + optimizer + lora + activations + logits
    overhead = OVERHEAD_FIXED_BYTES + ceil_div(subtotal * OVERHEAD_PERCENT, 100)
    return Breakdown(
        weights=weights,
        gradients=gradients,
        optimizer=optimizer,
        lora=lora,
        activations=activations,
        logits=logits,
        overhead=overhead,
        total=subtotal + overhead,
        trainable=trainable,
    )


def fits(total: int, gpu: GpuPreset) -> bool:
    return total <= gpu.memory_gb * GB


def smallest_fitting_gpu(total: int) -> GpuPreset | None:
    """The preset with the least memory that holds `total` bytes (the first listed on a tie)."""
    fitting = [gpu for gpu in gpus().values() if fits(total, gpu)]
    return min(fitting, key=lambda gpu: gpu.memory_gb) if fitting else None


# --- time and cost ------------------------------------------------------------------------------


def flops_per_token(arch: Architecture, method: Method, checkpointing: bool) -> float:
    """Training FLOPs per token, from the 6N rule (Kaplan et al. 2020: 2N forward, 4N backward).

    With frozen base weights (LoRA, QLoRA) the backward pass still propagates gradients through
    every layer (2N) but skips the weight gradients (2N): 4N. Gradient checkpointing recomputes
    the forward pass: +2N. Attention's s^2 term and the adapters' own FLOPs are left out.
    """
    n = parameter_count(arch)
    factor = 6 if method == "full" else 4
    if checkpointing:
        factor += 2
    return float(factor * n)


def training_hours(
    arch: Architecture, method: Method, checkpointing: bool, tokens: float, gpus_count: int, gpu: GpuPreset, mfu: float
) -> float:
    """Wall-clock hours = FLOPs / (GPUs x peak bf16 FLOP/s x MFU) / 3,600.

    MFU (model FLOPs utilisation) is what fraction of the peak a run achieves; the reader sets it.
    """
    flops = flops_per_token(arch, method, checkpointing) * tokens
    rate = gpus_count * gpu.bf16_tflops * 1e12 * mfu
    return flops / rate / 3600


# --- what the browser gets ----------------------------------------------------------------------


def architecture_fields(arch: Architecture) -> dict[str, Any]:
    return asdict(arch)


def coefficients() -> dict[str, Any]:
    """Everything assets/memory-calculator.js needs, exported at build time as JSON."""
    return {
        "bf16": BF16,
        "fp32": FP32,
        "adamMomentBytes": ADAM_MOMENT_BYTES,
        "adam8bitBlock": ADAM_8BIT_BLOCK,
        "nf4Block": NF4_BLOCK,
        "nf4SecondBlock": NF4_SECOND_BLOCK,
        "logitBytes": LOGIT_BYTES,
        "overheadFixed": OVERHEAD_FIXED_BYTES,
        "overheadPercent": OVERHEAD_PERCENT,
        "gb": GB,
        "attentionModules": list(ATTENTION_MODULES),
        "linearModules": list(LINEAR_MODULES),
        "limits": LIMITS,
        "defaults": DEFAULTS,
        "models": {
            preset.hf_id: {"id": preset.id, "name": preset.name, **architecture_fields(Architecture.of(preset))}
            for preset in models().values()
        },
        "gpus": {
            gpu.id: {"name": gpu.name, "memory_gb": gpu.memory_gb, "bf16_tflops": gpu.bf16_tflops}
            for gpu in gpus().values()
        },
    }


def estimate(
    arch: Architecture, setting: Setting, gpu: GpuPreset, tokens_millions: float, mfu_percent: float
) -> dict[str, Any]:
    """What the calculator shows for one input: the breakdown, the verdicts and the time.

    assets/memory-calculator.js computes the same dictionary (same keys, same values); the browser
    test compares the two on random inputs.
    """
    breakdown = memory_breakdown(arch, setting)
    smallest = smallest_fitting_gpu(breakdown.total)
    hours = training_hours(
        arch,
        setting.method,
        setting.gradient_checkpointing,
        tokens_millions * 1e6,
        setting.gpus,
        gpu,
        mfu_percent / 100,
    )
    return {
        **asdict(breakdown),
        "fits": fits(breakdown.total, gpu),
        "smallest": smallest.id if smallest else None,
        "hours": hours,
        "gpu_hours": hours * setting.gpus,
    }


def breakdown_fields(breakdown: Breakdown) -> Mapping[str, int]:
    return asdict(breakdown)
