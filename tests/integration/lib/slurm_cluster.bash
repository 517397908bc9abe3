# A throwaway single-node Slurm cluster for the slurm_* integration tests:
# munged, slurmctld and slurmd from Debian's packages, run as root with every
# file (key, config, state, spool, logs, sockets) in one private directory, so
# the machine's own /etc/slurm, /etc/munge and any system daemons are untouched.
#
#   slurm_cluster_up DIR   start the cluster in DIR (created), wait until the node is idle
#   slurm CMD ARGS...      run a Slurm client (sbatch, squeue, ...) against it
#   slurm_wait_job ID SECONDS  wait until job (or array) ID has left the queue
#   slurm_cluster_down     cancel every job, stop every process of the cluster, remove DIR
#   slurm_cluster_logs     the daemon logs, for a failure message
#
# Every process of the cluster carries METASC_SLURM_CLUSTER=DIR in its
# environment: the daemons get it at start, slurmstepd inherits it from slurmd
# and jobs from their submitter. The teardown ends exactly those processes by
# pid, so a failed or hung job leaves nothing running, and nothing else is hit.

slurm_dir=""
# The daemons live in sbin, which a CI runner's PATH may lack.
PATH="$PATH:/usr/sbin:/sbin"

slurm() {
  SLURM_CONF="$slurm_dir/slurm.conf" METASC_SLURM_CLUSTER="$slurm_dir" "$@"
}

slurm_cluster_logs() {
  local log
  for log in "$slurm_dir"/log/*.log; do
    [ -e "$log" ] || continue
    echo "---- $log (last 40 lines)"
    tail -n 40 "$log"
  done
}

# A TCP port nobody listens on now (the daemons bind it a moment later).
_slurm_free_port() {
  /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

_slurm_write_config() {
  local ctld_port slurmd_port node
  ctld_port=$(_slurm_free_port)
  slurmd_port=$(_slurm_free_port)
  [ "$ctld_port" != "$slurmd_port" ] || slurmd_port=$(_slurm_free_port)
  # This machine's real CPUs, sockets and memory, so slurmd registers without
  # being drained for a mismatch; the node is called localhost wherever it runs.
  node=$(slurmd -C | sed -n 's/^NodeName=[^ ]* /NodeName=localhost /p')
  [ -n "$node" ] || fail "slurmd -C reported no node line"
  # PMIx and Open MPI name their files in /tmp after the job id: two test
  # clusters at once (ctest -j) must not both run a job 1.
  cat >"$slurm_dir/mpi.conf" <<CONF
PMIxCliTmpDirBase=$slurm_dir/tmp
CONF
  cat >"$slurm_dir/slurm.conf" <<CONF
ClusterName=metasc-test
FirstJobId=$((RANDOM * 1000 + 1000))
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
# A requeued job waits cred_expire seconds (default 120) before it runs again.
AuthInfo=socket=$slurm_dir/munge/socket,cred_expire=10
StateSaveLocation=$slurm_dir/state
SlurmdSpoolDir=$slurm_dir/spool
SlurmctldPidFile=$slurm_dir/run/slurmctld.pid
SlurmdPidFile=$slurm_dir/run/slurmd.pid
SlurmctldLogFile=$slurm_dir/log/slurmctld.log
SlurmdLogFile=$slurm_dir/log/slurmd.log
# No cgroups: CI machines and containers rarely delegate them.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
SchedulerType=sched/backfill
# The main scheduler runs every 2 s (default 60), so a requeued job starts
# as soon as it is eligible again.
SchedulerParameters=sched_interval=2
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
# Finished jobs stay visible to scontrol for the checks; a killed job dies fast.
MinJobAge=600
KillWait=5
$node NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=test Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
}

# _slurm_wait SECONDS WHAT COMMAND...: poll until COMMAND succeeds, or fail with the logs.
_slurm_wait() {
  local seconds=$1 what=$2
  shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || fail "no $what after ${seconds} s; $(slurm_cluster_logs)"
    sleep 0.5
  done
}

_slurm_job_gone() {
  [ -z "$(slurm squeue --noheader --jobs="$1")" ]
}

# Polled every half second: sbatch --wait polls with a growing period, and
# would add half a minute to a job of seconds.
slurm_wait_job() {
  _slurm_wait "$2" "end of job $1" _slurm_job_gone "$1"
}

_slurm_node_idle() {
  [ "$(slurm sinfo --noheader --nodes=localhost --format=%T)" = idle ]
}

slurm_cluster_up() {
  slurm_dir=$1
  [ "$(id -u)" -eq 0 ] || fail "the Slurm test cluster runs its daemons as root; run as root (CI does)"
  mkdir -p "$slurm_dir"/{munge,state,spool,run,log,tmp}
  chmod 700 "$slurm_dir" "$slurm_dir/munge"
  mungekey --create --keyfile="$slurm_dir/munge/key" >/dev/null
  _slurm_write_config

  # Foreground daemons in the background, so an error before a daemon opens
  # its log file still lands in log/ (*.console.log). munged needs --force to
  # accept a socket in a private directory.
  slurm munged --foreground --force --key-file="$slurm_dir/munge/key" --socket="$slurm_dir/munge/socket" \
    --pid-file="$slurm_dir/run/munged.pid" --seed-file="$slurm_dir/munge/seed" \
    --log-file="$slurm_dir/log/munged.log" </dev/null >"$slurm_dir/log/munged.console.log" 2>&1 &
  _slurm_wait 30 "munge socket" test -S "$slurm_dir/munge/socket"
  slurm slurmctld -D -c -f "$slurm_dir/slurm.conf" </dev/null >"$slurm_dir/log/slurmctld.console.log" 2>&1 &
  slurm slurmd -D -N localhost -f "$slurm_dir/slurm.conf" </dev/null >"$slurm_dir/log/slurmd.console.log" 2>&1 &
  # Generous: the machine may be busy compiling for other tests.
  _slurm_wait 90 "idle Slurm node" _slurm_node_idle
}

# The pids of every live process that carries this cluster's marker.
_slurm_cluster_pids() {
  local environ pid
  for environ in /proc/[0-9]*/environ; do
    pid=${environ#/proc/}
    pid=${pid%/environ}
    grep -qzx "METASC_SLURM_CLUSTER=$slurm_dir" "$environ" 2>/dev/null && echo "$pid"
  done
  return 0
}

slurm_cluster_down() {
  [ -n "$slurm_dir" ] || return 0
  # Jobs first, while slurmd can still end them cleanly; then the rest.
  timeout 20 env SLURM_CONF="$slurm_dir/slurm.conf" scancel --full --user=root >/dev/null 2>&1 || true
  local pids deadline=$((SECONDS + 15))
  pids=$(_slurm_cluster_pids)
  [ -z "$pids" ] || kill -TERM $pids 2>/dev/null || true
  while pids=$(_slurm_cluster_pids) && [ -n "$pids" ] && ((SECONDS < deadline)); do
    sleep 0.2
  done
  [ -z "$pids" ] || kill -KILL $pids 2>/dev/null || true
  rm -rf "$slurm_dir"
  slurm_dir=""
}
