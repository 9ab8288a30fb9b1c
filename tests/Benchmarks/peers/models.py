"""The benchmark networks as PyTorch modules, shared by make_onnx.py and pytorch_bench.py.

Each is the nn.Sequential that a Neuroslyn declaration in tests/Benchmarks/Networks corresponds to, so its
state_dict names (0.weight, 2.weight, ...) are the names Neuroslyn's weight files use.
"""
import torch
from torch import nn

# Fixed seeds: run.sh regenerates the model files on every run and must get the same weights each time.
W1_SEED = 1234
W4_SEED = 5678
CNN_SEED = 4321


def w1_network(seed=W1_SEED):
    """784-128-64-10, ReLU, ReLU, logits (W1, W2, W3)."""
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 64), nn.ReLU(), nn.Linear(64, 10))


def w4_network(seed=W4_SEED):
    """2-16-16-1, Tanh, Tanh, linear output (W4)."""
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(2, 16), nn.Tanh(), nn.Linear(16, 16), nn.Tanh(), nn.Linear(16, 1))


def cnn_network(seed=CNN_SEED):
    """Conv2d(1,32,3,pad 1)+ReLU+MaxPool2 -> Conv2d(32,64,3,pad 1)+ReLU+MaxPool2 -> Flatten -> Linear(3136,128)+ReLU ->
    Linear(128,10) on 1x28x28 (W5, W6, W7; CnnNet in Networks/BenchmarkNetworks.cs)."""
    torch.manual_seed(seed)
    return nn.Sequential(
        nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(3136, 128), nn.ReLU(), nn.Linear(128, 10))
