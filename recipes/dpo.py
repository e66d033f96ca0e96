# DPO on Qwen2.5-0.5B-Instruct. Written for trl 1.16.0, transformers 5.23.0.
from datasets import load_dataset
from trl import DPOConfig, DPOTrainer

# One preference pair per line, in messages form:
# {"prompt": [{"role": "user", ...}], "chosen": [{"role": "assistant", ...}], "rejected": [...]}
dataset = load_dataset("json", data_files="preferences.jsonl", split="train")

args = DPOConfig(
    output_dir="qwen2.5-0.5b-dpo",
    beta=0.1,  # smaller lets the model drift further from the reference
    learning_rate=1e-6,  # the DPO paper's value, far below SFT's
    warmup_steps=150,  # linear warmup, as in the DPO paper: 150 x 64 = 9,600 pairs before the full rate
    max_length=1024,  # TRL's default for prompt + answer, made visible: longer pairs are cut
    num_train_epochs=1,
    per_device_train_batch_size=2,  # 2 pairs = 4 sequences per forward pass
    gradient_accumulation_steps=32,  # effective batch 64 on one GPU, as in the DPO paper
    gradient_checkpointing=True,
    bf16=True,
    logging_steps=10,
)
trainer = DPOTrainer(
    model="Qwen/Qwen2.5-0.5B-Instruct",  # the frozen reference is loaded again from this starting point
    args=args,
    train_dataset=dataset,
)
trainer.train()
trainer.save_model()
