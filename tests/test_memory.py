"""macros/memory.py and its data: presets, parameter counts, LoRA counts, memory and time formulas."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
import yaml

from macros import memory, memory_render
from macros.data_files import DataError
from macros.schemas.base import DataErrors, validate
from macros.schemas.gpus import GpusFile
from macros.schemas.models import ModelsFile

REQUIRED_MODELS = {
    "qwen2.5-0.5b",
    "qwen2.5-1.5b",
    "qwen2.5-3b",
    "qwen2.5-7b",
    "qwen2.5-14b",
    "qwen2.5-32b",
    "qwen2.5-72b",
    "llama-3.1-8b",
    "llama-3.1-70b",
}


def arch(model_id: str) -> memory.Architecture:
    return memory.Architecture.of(memory.model(model_id))


def models_data() -> dict:
    return yaml.safe_load(memory.MODELS_FILE.read_text(encoding="utf-8"))


def gpus_data() -> dict:
    return yaml.safe_load(memory.GPUS_FILE.read_text(encoding="utf-8"))


# --- presets ------------------------------------------------------------------------------------


def test_the_presets_cover_the_models_and_gpu_sizes_the_calculator_promises() -> None:
    assert set(memory.models()) >= REQUIRED_MODELS
    assert {24, 40, 48, 80, 141} <= {gpu.memory_gb for gpu in memory.gpus().values()}


@pytest.mark.parametrize("model_id", sorted(REQUIRED_MODELS))
def test_parameter_count_reproduces_the_published_count_within_one_percent(model_id: str) -> None:
    preset = memory.model(model_id)
    computed = memory.parameter_count(memory.Architecture.of(preset)) / 1e9
    assert computed == pytest.approx(preset.published_parameters, rel=0.01)


def test_qwen2_5_7b_parameter_count_is_exact() -> None:
    # Layer by layer: q/k/v/o with q/k/v biases, SwiGLU, two norms; untied embeddings; final norm.
    assert memory.parameter_count(arch("qwen2.5-7b")) == 7_615_616_512


def test_tied_embeddings_count_the_vocabulary_table_once() -> None:
    tied = arch("qwen2.5-0.5b")
    untied = memory.Architecture(**{**memory.architecture_fields(tied), "tie_word_embeddings": False})
    assert memory.parameter_count(untied) - memory.parameter_count(tied) == tied.vocab_size * tied.hidden_size


def test_an_unknown_model_id_names_the_file_and_the_known_ids() -> None:
    with pytest.raises(DataError, match=r"data/models.yml: model 'qwen-9000'.*known: qwen2.5-0.5b"):
        memory.model("qwen-9000")


# --- schemas ------------------------------------------------------------------------------------


def test_a_negative_hidden_size_is_a_named_error() -> None:
    data = models_data()
    data["models"][3]["hidden_size"] = -1
    with pytest.raises(DataErrors, match=r"data/models.yml: model 'qwen2.5-7b': field 'hidden_size'"):
        validate(ModelsFile, data, "data/models.yml", "model")


def test_a_string_where_a_number_belongs_is_refused() -> None:
    data = models_data()
    data["models"][0]["num_hidden_layers"] = "24"
    with pytest.raises(DataErrors, match=r"model 'qwen2.5-0.5b': field 'num_hidden_layers'"):
        validate(ModelsFile, data, "data/models.yml", "model")


def test_a_javascript_config_url_is_refused() -> None:
    data = models_data()
    data["models"][0]["config_url"] = "javascript:alert(1)"
    with pytest.raises(DataErrors, match=r"model 'qwen2.5-0.5b': field 'config_url'"):
        validate(ModelsFile, data, "data/models.yml", "model")


def test_kv_heads_must_divide_the_attention_heads() -> None:
    data = models_data()
    data["models"][0]["num_key_value_heads"] = 3
    with pytest.raises(DataErrors, match=r"model 'qwen2.5-0.5b'.*multiple of num_key_value_heads"):
        validate(ModelsFile, data, "data/models.yml", "model")


def test_duplicate_model_ids_are_refused() -> None:
    data = models_data()
    data["models"].append(dict(data["models"][0]))
    with pytest.raises(DataErrors, match=r"duplicate id: qwen2\.5-0\.5b"):
        validate(ModelsFile, data, "data/models.yml", "model")


def test_an_unknown_field_is_refused() -> None:
    data = gpus_data()
    data["gpus"][0]["colour"] = "green"
    with pytest.raises(DataErrors, match=r"data/gpus.yml: gpu 'rtx-4090-24gb': field 'colour'"):
        validate(GpusFile, data, "data/gpus.yml", "gpu")


def test_a_gpu_id_must_contain_its_memory() -> None:
    data = gpus_data()
    data["gpus"][0]["memory_gb"] = 32
    with pytest.raises(DataErrors, match=r"gpu 'rtx-4090-24gb'.*'32gb'"):
        validate(GpusFile, data, "data/gpus.yml", "gpu")


# --- LoRA ---------------------------------------------------------------------------------------


def test_lora_adds_r_times_d_in_plus_d_out_per_module() -> None:
    # Qwen2.5-7B, r = 8, attention only: (3584+3584) + 2(3584+512) + (3584+3584) = 22,528 per rank.
    assert memory.lora_parameters_per_layer(arch("qwen2.5-7b"), 8, "attention") == 8 * 22_528
    assert memory.lora_parameters(arch("qwen2.5-7b"), 8, "attention") == 28 * 8 * 22_528


def test_the_lora_table_shows_shapes_counts_and_shares_in_both_languages() -> None:
    en = memory_render.render_lora_trainable_table("qwen2.5-7b", "en")
    zh = memory_render.render_lora_trainable_table("qwen2.5-7b", "zh")
    assert "3,584 × 18,944" in en and "<code>down_proj</code>" in en
    assert "5,046,272" in en  # attention only, r = 8
    assert "0.53%" in en  # all linear, r = 16: 40,370,176 of 7,615,616,512
    assert "全部线性层" in zh and "5,046,272" in zh
    assert "\n\n" not in en  # raw HTML inside Markdown: a blank line would end the block


# --- memory -------------------------------------------------------------------------------------


def setting(**changes: object) -> memory.Setting:
    base = {
        "method": "full",
        "optimizer": "adamw",
        "targets": "all-linear",
        "seq_len": 2048,
        "batch_size": 1,
        "lora_rank": 16,
        "gpus": 1,
        "zero_stage": 0,
        "gradient_checkpointing": True,
    }
    return memory.Setting(**{**base, **changes})  # type: ignore[arg-type]


def test_full_fine_tuning_with_adamw_keeps_16_bytes_per_parameter_of_model_states() -> None:
    a = arch("qwen2.5-7b")
    b = memory.memory_breakdown(a, setting())
    assert b.weights + b.gradients + b.optimizer == 16 * memory.parameter_count(a)


def test_zero_reproduces_the_papers_figure_1() -> None:
    # Rajbhandari et al. 2020, Figure 1: Ψ = 7.5B, N = 64, K = 12 -> 120, 31.4, 16.6, 1.9 GB.
    psi, n = 7_500_000_000, 64
    expected = {0: 120.0, 1: 31.4, 2: 16.6, 3: 1.9}
    for stage, gigabytes in expected.items():
        weights = 2 * psi // (n if stage >= 3 else 1)
        grads = 2 * psi // (n if stage >= 2 else 1)
        states = memory.optimizer_bytes(psi, "adamw", master_copy=True) // (n if stage >= 1 else 1)
        assert (weights + grads + states) / 1e9 == pytest.approx(gigabytes, abs=0.05)


def test_zero_stages_shrink_the_model_states_in_order() -> None:
    a = arch("llama-3.1-8b")
    totals = [memory.memory_breakdown(a, setting(gpus=8, zero_stage=stage)).total for stage in range(4)]
    assert totals == sorted(totals, reverse=True) and len(set(totals)) == 4


def test_qlora_stores_linear_weights_in_about_4_127_bits() -> None:
    linear = memory.linear_parameters(arch("qwen2.5-72b"))
    assert memory.nf4_bytes(linear) * 8 / linear == pytest.approx(4.127, abs=0.001)


def test_gradient_checkpointing_reduces_activations() -> None:
    a = arch("qwen2.5-7b")
    on = memory.memory_breakdown(a, setting(method="lora")).activations
    off = memory.memory_breakdown(a, setting(method="lora", gradient_checkpointing=False)).activations
    assert on * 5 < off


def test_the_total_adds_up_its_parts() -> None:
    b = memory.memory_breakdown(arch("qwen2.5-14b"), setting(method="qlora", optimizer="adamw-8bit"))
    parts = b.weights + b.gradients + b.optimizer + b.lora + b.activations + b.logits
    assert b.total == parts + b.overhead


def test_the_smallest_fitting_gpu_is_the_smallest_that_holds_the_total() -> None:
    assert memory.smallest_fitting_gpu(23 * memory.GB).memory_gb == 24
    assert memory.smallest_fitting_gpu(25 * memory.GB).memory_gb == 40
    assert memory.smallest_fitting_gpu(200 * memory.GB) is None


def test_full_fine_tuning_costs_six_n_flops_per_token_without_checkpointing() -> None:
    a = arch("qwen2.5-7b")
    assert memory.flops_per_token(a, "full", False) == 6 * memory.parameter_count(a)
    assert memory.flops_per_token(a, "lora", True) == 6 * memory.parameter_count(a)


def test_the_module_docstrings_name_their_sources() -> None:
    source = Path(memory.__file__).read_text(encoding="utf-8")
    for name in ("Rajbhandari et al. 2020", "Dettmers et al. 2023", "Korthikanti et al. 2022", "Kaplan et al. 2020"):
        assert name in source


def test_the_widget_js_and_css_stay_within_6_kb_gzipped() -> None:
    assets = Path(memory.__file__).resolve().parent.parent / "assets"
    source = b"".join((assets / name).read_bytes() for name in ("memory-calculator.js", "memory-calculator.css"))
    assert len(gzip.compress(source, compresslevel=9)) <= 6 * 1024
