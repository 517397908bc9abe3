# diagram.sbatch on a real single-node Slurm: metasc-landscape's diagram as
# one 2-rank MPI job (srun --mpi=pmix), written where METASC_OUTDIR says, and
# the same, bitwise, as the diagram computed without Slurm.
source "$(dirname "$0")/lib/common.bash"
source "$METASC_SOURCE/tests/integration/lib/slurm_cluster.bash"
trap 'slurm_cluster_down; rm -rf "$work"' EXIT
slurm_cluster_up "$work/cluster"

small=(--scan.dos_per_meV=0.008:0.024:4 --scan.splitting_meV=10:80:4:log --landscape.points=64 --output.progress=false)
job=$(METASC_OUTDIR=out slurm sbatch --parsable --ntasks=2 --time=5 "$METASC_SOURCE/scripts/slurm/diagram.sbatch" \
  "${small[@]}")
slurm_wait_job "$job" 180
state=$(slurm scontrol --oneliner show job "$job")
[[ $state == *JobState=COMPLETED*ExitCode=0:0* ]] ||
  fail "the diagram job failed: $state; $(cat "metasc-diagram-$job.out" 2>/dev/null)"
run_mpi 1 "$METASC_BIN/metasc-landscape" "$METASC_SOURCE/inputs/diagram.ini" --output.file=direct.h5 "${small[@]}" \
  >/dev/null
same_h5 out/diagram.h5 direct.h5 /scan /landscape >/dev/null || fail "the diagram on Slurm differs from the direct one"
/usr/bin/python3 -c 'import h5py; assert h5py.File("out/diagram.h5")["config"].attrs["ranks"] == 2' ||
  fail "the diagram job did not run as one 2-rank MPI job"
echo "the diagram ran on Slurm over 2 ranks"
