// The C library's malloc settings that gradviz makes, as one function.
#pragma once

#if defined(__GLIBC__) || defined(__linux__)
#include <malloc.h>
#endif

// Lets every thread share at most `count` malloc arenas. glibc reserves 64 MiB of address
// space for each further arena, which under an address-space limit (`ulimit -v`) can make an
// allocation fail where nothing can report it. Returns 1 when the setting was made, 0 where
// the C library has no such setting.
static inline int gradviz_limit_malloc_arenas(int count) {
#if defined(M_ARENA_MAX)
  return mallopt(M_ARENA_MAX, count);
#else
  (void)count;
  return 0;
#endif
}
