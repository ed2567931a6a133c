"""Reads the IDX files the TypeScript wrapper has already located and verified (SHA-256, one table in
training/data/checksums.ts). Gzip is recognised by its magic bytes, as the training step does."""
import gzip

import numpy as np


def _read(path):
    with open(path, "rb") as f:
        raw = f.read()
    return gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw


def read_images(path):
    data = _read(path)
    magic, count, rows, cols = np.frombuffer(data[:16], dtype=">u4")
    if magic != 2051 or rows != 28 or cols != 28:
        raise ValueError(f"{path}: not an IDX file of 28x28 images (magic {magic}, {rows}x{cols})")
    return np.frombuffer(data[16:], dtype=np.uint8).reshape(int(count), 28, 28)


def read_labels(path):
    data = _read(path)
    magic, count = np.frombuffer(data[:8], dtype=">u4")
    if magic != 2049:
        raise ValueError(f"{path}: not an IDX labels file (magic {magic})")
    return np.frombuffer(data[8:], dtype=np.uint8)[: int(count)]


def load_split(files, split):
    """files: {"train-images-idx3-ubyte": path, ...}; split: "train" or "t10k"."""
    return read_images(files[f"{split}-images-idx3-ubyte"]), read_labels(files[f"{split}-labels-idx1-ubyte"])
