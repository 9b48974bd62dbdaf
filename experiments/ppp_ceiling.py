#!/usr/bin/env python3
"""The best PPP accuracy any model can reach on a generated dataset (the Bayes rate, approximately).

The generator (src/Transforms/Generation/TaobaoLikeGenerator.cs) draws each user's purchasing power
k from a fixed prior, then age = clamp(k + round(1.2 z), 1, 7), city = clamp(5 - (k-1)*4/6 + U{-1,0,1},
1, 5), and the price level of every buy and cart = k with probability 0.7, else k-1 or k+1 (0.15 each,
clamped). Clicks and favourites are priced at random, so they say nothing about k. This script scores
each PPP test row with the posterior over k given the profile and the buys and carts among the last N
behaviours before the row (the window DUPN and the baselines see) and reports how often its argmax is
the label. No model trained on the same window can beat that by more than noise.

    python3 experiments/ppp_ceiling.py DATA_DIR [SEQ_LEN]     # SEQ_LEN defaults to 30

Standard library only; DATA_DIR is a dataset folder written by `dupn generate`.
"""
import bisect
import collections
import csv
import math
import sys

PRIOR = [0.08, 0.14, 0.20, 0.22, 0.18, 0.12, 0.06]  # TaobaoLikeGenerator.PppProbabilities
LEVELS = range(1, 8)


def normal_cdf(x):
    return 0.5 * (1 + math.erf(x / math.sqrt(2)))


def p_age(age, k):
    lo, hi = age - k - 0.5, age - k + 0.5
    if age == 1:
        lo = -math.inf
    if age == 7:
        hi = math.inf
    return normal_cdf(hi / 1.2) - normal_cdf(lo / 1.2)


def p_city(city, k):
    base = 5 - (k - 1) * 4 // 6
    return sum(1 / 3 for d in (-1, 0, 1) if min(5, max(1, base + d)) == city)


def p_price(price, k, stray=1e-9):
    # Every buy and cart comes from ConvertingItem. Its fallback to any price of the category needs
    # an empty (category, price) pool, which at 150 items a category over 7 prices has probability
    # about 1e-10; stray stands for it and keeps the logarithm finite.
    p = collections.Counter({k: 0.7})
    for step in (-1, 1):
        p[min(7, max(1, k + step))] += 0.15
    return (1 - stray) * p[price] + stray / 7


def main():
    data = sys.argv[1]
    seq_len = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    history = collections.defaultdict(list)
    with open(f"{data}/behaviors.csv", newline="") as f:
        for r in csv.DictReader(f):
            price = next(int(t[6:]) for t in r["tags"].split("|") if t.startswith("price_"))
            history[r["user_id"]].append((int(r["timestamp"]), r["behavior_type"], price))
    for rows in history.values():
        rows.sort(key=lambda x: x[0])
    with open(f"{data}/users.csv", newline="") as f:
        profile = {r["user_id"]: (int(r["age_level"]), int(r["city_level"])) for r in csv.DictReader(f)}

    right = total = right_profile = 0
    log_loss = 0.0
    with open(f"{data}/ppp.test.csv", newline="") as f:
        for r in csv.DictReader(f):
            user, label = r["user_id"], int(r["level"])
            rows = history[user]
            end = bisect.bisect_left([t for t, _, _ in rows], int(r["timestamp"]))
            window = rows[max(0, end - seq_len):end]
            age, city = profile[user]
            prior = {k: math.log(PRIOR[k - 1]) + math.log(max(p_age(age, k), 1e-12)) + math.log(max(p_city(city, k), 1e-12)) for k in LEVELS}
            posterior = {k: prior[k] + sum(math.log(p_price(p, k)) for _, kind, p in window if kind in ("buy", "cart")) for k in LEVELS}
            right += max(posterior, key=posterior.get) == label
            top = max(posterior.values())
            log_loss -= posterior[label] - top - math.log(sum(math.exp(v - top) for v in posterior.values()))
            right_profile += max(prior, key=prior.get) == label
            total += 1
    print(f"{data}: {total} PPP test rows, last {seq_len} behaviours")
    print(f"  profile alone (age, city):        {100 * right_profile / total:.2f} %")
    print(f"  profile + prices of buys, carts:  {100 * right / total:.2f} %  (the ceiling), log loss {log_loss / total:.4f}")


if __name__ == "__main__":
    main()
