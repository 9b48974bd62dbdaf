#!/usr/bin/env python3
"""Is a DUPN model's PPP accuracy different from a baseline's on the same test rows? A paired test.

Two accuracies on one test set are not independent samples: most rows both models get right (or
wrong), and only the rows where they disagree tell them apart. This script scores every PPP test
row with the model's PPP head (from `dupn embed --task ppp` and the model's weights, as
experiments/ppp_vs_bayes.py does) and reads the baseline's per-row probabilities (`dupn baselines
--predictions DIR`). It prints both accuracies, the rows only one of them gets right, McNemar's
exact two-sided p-value on those rows, and the accuracy difference with a 95 % interval from the
paired standard error.

    dupn embed --model MODEL --data DATA --task ppp --split test --out EMB.csv
    dupn baselines --data DATA --models lightgbm --seq-len 30 --predictions PRED
    python3 experiments/ppp_paired.py MODEL EMB.csv PRED/lightgbm.ppp.csv [MODEL2 EMB2.csv ...]

Further MODEL EMB pairs are compared with the same baseline. Standard library only.
"""
import csv
import math
import sys

import ppp_vs_bayes


def argmax(values):
    return max(range(len(values)), key=values.__getitem__)


def mcnemar_exact(b, c):
    """Two-sided exact p-value of b successes in b + c fair coin flips (McNemar's test)."""
    n, k = b + c, min(b, c)
    if n == 0:
        return 1.0
    log_half_n = -n * math.log(2)
    tail = sum(math.exp(math.lgamma(n + 1) - math.lgamma(i + 1) - math.lgamma(n - i + 1) + log_half_n) for i in range(k + 1))
    return min(1.0, 2 * tail)


def model_right(model, embeddings, keys):
    head = ppp_vs_bayes.ppp_head(model)
    right = []
    with open(embeddings, newline="") as f:
        reader = csv.reader(f)
        next(reader)
        for n, r in enumerate(reader):
            if n >= len(keys) or (r[0], r[1]) != keys[n][:2]:
                sys.exit(f"{embeddings} row {n + 1} is ({r[0]}, {r[1]}), but the predictions' row {n + 1} is not: embed with --task ppp --split test")
            right.append(1 + argmax(head([float(v) for v in r[2:]])) == keys[n][2])
    if len(right) != len(keys):
        sys.exit(f"{embeddings} has {len(right)} rows, the predictions {len(keys)}")
    return right


def main():
    if len(sys.argv) < 4 or len(sys.argv) % 2 != 0:
        sys.exit(__doc__)
    predictions = sys.argv[3]
    keys, baseline = [], []
    with open(predictions, newline="") as f:
        for row in csv.DictReader(f):
            level = int(row["level"])
            keys.append((row["user_id"], row["timestamp"], level))
            baseline.append(1 + argmax([float(row[f"p{j}"]) for j in range(1, 8)]) == level)
    n = len(keys)
    print(f"{n} PPP test rows; baseline {predictions}: {100 * sum(baseline) / n:.2f} %")
    pairs = [(sys.argv[1], sys.argv[2])] + list(zip(sys.argv[4::2], sys.argv[5::2]))
    for model, embeddings in pairs:
        right = model_right(model, embeddings, keys)
        only_model = sum(1 for m, b in zip(right, baseline) if m and not b)
        only_baseline = sum(1 for m, b in zip(right, baseline) if b and not m)
        diff = (only_model - only_baseline) / n
        se = math.sqrt(max(0.0, (only_model + only_baseline) / n - diff * diff) / n)
        print(f"{model}: {100 * sum(right) / n:.2f} %; right where the baseline is wrong {only_model}, "
              f"wrong where it is right {only_baseline}; difference {100 * diff:+.2f} points "
              f"(95 % interval {100 * (diff - 1.96 * se):+.2f} to {100 * (diff + 1.96 * se):+.2f}), "
              f"McNemar exact p = {mcnemar_exact(only_model, only_baseline):.3f}")


if __name__ == "__main__":
    main()
