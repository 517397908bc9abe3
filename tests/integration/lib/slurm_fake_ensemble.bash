# Stands in for metasc-ensemble in slurm_requeue.sh, keeping only its
# checkpoint contract, so the test proves the batch scripts' side of it before
# and independently of the real checkpointing. Each rank appends its rank and
# arguments to calls.txt in the working directory. Without --restart it waits (at most
# 150 s) for SIGUSR1, then rank 0 writes checkpoint.file and every rank exits
# 3; with --restart FILE it requires FILE, rank 0 writes output.file and every
# rank exits 0.
set -euo pipefail
echo "rank ${SLURM_PROCID:?run by srun}: $*" >>calls.txt
output="" checkpoint="" restart=""
while (($#)); do
  case $1 in
    --output.file=*) output=${1#*=} ;;
    --checkpoint.file=*) checkpoint=${1#*=} ;;
    --restart) restart=$2 && shift ;;
  esac
  shift
done

if [ -n "$restart" ]; then
  [ -e "$restart" ] || { echo "fake metasc-ensemble: no checkpoint $restart" >&2 && exit 1; }
  [ "$SLURM_PROCID" != 0 ] || echo finished >"$output"
  exit 0
fi
signalled=0
trap 'signalled=1' USR1
for ((second = 0; second < 150 && !signalled; second++)); do
  sleep 1 &
  wait $! || true
done
((signalled)) || { echo "fake metasc-ensemble: no SIGUSR1 within 150 s" >&2 && exit 1; }
[ "$SLURM_PROCID" != 0 ] || echo checkpoint >"$checkpoint"
exit 3
