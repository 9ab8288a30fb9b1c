"""Generate PyTorch reference vectors for Neuroslyn's runtime parity tests.

For each small architecture below this script builds the equivalent PyTorch
``nn.Sequential``, fixes its initial state, and records into ``<Name>.json``
(next to this file):

* the input batch, targets and initial state (every ``state_dict`` entry except
  ``num_batches_tracked``, in PyTorch's own layout: Linear weight is [out, in]);
* the eval-mode forward outputs (softmax applied for ``SoftmaxOutput`` only,
  because that Neuroslyn network declares Softmax on its output layer);
* the train-mode loss and the gradient of every trainable parameter;
* two optimiser steps from the same initial state with Adam(lr=1e-3) and with
  SGD(lr=0.01, momentum=0.9): the losses and the full state after each step
  (running statistics included, since train-mode forwards update them).

Tensor names are ``state_dict`` names ("0.weight", "1.running_mean", ...), so
the indices inside each Sequential are part of the contract with the tests.

The output is deterministic: a fixed seed per architecture, a single thread and
float32 throughout.

Re-run from the repository root (Debian/Ubuntu; no pip needed):

    apt-get install -y python3-torch
    /usr/bin/python3 tests/Runtime.Tests/Parity/Reference/make_reference.py [Name ...]
"""

import copy
import json
import math
import os

import sys

import numpy as np
import torch
from torch import nn

OUT_DIR = os.path.dirname(os.path.abspath(__file__))
# The residual block's module, as the documentation gives it to users.
sys.path.insert(0, os.path.join(OUT_DIR, "..", "..", "..", "..", "docs", "pytorch"))
from neuroslyn_modules import Residual  # noqa: E402
BATCH = 7

# Losses, keyed by the Neuroslyn loss kind written into the JSON.
SOFTMAX_CE = "SoftmaxCrossEntropy"
MSE = "MeanSquaredError"
BCE = "BinaryCrossEntropy"


def architectures():
    """(name, seed, inputs, outputs, loss kind, layer factory) per architecture.

    Layers are built by a factory so they are created *after* the seed is set,
    which is what makes PyTorch's default Linear init reproducible.
    """
    return [
        ("ReluMlp", 1001, 6, 3, SOFTMAX_CE, lambda: [
            nn.Linear(6, 8), nn.ReLU(),
            nn.Linear(8, 5), nn.ReLU(),
            nn.Linear(5, 3)]),
        ("LeakyBatchNorm", 1002, 5, 4, SOFTMAX_CE, lambda: [
            nn.Linear(5, 7), nn.BatchNorm1d(7), nn.LeakyReLU(0.01),
            nn.Linear(7, 6), nn.Tanh(),
            nn.Linear(6, 4)]),
        ("SigmoidRegressor", 1003, 4, 2, MSE, lambda: [
            nn.Linear(4, 6), nn.Sigmoid(),
            nn.Linear(6, 5), nn.Tanh(),
            nn.Linear(5, 2)]),
        ("BinaryBatchNorm", 1004, 3, 1, BCE, lambda: [
            nn.Linear(3, 8), nn.ReLU(), nn.BatchNorm1d(8),
            nn.Linear(8, 4), nn.LeakyReLU(0.01),
            nn.Linear(4, 1)]),
        ("SoftmaxOutput", 1005, 20, 10, SOFTMAX_CE, lambda: [
            nn.Linear(20, 33), nn.Tanh(),
            nn.Linear(33, 17), nn.ReLU(),
            nn.Linear(17, 10)]),
        ("WideBatchNormRegressor", 1006, 37, 3, MSE, lambda: [
            nn.Linear(37, 40), nn.BatchNorm1d(40), nn.ReLU(),
            nn.Linear(40, 3)]),
        # Image networks: the input is [C, H, W] per sample, flattened NCHW like PyTorch's tensors.
        ("ConvReluPool", 1101, (1, 8, 8), 3, SOFTMAX_CE, lambda: [
            nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(4, 6, 3), nn.ReLU(),
            nn.Flatten(),
            nn.Linear(6 * 2 * 2, 3)]),
        ("ConvBatchNorm", 1102, (3, 7, 7), 2, MSE, lambda: [
            nn.Conv2d(3, 5, 3, bias=False), nn.BatchNorm2d(5), nn.ReLU(),
            nn.AvgPool2d(2, stride=1),
            nn.Flatten(),
            nn.Linear(5 * 4 * 4, 2)]),
        ("ConvStridedSame", 1103, (2, 9, 9), 4, SOFTMAX_CE, lambda: [
            # Neuroslyn's Padding.Same with stride 2 and an even kernel: 9 -> 5, padding 1 before and 2 after
            # (ONNX's SAME_UPPER), which nn.Conv2d(padding="same") refuses with a stride.
            SamePaddedConv2d(2, 4, 4, stride=2, pads=(1, 2, 1, 2)), nn.LeakyReLU(0.2),
            nn.AvgPool2d(3, stride=2, padding=1),
            nn.Flatten(),
            nn.Linear(4 * 3 * 3, 4)]),
        ("ConvGroupsDepthwise", 1104, (4, 6, 6), 3, SOFTMAX_CE, lambda: [
            nn.Conv2d(4, 8, 3, padding=1, groups=2), nn.Tanh(),
            nn.Conv2d(8, 8, 3, padding=2, dilation=2, groups=8), nn.ReLU(),
            nn.Conv2d(8, 4, 1),
            nn.AdaptiveAvgPool2d(1), nn.Flatten(),
            nn.Linear(4, 3)]),
        ("ConvPaddedMaxPoolBinary", 1105, (1, 10, 10), 1, BCE, lambda: [
            nn.Conv2d(1, 3, 5, padding=2), nn.Sigmoid(),
            nn.MaxPool2d(3, stride=2, padding=1),
            nn.BatchNorm2d(3),
            nn.Conv2d(3, 2, 3, bias=False), nn.Tanh(),
            nn.Flatten(),
            nn.Linear(2 * 3 * 3, 1)]),
        # Padded, overlapping max pooling right after BatchNorm2d: the window maxima of a batch's normalised values.
        ("ConvBatchNormMaxPool", 1106, (2, 7, 7), 2, MSE, lambda: [
            nn.Conv2d(2, 3, 3, padding=1, bias=False), nn.BatchNorm2d(3), nn.Tanh(),
            nn.MaxPool2d(3, stride=2, padding=1),
            nn.Flatten(),
            nn.Linear(3 * 4 * 4, 2)]),
        # Residual blocks (docs/pytorch/neuroslyn_modules.py): a ResNet basic block with an identity shortcut,
        # a block with a strided 1 x 1 projection, and a block over vectors with a linear projection.
        ("ResidualBasicBlock", 1201, (2, 6, 6), 3, SOFTMAX_CE, lambda: [
            nn.Conv2d(2, 4, 3, padding=1), nn.ReLU(),
            Residual(nn.Conv2d(4, 4, 3, padding=1, bias=False), nn.BatchNorm2d(4), nn.ReLU(),
                     nn.Conv2d(4, 4, 3, padding=1, bias=False), nn.BatchNorm2d(4),
                     activation=nn.ReLU()),
            nn.AdaptiveAvgPool2d(1), nn.Flatten(),
            nn.Linear(4, 3)]),
        ("ResidualProjection", 1202, (3, 8, 8), 2, MSE, lambda: [
            nn.Conv2d(3, 4, 3, padding=1), nn.Tanh(),
            Residual(nn.Conv2d(4, 6, 3, stride=2, padding=1), nn.LeakyReLU(0.2),
                     nn.Conv2d(6, 6, 3, padding=1),
                     shortcut=nn.Conv2d(4, 6, 1, stride=2), activation=nn.Tanh()),
            nn.MaxPool2d(2),
            nn.Flatten(),
            nn.Linear(6 * 2 * 2, 2)]),
        ("ResidualMlp", 1203, 5, 3, SOFTMAX_CE, lambda: [
            nn.Linear(5, 8), nn.ReLU(),
            Residual(nn.Linear(8, 8), nn.ReLU(), nn.Linear(8, 6),
                     shortcut=nn.Linear(8, 6), activation=nn.ReLU()),
            nn.Linear(6, 3)]),
    ]


class SamePaddedConv2d(nn.Conv2d):
    """A Conv2d that zero-pads (left, right, top, bottom) first; its state_dict names are a plain Conv2d's."""

    def __init__(self, *args, pads, **kwargs):
        super().__init__(*args, **kwargs)
        self.pads = pads

    def forward(self, x):
        return super().forward(nn.functional.pad(x, self.pads))


def make_loss(kind):
    # All three reduce with the mean, matching the Neuroslyn losses.
    return {SOFTMAX_CE: nn.CrossEntropyLoss(),
            MSE: nn.MSELoss(),
            BCE: nn.BCEWithLogitsLoss()}[kind]


def make_targets(kind, out):
    if kind == SOFTMAX_CE:
        return torch.randint(0, out, (BATCH,), dtype=torch.int64)
    if kind == MSE:
        return torch.randn(BATCH, out, dtype=torch.float32)
    # BCEWithLogits wants float targets shaped like the logits: [batch, 1].
    return torch.randint(0, 2, (BATCH, out)).to(torch.float32)


@torch.no_grad()
def perturb_batchnorm(model):
    """Move BatchNorm away from its defaults so an ignored gamma/beta or
    running statistic cannot pass the tests by accident."""
    for m in model.modules():
        if isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)):
            n = m.num_features
            m.weight.copy_(torch.empty(n).uniform_(0.5, 1.5))
            m.bias.copy_(torch.randn(n) * 0.1)
            m.running_mean.copy_(torch.randn(n) * 0.1)
            m.running_var.copy_(torch.empty(n).uniform_(0.5, 1.5))


def state_entries(model):
    """state_dict minus num_batches_tracked (a counter, not a tensor the
    Neuroslyn runtime stores)."""
    return {k: v for k, v in model.state_dict().items()
            if not k.endswith("num_batches_tracked")}


def f32(v):
    """A float32 as the Python float of its shortest round-trip decimal.

    json writes Python floats with repr; for float32(0.1) the exact value
    prints as 0.10000000149011612, whereas the shortest decimal that reads
    back as the same float32 is 0.1. That keeps the widest file under ~200 KB
    while staying bit-exact: parsing it as float32 (or as double, then
    narrowing) gives back exactly v, which the assert makes sure of.
    """
    v = np.float32(v)
    short = float(str(v))
    assert np.float32(short) == v, v
    return short


def flat(t):
    """Flat row-major list: floats via f32, integer tensors as ints."""
    t = t.detach().reshape(-1)
    if not t.is_floating_point():
        return t.tolist()
    return [f32(v) for v in t.numpy()]


def train_two_steps(model, make_optimizer, loss_fn, x, y):
    model.train()
    opt = make_optimizer(model.parameters())
    losses, snapshots = [], []
    for _ in range(2):
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
        losses.append(f32(loss.item()))
        snapshots.append({k: flat(v) for k, v in state_entries(model).items()})
    return {"losses": losses, "after_step1": snapshots[0], "after_step2": snapshots[1]}


def build_record(name, seed, n_in, n_out, kind, layers):
    torch.manual_seed(seed)
    model = nn.Sequential(*layers()).to(torch.float32)
    perturb_batchnorm(model)
    shape = n_in if isinstance(n_in, tuple) else (n_in,)
    x = torch.randn(BATCH, *shape, dtype=torch.float32)
    y = make_targets(kind, n_out)
    loss_fn = make_loss(kind)

    initial = {k: {"shape": list(v.shape), "data": flat(v)}
               for k, v in state_entries(model).items()}

    # Eval forward uses the running statistics, so it runs on its own copy.
    eval_model = copy.deepcopy(model).eval()
    with torch.no_grad():
        out = eval_model(x)
        if name == "SoftmaxOutput":
            # The Neuroslyn network puts Softmax on its output layer (folded
            # into the loss for training), so inference returns probabilities.
            out = torch.softmax(out, dim=1)

    # One train-mode backward from the initial state. Every run below gets a
    # deepcopy so all three start identically, running stats included.
    grad_model = copy.deepcopy(model).train()
    loss = loss_fn(grad_model(x), y)
    loss.backward()
    grads = {k: flat(p.grad) for k, p in grad_model.named_parameters()}

    adam = train_two_steps(copy.deepcopy(model),
                           lambda ps: torch.optim.Adam(ps, lr=1e-3),
                           loss_fn, x, y)
    sgd = train_two_steps(copy.deepcopy(model),
                          lambda ps: torch.optim.SGD(ps, lr=0.01, momentum=0.9),
                          loss_fn, x, y)

    return {
        "name": name,
        "batch": BATCH,
        "in": math.prod(shape),
        "input_shape": list(shape),
        "out": n_out,
        "loss_kind": kind,
        "torch_version": torch.__version__,
        "inputs": flat(x),
        "targets": flat(y),
        "initial": initial,
        "eval_outputs": flat(out),
        "loss": f32(loss.item()),
        "grads": grads,
        "adam": adam,
        "sgd_momentum": sgd,
    }


def check(path):
    """Re-read a written file and verify every length against its shape."""
    with open(path) as f:
        r = json.load(f)
    b, n_in, n_out = r["batch"], r["in"], r["out"]
    assert len(r["inputs"]) == b * n_in == b * math.prod(r["input_shape"])
    assert len(r["eval_outputs"]) == b * n_out
    if r["loss_kind"] == SOFTMAX_CE:
        assert len(r["targets"]) == b
        assert all(isinstance(t, int) and 0 <= t < n_out for t in r["targets"])
    else:
        assert len(r["targets"]) == b * n_out
        assert all(isinstance(t, float) for t in r["targets"])

    sizes = {k: math.prod(v["shape"]) for k, v in r["initial"].items()}
    for k, v in r["initial"].items():
        assert len(v["data"]) == sizes[k], k
    # Gradients exist for exactly the trainable tensors (not running stats).
    trainable = {k for k in sizes if k.endswith(("weight", "bias"))}
    assert set(r["grads"]) == trainable
    for k, g in r["grads"].items():
        assert len(g) == sizes[k], k
    for opt in ("adam", "sgd_momentum"):
        run = r[opt]
        assert len(run["losses"]) == 2
        # Step 1's loss is the same train-mode forward as "loss" above.
        assert math.isclose(run["losses"][0], r["loss"], rel_tol=1e-6)
        for step in ("after_step1", "after_step2"):
            assert set(run[step]) == set(sizes), (opt, step)
            for k, v in run[step].items():
                assert len(v) == sizes[k], (opt, step, k)

    floats = [r["loss"], *r["inputs"], *r["eval_outputs"]]
    assert all(math.isfinite(v) for v in floats)
    return r, len(sizes), os.path.getsize(path)


def main():
    torch.set_num_threads(1)
    torch.set_default_dtype(torch.float32)
    print(f"torch {torch.__version__}")

    # Names on the command line regenerate only those files (another BLAS changes the last digits of the others).
    only = set(sys.argv[1:])
    paths = []
    for name, seed, n_in, n_out, kind, layers in architectures():
        if only and name not in only:
            continue
        record = build_record(name, seed, n_in, n_out, kind, layers)
        path = os.path.join(OUT_DIR, f"{name}.json")
        with open(path, "w") as f:
            json.dump(record, f, separators=(",", ":"))
            f.write("\n")
        paths.append(path)

    for path in paths:
        r, n_tensors, size = check(path)
        print(f"{r['name']:<24} loss={r['loss']:.6f}  tensors={n_tensors}  "
              f"adam={r['adam']['losses'][1]:.6f}  "
              f"sgd={r['sgd_momentum']['losses'][1]:.6f}  {size / 1024:.1f} KB")


if __name__ == "__main__":
    main()
