#!/usr/bin/env python3
"""Writes the small Fashion-MNIST subset shipped in this folder.

Reads the full data set installed by Debian's dataset-fashion-mnist package
(/usr/share/datasets/fashion-mnist) and writes the first 4000 training and the
first 1000 test examples as standard IDX files (header rewritten with the
reduced count), gzip-compressed at level 9. The output is byte-for-byte
reproducible: the gzip header carries no file name and a zero timestamp.

Usage: python3 make_subset.py [--source DIR] [--out DIR] [--train N] [--test N]
Standard library only.
"""

import argparse
import gzip
import os
import struct
import sys

DEFAULT_SOURCE = "/usr/share/datasets/fashion-mnist"
UNSIGNED_BYTE = 0x08


def read_idx(path):
    """Returns (dimensions, data) of an unsigned-byte IDX file, gzipped or raw."""
    with open(path, "rb") as f:
        raw = f.read()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    if len(raw) < 4 or raw[0] != 0 or raw[1] != 0:
        sys.exit(f"{path}: not an IDX file")
    if raw[2] != UNSIGNED_BYTE:
        sys.exit(f"{path}: type code 0x{raw[2]:02X}, expected 0x08 (unsigned byte)")
    ndims = raw[3]
    header = 4 + 4 * ndims
    dims = list(struct.unpack(f">{ndims}i", raw[4:header]))
    size = 1
    for d in dims:
        size *= d
    data = raw[header:]
    if len(data) != size:
        sys.exit(f"{path}: header declares {size} bytes of data, file holds {len(data)}")
    return dims, data


def write_idx(path, dims, data):
    """Writes an unsigned-byte IDX file, gzip level 9, no name, zero mtime."""
    header = bytes([0, 0, UNSIGNED_BYTE, len(dims)]) + struct.pack(f">{len(dims)}i", *dims)
    with open(path, "wb") as f:
        with gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=f, mtime=0) as gz:
            gz.write(header)
            gz.write(data)


def subset(source, out, name, count):
    dims, data = read_idx(os.path.join(source, name))
    if count > dims[0]:
        sys.exit(f"{name}: asked for {count} items but the file holds {dims[0]}")
    item = len(data) // dims[0]
    new_dims = [count] + dims[1:]
    target = os.path.join(out, name)
    write_idx(target, new_dims, data[: count * item])
    print(f"{name}: {' x '.join(map(str, new_dims))}, {os.path.getsize(target)} bytes")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", default=DEFAULT_SOURCE, help="folder with the full data set")
    parser.add_argument("--out", default=here, help="folder to write the subset to")
    parser.add_argument("--train", type=int, default=4000, help="training examples to keep")
    parser.add_argument("--test", type=int, default=1000, help="test examples to keep")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for prefix, count in (("train", args.train), ("t10k", args.test)):
        subset(args.source, args.out, f"{prefix}-images-idx3-ubyte.gz", count)
        subset(args.source, args.out, f"{prefix}-labels-idx1-ubyte.gz", count)


if __name__ == "__main__":
    main()
