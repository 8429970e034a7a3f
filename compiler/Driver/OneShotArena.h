// OneShotArena — memory for a command that runs once and exits (build,
// check, graph...): `operator new` hands out memory from one reserved
// region by bumping a pointer, and `operator delete` of that memory does
// nothing; the process exit returns it all. malloc and free were a quarter
// of a 500-resource build's instructions, and such a build allocates about
// 30 MB in all, so nothing is gained by reusing memory within a stack. The
// region is 1 GiB of address space (committed only where touched); past
// it, allocation goes to malloc again, so a huge run still works. The
// language server, which lives long, never turns it on; sanitizer builds
// leave new and delete to the sanitizer.
//
// A file's tokens and parse tree live in a work region (arena::Memory,
// Basic/ArenaScope.h), dropped once its AST is built; lowering and
// emitting then take that region again, its pages touched already. A run
// over many stacks (`cfc build A B ... --out-dir`, `cfc check A B ...`)
// also gives each stack a home region for what its report needs (sources,
// ASTs, diagnostics), reused for a later stack once this one is reported,
// while its work region serves the thread's next stack at once. Nothing
// is freed object by object, and memory is that of the work in flight,
// whatever the number of stacks. What outlives a region's work is allocated from the
// process's memory: caches take an arena::Permanent, and so does the
// initialisation of every function-local static (this file wraps the C++
// runtime's guard).
#pragma once

namespace cfc::driver {

/// From now on, `operator new` allocates from the arena. Call once, early.
void enableOneShotArena();

/// Whether the arena is on: then freeing memory early gains nothing (and
/// what a command would free, such as parse trees, may be kept to the end).
bool oneShotArenaEnabled();

} // namespace cfc::driver
