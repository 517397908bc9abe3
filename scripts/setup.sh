#!/usr/bin/env bash
# Installs, from Debian packages, whatever metasc needs that is not there yet.
set -euo pipefail
packages=(cmake g++ make pkg-config openmpi-bin libopenmpi-dev petsc-dev libhdf5-openmpi-dev hdf5-tools
          libboost-program-options-dev libboost-dev catch2 librandom123-dev
          python3 python3-numpy python3-h5py python3-matplotlib python3-scipy
          munge slurmctld slurmd slurm-client)  # the throwaway cluster of tests/integration/slurm_*.sh
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "metasc setup: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
