# Sourced after bench_preamble.bash: $reference_commit, the last commit before
# this round's normal stream (1024-layer ziggurat on 64-bit Philox4x32 words,
# two deviates per block), and $reference, its build directory. The build is
# made once from git (git archive, the same compiler and flags, ~1.5 min) so
# that "new against old" is measured in one run on one machine, not taken from
# two reports. Without git history $reference/bin stays empty: callers check.
reference_commit=11055c5
reference=build/reference-$reference_commit
if [[ ! -x $reference/bin/metasc-ensemble ]] && git cat-file -e "$reference_commit^{commit}" 2>/dev/null; then
  rm -rf "$reference" "$tmp/reference"
  mkdir -p "$tmp/reference"
  git archive "$reference_commit" | tar -x -C "$tmp/reference"
  cmake -S "$tmp/reference" -B "$reference" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$reference" -j"$(nproc)" --target metasc-bench-kernel metasc-ensemble >/dev/null
fi
