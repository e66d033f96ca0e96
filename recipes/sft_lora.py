# SFT + LoRA on Qwen2.5-0.5B-Instruct. Written for trl 1.16.0, peft 0.21.2, transformers 5.23.0.
from datasets import load_dataset
from peft import LoraConfig
from trl import SFTConfig, SFTTrainer

data = load_dataset("json", data_files="train.jsonl", split="train")  # {"messages": [...]} per line
data = data.train_test_split(test_size=0.05, seed=0)  # a held-out 5% decides which epoch to keep

peft_config = LoraConfig(
    r=16,
    lora_alpha=32,
    lora_dropout=0.05,
    target_modules=["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"],
    task_type="CAUSAL_LM",
)
args = SFTConfig(
    output_dir="qwen2.5-0.5b-sft-lora",
    model_init_kwargs={"dtype": "bfloat16"},  # the frozen base in 16 bits; TRL would load float32
    max_length=1024,  # TRL's default, made visible: longer examples are cut, so check your lengths
    num_train_epochs=2,
    per_device_train_batch_size=4,
    gradient_accumulation_steps=4,  # effective batch 16 on one GPU
    learning_rate=2e-4,
    lr_scheduler_type="cosine",
    warmup_steps=0.03,  # below 1 it is a fraction of all steps (transformers 5 dropped warmup_ratio)
    bf16=True,
    assistant_only_loss=True,
    eval_strategy="epoch",
    save_strategy="epoch",
    logging_steps=10,
)
trainer = SFTTrainer(
    model="Qwen/Qwen2.5-0.5B-Instruct",
    args=args,
    train_dataset=data["train"],
    eval_dataset=data["test"],
    peft_config=peft_config,
)
trainer.train()
trainer.save_model()  # saves the LoRA adapter only
