# Full fine-tuning with DeepSpeed ZeRO-3. Written for trl 1.16.0, transformers 5.23.0, deepspeed 0.19.8.
# Qwen2.5-0.5B-Instruct, ds_zero3.json beside this file. Launch: deepspeed --num_gpus 8 full_fine_tuning.py
from datasets import load_dataset
from trl import SFTConfig, SFTTrainer

data = load_dataset("json", data_files="train.jsonl", split="train")  # {"messages": [...]} per line
data = data.train_test_split(test_size=0.05, seed=0)  # a held-out 5% decides which epoch to keep

args = SFTConfig(
    output_dir="qwen2.5-0.5b-full",
    deepspeed="ds_zero3.json",  # weights, gradients and optimizer state split across the GPUs
    max_length=1024,  # TRL's default, made visible: longer examples are cut, so check your lengths
    num_train_epochs=3,
    per_device_train_batch_size=4,
    gradient_accumulation_steps=4,  # effective batch 4 x 4 x 8 GPUs = 128
    gradient_checkpointing=True,
    learning_rate=1e-5,  # every weight moves: far lower than LoRA's 2e-4
    lr_scheduler_type="cosine",
    warmup_steps=0.03,  # below 1 it is a fraction of all steps
    bf16=True,  # float32 master weights stay in the optimizer; compute in bf16
    assistant_only_loss=True,
    eval_strategy="epoch",
    save_strategy="epoch",
    save_only_model=True,  # no optimizer state in checkpoints: far smaller, but training cannot resume from them
    logging_steps=10,
)
trainer = SFTTrainer(
    model="Qwen/Qwen2.5-0.5B-Instruct", args=args, train_dataset=data["train"], eval_dataset=data["test"]
)
trainer.train()
trainer.save_model()  # a full copy of the weights, gathered from the shards
