// ArenaScope — whose memory this thread allocates from, for the one-shot
// arena of `cfc build` and `cfc check` (compiler/Driver/OneShotArena.h,
// which replaces operator new and reads what is set here).
//
// Memory that a whole piece of work can drop at once is a Region: a stack
// of a run over many (each stack's region is reused for a later stack once
// the stack is reported), or the tokens and parse tree of one file (dropped
// once its AST is built). While an AllocateIn is alive, this thread's
// allocations come from its region. What outlives the work (caches shared
// by every stack, such as the catalog's decoded types or the parser's
// prediction DFAs) must be made under a Permanent: from the process's
// memory, kept to the end. Function-local statics are, always (the driver
// wraps the C++ runtime's guard). In other programs (the language server,
// the tests, sanitizer builds) no region is ever handed out, and these
// classes cost a few stores.
#pragma once

#include <cstddef>
#include <cstdint>

namespace cfc::arena {

/// Which regions a Memory is taken from. Work regions hold a stack's
/// short-lived bulk (parse trees, then what lowering and emitting make) and
/// use huge pages; Home regions hold what a stack of a many-stack run keeps
/// until it is reported (its sources, AST and diagnostics), a few MB at
/// most, in small pages. Kept apart, a home never inherits a parse tree's
/// high-water mark, and a work region is reused at once by the next stack.
enum class Pool { Work, Home };

/// Address space bumped through by one thread at a time.
struct Region {
  uintptr_t Begin = 0, End = 0, Next = 0;
  Region *NextFree = nullptr;
  Pool Kind = Pool::Work;
};

/// The region this thread allocates from, or null: the process's memory.
extern constinit thread_local Region *Current;

/// While alive, this thread allocates from the process's memory, whatever
/// region it was in: for anything that outlives the work of the region.
class Permanent {
public:
  Permanent() : Saved(Current) { Current = nullptr; }
  ~Permanent() { Current = Saved; }
  Permanent(const Permanent &) = delete;
  Permanent &operator=(const Permanent &) = delete;

private:
  Region *Saved;
};

/// While alive, this thread allocates from R (null: the process's memory).
class AllocateIn {
public:
  explicit AllocateIn(Region *R) : Saved(Current) { Current = R; }
  ~AllocateIn() { Current = Saved; }
  AllocateIn(const AllocateIn &) = delete;
  AllocateIn &operator=(const AllocateIn &) = delete;

private:
  Region *Saved;
};

/// While alive, this thread allocates from R when there is one (a Memory
/// that found a free region), else where it already did.
class AllocateInIfAny {
public:
  explicit AllocateInIfAny(Region *R) : Saved(Current) { Current = R ? R : Current; }
  ~AllocateInIfAny() { Current = Saved; }
  AllocateInIfAny(const AllocateInIfAny &) = delete;
  AllocateInIfAny &operator=(const AllocateInIfAny &) = delete;

private:
  Region *Saved;
};

/// A region taken from the pool, given back (to be reused from its start)
/// when the handle is destroyed: everything made in it must be dead or
/// abandoned by then. Null when the arena is off, or every region is in
/// use: then the work allocates where it is.
class Memory {
public:
  Memory() = default;
  /// The region of Kind given back last (its pages are the likeliest to be
  /// touched already), or a new one.
  static Memory take(Pool Kind = Pool::Work);
  Memory(Memory &&Other) noexcept : R(Other.R) { Other.R = nullptr; }
  Memory &operator=(Memory &&Other) noexcept;
  /// While an exception unwinds (its message may live in the region) the
  /// region is abandoned instead of reused.
  ~Memory();
  Region *region() const { return R; }

private:
  Region *R = nullptr;
};

/// Reserves the regions (address space only): the one-shot arena calls it
/// when it turns on. With CheckLifetimes, a region given back is made
/// unreadable and never reused, so that a pointer still into it faults
/// (CFC_ARENA_CHECK=1; the tests set it).
void reserveRegions(bool CheckLifetimes);

/// The address space of every region (set once, before any thread).
extern uintptr_t RegionsBegin, RegionsEnd;

/// Whether A is in a region (then `operator delete` leaves it alone).
inline bool inRegions(uintptr_t A) { return A >= RegionsBegin && A < RegionsEnd; }

/// Size bytes (a multiple of the alignment) from R, or null when R is full.
inline void *bump(Region &R, size_t Size) {
  if (Size > R.End - R.Next)
    return nullptr;
  uintptr_t P = R.Next;
  R.Next += Size;
  return reinterpret_cast<void *>(P);
}

} // namespace cfc::arena
