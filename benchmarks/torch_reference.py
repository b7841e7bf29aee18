#!/usr/bin/env python3
"""The Sluice trainer's model written natively in PyTorch, to measure what DJL costs (BENCHMARKS.md).

Same architecture as dev.sluice.trainer.model.ByteLM: byte vocabulary of 257, learned position embeddings,
pre-norm blocks (LayerNorm -> QKV linear -> causal softmax attention written out as matmuls -> projection; LayerNorm
-> linear -> exact GELU -> linear), final LayerNorm, untied head without bias; N(0, 0.02) weights. Same step:
cross-entropy, backward, global-norm clipping at 1.0, AdamW (betas 0.9/0.95, weight decay 0.1 on matrices), fp32,
eager mode, loss read back every 10 steps. Batches are random bytes made on the host and copied to the device each
step, as the Java trainer does. --attention sdpa swaps in F.scaled_dot_product_attention for comparison.

  python3 torch_reference.py --layers 8 --d-model 448 --heads 8 --context 512 --batch 32 --steps 60 --warmup 20
"""
import argparse
import json
import math
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

VOCAB = 257


class Block(nn.Module):
    def __init__(self, d, heads, mlp_ratio, attention):
        super().__init__()
        self.heads, self.attention = heads, attention
        self.ln1 = nn.LayerNorm(d)
        self.qkv = nn.Linear(d, 3 * d)
        self.proj = nn.Linear(d, d)
        self.ln2 = nn.LayerNorm(d)
        self.up = nn.Linear(d, mlp_ratio * d)
        self.down = nn.Linear(mlp_ratio * d, d)

    def forward(self, x, mask):
        b, t, d = x.shape
        hd = d // self.heads
        q, k, v = self.qkv(self.ln1(x)).view(b, t, 3, self.heads, hd).permute(2, 0, 3, 1, 4)
        if self.attention == "sdpa":
            y = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        else:
            y = torch.softmax(q @ k.transpose(-2, -1) * (1.0 / math.sqrt(hd)) + mask[:t, :t], dim=-1) @ v
        x = x + self.proj(y.transpose(1, 2).reshape(b, t, d))
        return x + self.down(F.gelu(self.up(self.ln2(x))))


class ByteLM(nn.Module):
    def __init__(self, layers, d, heads, context, mlp_ratio, attention):
        super().__init__()
        self.tok = nn.Parameter(torch.randn(VOCAB, d) * 0.02)
        self.pos = nn.Parameter(torch.randn(context, d) * 0.02)
        self.blocks = nn.ModuleList(Block(d, heads, mlp_ratio, attention) for _ in range(layers))
        self.ln_f = nn.LayerNorm(d)
        self.head = nn.Linear(d, VOCAB, bias=False)
        for m in self.modules():
            if isinstance(m, nn.Linear):
                nn.init.normal_(m.weight, std=0.02)
                if m.bias is not None:
                    nn.init.zeros_(m.bias)
        self.register_buffer("mask", torch.full((context, context), float("-inf")).triu(1), persistent=False)

    def forward(self, ids):
        x = F.embedding(ids, self.tok) + self.pos[: ids.shape[1]]
        for blk in self.blocks:
            x = blk(x, self.mask)
        return self.head(self.ln_f(x))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--layers", type=int, default=8)
    p.add_argument("--d-model", type=int, default=448)
    p.add_argument("--heads", type=int, default=8)
    p.add_argument("--context", type=int, default=512)
    p.add_argument("--mlp-ratio", type=int, default=4)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--steps", type=int, default=60)
    p.add_argument("--warmup", type=int, default=20)
    p.add_argument("--attention", choices=["manual", "sdpa"], default="manual")
    p.add_argument("--device", default="cuda")
    p.add_argument("--threads", type=int, default=0, help="CPU threads (default: every core, as DJL uses)")
    a = p.parse_args()
    if a.device == "cpu":
        import os
        torch.set_num_threads(a.threads or os.cpu_count())
    torch.manual_seed(1)
    dev = torch.device(a.device)
    model = ByteLM(a.layers, a.d_model, a.heads, a.context, a.mlp_ratio, a.attention).to(dev)
    params = sum(p.numel() for p in model.parameters())
    decay = [p for p in model.parameters() if p.dim() >= 2]
    no_decay = [p for p in model.parameters() if p.dim() < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.1}, {"params": no_decay, "weight_decay": 0.0}],
                            lr=6e-4, betas=(0.9, 0.95), eps=1e-8)
    gen = torch.Generator().manual_seed(2)

    def step(i):
        batch = torch.randint(0, VOCAB, (a.batch, a.context + 1), generator=gen).to(dev)
        logits = model(batch[:, :-1])
        loss = F.cross_entropy(logits.reshape(-1, VOCAB), batch[:, 1:].reshape(-1))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        opt.zero_grad(set_to_none=True)
        return loss.item() if (i + 1) % 10 == 0 else None

    for i in range(a.warmup):
        step(i)
    if dev.type == "cuda":
        torch.cuda.synchronize()
    t0 = time.perf_counter()
    for i in range(a.steps):
        step(i)
    if dev.type == "cuda":
        torch.cuda.synchronize()
    secs = time.perf_counter() - t0
    tokens = a.steps * a.batch * a.context
    print(json.dumps({"impl": "pytorch-native", "attention": a.attention, "torch": torch.__version__,
                      "device": torch.cuda.get_device_name(0) if dev.type == "cuda" else f"cpu x{torch.get_num_threads()}",
                      "parameters": params, "batch": a.batch, "context": a.context, "steps": a.steps,
                      "seconds": round(secs, 3), "tokens_per_s": round(tokens / secs, 1)}))


if __name__ == "__main__":
    main()
