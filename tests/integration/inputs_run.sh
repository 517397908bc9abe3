# Every file in inputs/ runs with each program its header names (# programs:),
# on the ranks it names (# ranks:), with its test overrides (# test-overrides:).
source "$(dirname "$0")/lib/common.bash"
count=0
for input in "$METASC_SOURCE"/inputs/*.ini; do
  name=$(basename "$input" .ini)
  programs=$(sed -n 's/^# programs: *//p' "$input")
  ranks=$(sed -n 's/^# ranks: *//p' "$input")
  overrides=$(sed -n 's/^# test-overrides: *//p' "$input")
  [ -n "$programs" ] || fail "$input has no '# programs:' header"
  for program in $programs; do
    output="$work/${name}_${program}.h5"
    # shellcheck disable=SC2086
    run_mpi "${ranks:-1}" "$METASC_BIN/$program" "$input" --output.file="$output" --output.progress=false \
      $overrides >"$work/${name}_${program}.txt" || fail "$program $input failed: $(cat "$work/${name}_${program}.txt")"
    [ -s "$output" ] || fail "$program $input wrote no results"
    /usr/bin/python3 -c "import h5py,sys; f=h5py.File(sys.argv[1]); assert 'text' in f['config'].attrs" "$output" ||
      fail "$output has no /config"
    count=$((count + 1))
  done
done
echo "$count input runs passed"
