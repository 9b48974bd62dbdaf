#!/usr/bin/env python3
"""What a trained model's history-count gate learned: g = sigmoid(counts.gate([scene ; time ; type]))
for every behaviour type and time bucket, with the scene embedding averaged over the known scenes.

The gate decides how much each behaviour adds to rep's counts c (docs/architecture.md, "History
counts in rep"). On the generator's data the price and style tags that reveal purchasing power and
style sit on buys and carts, so a gate that learned the data's structure is high for those and low
for clicks.

    python3 experiments/count_gate.py MODEL_DIR      # a folder written by `dupn train`

Standard library only. It reads weights.bin (the StateDictFile format: "DUPNSD", format version,
library version, architecture JSON, tensor count, then name, rank, shape and little-endian float32
values per tensor) and the type vocabulary from featurizer.json.
"""
import json
import math
import struct
import sys


def read_state_dict(path):
    data = open(path, "rb").read()
    pos = 0

    def string():
        nonlocal pos
        length, shift = 0, 0
        while True:  # .NET BinaryWriter: 7-bit encoded length, then UTF-8
            byte = data[pos]
            pos += 1
            length |= (byte & 0x7F) << shift
            shift += 7
            if byte < 0x80:
                break
        text = data[pos:pos + length].decode("utf-8")
        pos += length
        return text

    def int32():
        nonlocal pos
        value = struct.unpack_from("<i", data, pos)[0]
        pos += 4
        return value

    if data[:6] != b"DUPNSD":
        sys.exit(f"{path} is not a DUPN state dict file")
    pos = 6
    if int32() < 2:
        sys.exit(f"{path}: format 1 is not supported here")
    string()  # library version
    string()  # architecture JSON
    tensors = {}
    for _ in range(int32()):
        name = string()
        shape = [int32() for _ in range(int32())]
        count = math.prod(shape)
        tensors[name] = (shape, struct.unpack_from(f"<{count}f", data, pos))
        pos += 4 * count
    return tensors


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    folder = sys.argv[1]
    tensors = read_state_dict(f"{folder}/weights.bin")
    if "counts.gate.weight" not in tensors:
        sys.exit(f"{folder} has no counts.gate: trained with --paper-rep, or the nobp variant (ungated counts)")
    vocabularies = {v["Name"]: v["Ids"] for v in json.load(open(f"{folder}/featurizer.json"))["Vocabularies"]}

    def row(table, index):
        shape, values = tensors[table]
        return list(values[index * shape[1]:(index + 1) * shape[1]])

    def mean_of_rows(table, first, end):
        rows = [row(table, i) for i in range(first, end)]
        return [sum(column) / len(rows) for column in zip(*rows)]

    weight, bias = tensors["counts.gate.weight"][1], tensors["counts.gate.bias"][1][0]
    scene = mean_of_rows("embeddings.scene.weight", 2, tensors["embeddings.scene.weight"][0][0])
    buckets = tensors["embeddings.time.weight"][0][0] - 2  # rows 0 and 1: padding and unknown
    print("type        " + " ".join(f"t{b}".rjust(6) for b in range(buckets)) + "   (t0: the most recent time bucket)")
    for index, name in enumerate(vocabularies["type"]):
        gates = []
        for bucket in range(buckets):
            p = scene + row("embeddings.time.weight", bucket + 2) + row("embeddings.type.weight", index + 2)
            z = bias + sum(w * x for w, x in zip(weight, p))
            gates.append(1 / (1 + math.exp(-z)))
        print(f"{name:<12}" + " ".join(f"{g:6.3f}" for g in gates))


if __name__ == "__main__":
    main()
