# Sourced by the sbatch templates (and run_ensemble.sh): where metasc is and
# how its ranks start inside a Slurm job. Each default can be overridden from
# the submitting shell, whose environment sbatch passes on:
#   METASC_SOURCE    the metasc repository (default: the directory sbatch was run in,
#                    because Slurm runs a copy of the batch script, not the file itself)
#   METASC_BIN       the programs (default: $METASC_SOURCE/build/bin)
#   METASC_SRUN_MPI  srun's --mpi plugin (default: pmix, the one that starts Debian's
#                    Open MPI under Debian's Slurm; their pmi2 does not)
export METASC_SOURCE=${METASC_SOURCE:-$SLURM_SUBMIT_DIR}
export METASC_BIN=${METASC_BIN:-$METASC_SOURCE/build/bin}
export METASC_SRUN_MPI=${METASC_SRUN_MPI:-pmix}

# metasc_srun PROGRAM ARGS...: PROGRAM on every task of the job, as one MPI job.
metasc_srun() {
  local program=$1
  shift
  srun --mpi="$METASC_SRUN_MPI" "$METASC_BIN/$program" "$@"
}
