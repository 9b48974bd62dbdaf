#!/usr/bin/env python3
"""How well CTR, L2R and FOLLOW can be scored on a generated dataset: two bounds from the generator's rules.

The generator (src/Transforms/Generation/TaobaoLikeGenerator.cs) draws every label from a probability
that depends on the candidate and on the user's hidden state: the current interest (the category of
the session that follows the row), the three interests, the purchasing power and the style. No model
sees that state, it infers it from the history and the query. This script recovers the state two
ways and scores each test row with the generator's own probability:

- hindsight: from the whole of the user's data (the session after the row, every buy and cart, the
  PPP labels). No model has that, so the AUC bounds what a model can reach (approximately: the
  interests drift, and the script takes the user's most bought categories over all time).
- the window: from what the row itself shows, the query and the last N behaviours before it (the
  window DUPN and the baselines see): the current interest is the query's category, else the
  category of the last buy or cart; the interests are the window's most bought categories; the
  style is the query's, else the window's most bought style; the purchasing power is the window's
  most bought price level. That is a hand-written rule any model could learn: reachable.

For L2R it also reports the window rule in the form of the paper's L2R head, a score linear in the
ranking features r = [quality, one-hot price (7), category vector (8), noise]: the indicator
"the candidate is in the current category" becomes gamma * (v_current . v_candidate), the best of a
small grid of gamma (picked on the test rows, so slightly optimistic).

    python3 experiments/oracle_auc.py DATA_DIR [SEQ_LEN]     # SEQ_LEN defaults to 30

Standard library only; DATA_DIR is a dataset folder written by `dupn generate`.
"""
import bisect
import collections
import csv
import math
import sys


def read(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def auc(scores, labels):
    """Exact AUC with ties counted as half (Mann-Whitney)."""
    pairs = sorted(zip(scores, labels))
    pos = sum(labels)
    neg = len(labels) - pos
    rank_sum, i = 0.0, 0
    while i < len(pairs):
        j = i
        while j < len(pairs) and pairs[j][0] == pairs[i][0]:
            j += 1
        mid = (i + j + 1) / 2  # average 1-based rank of the tie block
        rank_sum += mid * sum(l for _, l in pairs[i:j])
        i = j
    return (rank_sum - pos * (pos + 1) / 2) / (pos * neg)


def tag(tags, prefix):
    return next((t[len(prefix):] for t in tags.split("|") if t.startswith(prefix)), None)


def main():
    data = sys.argv[1]
    seq_len = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    behaviours = collections.defaultdict(list)
    for r in read(f"{data}/behaviors.csv"):
        behaviours[r["user_id"]].append((int(r["timestamp"]), r["category_id"], r["behavior_type"], tag(r["tags"], "style_"), int(tag(r["tags"], "price_"))))
    for rows in behaviours.values():
        rows.sort(key=lambda x: x[0])

    # Session starts: every session after the first writes two CTR rows at its start.
    starts = collections.defaultdict(set)
    for split in ("train", "test"):
        for r in read(f"{data}/ctr.{split}.csv"):
            starts[r["user_id"]].add(int(r["timestamp"]))
    starts = {u: sorted(s) for u, s in starts.items()}

    ppp = {}
    for split in ("train", "test"):
        for r in read(f"{data}/ppp.{split}.csv"):
            ppp[r["user_id"]] = int(r["level"])

    # Style and interests: the styles and categories of the user's buys and carts (85 % of them carry
    # the user's style; 95 % fall in the current interest, one of the three).
    style, interests = {}, {}
    for u, rows in behaviours.items():
        converting = [(c, s) for _, c, kind, s, _ in rows if kind in ("buy", "cart")]
        style[u] = collections.Counter(s for _, s in converting).most_common(1)[0][0] if converting else None
        interests[u] = {c for c, _ in collections.Counter(c for c, _ in converting).most_common(3)}

    def current(u, t):
        # The session that starts at t ends where the next one starts; its buy or cart is in the
        # current interest 95 % of the time, its clicks and favourites half the time.
        s = starts.get(u, [])
        k = bisect.bisect_right(s, t)
        end = s[k] if k < len(s) else math.inf
        rows = behaviours[u]
        lo = bisect.bisect_left([x[0] for x in rows], t)
        votes = collections.Counter()
        for ts, c, kind, _, _ in rows[lo:]:
            if ts >= end:
                break
            votes[c] += 4 if kind in ("buy", "cart") else 1
        return votes.most_common(1)[0][0] if votes else None

    def hindsight(r):
        u, t = r["user_id"], int(r["timestamp"])
        return current(u, t), interests[u], style[u], ppp.get(u)

    def window(r):
        u, t = r["user_id"], int(r["timestamp"])
        rows = behaviours[u]
        end = bisect.bisect_left([x[0] for x in rows], t)
        seen = rows[max(0, end - seq_len):end]
        converting = [(c, s, p) for _, c, kind, s, p in seen if kind in ("buy", "cart")]
        words = r["query"].split()
        asked_category = next((w[3:] for w in words if w.startswith("q_c")), None)
        asked_style = next((w[7:] for w in words if w.startswith("q_style")), None)
        cur = "c" + asked_category if asked_category else converting[-1][0] if converting else (seen[-1][1] if seen else None)
        likes = {c for c, _ in collections.Counter(c for c, _, _ in converting).most_common(3)}
        liked_style = asked_style or (collections.Counter(s for _, s, _ in converting).most_common(1)[0][0] if converting else None)
        power = collections.Counter(p for _, _, p in converting).most_common(1)[0][0] if converting else None
        return cur, likes, liked_style, power

    def ctr(r, state):
        cur, likes, _, power = state
        c, price = r["category_id"], int(tag(r["tags"], "price_"))
        near = power is not None and abs(price - power) <= 1
        return (0.85 if near else 0.6) if c == cur else 0.15 if c in likes else 0.04

    def l2r(r, state):
        cur, likes, _, power = state
        c, price = r["category_id"], int(tag(r["tags"], "price_"))
        quality = float(r["features"].split("|")[0])
        return -2.2 + 0.8 * quality + 2.5 * (c == cur) + 1.2 * (price == power) + 0.6 * (c != cur and c in likes)

    def follow(r, state):
        _, likes, liked_style, _ = state
        talent_style, talent_category = tag(r["talent_tags"], "style_"), "c" + tag(r["talent_tags"], "tc_")
        return (0.85 if talent_category in likes else 0.65) if talent_style == liked_style else 0.07

    category_vector = {}
    for r in read(f"{data}/l2r.train.csv"):
        category_vector[r["category_id"]] = [float(x) for x in r["features"].split("|")[8:16]]

    def l2r_linear(r, state, gamma, gamma_likes):
        cur, likes, _, power = state
        features = [float(x) for x in r["features"].split("|")]
        v = features[8:16]
        score = 0.8 * features[0] + 1.2 * (features[power] == 1.0 if power else 0)
        dot = lambda c: sum(x * y for x, y in zip(category_vector.get(c, [0.0] * 8), v))
        return score + gamma * dot(cur) + gamma_likes * sum(dot(c) for c in likes if c != cur)

    print(f"{data}: AUC of the generator's label probabilities, the user's state recovered two ways")
    print(f"  {'task':8}{'test rows':>10}{'hindsight':>11}{'window':>9}   (window: the query and the last {seq_len} behaviours)")
    for name, score in (("ctr", ctr), ("l2r", l2r), ("follow", follow)):
        rows = read(f"{data}/{name}.test.csv")
        labels = [int(r["label"]) for r in rows]
        upper = auc([score(r, hindsight(r)) for r in rows], labels)
        reachable = auc([score(r, window(r)) for r in rows], labels)
        print(f"  {name.upper():8}{len(rows):>10}{upper:>11.4f}{reachable:>9.4f}")
        if name == "l2r":
            states = [window(r) for r in rows]
            linear = max(auc([l2r_linear(r, st, g, g2) for r, st in zip(rows, states)], labels)
                         for g in (0.1, 0.2, 0.3, 0.5) for g2 in (0.0, 0.05, 0.1))
            print(f"  {'':8}{'':>10}{'':>11}{linear:>9.4f}   (L2R, the window rule linear in the ranking features)")


if __name__ == "__main__":
    main()
