"""PyTorch modules whose state_dict names are those of Neuroslyn's weight files.

A Neuroslyn network is the ``nn.Sequential`` of its layers (``0.weight``, ``3.running_var``); the one structure a plain
sequence cannot express is the residual block, written in C# as

    [Residual]
    [Conv2D(16, 3, Padding = 1, UseBias = false)]
    [BatchNorm(Activation.ReLU)]
    [Conv2D(16, 3, Padding = 1, UseBias = false)]
    [BatchNorm]
    [EndResidual(Activation.ReLU)]

and in PyTorch as one module of the Sequential, ``Residual`` below:

    Residual(nn.Conv2d(16, 16, 3, padding=1, bias=False), nn.BatchNorm2d(16), nn.ReLU(),
             nn.Conv2d(16, 16, 3, padding=1, bias=False), nn.BatchNorm2d(16),
             activation=nn.ReLU())

Its tensors are ``{i}.body.{j}.*`` for the body's layers (``j`` counts the body's modules, activations included, as the
Sequential's indices do) and ``{i}.shortcut.weight`` / ``{i}.shortcut.bias`` for the projection that Neuroslyn adds
where the body changes the shape: an ``nn.Conv2d(in, out, 1, stride=s)`` for images, an ``nn.Linear(in, out)`` for
vectors. The parity tests (tests/Runtime.Tests/Parity) and the weight-file tests load these names with strict=True.
"""

from torch import nn


class Residual(nn.Module):
    """``activation(body(x) + shortcut(x))``: Neuroslyn's [Residual] ... [EndResidual(activation)]."""

    def __init__(self, *body, shortcut=None, activation=None):
        super().__init__()
        self.body = nn.Sequential(*body)
        self.shortcut = shortcut if shortcut is not None else nn.Identity()
        self.activation = activation if activation is not None else nn.Identity()

    def forward(self, x):
        return self.activation(self.body(x) + self.shortcut(x))
