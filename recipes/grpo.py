# GRPO with a programmatic reward on Qwen2.5-0.5B-Instruct. Written for trl 1.16.0, transformers 5.23.0.
import re

from datasets import load_dataset
from trl import GRPOConfig, GRPOTrainer

# GSM8K math word problems; each reference answer ends with "#### <number>".
dataset = load_dataset("openai/gsm8k", "main", split="train")
dataset = dataset.map(
    lambda row: {
        "prompt": [{"role": "user", "content": row["question"] + "\nEnd with a line: Answer: <number>"}],
        "answer": row["answer"].split("####")[-1].strip().replace(",", ""),
    }
)


def correct_answer(completions, answer, **kwargs):
    """The checker is the reward: 1.0 if the last "Answer: <number>" equals the reference, else 0.0."""
    found = [re.findall(r"Answer:\s*(-?[\d,]*\.?\d+)", completion[0]["content"]) for completion in completions]
    return [1.0 if hits and hits[-1].replace(",", "") == ref else 0.0 for hits, ref in zip(found, answer, strict=True)]


args = GRPOConfig(
    output_dir="qwen2.5-0.5b-grpo",
    num_generations=8,  # the group: answers sampled per prompt, rewards normalized within it
    max_completion_length=512,  # longer answers are cut, and a cut answer usually scores 0
    per_device_train_batch_size=4,  # counts completions, not prompts
    gradient_accumulation_steps=8,  # one optimizer step: 4 x 8 = 32 completions = 4 prompts per GPU
    bf16=True,
    logging_steps=10,
)
trainer = GRPOTrainer(model="Qwen/Qwen2.5-0.5B-Instruct", reward_funcs=correct_answer, args=args, train_dataset=dataset)
trainer.train()
trainer.save_model()
