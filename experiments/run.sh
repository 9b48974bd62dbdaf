#!/usr/bin/env bash
# Reproduces EXPERIMENTS.md: one command, results under experiments/results/ (not committed).
#   experiments/run.sh            # everything below (hours on 2 cores)
#   experiments/run.sh table2     # Table 2 on the generator's data only
# Each step is one `dupn experiment` call; EXPERIMENTS.md lists them with the numbers they gave.
set -euo pipefail
cd "$(dirname "$0")/.."
out=experiments/results
dotnet build src/Cli -c Release -o "$out/bin" >/dev/null
dupn() { dotnet "$out/bin/dupn.dll" "$@"; }
what="${1:-all}"

if [[ "$what" == all || "$what" == table2 ]]; then
  # Table 2 on 600 generated users: every DUPN variant and the baselines, 3 seeds.
  dupn experiment --out "$out/gen600" --users 600 --data-seed 42 --run table2 --seeds 1,2,3 --epochs 3 --seq-len 30 --baselines wide,lightgbm
fi
if [[ "$what" == all || "$what" == movielens ]]; then
  # Table 2 on MovieLens 100K (converted; ../shared/data is read, never copied): CTR and PPP only.
  dupn convert --format movielens --in ../shared/data/movielens-100k --out "$out/movielens"
  dupn experiment --out "$out/movielens-results" --data "$out/movielens" --run table2 --seeds 1,2,3 --epochs 1 --seq-len 20 --variants nobp,all --baselines wide,lightgbm
fi
if [[ "$what" == all || "$what" == mtl ]]; then
  # Multi-task vs single-task, and the four transfer protocols, on the same 600 users.
  dupn experiment --out "$out/gen600-mtl" --users 600 --data-seed 42 --run mtl,transfer --seeds 1 --epochs 3 --seq-len 30
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
if [[ "$what" == all || "$what" == incremental ]]; then
  # Day-by-day updates vs retraining from scratch.
  dotnet run -c Release --project examples/IncrementalTraining
fi
