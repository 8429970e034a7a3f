// OneShotArena — see the header. Replaces the global operator new and
// delete for the whole cfc binary; while the arena is off they are malloc
// and free, as the library's own.
#include "Driver/OneShotArena.h"

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <new>

#include <sys/mman.h>

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define CFC_ARENA 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define CFC_ARENA 0
#endif
#endif
#ifndef CFC_ARENA
#define CFC_ARENA 1
#endif

namespace {

constexpr size_t Reserve = size_t(1) << 30;
constexpr size_t Align = __STDCPP_DEFAULT_NEW_ALIGNMENT__;

// Addresses as integers: the bump pointer may run past the end (then the
// allocation goes to malloc) without forming an invalid pointer.
uintptr_t Begin = 0, End = 0;
std::atomic<uintptr_t> Next{0};

// Each thread bumps a pointer through a chunk of its own, taken from the
// region with one atomic add: an atomic add per allocation cost a locked
// instruction each time, and with stacks compiled on two threads the
// shared counter bounced between the cores at every `new`.
constexpr size_t Chunk = size_t(256) << 10;
thread_local uintptr_t ChunkNext = 0, ChunkEnd = 0;

/// Size bytes from the region (one atomic add), or 0 when it is used up.
uintptr_t takeFromRegion(size_t Size) {
  uintptr_t P = Next.fetch_add(Size, std::memory_order_relaxed);
  return P + Size <= End && P + Size > P ? P : 0;
}

void *allocate(size_t Size) {
  if (Size == 0)
    Size = 1;
  if (Begin) {
    size_t Rounded = (Size + Align - 1) & ~(Align - 1);
    if (Rounded <= ChunkEnd - ChunkNext) {
      uintptr_t P = ChunkNext;
      ChunkNext += Rounded;
      return reinterpret_cast<void *>(P);
    }
    // A large block gets its own piece of the region; a small one starts a
    // new chunk (what is left of the old one, under Chunk / 8, is dropped).
    if (Rounded > Chunk / 8) {
      if (uintptr_t P = takeFromRegion(Rounded))
        return reinterpret_cast<void *>(P);
    } else if (uintptr_t P = takeFromRegion(Chunk)) {
      ChunkNext = P + Rounded;
      ChunkEnd = P + Chunk;
      return reinterpret_cast<void *>(P);
    }
  }
  for (;;) {
    if (void *P = std::malloc(Size))
      return P;
    std::new_handler Handler = std::get_new_handler();
    if (!Handler)
      throw std::bad_alloc();
    Handler();
  }
}

void release(void *P) {
  if (!P)
    return;
  uintptr_t A = reinterpret_cast<uintptr_t>(P);
  if (A >= Begin && A < End)
    return; // The arena's: returned when the process exits.
  std::free(P);
}

} // namespace

namespace cfc::driver {

bool oneShotArenaEnabled() { return Begin != 0; }

void enableOneShotArena() {
#if CFC_ARENA
  if (Begin)
    return;
  void *Region = mmap(nullptr, Reserve, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (Region == MAP_FAILED)
    return; // Then malloc it is.
  // Huge pages where the kernel offers them: a build touches tens of
  // megabytes, and one fault per 4 KiB page cost more than the allocations.
  madvise(Region, Reserve, MADV_HUGEPAGE);
  Begin = reinterpret_cast<uintptr_t>(Region);
  End = Begin + Reserve;
  Next.store(Begin);
#endif
}

} // namespace cfc::driver

#if CFC_ARENA
void *operator new(size_t Size) { return allocate(Size); }
void *operator new[](size_t Size) { return allocate(Size); }
void *operator new(size_t Size, const std::nothrow_t &) noexcept {
  try {
    return allocate(Size);
  } catch (...) {
    return nullptr;
  }
}
void *operator new[](size_t Size, const std::nothrow_t &) noexcept {
  try {
    return allocate(Size);
  } catch (...) {
    return nullptr;
  }
}
void operator delete(void *P) noexcept { release(P); }
void operator delete[](void *P) noexcept { release(P); }
void operator delete(void *P, size_t) noexcept { release(P); }
void operator delete[](void *P, size_t) noexcept { release(P); }
void operator delete(void *P, const std::nothrow_t &) noexcept { release(P); }
void operator delete[](void *P, const std::nothrow_t &) noexcept { release(P); }
#endif
