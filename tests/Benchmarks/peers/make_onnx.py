"""Writes the ONNX models and weight files the C# benchmarks load (tests/Benchmarks/run.sh calls it).

For each network: NAME.onnx (torch.onnx.export, opset 17, input 'input' [batch, in] or [batch, channels, height,
width] for the CNN, output 'output' [batch, out], dynamic batch) and NAME.safetensors (the same state_dict, loaded into the generated network with WeightFile.Load).
So ONNX Runtime, the generated code and the C# peers (which read the ONNX initializers) all compute with the same
numbers; the benchmarks check at setup that their outputs agree.

Usage: /usr/bin/python3 make_onnx.py OUTPUT_FOLDER   (Debian's python3-torch and python3-onnx)
"""
import json
import math
import os
import struct
import sys

import onnx
import torch

from models import cnn_network, w1_network, w4_network


def save_safetensors(state_dict, path):
    """Writes a safetensors file by hand: Debian 12 has no python3-safetensors. Format: u64 little-endian header
    length, JSON header (padded with spaces to 8 bytes), then the raw little-endian float32 data."""
    header, blobs, offset = {}, [], 0
    for name, tensor in state_dict.items():
        data = tensor.detach().contiguous().numpy().astype('<f4').tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensor.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def export(model, inputs, folder, name):
    """inputs: the features of one sample, or its shape (channels, height, width) for an image network."""
    model.eval()
    shape = tuple(inputs) if isinstance(inputs, tuple) else (inputs,)
    onnx_path = os.path.join(folder, name + ".onnx")
    torch.onnx.export(model, torch.zeros(1, *shape), onnx_path, input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}}, opset_version=17)
    onnx.checker.check_model(onnx.load(onnx_path))
    save_safetensors(model.state_dict(), os.path.join(folder, name + ".safetensors"))
    # A reference output for a fixed input, so a broken export shows up here and not as a puzzling C# mismatch.
    probe = torch.linspace(-1, 1, math.prod(shape)).reshape(1, *shape)
    with torch.no_grad():
        out = model(probe).numpy().ravel()
    print(f"{name}: {onnx_path}, probe output[0] = {out[0]:.6f}")


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make_onnx.py OUTPUT_FOLDER")
    folder = sys.argv[1]
    os.makedirs(folder, exist_ok=True)
    export(w1_network(), 784, folder, "w1")
    export(w4_network(), 2, folder, "w4")
    export(cnn_network(), (1, 28, 28), folder, "cnn")


if __name__ == "__main__":
    main()
