# Distillation into Qwen2.5-0.5B-Instruct. Written for trl 1.16.0, peft 0.21.2, transformers 5.23.0.
# A teacher answers real prompts, then SFT + LoRA trains the student on them. Check the teacher's terms first.
import json

from datasets import Dataset
from peft import LoraConfig
from transformers import pipeline
from trl import SFTConfig, SFTTrainer

# Real inputs, none of them from the evaluation set: {"prompt": "..."} per line.
with open("prompts.jsonl", encoding="utf-8") as lines:
    prompts = [json.loads(line)["prompt"] for line in lines]
teacher = pipeline("text-generation", model="Qwen/Qwen2.5-7B-Instruct", dtype="bfloat16", device_map="auto")
rows = []
for prompt in prompts:
    messages = [{"role": "user", "content": prompt}]
    reply = teacher(messages, max_new_tokens=1024, do_sample=False)[0]["generated_text"][-1]
    rows.append({"messages": [*messages, reply]})  # drop wrong answers here before training
del teacher  # PyTorch can reuse the teacher's GPU memory for the student

peft_config = LoraConfig(r=16, lora_alpha=32, lora_dropout=0.05, target_modules="all-linear", task_type="CAUSAL_LM")
args = SFTConfig(
    output_dir="qwen2.5-0.5b-distilled",
    model_init_kwargs={"dtype": "bfloat16"},  # the frozen base in 16 bits; TRL would load float32
    max_length=1024,  # TRL's default, made visible: longer answers are cut
    num_train_epochs=2,
    per_device_train_batch_size=4,
    gradient_accumulation_steps=4,
    learning_rate=2e-4,
    bf16=True,
    assistant_only_loss=True,
    logging_steps=10,
)
trainer = SFTTrainer(
    model="Qwen/Qwen2.5-0.5B-Instruct", args=args, train_dataset=Dataset.from_list(rows), peft_config=peft_config
)
trainer.train()
trainer.save_model()
