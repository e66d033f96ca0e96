// The memory and cost calculator (macros/memory_render.py renders it, macros/memory.py holds the
// formulas). The page already shows the default result without JS. This script recomputes it on
// every input with the coefficients and presets the build exported from Python (the JSON in
// [data-mc-data]), applying the same integer operations in the same order as macros/memory.py;
// tests/js/memory.test.js compares both on random inputs in Node. The inputs live in the URL
// query string. assets/widgets.js runs setup once per calculator on every page load.
(function () {
  "use strict";

  var NUMBERS = ["seq_len", "batch_size", "lora_rank", "gpus", "tokens_millions", "mfu_percent"];
  var ARCH = ["hidden_size", "num_hidden_layers", "num_attention_heads", "num_key_value_heads",
    "intermediate_size", "vocab_size"];

  function ceilDiv(a, b) { return Math.ceil(a / b); }

  // --- formulas (mirror macros/memory.py) -------------------------------------------------------
  function shapes(a) {
    var q = a.num_attention_heads * a.head_dim, kv = a.num_key_value_heads * a.head_dim;
    var h = a.hidden_size, i = a.intermediate_size;
    return { q_proj: [h, q], k_proj: [h, kv], v_proj: [h, kv], o_proj: [q, h],
      gate_proj: [h, i], up_proj: [h, i], down_proj: [i, h] };
  }
  function linearParams(c, a) {
    var s = shapes(a), sum = 0;
    c.linearModules.forEach(function (m) { sum += s[m][0] * s[m][1]; });
    return a.num_hidden_layers * sum;
  }
  function paramCount(c, a) {
    var s = shapes(a);
    var biases = a.qkv_bias ? s.q_proj[1] + s.k_proj[1] + s.v_proj[1] : 0;
    var embeddings = (a.tie_word_embeddings ? 1 : 2) * a.vocab_size * a.hidden_size;
    return linearParams(c, a) + a.num_hidden_layers * (biases + 2 * a.hidden_size) + embeddings + a.hidden_size;
  }
  function loraParams(c, a, rank, targets) {
    var s = shapes(a), sum = 0;
    (targets === "attention" ? c.attentionModules : c.linearModules).forEach(function (m) {
      sum += rank * (s[m][0] + s[m][1]);
    });
    return a.num_hidden_layers * sum;
  }
  function nf4Bytes(c, v) {
    var blocks = ceilDiv(v, c.nf4Block);
    return ceilDiv(v, 2) + blocks + c.fp32 * ceilDiv(blocks, c.nf4SecondBlock);
  }
  function optimizerBytes(c, trainable, optimizer, master) {
    var moments = 2 * c.adamMomentBytes[optimizer] * trainable;
    if (optimizer === "adamw-8bit") moments += 2 * c.fp32 * ceilDiv(trainable, c.adam8bitBlock);
    return moments + (master ? c.fp32 * trainable : 0);
  }
  function activationPerLayer(c, a) {
    var q = a.num_attention_heads * a.head_dim, kv = a.num_key_value_heads * a.head_dim;
    var elements = 2 * a.hidden_size + 2 * a.hidden_size + 2 * q + 2 * kv + 4 * a.intermediate_size;
    return c.bf16 * elements + c.fp32 * a.num_attention_heads;
  }
  function breakdown(c, a, st) {
    var n = st.gpus;
    function shard(value, stage) { return st.zero_stage >= stage ? ceilDiv(value, n) : value; }
    var total = paramCount(c, a), r = {};
    if (st.method === "full") {
      r.trainable = total;
      r.weights = shard(c.bf16 * total, 3);
      r.gradients = shard(c.bf16 * total, 2);
      r.optimizer = shard(optimizerBytes(c, total, st.optimizer, true), 1);
      r.lora = 0;
    } else {
      r.trainable = loraParams(c, a, st.lora_rank, st.targets);
      var linear = linearParams(c, a);
      var frozen = st.method === "qlora" ? nf4Bytes(c, linear) + c.bf16 * (total - linear) : c.bf16 * total;
      r.weights = shard(frozen, 3);
      r.lora = shard(c.fp32 * r.trainable, 3);
      r.gradients = shard(c.fp32 * r.trainable, 2);
      r.optimizer = shard(optimizerBytes(c, r.trainable, st.optimizer, false), 1);
    }
    var tokens = st.seq_len * st.batch_size;
    var perLayer = activationPerLayer(c, a), layers = a.num_hidden_layers;
    var kept = st.gradient_checkpointing ? c.bf16 * a.hidden_size * layers + perLayer : perLayer * layers;
    r.activations = tokens * (kept + 2 * c.bf16 * a.hidden_size);
    r.logits = c.logitBytes * tokens * a.vocab_size;
    var subtotal = r.weights + r.gradients + r.optimizer + r.lora + r.activations + r.logits;
    r.overhead = c.overheadFixed + ceilDiv(subtotal * c.overheadPercent, 100);
    r.total = subtotal + r.overhead;
    return r;
  }
  // The same dictionary as macros.memory.estimate(); tests/js/memory.test.js compares them.
  function estimate(c, a, st, gpuId, tokensMillions, mfuPercent) {
    var r = breakdown(c, a, st), gpu = c.gpus[gpuId];
    r.fits = r.total <= gpu.memory_gb * c.gb;
    var best = null;
    Object.keys(c.gpus).forEach(function (id) {
      var g = c.gpus[id];
      if (r.total <= g.memory_gb * c.gb && (best === null || g.memory_gb < c.gpus[best].memory_gb)) best = id;
    });
    r.smallest = best;
    var factor = (st.method === "full" ? 6 : 4) + (st.gradient_checkpointing ? 2 : 0);
    var flops = factor * paramCount(c, a) * (tokensMillions * 1e6);
    var rate = st.gpus * gpu.bf16_tflops * 1e12 * (mfuPercent / 100);
    r.hours = flops / rate / 3600;
    r.gpu_hours = r.hours * st.gpus;
    return r;
  }
  if (typeof module !== "undefined" && module.exports) {
    module.exports = { estimate: estimate }; // Node (the unit tests): the formulas, no page
    return;
  }

  // --- the widget ------------------------------------------------------------------------------
  function grouped(text) { return text.replace(/\B(?=(\d{3})+(?!\d))/g, ","); }
  function gb(c, bytes) {
    var parts = (bytes / c.gb).toFixed(1).split(".");
    return grouped(parts[0]) + "." + parts[1] + " GB";
  }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, key) { return key in values ? values[key] : m; });
  }

  function setup(root) {
    var data = JSON.parse(root.querySelector("[data-mc-data]").textContent);
    var c = data.c, s = data.s, form = root.querySelector("form");
    var message = root.querySelector("[data-mc-message]");
    var output = root.querySelector("[data-mc-output]");
    function field(name) { return form.elements[name]; }

    function labelOf(name) {
      var el = field(name);
      var label = el && el.closest("label");
      return label ? label.textContent.trim() : name;
    }

    function showPreset() {
      var preset = c.models[field("model").value];
      var custom = !preset;
      ARCH.concat(["tie_word_embeddings", "qkv_bias"]).forEach(function (name) {
        var el = field(name);
        el.disabled = !custom;
        if (preset) {
          if (el.type === "checkbox") el.checked = preset[name];
          else el.value = preset[name];
        }
      });
    }

    // The inputs as numbers, or a message naming the first bad field.
    function read() {
      var st = {}, problem = null;
      function number(name, integer) {
        var el = field(name), lim = c.limits[name], v = Number(el.value);
        var bad = el.value.trim() === "" || !isFinite(v) || v < lim[0] || v > lim[1] || (integer && v % 1 !== 0);
        el.setAttribute("aria-invalid", bad ? "true" : "false");
        if (bad && !problem) problem = fill(s.bad_input, { field: labelOf(name), min: grouped(String(lim[0])), max: grouped(String(lim[1])) });
        return v;
      }
      NUMBERS.forEach(function (name) { st[name] = number(name, name !== "tokens_millions" && name !== "mfu_percent"); });
      var a = c.models[field("model").value];
      if (!a) {
        a = {};
        ARCH.forEach(function (name) { a[name] = number(name, true); });
        a.tie_word_embeddings = field("tie_word_embeddings").checked;
        a.qkv_bias = field("qkv_bias").checked;
        if (!problem && (a.num_attention_heads % a.num_key_value_heads || a.hidden_size % a.num_attention_heads)) problem = s.bad_heads;
        a.head_dim = a.hidden_size / a.num_attention_heads;
      }
      if (!problem && st.seq_len * st.batch_size > c.limits.tokens_per_step[1]) {
        problem = fill(s.bad_tokens, { max: grouped(String(c.limits.tokens_per_step[1])) });
      }
      ["method", "optimizer", "targets", "gpu"].forEach(function (name) { st[name] = field(name).value; });
      st.zero_stage = Number(field("zero_stage").value);
      st.gradient_checkpointing = field("gradient_checkpointing").checked;
      return { arch: a, setting: st, problem: problem };
    }

    function update() {
      var input = read();
      if (input.problem) {
        message.textContent = input.problem;
        message.hidden = false;
        output.hidden = true;
        return;
      }
      var st = input.setting;
      var r = estimate(c, input.arch, st, st.gpu, st.tokens_millions, st.mfu_percent);
      if (!Number.isSafeInteger(r.total * 10)) {
        message.textContent = fill(s.bad_tokens, { max: grouped(String(c.limits.tokens_per_step[1])) });
        message.hidden = false;
        output.hidden = true;
        return;
      }
      message.hidden = true;
      output.hidden = false;
      var total = root.querySelector("[data-mc-total]");
      total.textContent = gb(c, r.total);
      total.setAttribute("data-bytes", String(r.total));
      var x = 0;
      data.parts.forEach(function (name) {
        var width = 600 * r[name] / r.total;
        var seg = root.querySelector('[data-mc-seg="' + name + '"]');
        seg.setAttribute("x", x.toFixed(2));
        seg.setAttribute("width", width.toFixed(2));
        x += width;
        root.querySelector('[data-mc-part="' + name + '"]').textContent = gb(c, r[name]);
      });
      root.querySelector("[data-mc-trainable]").textContent = grouped(String(r.trainable));
      var gpu = c.gpus[st.gpu], verdict = root.querySelector("[data-mc-verdict]");
      verdict.setAttribute("data-fits", r.fits ? "true" : "false");
      verdict.textContent = fill(r.fits ? s.fits : s.does_not_fit, { gpu: gpu.name, memory: gpu.memory_gb });
      root.querySelector("[data-mc-smallest]").textContent = r.smallest
        ? fill(s.smallest, { gpu: c.gpus[r.smallest].name }) : s.none_fits;
      root.querySelector("[data-mc-time]").textContent = fill(s.time, {
        hours: grouped(r.hours.toFixed(1)), gpus: st.gpus, gpu_hours: grouped(r.gpu_hours.toFixed(1)),
      });
    }

    // --- URL state: ?model=…&method=…; anything unusable falls back to the default, named once.
    function toUrl() {
      var params = new URLSearchParams(location.search);
      Object.keys(c.defaults).forEach(function (name) {
        var el = field(name);
        params.set(name, el.type === "checkbox" ? (el.checked ? "1" : "0") : el.value);
      });
      if (!c.models[field("model").value]) {
        ARCH.forEach(function (name) { params.set(name, field(name).value); });
        params.set("tie_word_embeddings", field("tie_word_embeddings").checked ? "1" : "0");
        params.set("qkv_bias", field("qkv_bias").checked ? "1" : "0");
      }
      history.replaceState(history.state, "", "?" + params.toString() + location.hash);
    }
    function fromUrl() {
      var params = new URLSearchParams(location.search), bad = [];
      if (!params.has("method")) return;
      function set(name, value) {
        var el = field(name);
        if (el.type === "checkbox") {
          if (value === "1" || value === "0") el.checked = value === "1"; else bad.push(name);
        } else if (el.tagName === "SELECT") {
          var ok = Array.prototype.some.call(el.options, function (o) { return o.value === value; });
          if (ok) el.value = value; else bad.push(name);
        } else {
          var lim = c.limits[name], v = Number(value);
          if (value !== "" && isFinite(v) && v >= lim[0] && v <= lim[1]) el.value = value; else bad.push(name);
        }
      }
      Object.keys(c.defaults).forEach(function (name) {
        if (params.has(name)) set(name, params.get(name));
      });
      showPreset();
      if (!c.models[field("model").value]) {
        ARCH.concat(["tie_word_embeddings", "qkv_bias"]).forEach(function (name) {
          if (params.has(name)) set(name, params.get(name));
        });
      }
      return bad;
    }

    var bad = fromUrl() || [];
    showPreset();
    update();
    if (bad.length) {
      var note = document.createElement("p");
      note.className = "mc-url-note";
      note.setAttribute("data-mc-url-note", "");
      note.textContent = fill(s.bad_url, { fields: bad.map(labelOf).join(", ") });
      form.parentNode.insertBefore(note, form);
    }
    function onInput(event) {
      if (event.target.name === "model") showPreset();
      update();
      toUrl();
    }
    form.addEventListener("input", onInput);
    form.addEventListener("change", onInput);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
  }

  (window.handbookWidgets = window.handbookWidgets || []).push(["[data-memory-calculator]", setup]);
})();
