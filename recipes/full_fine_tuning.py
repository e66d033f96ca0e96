# Full fine-tuning with DeepSpeed ZeRO-3. Written for trl 1.16.0, transformers 5.23.0, deepspeed 0.19.8.
# Qwen2.5-0.5B-Instruct, ds_zero3.json beside this file. Launch: deepspeed --num_gpus 8 full_fine_tuning.py
from datasets import load_dataset
from trl import SFTConfig, SFTTrainer

dataset = load_dataset("json", data_files="train.jsonl", split="train")  # {"messages": [...]} per line

args = SFTConfig(
    output_dir="qwen2.5-0.5b-full",
    deepspeed="ds_zero3.json",  # weights, gradients and optimizer state split across the GPUs
    num_train_epochs=3,
    per_device_train_batch_size=4,
    gradient_accumulation_steps=4,
    gradient_checkpointing=True,
    learning_rate=1e-5,  # every weight moves: far lower than LoRA's 2e-4
    lr_scheduler_type="cosine",
    warmup_steps=20,
    bf16=True,
    assistant_only_loss=True,
    logging_steps=10,
    save_only_model=True,  # checkpoints without the sharded optimizer state
)
trainer = SFTTrainer(model="Qwen/Qwen2.5-0.5B-Instruct", args=args, train_dataset=dataset)
trainer.train()
trainer.save_model()  # a full copy of the weights, gathered from the shards
