#pragma once
/// a·b + c in the kernels' inner loops.
///
/// Where the CPU has fused multiply-add (every AVX2 and AVX-512 node; metasc's
/// default build targets the building CPU) this is std::fma: one instruction
/// and one rounding, and the compiler's vectorised loop body and its scalar
/// remainder both use it, so a trajectory gets the same bits wherever it sits
/// in a block. Without FMA hardware std::fma would be a slow library call, so
/// the product and the sum are rounded separately instead. The build keeps
/// -ffp-contract=off, so nothing else is fused behind the code's back: results
/// are bitwise reproducible for a given binary (any rank count, any restart).
/// Binaries for CPUs with and without FMA round differently; along a noisy
/// trajectory the differences grow, so their ensembles agree statistically.
#include <cmath>

namespace metasc {

inline double multiply_add(double a, double b, double c) {
#if defined(__FMA__)
  return std::fma(a, b, c);
#else
  return a * b + c;
#endif
}

}  // namespace metasc
