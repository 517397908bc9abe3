#include "metasc/io/h5_writer.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <unistd.h>
#include <vector>

#include "metasc/error.hpp"

namespace metasc::io {
namespace {

void h5_check(herr_t status, const std::string& what) {
  if (status < 0) throw IoError("HDF5: cannot " + what, 1);
}

hid_t h5_id(hid_t id, const std::string& what) {
  if (id < 0) throw IoError("HDF5: cannot " + what, 1);
  return id;
}

/// Closes an HDF5 handle on scope exit with the matching close function.
struct Handle {
  hid_t id;
  herr_t (*close)(hid_t);
  ~Handle() {
    if (id >= 0) close(id);
  }
};

void string_attribute(hid_t object, const std::string& name, const std::string& value) {
  // Variable-length UTF-8, so that h5py returns str rather than bytes.
  Handle type{h5_id(H5Tcopy(H5T_C_S1), "make a string type"), H5Tclose};
  h5_check(H5Tset_size(type.id, H5T_VARIABLE), "size a string type");
  h5_check(H5Tset_cset(type.id, H5T_CSET_UTF8), "set UTF-8");
  Handle space{h5_id(H5Screate(H5S_SCALAR), "make a scalar space"), H5Sclose};
  if (H5Aexists(object, name.c_str()) > 0) H5Adelete(object, name.c_str());
  Handle attribute{h5_id(H5Acreate2(object, name.c_str(), type.id, space.id, H5P_DEFAULT, H5P_DEFAULT),
                         "create attribute " + name),
                   H5Aclose};
  const char* text = value.c_str();
  h5_check(H5Awrite(attribute.id, type.id, &text), "write attribute " + name);
}

template <typename T>
void scalar_attribute(hid_t object, const std::string& name, hid_t file_type, hid_t memory_type, T value) {
  Handle space{h5_id(H5Screate(H5S_SCALAR), "make a scalar space"), H5Sclose};
  if (H5Aexists(object, name.c_str()) > 0) H5Adelete(object, name.c_str());
  Handle attribute{h5_id(H5Acreate2(object, name.c_str(), file_type, space.id, H5P_DEFAULT, H5P_DEFAULT),
                         "create attribute " + name),
                   H5Aclose};
  h5_check(H5Awrite(attribute.id, memory_type, &value), "write attribute " + name);
}

}  // namespace

H5Writer::H5Writer(std::string path) : path_(std::move(path)), partial_path_(path_ + ".partial") {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);  // errors are reported as IoError, not printed by HDF5
  // The file is built in memory and reaches the disk in one plain write at
  // commit(): a full disk is then an ordinary write error, and HDF5 never holds
  // a half-flushed file (HDF5 1.10 crashes at exit closing one).
  Handle access{H5Pcreate(H5P_FILE_ACCESS), H5Pclose};
  H5Pset_fapl_core(access.id, 1 << 20, /*backing_store=*/0);
  file_ = H5Fcreate(path_.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, access.id);
  if (file_ < 0) throw IoError("HDF5: cannot create the in-memory image of '" + path_ + "'", 1);
}

H5Writer::~H5Writer() {
  if (file_ >= 0) H5Fclose(file_);
  if (!committed_) std::remove(partial_path_.c_str());
}

hid_t H5Writer::group(const std::string& path) {
  if (path == "/" || path.empty()) return H5Oopen(file_, "/", H5P_DEFAULT);
  if (H5Lexists(file_, path.c_str(), H5P_DEFAULT) > 0) return H5Oopen(file_, path.c_str(), H5P_DEFAULT);
  Handle links{H5Pcreate(H5P_LINK_CREATE), H5Pclose};
  H5Pset_create_intermediate_group(links.id, 1);
  return h5_id(H5Gcreate2(file_, path.c_str(), links.id, H5P_DEFAULT, H5P_DEFAULT), "create group " + path);
}

void H5Writer::write(const std::string& path, hid_t memory_type, const void* data, std::size_t count,
                     const std::string& units, std::vector<std::size_t> shape) {
  if (shape.empty()) shape = {count};
  std::vector<hsize_t> dims(shape.begin(), shape.end());
  std::size_t total = 1;
  for (auto extent : shape) total *= extent;
  if (total != count) throw Error("internal: dataset " + path + " shape does not match its data");
  Handle space{h5_id(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr), "make a space"),
               H5Sclose};
  Handle links{H5Pcreate(H5P_LINK_CREATE), H5Pclose};
  H5Pset_create_intermediate_group(links.id, 1);
  Handle dataset{h5_id(H5Dcreate2(file_, path.c_str(), memory_type, space.id, links.id, H5P_DEFAULT, H5P_DEFAULT),
                       "create dataset " + path),
                 H5Dclose};
  if (count > 0) h5_check(H5Dwrite(dataset.id, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), "write " + path);
  string_attribute(dataset.id, "units", units.empty() ? "1" : units);
}

void H5Writer::dataset(const std::string& path, std::span<const double> values, const std::string& units,
                       std::vector<std::size_t> shape) {
  write(path, H5T_NATIVE_DOUBLE, values.data(), values.size(), units, std::move(shape));
}
void H5Writer::dataset(const std::string& path, std::span<const std::int32_t> values, const std::string& units,
                       std::vector<std::size_t> shape) {
  write(path, H5T_NATIVE_INT32, values.data(), values.size(), units, std::move(shape));
}
void H5Writer::dataset(const std::string& path, std::span<const std::uint8_t> values, const std::string& units,
                       std::vector<std::size_t> shape) {
  write(path, H5T_NATIVE_UINT8, values.data(), values.size(), units, std::move(shape));
}

void H5Writer::attribute(const std::string& group_path, const std::string& name, double value) {
  Handle object{group(group_path), H5Oclose};
  scalar_attribute(object.id, name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, value);
}
void H5Writer::attribute(const std::string& group_path, const std::string& name, std::int64_t value) {
  Handle object{group(group_path), H5Oclose};
  scalar_attribute(object.id, name, H5T_STD_I64LE, H5T_NATIVE_INT64, value);
}
void H5Writer::attribute(const std::string& group_path, const std::string& name, const std::string& value) {
  Handle object{group(group_path), H5Oclose};
  string_attribute(object.id, name, value);
}

void H5Writer::attribute(const std::string& group_path, const std::string& name, std::span<const double> values) {
  if (values.size() == 1) return attribute(group_path, name, values.front());
  Handle object{group(group_path), H5Oclose};
  const hsize_t extent = values.size();
  Handle space{h5_id(H5Screate_simple(1, &extent, nullptr), "make a space"), H5Sclose};
  if (H5Aexists(object.id, name.c_str()) > 0) H5Adelete(object.id, name.c_str());
  Handle attribute{h5_id(H5Acreate2(object.id, name.c_str(), H5T_IEEE_F64LE, space.id, H5P_DEFAULT, H5P_DEFAULT),
                         "create attribute " + name),
                   H5Aclose};
  h5_check(H5Awrite(attribute.id, H5T_NATIVE_DOUBLE, values.data()), "write attribute " + name);
}

void H5Writer::configuration(const config::Config& config, const std::string& program, int ranks) {
  attribute("/config", "text", config.resolved_ini());
  attribute("/config", "program", program);
  attribute("/config", "version", std::string(METASC_VERSION));
  attribute("/config", "ranks", static_cast<std::int64_t>(ranks));
  attribute("/config", "source_file", config.source_file());
  for (const auto& [key, value] : config.resolved_values()) attribute("/config", key, value);
}

void H5Writer::commit() {
  h5_check(H5Fflush(file_, H5F_SCOPE_GLOBAL), "flush " + path_);
  const ssize_t size = H5Fget_file_image(file_, nullptr, 0);
  if (size < 0) throw IoError("HDF5: cannot take the image of " + path_, 1);
  std::vector<char> image(static_cast<std::size_t>(size));
  h5_check(static_cast<herr_t>(H5Fget_file_image(file_, image.data(), image.size()) < 0 ? -1 : 0), "image " + path_);
  H5Fclose(file_);
  file_ = -1;
  std::FILE* out = std::fopen(partial_path_.c_str(), "wb");
  if (!out) throw IoError("cannot create '" + partial_path_ + "' (" + std::strerror(errno) + ")", 1);
  const bool written = std::fwrite(image.data(), 1, image.size(), out) == image.size() && std::fflush(out) == 0 &&
                       fsync(fileno(out)) == 0;
  const int error = errno;
  if (std::fclose(out) != 0 || !written) {
    std::remove(partial_path_.c_str());
    throw IoError("cannot write '" + path_ + "' (" + std::strerror(written ? errno : error) + ")", 1);
  }
  if (std::rename(partial_path_.c_str(), path_.c_str()) != 0) {
    throw IoError("cannot move '" + partial_path_ + "' to '" + path_ + "' (" + std::strerror(errno) + ")", 1);
  }
  committed_ = true;
}

void check_writable(const std::string& key, const std::string& path) {
  const std::filesystem::path target(path);
  std::error_code error;
  if (target.has_parent_path()) std::filesystem::create_directories(target.parent_path(), error);
  if (error) {
    throw IoError(key + " = " + path + ": cannot create directory '" + target.parent_path().string() + "' (" +
                  error.message() + ")");
  }
  if (std::filesystem::is_directory(target)) throw IoError(key + " = " + path + " is a directory, not a file");
  const std::string probe = path + ".partial";
  {
    std::ofstream test(probe, std::ios::binary);
    if (!test) {
      throw IoError(key + " = " + path + ": cannot write there (" + std::strerror(errno) + ")");
    }
  }
  std::remove(probe.c_str());
}

}  // namespace metasc::io
