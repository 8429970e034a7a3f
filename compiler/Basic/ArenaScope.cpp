// ArenaScope — see the header. The regions are carved from one reservation
// of address space, so that `operator delete` tells them from malloc's
// memory by two comparisons; a region's pages, once touched, stay mapped
// and are reused by the next work given the region (no fault, no zeroing).
#include "Basic/ArenaScope.h"

#include <exception>
#include <mutex>

#include <sys/mman.h>

namespace cfc::arena {

constinit thread_local Region *Current = nullptr;
uintptr_t RegionsBegin = 0, RegionsEnd = 0;

namespace {

// A stack of 1 MiB of source (the most a stack gets the arena for) peaks
// near 200 MB; past its region, work allocates from the shared region.
// Regions in flight: the stacks taken ahead plus a parse per thread; with
// CFC_ARENA_CHECK none is reused, so there are many.
constexpr size_t RegionReserve = size_t(256) << 20;
constexpr size_t MaxRegions = 256;
size_t RegionsAllowed = 0; ///< As many as the address space reserved holds.
Region Regions[MaxRegions];
size_t RegionsMade = 0;
Region *FreeRegions[2] = {nullptr, nullptr}; ///< By Pool.
std::mutex RegionsLock;
bool CheckLifetimes = false;

uintptr_t pageUp(uintptr_t A) { return (A + 4095) & ~uintptr_t(4095); }

void giveBack(Region *R) {
  if (CheckLifetimes) {
    mprotect(reinterpret_cast<void *>(R->Begin), pageUp(R->Next) - R->Begin, PROT_NONE);
    R->Next = R->End; // Full: nothing more is made in it.
    return;
  }
  std::lock_guard<std::mutex> Guard(RegionsLock);
  Region *&Free = FreeRegions[static_cast<int>(R->Kind)];
  R->NextFree = Free;
  Free = R;
}

} // namespace

void reserveRegions(bool Check) {
  if (RegionsBegin)
    return;
  // 64 GiB of address space, or less where less is allowed (valgrind
  // refuses a mapping that large, and so may `ulimit -v`): without
  // regions, every stack of a run would stay in the one-shot arena's
  // shared reserve, use it up, and fall to malloc.
  void *Reserved = MAP_FAILED;
  for (RegionsAllowed = MaxRegions; RegionsAllowed >= 8; RegionsAllowed /= 2) {
    Reserved = mmap(nullptr, RegionReserve * RegionsAllowed, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (Reserved != MAP_FAILED)
      break;
  }
  if (Reserved == MAP_FAILED)
    return; // No regions: work allocates where it is.
  RegionsBegin = reinterpret_cast<uintptr_t>(Reserved);
  RegionsEnd = RegionsBegin + RegionReserve * RegionsAllowed;
  CheckLifetimes = Check;
}


Memory Memory::take(Pool Kind) {
  Memory M;
  if (!RegionsBegin)
    return M;
  std::lock_guard<std::mutex> Guard(RegionsLock);
  Region *&Free = FreeRegions[static_cast<int>(Kind)];
  if (Region *R = Free) {
    Free = R->NextFree;
    R->Next = R->Begin;
    M.R = R;
  } else if (RegionsMade < RegionsAllowed) {
    Region &R = Regions[RegionsMade];
    R.Begin = R.Next = RegionsBegin + RegionsMade * RegionReserve;
    R.End = R.Begin + RegionReserve;
    R.Kind = Kind;
    // Huge pages (where the kernel offers them) for work regions, which
    // fill tens of megabytes: a fault per 2 MiB instead of per 4 KiB. Not
    // for homes, several of which wait for their report at once, each
    // holding a few MB or less: each one's last huge page would be zeroed
    // in full for what it partly holds.
    if (Kind == Pool::Work)
      madvise(reinterpret_cast<void *>(R.Begin), RegionReserve, MADV_HUGEPAGE);
    ++RegionsMade;
    M.R = &R;
  }
  return M;
}

Memory &Memory::operator=(Memory &&Other) noexcept {
  if (this != &Other) {
    this->~Memory();
    R = Other.R;
    Other.R = nullptr;
  }
  return *this;
}

Memory::~Memory() {
  if (R && std::uncaught_exceptions() == 0)
    giveBack(R);
  R = nullptr;
}

} // namespace cfc::arena
