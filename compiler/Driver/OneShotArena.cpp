// OneShotArena — see the header. Replaces the global operator new and
// delete for the whole cfc binary; while the arena is off they are malloc
// and free, as the library's own.
#include "Driver/OneShotArena.h"

#include "Basic/ArenaScope.h"

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

/// Past the fast path of allocate: a new chunk, a block of its own, or
/// malloc (the arena off, or used up).
[[gnu::noinline]] void *allocateSlowly(size_t Size) {
  if (Size == 0)
    Size = 1;
  if (Begin && Size < Reserve) {
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

/// `operator new`: one bump of a pointer, in the region of the work this
/// thread does (a stack of a run over many, a file's parse tree) or, when
/// there is none or what is made must outlive it, in the thread's chunk.
/// It is called millions of times per build: the fast path is kept to a
/// few instructions.
inline void *allocate(size_t Size) {
  // At least one byte; a size near SIZE_MAX rounds to 0 and goes the slow
  // way (Rounded - 1 wraps), where malloc refuses it.
  size_t Rounded = (Size + !Size + Align - 1) & ~(Align - 1);
  if (cfc::arena::Region *R = cfc::arena::Current) {
    if (Rounded - 1 < R->End - R->Next) {
      uintptr_t P = R->Next;
      R->Next += Rounded;
      return reinterpret_cast<void *>(P);
    }
  } else if (Rounded - 1 < ChunkEnd - ChunkNext) {
    uintptr_t P = ChunkNext;
    ChunkNext += Rounded;
    return reinterpret_cast<void *>(P);
  }
  return allocateSlowly(Size);
}

void release(void *P) {
  if (!P)
    return;
  uintptr_t A = reinterpret_cast<uintptr_t>(P);
  if ((A >= Begin && A < End) || cfc::arena::inRegions(A))
    return; // The arena's: returned when the process exits, or reused.
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
  // The regions of stacks and parse trees: address space only, too.
  cfc::arena::reserveRegions(std::getenv("CFC_ARENA_CHECK") != nullptr);
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

// ---- function-local statics ------------------------------------------------
// A function-local static is made once and lives to the end, whichever
// stack's thread happens to make it first: its initialisation allocates
// from the process's memory. The linker sends the C++ runtime's guard
// through these (-Wl,--wrap, compiler/Driver/CMakeLists.txt); a guard
// acquired returns 1 when this thread is to run the initialiser.

extern "C" {
int __real___cxa_guard_acquire(uint64_t *Guard);
void __real___cxa_guard_release(uint64_t *Guard);
void __real___cxa_guard_abort(uint64_t *Guard);

namespace {
thread_local unsigned InitialisingStatics = 0;
thread_local cfc::arena::Region *StackBeforeStatics = nullptr;
} // namespace

int __wrap___cxa_guard_acquire(uint64_t *Guard) {
  int Run = __real___cxa_guard_acquire(Guard);
  if (Run && InitialisingStatics++ == 0) {
    StackBeforeStatics = cfc::arena::Current;
    cfc::arena::Current = nullptr;
  }
  return Run;
}

static void doneInitialising() {
  if (InitialisingStatics && --InitialisingStatics == 0)
    cfc::arena::Current = StackBeforeStatics;
}

void __wrap___cxa_guard_release(uint64_t *Guard) {
  doneInitialising();
  __real___cxa_guard_release(Guard);
}

void __wrap___cxa_guard_abort(uint64_t *Guard) {
  doneInitialising();
  __real___cxa_guard_abort(Guard);
}
}

// LLVM's ManagedStatics are function-local statics of LLVM's own: made on
// first use (an llvm::Error's category, say), deleted by llvm_shutdown at
// exit. Made in the process's memory, whichever stack's thread uses one
// first. The linker sends their registration through here too.
extern "C" {
void _ZNK4llvm17ManagedStaticBase21RegisterManagedStaticEPFPvvEPFvS1_E(const void *Static,
                                                                      void *(*Creator)(),
                                                                      void (*Deleter)(void *));
void __real__ZNK4llvm17ManagedStaticBase21RegisterManagedStaticEPFPvvEPFvS1_E(
    const void *Static, void *(*Creator)(), void (*Deleter)(void *));

void __wrap__ZNK4llvm17ManagedStaticBase21RegisterManagedStaticEPFPvvEPFvS1_E(
    const void *Static, void *(*Creator)(), void (*Deleter)(void *)) {
  cfc::arena::Permanent Shared;
  __real__ZNK4llvm17ManagedStaticBase21RegisterManagedStaticEPFPvvEPFvS1_E(Static, Creator, Deleter);
}
}
