#pragma once
/// Reads back what H5Writer wrote (checkpoints): 1-D double datasets and
/// string attributes. Errors name the file and the object.
#include <hdf5.h>

#include <string>
#include <vector>

namespace metasc::io {

class H5Reader {
 public:
  /// Throws IoError (exit 2: it is the user's --restart path) when the file cannot be opened.
  explicit H5Reader(const std::string& path);
  ~H5Reader();
  H5Reader(const H5Reader&) = delete;
  H5Reader& operator=(const H5Reader&) = delete;

  bool has(const std::string& object) const;
  std::vector<double> doubles(const std::string& dataset) const;
  std::string text_attribute(const std::string& object, const std::string& name) const;

 private:
  std::string path_;
  hid_t file_ = -1;
};

}  // namespace metasc::io
