// ParseCache — parsed files kept from one Compilation to the next, for a
// client that compiles the same files again after each small change (the
// language server re-checks a stack after every edit). A file added under
// the same name, with the same FileId and the same text as an entry, takes
// the entry's AST and syntax diagnostics instead of being parsed again, so
// an edit in one file of a folder stack re-parses that file only.
//
// Entries are immutable and shared: an AST may be in use by the Compilation
// that parsed it and by later ones at the same time (ASTs are not changed
// after parsing). The cache itself is locked, so Compilations on different
// threads may share it.
#pragma once

#include "AST/AST.h"
#include "Diagnostics/Diagnostic.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace cfc {

class ParseCache {
public:
  struct Entry {
    std::string Text;
    std::shared_ptr<ast::File> Ast;
    /// What parsing the file reported (its syntax errors), in order.
    std::vector<Diagnostic> Diagnostics;
  };

  /// The entry for Name at Id, if it was parsed from Text.
  std::shared_ptr<const Entry> find(llvm::StringRef Name, FileId Id, llvm::StringRef Text) const {
    std::lock_guard<std::mutex> Guard(Lock);
    auto It = Entries.find({Name.str(), Id});
    if (It == Entries.end() || It->second->Text != Text)
      return nullptr;
    ++Counts[Name.str()].Reused;
    return It->second;
  }

  /// Keeps E, just parsed, for Name at Id, replacing what was kept for them.
  void store(llvm::StringRef Name, FileId Id, std::shared_ptr<const Entry> E) {
    std::lock_guard<std::mutex> Guard(Lock);
    ++Counts[Name.str()].Parsed;
    Entries[{Name.str(), Id}] = std::move(E);
  }

  /// How often each file was parsed (stored) and taken from the cache
  /// (found), since the cache was made; forget() keeps them. The language
  /// server reports them (`$/cfc/stats`) so that a test can show that an
  /// edit re-parses the edited file only.
  struct Count {
    unsigned Parsed = 0, Reused = 0;
  };
  std::map<std::string, Count> counts() const {
    std::lock_guard<std::mutex> Guard(Lock);
    return Counts;
  }

  /// Drops the entries whose name Unwanted accepts (files no longer open).
  void forget(llvm::function_ref<bool(llvm::StringRef Name)> Unwanted) {
    std::lock_guard<std::mutex> Guard(Lock);
    for (auto It = Entries.begin(); It != Entries.end();)
      It = Unwanted(It->first.first) ? Entries.erase(It) : std::next(It);
  }

  size_t size() const {
    std::lock_guard<std::mutex> Guard(Lock);
    return Entries.size();
  }

private:
  mutable std::mutex Lock;
  std::map<std::pair<std::string, FileId>, std::shared_ptr<const Entry>> Entries;
  mutable std::map<std::string, Count> Counts; ///< Counted in find() too.
};

} // namespace cfc
