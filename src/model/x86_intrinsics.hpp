#pragma once
// <immintrin.h> for the AVX2 and AVX-512 bodies (decisions 0670, 0680). GCC 12's
// AVX-512 headers start _mm512_set1_* and the conversions from an undefined register and
// warn "'__Y' may be used uninitialized" (or "is used uninitialized", for the shifts, min
// and max) at every use (GCC bug 105593, fixed in GCC 13);
// the warning is about the header, not our code, so it is silenced for the header alone.

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#include <immintrin.h>
#pragma GCC diagnostic pop
#else
#include <immintrin.h>
#endif
