#!/usr/bin/env bash
# Reproduces EXPERIMENTS.md: one command, results under experiments/results/ (not committed).
#   experiments/run.sh            # everything below (hours on 2 cores)
#   experiments/run.sh table2     # Table 2 on the generator's data only
#   experiments/run.sh bounds     # what the data allows: the PPP ceiling and the AUC bounds (python3, seconds)
#   experiments/run.sh probe      # what PPP features allow a linear model: the probe on hand-made features (minutes)
#   experiments/run.sh transfer   # shop preference at 5,000 users (3 seeds) and 20,000 users, with paired tests (hours)
# Each part is a few `dupn` calls; EXPERIMENTS.md lists them with the numbers they gave.
set -euo pipefail
cd "$(dirname "$0")/.."
out=experiments/results
what="${1:-all}"
case "$what" in
  all|table2|movielens|movielens-transfer|mtl|transfer|ablation|larger|largest|gen50k|gen100k|recipe|incremental|bounds|probe) ;;
  *) echo "experiments/run.sh: unknown part '$what'; one of: all table2 movielens movielens-transfer mtl transfer ablation larger largest gen50k gen100k recipe incremental bounds probe" >&2; exit 2 ;;
esac
dotnet build src/Cli -c Release -o "$out/bin" >/dev/null
dupn() { dotnet "$out/bin/dupn.dll" "$@"; }
probe() { dotnet run -c Release --project experiments/PppProbe -- "$@"; }

if [[ "$what" == all || "$what" == table2 ]]; then
  # Table 2 on 600 generated users: every DUPN variant and the baselines, 3 seeds.
  dupn experiment --out "$out/gen600" --users 600 --data-seed 42 --run table2 --seeds 1,2,3 --epochs 3 --seq-len 30 --baselines wide,lightgbm
  # The deep baselines (compact) on the same users and seeds.
  dupn experiment --out "$out/gen600-deep" --users 600 --data-seed 42 --run table2 --seeds 1,2,3 --epochs 3 --seq-len 30 --variants none --baselines wide-deep,dssm,cnn-max
fi
if [[ "$what" == all || "$what" == movielens ]]; then
  # Table 2 on MovieLens 100K (converted; ../shared/data is read, never copied): CTR and PPP only.
  dupn convert --format movielens --in ../shared/data/movielens-100k --out "$out/movielens"
  dupn experiment --out "$out/movielens-results" --data "$out/movielens" --run table2 --seeds 1,2,3 --epochs 1 --seq-len 20 --variants nobp,all --baselines wide,lightgbm
  dupn experiment --out "$out/movielens-rest" --data "$out/movielens" --run table2 --seeds 1,2,3 --epochs 1 --seq-len 20 --variants bplstm,bpatt,w2v --baselines wide-deep,dssm,cnn-max
fi
if [[ "$what" == all || "$what" == movielens-transfer ]]; then
  # Genre preference on MovieLens 100K, a transfer task of the converter's (shop = first genre): pre-train
  # as Table 2 does (1 epoch, N = 20) per seed, then the baseline and every protocol, each test row kept
  # for `dupn compare` against the baseline.
  dupn convert --format movielens --genre-preference --in ../shared/data/movielens-100k --out "$out/movielens-genre"
  for s in 1 2 3; do
    r="$out/movielens-genre-s$s"; mkdir -p "$r"
    dupn train --data "$out/movielens-genre" --out "$r/model" --epochs 1 --seq-len 20 --seed $s
    for p in baseline rt rt-baseline rt-rep ft rs; do
      dupn transfer --model "$r/model" --data "$out/movielens-genre" --protocol $p --seed $s --predictions "$r/pred-$p.csv"
    done
    for p in rt rt-baseline rt-rep ft rs; do dupn compare --a "$r/pred-$p.csv" --b "$r/pred-baseline.csv"; done
    dupn compare --a "$r/pred-ft.csv" --b "$r/pred-rs.csv"
  done
fi
if [[ "$what" == all || "$what" == mtl ]]; then
  # Multi-task vs single-task, and the four transfer protocols, on the same 600 users.
  dupn experiment --out "$out/gen600-mtl" --users 600 --data-seed 42 --run mtl,transfer --seeds 1,2,3 --epochs 3 --seq-len 30
fi
if [[ "$what" == all || "$what" == transfer ]]; then
  # Shop preference at 5,000 users (data seeds 42, 7, 11; pre-trained 3 epochs) and 20,000 users (seed 42,
  # 2 epochs): the store-preference baseline, the RT rows, FT and RS, each test row's score kept, and
  # the paired DeLong tests against the baseline and of FT against RS.
  transfer_table() { # folder users seed epochs protocols...
    local d="$1" users="$2" seed="$3" epochs="$4"; shift 4
    dupn generate --out "$d/data" --users "$users" --seed "$seed"
    dupn train --data "$d/data" --out "$d/model" --epochs "$epochs" --seq-len 30 --threads 1
    for p in "$@"; do
      dupn transfer --model "$d/model" --data "$d/data" --protocol "$p" --threads 1 --predictions "$d/$p.csv" --json "$d/transfer.json"
    done
    for p in rt rt-baseline ft rs; do dupn compare --a "$d/$p.csv" --b "$d/baseline.csv"; done
    dupn compare --a "$d/ft.csv" --b "$d/rs.csv"
  }
  for seed in 42 7 11; do
    transfer_table "$out/shop5k-seed$seed" 5000 "$seed" 3 baseline rt rt-baseline rt-rep ft rs
  done
  transfer_table "$out/shop20k" 20000 42 2 baseline rt rt-baseline ft rs
fi
if [[ "$what" == all || "$what" == recipe ]]; then
  # One seed on 2,000 users: the paper's heads vs the candidate interaction, AdaGrad vs Adam, and the baselines.
  dupn generate --out "$out/gen2000" --users 2000 --seed 7
  dupn baselines --data "$out/gen2000" --models wide,lightgbm --json "$out/gen2000-baselines.json"
  dupn baselines --data "$out/gen2000" --models wide-deep,dssm,cnn-max --compact --threads 1 --json "$out/gen2000-deep-baselines.json"
  dupn train --data "$out/gen2000" --out "$out/gen2000-paper-heads" --epochs 2 --seq-len 50 --threads 1 --paper-heads
  dupn train --data "$out/gen2000" --out "$out/gen2000-interaction" --epochs 3 --seq-len 30 --threads 1
  dupn train --data "$out/gen2000" --out "$out/gen2000-adam" --epochs 3 --seq-len 30 --threads 1 --optimizer adam --lr 0.002
fi
if [[ "$what" == all || "$what" == ablation ]]; then
  # The ablation order with a margin: PPP alone on 800 users, 4 variants x 3 seeds (AblationOrderTests runs seed 1).
  # The paper's PPP head on all of rep at one learning rate: the default head reads only [u ; c], which
  # neither the LSTM nor the attention reaches, so it cannot show what the property does there.
  dupn generate --out "$out/gen800" --users 800 --seed 11
  for seed in 1 2 3; do
    for variant in nobp bplstm bpatt all; do
      dupn train --data "$out/gen800" --out "$out/ablation-$variant-$seed" --variant "$variant" --tasks ppp --single-task \
        --epochs 6 --seq-len 30 --threads 1 --seed "$seed" --paper-heads --task-lr-factor ppp=1 --json "$out/ablation-$variant-$seed.json"
    done
  done
fi
if [[ "$what" == all || "$what" == larger ]]; then
  # The larger run: 5,000 users, DUPN-all for 6 epochs against every baseline (one seed). With
  # today's signed L2R weights its first 3 epochs are the "signed w" rows of EXPERIMENTS.md; the
  # larger run's table (w >= 0) needs a checkout of 665bd85.
  dupn generate --out "$out/gen5k" --users 5000 --seed 42
  dupn train --data "$out/gen5k" --out "$out/gen5k-dupn-all" --epochs 6 --seq-len 30 --threads 1 --json "$out/gen5k-dupn-all.json"
  dupn baselines --data "$out/gen5k" --models lightgbm,wide-deep,dssm,cnn-max --compact --seq-len 30 --threads 1 --json "$out/gen5k-baselines.json"
  dupn baselines --data "$out/gen5k" --models wide --seq-len 30 --json "$out/gen5k-baselines.json"
fi
if [[ "$what" == all || "$what" == largest ]]; then
  # The largest run: 20,000 users, DUPN-all for 3 epochs (2 threads) against every baseline (one seed).
  # Today's defaults (signed L2R weights) with FOLLOW's rows passed 3 times an epoch; a --repeat list
  # replaces the default one, so ppp=4 (the default) is named too. The table's w >= 0 rows need a
  # checkout of 665bd85 and no --repeat.
  dupn generate --out "$out/gen20k" --users 20000 --seed 42
  dupn train --data "$out/gen20k" --out "$out/gen20k-dupn-all" --epochs 3 --seq-len 30 --threads 2 --repeat follow=3,ppp=4 --json "$out/gen20k-dupn-all.json"
  # What the history counts' gate learned, per behaviour type and time bucket.
  python3 experiments/count_gate.py "$out/gen20k-dupn-all"
  # Its PPP answers against the Bayes rule's, row by row.
  dupn embed --model "$out/gen20k-dupn-all" --data "$out/gen20k" --task ppp --out "$out/gen20k-ppp-embeddings.csv"
  python3 experiments/ppp_vs_bayes.py "$out/gen20k-dupn-all" "$out/gen20k-ppp-embeddings.csv" "$out/gen20k"
  # A linear probe on the trained [u ; c]: does the head or the representation hold PPP back? With the
  # default sizes rep = [rep_s 0:128 ; u 128:256 ; q 256:320 ; c 320:364].
  dupn embed --model "$out/gen20k-dupn-all" --data "$out/gen20k" --task ppp --split train --out "$out/gen20k-ppp-embeddings-train.csv"
  probe "$out/gen20k-ppp-embeddings-train.csv" "$out/gen20k-ppp-embeddings.csv" "$out/gen20k" 128:256,320:364
  dupn baselines --data "$out/gen20k" --models wide,lightgbm --seq-len 30 --json "$out/gen20k-baselines.json"
  dupn baselines --data "$out/gen20k" --models wide-deep,dssm,cnn-max --compact --seq-len 30 --threads 2 --json "$out/gen20k-deep-baselines.json"
fi
if [[ "$what" == all || "$what" == gen50k ]]; then
  # 50,000 users, where the PPP plateau of 20,000 lifts: DUPN-all (one thread; the default sizes),
  # the classical baselines and the deep ones (compact).
  dupn generate --out "$out/gen50k" --users 50000 --seed 42
  dupn train --data "$out/gen50k" --out "$out/gen50k-dupn-all" --epochs 3 --seq-len 30 --threads 1 --repeat follow=3,ppp=4 --json "$out/gen50k-dupn-all.json"
  dupn baselines --data "$out/gen50k" --models wide,lightgbm --seq-len 30 --json "$out/gen50k-baselines.json" --predictions "$out/gen50k-predictions"
  dupn baselines --data "$out/gen50k" --models wide-deep,dssm,cnn-max --compact --seq-len 30 --threads 1 --json "$out/gen50k-deep-baselines.json"
  python3 experiments/ppp_ceiling.py "$out/gen50k" 30
  # DUPN-all against Wide and LightGbm row by row on the same test rows: McNemar's exact test for
  # PPP's accuracy, DeLong's test for the AUCs.
  dupn evaluate --model "$out/gen50k-dupn-all" --data "$out/gen50k" --predictions "$out/gen50k-predictions"
  for task in ctr l2r follow ppp; do
    for baseline in wide lightgbm; do
      dupn compare --a "$out/gen50k-predictions/dupn-all.$task.csv" --b "$out/gen50k-predictions/$baseline.$task.csv"
    done
  done
fi
if [[ "$what" == all || "$what" == gen100k ]]; then
  # 100,000 users, where DUPN-all beats every baseline on all four tasks, PPP included (EXPERIMENTS.md
  # "100,000 users"): the defaults for 3 epochs on both cores (about 45 minutes each, plus 4 of
  # evaluation), every baseline with its predictions, and DUPN-all against each row by row.
  dupn generate --out "$out/gen100k" --users 100000 --seed 42
  dupn train --data "$out/gen100k" --out "$out/gen100k-dupn-all" --epochs 3 --seq-len 30 --threads 2 --json "$out/gen100k-dupn-all.json"
  dupn baselines --data "$out/gen100k" --models wide,lightgbm --seq-len 30 --json "$out/gen100k-baselines.json" --predictions "$out/gen100k-predictions"
  dupn baselines --data "$out/gen100k" --models wide-deep,dssm,cnn-max --compact --seq-len 30 --threads 1 --json "$out/gen100k-deep-baselines.json" --predictions "$out/gen100k-predictions"
  python3 experiments/ppp_ceiling.py "$out/gen100k" 30
  dupn evaluate --model "$out/gen100k-dupn-all" --data "$out/gen100k" --predictions "$out/gen100k-predictions"
  for task in ctr l2r follow ppp; do
    for baseline in wide lightgbm wide-deep dssm cnn-max; do
      # DSSM scores a user against a candidate (CTR, FOLLOW): it writes no L2R or PPP predictions.
      [[ -f "$out/gen100k-predictions/$baseline.$task.csv" ]] || continue
      dupn compare --a "$out/gen100k-predictions/dupn-all.$task.csv" --b "$out/gen100k-predictions/$baseline.$task.csv"
    done
  done
fi
if [[ "$what" == all || "$what" == bounds ]]; then
  # What the generator's data allows (EXPERIMENTS.md "How far from the best the data allows"): the
  # Bayes rate of PPP and two bounds on the binary tasks' AUC, from the generator's own rules.
  for users in 600 5000 20000; do
    data="$out/bounds-gen$users"
    [[ -f "$data/ppp.test.csv" ]] || dupn generate --out "$data" --users "$users" --seed 42 >/dev/null
    python3 experiments/ppp_ceiling.py "$data" 30
    python3 experiments/oracle_auc.py "$data" 30
  done
fi
if [[ "$what" == all || "$what" == probe ]]; then
  # What a linear model reaches on PPP from the Bayes rule's sufficient statistic (profile + price
  # counts of the buys and carts) and from the bag of all their tags, which is what c holds.
  for users in 20000 50000; do
    data="$out/bounds-gen$users"
    [[ -f "$data/ppp.test.csv" ]] || dupn generate --out "$data" --users "$users" --seed 42 >/dev/null
    for kind in counts tags; do
      for split in train test; do
        python3 experiments/ppp_features.py "$data" "$kind" "$split" 30 > "$data/ppp-$kind-$split.csv"
      done
      echo "$users users, PPP features: $kind"
      probe "$data/ppp-$kind-train.csv" "$data/ppp-$kind-test.csv" "$data"
    done
  done
fi
if [[ "$what" == all || "$what" == incremental ]]; then
  # Day-by-day updates vs retraining from scratch.
  dotnet run -c Release --project examples/IncrementalTraining
fi
