// InOrder — runs one piece of work per item on every CPU, and hands the
// results back on the calling thread in the items' order, each as soon as
// it and the ones before it are done. `cfc build A B C --out-dir` and
// `cfc check A B C` compile their stacks this way: the stacks share nothing
// but the catalog (safe to share; the parser's prediction DFAs are per
// thread), and the report, printed in order, reads as if they ran one by one.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <sched.h>
#include <thread>
#include <vector>

namespace cfc::driver {

/// The CPUs this process may run on (its affinity mask: what `taskset` and
/// container cpusets allow, not the whole machine's).
inline unsigned usableCpus() {
  cpu_set_t Set;
  if (sched_getaffinity(0, sizeof(Set), &Set) == 0 && CPU_COUNT(&Set) > 0)
    return static_cast<unsigned>(CPU_COUNT(&Set));
  return std::max(1u, std::thread::hardware_concurrency());
}

/// Calls Work(I) for every I below Count, on up to Jobs threads (0: one
/// per usable CPU), then Done(I, Result) on this thread for I = 0, 1, 2...
/// Before waiting for item I, Waiting(I) is called (a progress line).
/// Workers run at most a few items ahead of Done, so that results waiting
/// for their turn do not pile up. An exception thrown by Work is rethrown
/// here, in its item's turn (after the workers are joined).
template <typename Result>
void forEachInOrder(size_t Count, unsigned Jobs, const std::function<Result(size_t)> &Work,
                    const std::function<void(size_t)> &Waiting,
                    const std::function<void(size_t, Result &)> &Done) {
  size_t Threads = std::min<size_t>(Jobs ? Jobs : usableCpus(), Count);
  if (Threads <= 1) {
    for (size_t I = 0; I < Count; ++I) {
      Waiting(I);
      Result R = Work(I);
      Done(I, R);
    }
    return;
  }
  const size_t Ahead = 2 * Threads; // Items taken but not yet handed to Done.
  struct Slot {
    std::optional<Result> Value;
    std::exception_ptr Failure;
    bool Ready = false;
  };
  std::mutex Lock;
  std::condition_variable Changed;
  std::vector<Slot> Slots(Count);
  size_t Next = 0, Handed = 0;
  bool Stop = false;
  auto Worker = [&] {
    for (;;) {
      size_t I;
      {
        std::unique_lock<std::mutex> Guard(Lock);
        Changed.wait(Guard, [&] { return Stop || Next == Count || Next < Handed + Ahead; });
        if (Stop || Next == Count)
          return;
        I = Next++;
      }
      Slot Made;
      try {
        Made.Value.emplace(Work(I));
      } catch (...) {
        Made.Failure = std::current_exception();
      }
      {
        std::lock_guard<std::mutex> Guard(Lock);
        Slots[I] = std::move(Made);
        Slots[I].Ready = true;
      }
      Changed.notify_all();
    }
  };
  std::vector<std::thread> Pool;
  for (size_t T = 0; T < Threads; ++T)
    Pool.emplace_back(Worker);
  auto StopAll = [&] {
    {
      std::lock_guard<std::mutex> Guard(Lock);
      Stop = true;
    }
    Changed.notify_all();
    for (std::thread &T : Pool)
      T.join();
  };
  try {
    for (size_t I = 0; I < Count; ++I) {
      Waiting(I);
      Slot Taken;
      {
        std::unique_lock<std::mutex> Guard(Lock);
        Changed.wait(Guard, [&] { return Slots[I].Ready; });
        Taken = std::move(Slots[I]);
        Slots[I] = Slot();
        Handed = I + 1;
      }
      Changed.notify_all();
      if (Taken.Failure)
        std::rethrow_exception(Taken.Failure);
      Done(I, *Taken.Value);
    }
  } catch (...) {
    StopAll(); // Never leave a thread unjoined (that would abort).
    throw;
  }
  StopAll();
}

} // namespace cfc::driver
