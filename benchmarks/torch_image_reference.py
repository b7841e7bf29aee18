#!/usr/bin/env python3
"""The Sluice image classifier written natively in PyTorch, to measure what DJL costs (BENCHMARKS.md).

Same architecture as dev.sluice.trainer.image.ImageModel: cnn = conv 3x3 (width, padding 1) -> ReLU -> max-pool 2
-> conv 3x3 (2 width) -> ReLU -> max-pool 2 -> flatten -> linear to the classes; mlp = flatten -> linear (8 width)
-> ReLU -> linear. Same step: softmax cross-entropy, backward, AdamW (betas 0.9/0.999, weight decay 1e-4), fp32,
eager mode, loss read back every 10 steps. Batches are random 28x28 images made on the host and copied to the
device each step, as the Java trainer does, so the figure is the step rate, not an accuracy.

  python3 torch_image_reference.py --device cuda --kind cnn --width 16 --batch 64 --steps 300 --warmup 50
"""
import argparse
import json
import time

import torch
import torch.nn as nn


def model(kind, width, channels, size, classes):
    if kind == "cnn":
        p = size // 4
        return nn.Sequential(
            nn.Conv2d(channels, width, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(width, 2 * width, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(), nn.Linear(2 * width * p * p, classes))
    return nn.Sequential(nn.Flatten(), nn.Linear(channels * size * size, 8 * width), nn.ReLU(),
                         nn.Linear(8 * width, classes))


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--device", default="cuda")
    a.add_argument("--kind", default="cnn")
    a.add_argument("--width", type=int, default=16)
    a.add_argument("--batch", type=int, default=64)
    a.add_argument("--size", type=int, default=28)
    a.add_argument("--steps", type=int, default=300)
    a.add_argument("--warmup", type=int, default=50)
    o = a.parse_args()
    torch.manual_seed(1)
    dev = torch.device(o.device)
    m = model(o.kind, o.width, 1, o.size, 10).to(dev)
    opt = torch.optim.AdamW(m.parameters(), lr=3e-3, betas=(0.9, 0.999), weight_decay=1e-4)
    loss_fn = nn.CrossEntropyLoss()
    host = [(torch.rand(o.batch, 1, o.size, o.size), torch.randint(0, 10, (o.batch,))) for _ in range(16)]

    def step(i):
        x, y = host[i % len(host)]
        x, y = x.to(dev), y.to(dev)
        loss = loss_fn(m(x), y)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        return loss

    for i in range(o.warmup):
        step(i)
    if dev.type == "cuda":
        torch.cuda.synchronize()
    t0 = time.perf_counter()
    for i in range(o.steps):
        loss = step(i)
        if i % 10 == 9:
            loss.item()
    if dev.type == "cuda":
        torch.cuda.synchronize()
    dt = time.perf_counter() - t0
    print(json.dumps({"device": o.device, "kind": o.kind, "width": o.width, "batch": o.batch,
                      "threads": torch.get_num_threads(), "steps": o.steps,
                      "params": sum(p.numel() for p in m.parameters()),
                      "images_per_second": round(o.steps * o.batch / dt, 1)}))


if __name__ == "__main__":
    main()
