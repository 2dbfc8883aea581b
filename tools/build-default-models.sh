#!/usr/bin/env bash
# Rebuilds the default models in onnx/ from nothing, on synthetic data only:
#   mmf synth (fusion training seed 1, held-out seed 2, violence extractors seed 3)
#   -> mmf-train backbone (image + audio extractors per profile)
#   -> mmf features (seed-1 train split + seed-2 validation split in one cache) -> mmf-train train (va, expr,
#   violence; then one single-modality run per stream for comparison) -> held-out metrics -> onnx/emotion, onnx/violence.
#
# usage: tools/build-default-models.sh [--small] [--work DIR] [--no-install] [--keep-data]
#   --small       a quick end-to-end check (few short videos, few epochs); never installs into onnx/
#   --work DIR    scratch folder (default $TMPDIR/mmf-default-models, outside the repository)
#   --no-install  leave onnx/ alone (results stay in the work folder)
#   --keep-data   reuse synth datasets, extractors and caches already in the work folder (resume after a failure)
# Writes WORK/timings.tsv (seconds per step) and WORK/summary.md (held-out metrics, fused vs single stream).
# Needs the .NET 10 SDK and espeak-ng (mmf synth). Exit code: non-zero when any step fails.
set -euo pipefail
# libtorch's default thread pool spins on a busy 2-core machine: one thread trains these small models fastest.
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK="${TMPDIR:-/tmp}/mmf-default-models"
SMALL=0 INSTALL=1 KEEP=0
while [ $# -gt 0 ]; do
    case "$1" in
        --small) SMALL=1; INSTALL=0 ;;
        --work) WORK=$(realpath -m "$2"); shift ;;
        --no-install) INSTALL=0 ;;
        --keep-data) KEEP=1 ;;
        -h|--help) sed -n 2,14p "$0"; exit 0 ;;
        *) echo "build-default-models.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done

# Sizes: the full build is what onnx/README.md reports; --small only checks that every step runs.
if [ $SMALL = 1 ]; then
    EMO_VIDEOS=6 EMO_HELD=3 EMO_SECONDS=10 VIO_VIDEOS=4 VIO_HELD=2 VIO_SECONDS=20
    BACKBONE_EPOCHS=2 IMAGE_EPOCHS=2 FUSION_EPOCHS=2 SINGLE_EPOCHS=2
else
    EMO_VIDEOS=60 EMO_HELD=20 EMO_SECONDS=20 VIO_VIDEOS=30 VIO_HELD=10 VIO_SECONDS=40
    BACKBONE_EPOCHS=10 IMAGE_EPOCHS=8 FUSION_EPOCHS=${MMF_FUSION_EPOCHS:-30} SINGLE_EPOCHS=${MMF_SINGLE_EPOCHS:-30}
fi
TRAIN_SEED=1 HELD_SEED=2
# The violence extractors learn from videos the fusion model never sees (seed 3): trained on the fusion's own videos
# their features were far cleaner there than on new videos, and the fusion model learnt to over-trust the picture
# (validation per-frame F1 0.99, held-out 0.80). The emotion extractors use the seed-1 training split (held out 0.82
# CCC either way); seed 2 is never used for training anything.
EMO_EXTRACTOR_SEED=1 VIO_EXTRACTOR_SEED=3

[ $KEEP = 1 ] || rm -rf "$WORK"
mkdir -p "$WORK"
TIMINGS="$WORK/timings.tsv"
[ -f "$TIMINGS" ] || printf 'step\tseconds\n' > "$TIMINGS"

# step NAME CMD...: runs CMD, logs to WORK/logs/NAME.log, records its wall time.
step() {
    local name=$1; shift
    mkdir -p "$WORK/logs"
    echo "== $name"
    local start=$SECONDS
    if ! "$@" > "$WORK/logs/$name.log" 2>&1; then
        echo "build-default-models.sh: step $name failed; last lines of $WORK/logs/$name.log:" >&2
        tail -n 20 "$WORK/logs/$name.log" >&2
        exit 1
    fi
    printf '%s\t%s\n' "$name" $((SECONDS - start)) >> "$TIMINGS"
    echo "   $((SECONDS - start)) s"
}

BUILD="$WORK/build"
step build-mmf dotnet build "$ROOT/src/MultimodalFusion.Cli" -c Release --artifacts-path "$BUILD"
step build-mmf-train dotnet build "$ROOT/src/MultimodalFusion.Training.Cli" -c Release --artifacts-path "$BUILD"
MMF=$(find "$BUILD/bin/MultimodalFusion.Cli" -name mmf -type f | head -1)
TRAIN=$(find "$BUILD/bin/MultimodalFusion.Training.Cli" -name mmf-train -type f | head -1)

DATA="$WORK/data"
synth() { # synth TASK NAME SEED VIDEOS SECONDS VALIDATION
    [ -f "$DATA/$2/synth.json" ] && return 0
    step "synth-$2" "$MMF" synth --task "$1" --out "$DATA/$2" --seed "$3" --videos "$4" --seconds "$5" --validation "$6"
}
# Seed 1 trains (10 % of it stops early); seed 2 is generated only to be held out (0.99: all its videos but one).
synth emotion emotion-seed$TRAIN_SEED $TRAIN_SEED $EMO_VIDEOS $EMO_SECONDS 0.1
synth emotion emotion-seed$HELD_SEED $HELD_SEED $EMO_HELD $EMO_SECONDS 0.99
synth violence violence-seed$TRAIN_SEED $TRAIN_SEED $VIO_VIDEOS $VIO_SECONDS 0.1
synth violence violence-seed$HELD_SEED $HELD_SEED $VIO_HELD $VIO_SECONDS 0.99
synth violence violence-seed$VIO_EXTRACTOR_SEED $VIO_EXTRACTOR_SEED $VIO_VIDEOS $VIO_SECONDS 0.1

# Extractors: 64x64 frame CNNs and 1 s log-mel encoders; emotion ones regress valence, arousal and the expression
# indicators (va+expr), violence ones classify violent / not. One folder per profile: mmf features picks by role.
MODELS="$WORK/models"
backbone() { # backbone PROFILE KIND TASK SEED EPOCHS
    [ -f "$MODELS/$1/$1-$2.onnx" ] && return 0
    step "backbone-$1-$2" "$TRAIN" backbone --kind "$2" --task "$3" --data "$DATA/$1-seed$4" \
        --held-out "$DATA/$1-seed$HELD_SEED" --out "$WORK/backbones/$1-$2" --epochs "$5" --frame-step 3
    mkdir -p "$MODELS/$1"
    cp "$WORK/backbones/$1-$2/$1-$2.onnx" "$WORK/backbones/$1-$2/$1-$2.json" "$MODELS/$1/"
}
backbone emotion image va+expr $EMO_EXTRACTOR_SEED $BACKBONE_EPOCHS
backbone emotion audio va+expr $EMO_EXTRACTOR_SEED $BACKBONE_EPOCHS
backbone violence image violence $VIO_EXTRACTOR_SEED $IMAGE_EPOCHS
backbone violence audio violence $VIO_EXTRACTOR_SEED $BACKBONE_EPOCHS

# One cache per profile: the seed-1 training split, then the seed-2 validation split (the held-out set mmf-train scores).
CACHE="$WORK/cache"
features() { # features PROFILE TRAIN_SPLIT HELD_SPLIT
    step "features-$1-seed$TRAIN_SEED" "$MMF" features --data "$DATA/$1-seed$TRAIN_SEED" --models "$MODELS/$1" --out "$CACHE/$1" --splits "$2"
    step "features-$1-seed$HELD_SEED" "$MMF" features --data "$DATA/$1-seed$HELD_SEED" --models "$MODELS/$1" --out "$CACHE/$1" --splits "$3"
}
features emotion Train_Set Validation_Set
features violence train val

# Fusion models (all streams) and, for comparison, one model per single stream on the same held-out split.
FUSION="$WORK/fusion"
NOTE="held-out split generated by mmf synth with seed $HELD_SEED (the training data used seed $TRAIN_SEED)"
fusion() { # fusion TASK PROFILE OUT EPOCHS [extra args]
    local task=$1 profile=$2 out=$3 epochs=$4; shift 4
    step "train-$out" "$TRAIN" train --task "$task" --data "$CACHE/$profile" --out "$FUSION/$out" --epochs "$epochs" --note "$NOTE" "$@"
}
for t in va:emotion expr:emotion violence:violence; do
    task=${t%%:*} profile=${t##*:}
    # VA drops streams more often (0.3, default 0.1): at 0.1 it ignored a sentence heard alone (valence ~0 with only
    # text present), at 0.5 it leant negative; 0.3 reads sentences alone (tests/.../DefaultModels/TextValenceTests).
    # VA has a per-frame head (--frame-head: va_frames [b, t, 2], 1 - CCC over the labelled frames, epochs selected on
    # per-frame CCC), as expr and violence have theirs: mmf eval reads frames from it. With the default 2 s windows it
    # scores 0.837 per frame on seed 2 (0.784 without the head) and still reads the text-only sentences; the shorter
    # windows tried before the head (1.5 s every 0.25 s: 0.806 per frame) misread them. See onnx/README.md, "Per window
    # and per frame". $win holds the VA window and head settings; its single-stream runs use the same.
    if [ "$task" = va ]; then win="--frame-head"; extra="--modality-dropout 0.3"; else win=""; extra=""; fi
    # shellcheck disable=SC2086
    fusion "$task" "$profile" "$task" $FUSION_EPOCHS $win $extra
    for m in video audio text; do
        # shellcheck disable=SC2086
        fusion "$task" "$profile" "$task-only-$m" $SINGLE_EPOCHS $win --modalities $m
    done
done

# Summary: held-out metric of each model (seed-2 split), fused vs single stream (python3 reads the JSON).
SUMMARY="$WORK/summary.md"
python3 - "$WORK" > "$SUMMARY" <<'PY'
import json, os, sys
work = sys.argv[1]
print("| model | held-out metric (seed 2) | value | without video | without audio | without text |")
print("|---|---|---|---|---|---|")
for b in ["emotion-image", "emotion-audio", "violence-image", "violence-audio"]:
    f = os.path.join(work, "backbones", b, "metrics.json")
    if os.path.exists(f):
        h = json.load(open(f))["heldOut"]
        k = "macroF1" if "macroF1" in h else "cccMean"
        print(f"| {b} | {k} | {h[k]:.4f} | | | |")
fusion = os.path.join(work, "fusion")
for n in sorted(os.listdir(fusion)):
    m = json.load(open(os.path.join(fusion, n, "metrics.json")))
    h = m["heldOut"]
    key, value = ("frameMacroF1", h["frameMacroF1"]) if n.startswith("violence") else (h["metric"], h["value"])
    cells = []
    for s in ["video", "audio", "text"]:
        w = m.get("heldOutWithout", {}).get(s, {})
        cells.append(f"{w[key]:.4f}" if key in w else "")
    print(f"| {n} | {key} | {value:.4f} | " + " | ".join(cells) + " |")
PY
cat "$SUMMARY"

if [ $INSTALL = 1 ]; then
    mkdir -p "$ROOT/onnx/emotion" "$ROOT/onnx/violence"
    cp "$MODELS/emotion/"*.onnx "$MODELS/emotion/"*.json "$ROOT/onnx/emotion/"
    cp "$MODELS/violence/"*.onnx "$MODELS/violence/"*.json "$ROOT/onnx/violence/"
    for n in va expr; do cp "$FUSION/$n/$n-fusion.onnx" "$FUSION/$n/$n-fusion.json" "$ROOT/onnx/emotion/"; done
    cp "$FUSION/violence/violence-fusion.onnx" "$FUSION/violence/violence-fusion.json" "$ROOT/onnx/violence/"
    echo "installed into $ROOT/onnx/emotion and $ROOT/onnx/violence"
fi
echo "timings: $TIMINGS; summary: $SUMMARY"
