#include "metasc/io/h5_reader.hpp"

#include "metasc/error.hpp"

namespace metasc::io {

H5Reader::H5Reader(const std::string& path) : path_(path) {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  file_ = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (file_ < 0) throw IoError("'" + path + "' cannot be opened as an HDF5 file");
}

H5Reader::~H5Reader() {
  if (file_ >= 0) H5Fclose(file_);
}

bool H5Reader::has(const std::string& object) const { return H5Lexists(file_, object.c_str(), H5P_DEFAULT) > 0; }

std::vector<double> H5Reader::doubles(const std::string& dataset) const {
  const hid_t id = H5Dopen2(file_, dataset.c_str(), H5P_DEFAULT);
  if (id < 0) throw IoError("'" + path_ + "' has no dataset " + dataset);
  const hid_t space = H5Dget_space(id);
  const hssize_t count = H5Sget_simple_extent_npoints(space);
  std::vector<double> values(count > 0 ? static_cast<std::size_t>(count) : 0);
  const herr_t status =
      values.empty() ? 0 : H5Dread(id, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data());
  H5Sclose(space);
  H5Dclose(id);
  if (status < 0) throw IoError("'" + path_ + "': cannot read " + dataset);
  return values;
}

std::string H5Reader::text_attribute(const std::string& object, const std::string& name) const {
  const hid_t attribute = H5Aopen_by_name(file_, object.c_str(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT);
  if (attribute < 0) throw IoError("'" + path_ + "' has no attribute " + object + "@" + name);
  const hid_t type = H5Aget_type(attribute);
  const hid_t memory = H5Tcopy(H5T_C_S1);
  H5Tset_size(memory, H5T_VARIABLE);
  H5Tset_cset(memory, H5T_CSET_UTF8);
  char* text = nullptr;
  const herr_t status = H5Aread(attribute, memory, &text);
  std::string value = status >= 0 && text ? text : "";
  if (text) H5free_memory(text);
  H5Tclose(memory);
  H5Tclose(type);
  H5Aclose(attribute);
  if (status < 0) throw IoError("'" + path_ + "': cannot read attribute " + object + "@" + name);
  return value;
}

}  // namespace metasc::io
