#!/usr/bin/env python3
"""Where a trained model's PPP answers differ from the Bayes rule's, row by row.

experiments/ppp_ceiling.py gives the best accuracy the data allows; this script says where a model
falls short of it. It scores every PPP test row with the model's PPP head on [u ; c] (read from the
user embeddings that `dupn embed --task ppp` writes, so the featurisation and the user tower are the
product's own) and with the Bayes rule, then prints both accuracies and log losses by the number of
buys and carts in the window, and the commonest disagreements.

    dupn embed --model MODEL --data DATA --task ppp --out EMB.csv
    python3 experiments/ppp_vs_bayes.py MODEL EMB.csv DATA [SEQ_LEN]   # SEQ_LEN defaults to 30

Needs a model trained with the PPP head on [u ; c] (the default; not --paper-heads). Standard
library only; about a minute for 14,000 rows.
"""
import collections
import csv
import sys

import count_gate
import ppp_ceiling


def ppp_head(model):
    """The trained PPP head of MODEL as a function: a user embedding (rep, a list) -> the 7 levels' logits."""
    tensors = count_gate.read_state_dict(f"{model}/weights.bin")

    def matrix(name):
        shape, values = tensors[name]
        return [values[i * shape[1]:(i + 1) * shape[1]] for i in range(shape[0])]

    fc1, fc1_bias = matrix("ppp.fc1.weight"), tensors["ppp.fc1.bias"][1]
    out, out_bias = matrix("ppp.out.weight"), tensors["ppp.out.bias"][1]
    linear = matrix("ppp.linear") if "ppp.linear" in tensors else None  # trained with --ppp-linear
    hidden = tensors["lstm.weight_h"][0][1]
    profile = tensors["embeddings.profile_bias"][0][0]
    counts = len(fc1[0]) - profile  # the head reads [u ; c]
    if counts <= 0:
        sys.exit(f"{model}'s PPP head reads all of rep, not [u ; c] (trained with --paper-heads)")

    def scores(rep):
        x = rep[hidden:hidden + profile] + rep[len(rep) - counts:]
        h = [max(0.0, sum(w * v for w, v in zip(weights, x)) + b) for weights, b in zip(fc1, fc1_bias)]
        logits = [sum(w * v for w, v in zip(weights, h)) + b for weights, b in zip(out, out_bias)]
        if linear:
            logits = [s + sum(w * v for w, v in zip(weights, x)) for s, weights in zip(logits, linear)]
        return logits

    return scores


def main():
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    model, embeddings, data = sys.argv[1:4]
    seq_len = int(sys.argv[4]) if len(sys.argv) > 4 else 30
    head = ppp_head(model)

    history, users = ppp_ceiling.load(data)
    with open(f"{data}/ppp.test.csv", newline="") as f:
        labels = list(csv.DictReader(f))

    by_buys = collections.defaultdict(lambda: [0, 0, 0])  # rows, model right, Bayes right
    disagreements = collections.Counter()
    loss_model = loss_bayes = 0.0
    with open(embeddings, newline="") as f:
        reader = csv.reader(f)
        next(reader)
        for n, (r, row) in enumerate(zip(reader, labels)):
            if r[0] != row["user_id"]:
                sys.exit(f"{embeddings} row {n + 1} is user {r[0]}, but ppp.test.csv row {n + 1} is user {row['user_id']}: embed with --task ppp --split test")
            scores = head([float(v) for v in r[2:]])
            label = int(row["level"])
            model_level = 1 + max(range(len(scores)), key=scores.__getitem__)
            loss_model -= ppp_ceiling.log_softmax_at(scores, label - 1)

            age, city = users[row["user_id"]]
            behaviours = ppp_ceiling.window(history[row["user_id"]], int(row["timestamp"]), seq_len)
            posterior = ppp_ceiling.log_posterior(age, city, behaviours)
            bayes_level = 1 + max(range(7), key=posterior.__getitem__)
            loss_bayes -= ppp_ceiling.log_softmax_at(posterior, label - 1)

            buys = sum(1 for _, kind, _ in behaviours if kind in ("buy", "cart"))
            tally = by_buys[min(buys, 8)]
            tally[0] += 1
            tally[1] += model_level == label
            tally[2] += bayes_level == label
            if model_level != bayes_level:
                disagreements[(bayes_level, model_level, "Bayes" if bayes_level == label else "model" if model_level == label else "neither")] += 1

    total = sum(t[0] for t in by_buys.values())
    print(f"{total} PPP test rows, last {seq_len} behaviours")
    print(f"  model: {100 * sum(t[1] for t in by_buys.values()) / total:.2f} %, log loss {loss_model / total:.4f}")
    print(f"  Bayes: {100 * sum(t[2] for t in by_buys.values()) / total:.2f} %, log loss {loss_bayes / total:.4f}")
    print("buys+carts   rows   model   Bayes")
    for buys in sorted(by_buys):
        rows, right_model, right_bayes = by_buys[buys]
        print(f"{buys:>4}{'+' if buys == 8 else ' '}      {rows:6d}  {100 * right_model / rows:5.1f}   {100 * right_bayes / rows:5.1f}")
    print("commonest disagreements (Bayes level, model level, who is right): rows")
    for key, count in disagreements.most_common(12):
        print(f"  {key}: {count}")


if __name__ == "__main__":
    main()
