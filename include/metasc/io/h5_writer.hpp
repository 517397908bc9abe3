#pragma once
/// Results file, written by one rank. It is built in memory; commit() writes it
/// to FILE.partial and renames that to FILE, so a run that fails — a full disk
/// included — leaves no results file behind and never a half-written one.
/// Every dataset carries a `units` attribute ("1" when dimensionless).
#include <hdf5.h>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "metasc/config/options.hpp"

namespace metasc::io {

class H5Writer {
 public:
  explicit H5Writer(std::string path);
  ~H5Writer();
  H5Writer(const H5Writer&) = delete;
  H5Writer& operator=(const H5Writer&) = delete;

  /// A dataset of the given shape (row-major); an empty shape means 1-D.
  void dataset(const std::string& path, std::span<const double> values, const std::string& units,
               std::vector<std::size_t> shape = {});
  void dataset(const std::string& path, std::span<const std::int32_t> values, const std::string& units,
               std::vector<std::size_t> shape = {});
  void dataset(const std::string& path, std::span<const std::uint8_t> values, const std::string& units,
               std::vector<std::size_t> shape = {});

  /// Attributes on a group (created if absent).
  void attribute(const std::string& group, const std::string& name, double value);
  void attribute(const std::string& group, const std::string& name, std::int64_t value);
  void attribute(const std::string& group, const std::string& name, const std::string& value);
  /// One value per entry (e.g. per pulse): a scalar attribute when there is one entry.
  void attribute(const std::string& group, const std::string& name, std::span<const double> values);

  /// `/config`: the resolved configuration as INI text, one attribute per key,
  /// the program and its version, and the number of ranks.
  void configuration(const config::Config& config, const std::string& program, int ranks);

  /// Closes the file and moves it into place.
  void commit();

 private:
  hid_t group(const std::string& path);
  void write(const std::string& path, hid_t memory_type, const void* data, std::size_t count,
             const std::string& units, std::vector<std::size_t> shape);

  std::string path_;
  std::string partial_path_;
  hid_t file_ = -1;
  bool committed_ = false;
};

/// Makes sure FILE can be written (creating its directory), so an unwritable
/// path is refused before any compute: throws IoError naming `key`.
void check_writable(const std::string& key, const std::string& path);

}  // namespace metasc::io
