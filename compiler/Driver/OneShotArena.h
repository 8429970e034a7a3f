// OneShotArena — memory for a command that runs once and exits (build,
// check, graph...): `operator new` hands out memory from one reserved
// region by bumping a pointer, and `operator delete` of that memory does
// nothing; the process exit returns it all. malloc and free were a quarter
// of a 500-resource build's instructions, and such a build allocates about
// 30 MB in all, so nothing is gained by reusing memory. The region is 1 GiB
// of address space (committed only where touched); past it, allocation goes
// to malloc again, so a huge run still works. The language server, which
// lives long, never turns it on; sanitizer builds leave new and delete to
// the sanitizer.
#pragma once

namespace cfc::driver {

/// From now on, `operator new` allocates from the arena. Call once, early.
void enableOneShotArena();

/// Whether the arena is on: then freeing memory early gains nothing (and
/// what a command would free, such as parse trees, may be kept to the end).
bool oneShotArenaEnabled();

} // namespace cfc::driver
