#pragma once
/// <immintrin.h> for the kernels' hand-written AVX-512 paths (Philox blocks,
/// ziggurat core, the fused table step), included only where the compiler
/// targets AVX-512; each path keeps a portable loop beside it.
///
/// GCC 12's AVX-512 intrinsics start from a deliberately undefined register
/// (`__m512i __Y = __Y;` in _mm512_undefined_epi32) and warn about it at every
/// use (as "may be used" where inlining differs): GCC bug 105593, fixed in
/// GCC 13. The warnings are silenced for the rest of the including source
/// file, so include this last, and only from a .cpp.
#if defined(__AVX512F__)
#include <immintrin.h>
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
