#!/usr/bin/env bash
# Ablation of the fusion model on the caches tools/build-default-models.sh leaves in its work folder:
# cross-attention vs MFM vs late fusion; without feature augmentation, the auto-encoder loss or modality dropout.
# Every row is scored on the held-out split (seed 2) with all streams, and with each stream removed at test time
# (mmf-train writes those scores into metrics.json as heldOutWithout).
#
# usage: tools/ablation.sh [--task violence|va|expr] [--work DIR] [--epochs N] [--extra "ARGS"]
#   --task    which model to ablate (default violence; metric: per-frame macro-F1, or CCC / macro-F1)
#   --work    the build script's work folder (default $TMPDIR/mmf-default-models; needs its build/ and cache/)
#   --epochs  maximum epochs per row (default 30, as the default models)
#   --extra   arguments added to every row (va: "--modality-dropout 0.3 --frame-head", as the default VA model)
# Writes WORK/ablation-TASK/ROW/ (model, metrics.json) and prints WORK/ablation-TASK.md, a markdown table.
set -euo pipefail

WORK="${TMPDIR:-/tmp}/mmf-default-models" TASK=violence EPOCHS=30 EXTRA=""
while [ $# -gt 0 ]; do
    case "$1" in
        --task) TASK=$2; shift ;;
        --work) WORK=$(realpath -m "$2"); shift ;;
        --epochs) EPOCHS=$2; shift ;;
        --extra) EXTRA=$2; shift ;;
        -h|--help) sed -n 2,12p "$0"; exit 0 ;;
        *) echo "ablation.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done
case "$TASK" in
    violence) PROFILE=violence METRIC=frameMacroF1 MAIN=heldOut.frameMacroF1 ;;
    va) PROFILE=emotion METRIC=cccMean MAIN=heldOut.value ;;
    expr) PROFILE=emotion METRIC=macroF1 MAIN=heldOut.value ;;
    *) echo "ablation.sh: --task must be violence, va or expr" >&2; exit 2 ;;
esac
TRAIN=$(find -L "$WORK/build/bin/MultimodalFusion.Training.Cli" -name mmf-train -type f 2>/dev/null | head -1)
CACHE="$WORK/cache/$PROFILE"
if [ -z "$TRAIN" ] || [ ! -f "$CACHE/cache.json" ]; then
    echo "ablation.sh: no mmf-train build or cache $CACHE/cache.json; run tools/build-default-models.sh first (or pass --work)" >&2
    exit 1
fi

OUT="$WORK/ablation-$TASK"
mkdir -p "$OUT"
ROWS=(
    "cross-attention|"
    "mfm|--fusion mfm"
    "late|--fusion late"
    "no-augment|--no-augment"
    "no-autoencoder|--no-autoencoder"
    "no-modality-dropout|--no-modality-dropout"
)
TABLE="$WORK/ablation-$TASK.md"
STREAMS=$(grep -o '"name": *"[a-z]*"' "$CACHE/cache.json" | head -n 8 | sed 's/.*"\([a-z]*\)"$/\1/' | grep -E '^(video|clip|audio|text)$' | sort -u | tr '\n' ' ')
header="| row | command | seconds | all streams | all streams, window macro-F1 / CCC |"
sep="|---|---|---|---|---|"
for s in $STREAMS; do header="$header without $s |"; sep="$sep---|"; done
{ echo "$header"; echo "$sep"; } > "$TABLE"

# value FILE PATH...: the number at a JSON path like heldOut.frameMacroF1 (no jq on a bare machine: python3 or grep).
value() {
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
for k in sys.argv[2].split("."): d=d.get(k, {}) if isinstance(d, dict) else {}
print(f"{d:.4f}" if isinstance(d, (int, float)) else "-")' "$1" "$2"
}

for row in "${ROWS[@]}"; do
    name=${row%%|*} args="$EXTRA ${row#*|}"
    cmd="mmf-train train --task $TASK --data CACHE --out OUT --epochs $EPOCHS $args"
    echo "== $name: $cmd"
    start=$SECONDS
    # shellcheck disable=SC2086
    "$TRAIN" train --task "$TASK" --data "$CACHE" --out "$OUT/$name" --epochs "$EPOCHS" $args > "$OUT/$name.log" 2>&1 \
        || { echo "ablation.sh: row $name failed; see $OUT/$name.log" >&2; tail -n 5 "$OUT/$name.log" >&2; exit 1; }
    seconds=$((SECONDS - start))
    m="$OUT/$name/metrics.json"
    line="| $name | \`$cmd\` | $seconds | $(value "$m" "$MAIN") | $(value "$m" heldOut.value) |"
    # Late fusion has no per-frame head: its rows fall back to the window metric (marked "w").
    for s in $STREAMS; do
        v=$(value "$m" "heldOutWithout.$s.$METRIC")
        [ "$v" = "-" ] && [ "$METRIC" = frameMacroF1 ] && v="$(value "$m" "heldOutWithout.$s.macroF1") w"
        line="$line $v |"
    done
    echo "$line" | tee -a "$TABLE"
done
echo "table: $TABLE"
