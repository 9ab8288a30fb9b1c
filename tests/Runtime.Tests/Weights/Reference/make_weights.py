#!/usr/bin/python3
"""Reference weight files for tests/Runtime.Tests/Weights/PyTorchInteropTests.cs, made with Debian's PyTorch.

Run with Debian's interpreter from this folder's parent's parent (tests/Runtime.Tests):

    /usr/bin/python3 Weights/Reference/make_weights.py [prefix ...]

It needs python3-torch and python3-numpy (Debian bookworm: torch 1.13). Debian has no python3-safetensors package and
PyPI is out of reach here, so this script reads and writes safetensors by hand, following the format's specification:
an 8-byte little-endian header length, a UTF-8 JSON header ({name: {"dtype", "shape", "data_offsets": [begin, end]}},
offsets relative to the data section, end exclusive), then the raw little-endian, row-major data. write_safetensors
lays the file out as safetensors.torch.save_file does (no __metadata__ unless given; tensors sorted by dtype, the
8-byte ones first, then by name; the header padded with spaces to a multiple of 8 bytes).

Both directions of the interchange, on the nn.Sequential that InteropNet (WeightNetworks.cs) declares, and again with
the prefix image_ on ImageInteropNet's (a convolutional network):

1. torch_made.safetensors: the state_dict of a model trained for three steps (so BatchNorm's running statistics and
   num_batches_tracked = 3 are not the initial ones), written as save_file(model.state_dict()) would; torch_made.json:
   inputs and the model's outputs in eval mode. The test loads the file into InteropNet and compares PredictBatch.
2. neuroslyn_made.safetensors: written by our WeightFile (the test writes it when NEUROSLYN_UPDATE_GOLDEN=1, and
   otherwise checks that it still writes exactly these bytes). This script loads it into the same nn.Sequential with
   load_state_dict(strict=True) and writes neuroslyn_made.json: inputs and PyTorch's outputs in eval mode, which the
   test compares with PredictBatch.
"""

import json
import os
import struct

import sys

import numpy as np
import torch
from torch import nn

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "docs", "pytorch"))
from neuroslyn_modules import Residual  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DTYPES = {"F32": np.float32, "I64": np.int64}
NAMES = {np.dtype(np.float32): "F32", np.dtype(np.int64): "I64"}


def make_model():
    return nn.Sequential(
        nn.Linear(5, 8),
        nn.BatchNorm1d(8),
        nn.LeakyReLU(0.1),
        nn.Dropout(0.25),
        nn.Linear(8, 6),
        nn.Tanh(),
        nn.Linear(6, 3),
        nn.Softmax(dim=1),
    )


def make_image_model():
    """ImageInteropNet's nn.Sequential: a convolution's [out, in/groups, kh, kw] weight, BatchNorm2d's buffers, a
    grouped convolution and the C·H·W order of Flatten."""
    return nn.Sequential(
        nn.Conv2d(2, 4, 3, padding=1, bias=False),
        nn.BatchNorm2d(4),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Conv2d(4, 6, 3, groups=2),
        nn.Tanh(),
        nn.Flatten(),
        nn.Linear(6 * 2 * 2, 3),
        nn.Softmax(dim=1),
    )


def make_residual_model():
    """ResidualInteropNet's nn.Sequential: docs/pytorch/neuroslyn_modules.py's Residual, once with an identity shortcut
    around a BatchNorm2d, once with a strided 1 x 1 projection."""
    return nn.Sequential(
        nn.Conv2d(2, 4, 3, padding=1),
        nn.ReLU(),
        Residual(nn.Conv2d(4, 4, 3, padding=1, bias=False), nn.BatchNorm2d(4), nn.ReLU(),
                 nn.Conv2d(4, 4, 3, padding=1),
                 activation=nn.ReLU()),
        Residual(nn.Conv2d(4, 6, 3, stride=2, padding=1), nn.Tanh(),
                 shortcut=nn.Conv2d(4, 6, 1, stride=2), activation=nn.ReLU()),
        nn.Flatten(),
        nn.Linear(6 * 4 * 4, 3),
        nn.Softmax(dim=1),
    )


# (file prefix, model, one sample's input shape, the BatchNorm whose counter is checked)
MODELS = [("", make_model, (5,), "1"), ("image_", make_image_model, (2, 8, 8), "1"),
          ("residual_", make_residual_model, (2, 8, 8), "2.body.1")]


def write_safetensors(path, tensors, metadata=None):
    arrays = {name: t.detach().cpu().contiguous().numpy() for name, t in tensors.items()}
    order = sorted(arrays, key=lambda name: (-arrays[name].dtype.itemsize, name))
    header = {} if metadata is None else {"__metadata__": metadata}
    offset = 0
    for name in order:
        size = arrays[name].nbytes
        header[name] = {"dtype": NAMES[arrays[name].dtype], "shape": list(arrays[name].shape), "data_offsets": [offset, offset + size]}
        offset += size
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for name in order:
            f.write(arrays[name].astype(arrays[name].dtype.newbyteorder("<"), copy=False).tobytes())


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + length].decode("utf-8"))
    header.pop("__metadata__", None)
    base = 8 + length
    end_of_data = 0
    tensors = {}
    for name, entry in header.items():
        begin, end = entry["data_offsets"]
        dtype = np.dtype(DTYPES[entry["dtype"]]).newbyteorder("<")
        array = np.frombuffer(data[base + begin : base + end], dtype=dtype).reshape(entry["shape"])
        tensors[name] = torch.from_numpy(array.astype(dtype.newbyteorder("="), copy=True))
        end_of_data = max(end_of_data, end)
    assert base % 8 == 0, "the header is not padded to 8 bytes"
    assert base + end_of_data == len(data), "the data section is not covered exactly"
    return tensors


def floats(tensor):
    return [float(v) for v in tensor.detach().reshape(-1).tolist()]


def torch_made(prefix, make, shape, norm):
    torch.manual_seed(20260101)
    model = make()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    model.train()
    for _ in range(3):
        x = torch.randn(16, *shape) * 2 + 0.5
        labels = torch.randint(0, 3, (16,))
        optimizer.zero_grad()
        # The model ends in Softmax; train on its log, as CrossEntropyLoss would on logits.
        loss = nn.functional.nll_loss(torch.log(model(x) + 1e-12), labels)
        loss.backward()
        optimizer.step()
    model.eval()
    inputs = torch.randn(7, *shape)
    with torch.no_grad():
        outputs = model(inputs)
    write_safetensors(os.path.join(HERE, f"{prefix}torch_made.safetensors"), model.state_dict())
    assert int(model.state_dict()[f"{norm}.num_batches_tracked"]) == 3
    with open(os.path.join(HERE, f"{prefix}torch_made.json"), "w") as f:
        json.dump({"rows": 7, "inputs": floats(inputs), "outputs": floats(outputs), "num_batches_tracked": 3}, f, indent=1)
        f.write("\n")


def neuroslyn_made(prefix, make, shape, norm):
    path = os.path.join(HERE, f"{prefix}neuroslyn_made.safetensors")
    if not os.path.exists(path):
        print(f"{path} is missing: run the tests with NEUROSLYN_UPDATE_GOLDEN=1 first, then this script again.")
        return
    state = read_safetensors(path)
    model = make()
    model.load_state_dict(state, strict=True)  # every name, shape and dtype must be PyTorch's own
    model.eval()
    torch.manual_seed(7)
    inputs = torch.randn(9, *shape) * 1.5
    with torch.no_grad():
        outputs = model(inputs)
    with open(os.path.join(HERE, f"{prefix}neuroslyn_made.json"), "w") as f:
        json.dump({"rows": 9, "inputs": floats(inputs), "outputs": floats(outputs),
                   "num_batches_tracked": int(state[f"{norm}.num_batches_tracked"])}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    print(f"torch {torch.__version__}, numpy {np.__version__}")
    # File prefixes on the command line ("residual_") remake only those models' files.
    only = set(sys.argv[1:])
    for model in MODELS:
        if only and model[0] not in only:
            continue
        torch_made(*model)
        neuroslyn_made(*model)
