#pragma once
/// Every PETSc call goes through PETSC_CHECK, which turns an error code into
/// metasc::NumericalError naming the call.
#include <petscsys.h>

#include <string>

#include "metasc/error.hpp"

namespace metasc::detail {

inline void petsc_check(PetscErrorCode code, const char* call, const char* file, int line) {
  if (code == 0) return;
  const char* text = nullptr;
  PetscErrorMessage(code, &text, nullptr);
  throw NumericalError(std::string("PETSc call ") + call + " failed (" + (text ? text : "unknown error") + ") at " +
                       file + ":" + std::to_string(line));
}

}  // namespace metasc::detail

#define PETSC_CHECK(call) ::metasc::detail::petsc_check((call), #call, __FILE__, __LINE__)
