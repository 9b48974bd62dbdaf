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


def load(data, keep_tags=False):
    """Each user's behaviours as (timestamp, type, price level), in time order, and (age, city) per user.

    With keep_tags, each behaviour also carries its list of tags, as a fourth element."""
    history = collections.defaultdict(list)
    with open(f"{data}/behaviors.csv", newline="") as f:
        for r in csv.DictReader(f):
            tags = r["tags"].split("|")
            price = next(int(t[6:]) for t in tags if t.startswith("price_"))
            behaviour = (int(r["timestamp"]), r["behavior_type"], price)
            history[r["user_id"]].append(behaviour + (tags,) if keep_tags else behaviour)
    for rows in history.values():
        rows.sort(key=lambda x: x[0])
    with open(f"{data}/users.csv", newline="") as f:
        profile = {r["user_id"]: (int(r["age_level"]), int(r["city_level"])) for r in csv.DictReader(f)}
    return history, profile


def window(rows, timestamp, seq_len):
    """The last seq_len behaviours strictly before timestamp."""
    end = bisect.bisect_left([behaviour[0] for behaviour in rows], timestamp)
    return rows[max(0, end - seq_len):end]


def log_prior(age, city):
    """log p(k) + log p(age | k) + log p(city | k) for k = 1..7 (up to a constant)."""
    return [math.log(PRIOR[k - 1]) + math.log(max(p_age(age, k), 1e-12)) + math.log(max(p_city(city, k), 1e-12)) for k in LEVELS]


def log_posterior(age, city, behaviours):
    """log_prior plus the log likelihood of the price levels of the buys and carts among behaviours."""
    return [prior + sum(math.log(p_price(p, k)) for _, kind, p in behaviours if kind in ("buy", "cart"))
            for k, prior in zip(LEVELS, log_prior(age, city))]


def log_softmax_at(scores, index):
    top = max(scores)
    return scores[index] - top - math.log(sum(math.exp(s - top) for s in scores))


def main():
    data = sys.argv[1]
    seq_len = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    history, profile = load(data)
    right = total = right_profile = 0
    log_loss = 0.0
    with open(f"{data}/ppp.test.csv", newline="") as f:
        for r in csv.DictReader(f):
            user, label = r["user_id"], int(r["level"])
            age, city = profile[user]
            prior = log_prior(age, city)
            posterior = log_posterior(age, city, window(history[user], int(r["timestamp"]), seq_len))
            right += 1 + max(range(7), key=posterior.__getitem__) == label
            right_profile += 1 + max(range(7), key=prior.__getitem__) == label
            log_loss -= log_softmax_at(posterior, label - 1)
            total += 1
    print(f"{data}: {total} PPP test rows, last {seq_len} behaviours")
    print(f"  profile alone (age, city):        {100 * right_profile / total:.2f} %")
    print(f"  profile + prices of buys, carts:  {100 * right / total:.2f} %  (the ceiling), log loss {log_loss / total:.4f}")


if __name__ == "__main__":
    main()
