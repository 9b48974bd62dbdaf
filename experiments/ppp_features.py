#!/usr/bin/env python3
"""Hand-made PPP features for every row of a PPP task file, in the CSV layout `dupn embed` writes.

experiments/PppProbe fits a linear model (and LightGbm) on such files; with these features it
measures what a model that reads the history the way DUPN's counts c do could reach, free of any
training recipe. Two kinds:

  counts  the Bayes rule's sufficient statistic: one-hot age and city, and how many buys and carts
          of each price level the window holds (19 numbers). ppp_ceiling.py's posterior is linear
          in exactly these, so a linear model on them can reach the Bayes rate.
  tags    one-hot age and city, and the bag of every tag of the window's buys and carts, each
          behaviour's tags mean-pooled as DUPN pools them (12 + tag vocabulary numbers): what c
          holds when its gate is exact, with the style and category tags beside the price.

    python3 experiments/ppp_features.py DATA_DIR counts|tags train|test [SEQ_LEN] > FILE.csv

Standard library only; the window is the last SEQ_LEN (default 30) behaviours before the row.
"""
import csv
import sys

import ppp_ceiling


def main():
    if len(sys.argv) not in (4, 5) or sys.argv[2] not in ("counts", "tags") or sys.argv[3] not in ("train", "test"):
        sys.exit(__doc__)
    data, kind, split = sys.argv[1:4]
    seq_len = int(sys.argv[4]) if len(sys.argv) > 4 else 30
    history, profile = ppp_ceiling.load(data, keep_tags=True)
    vocabulary = sorted({tag for rows in history.values() for _, _, _, tags in rows for tag in tags})
    column = {tag: i for i, tag in enumerate(vocabulary)}
    width = 12 + (7 if kind == "counts" else len(vocabulary))

    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["user_id", "timestamp"] + [f"e{i}" for i in range(width)])
    with open(f"{data}/ppp.{split}.csv", newline="") as f:
        for r in csv.DictReader(f):
            user, timestamp = r["user_id"], int(r["timestamp"])
            age, city = profile[user]
            x = [0.0] * width
            x[age - 1] = x[7 + city - 1] = 1.0
            for _, behaviour, price, tags in ppp_ceiling.window(history[user], timestamp, seq_len):
                if behaviour not in ("buy", "cart"):
                    continue
                if kind == "counts":
                    x[12 + price - 1] += 1
                else:
                    for tag in tags:
                        x[12 + column[tag]] += 1 / len(tags)
            out.writerow([user, timestamp] + [f"{v:.6g}" for v in x])


if __name__ == "__main__":
    main()
