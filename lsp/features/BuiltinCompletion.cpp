// BuiltinCompletion — the builtin functions as completion items, from the
// table Sema keeps next to their checks (Sema/BuiltinFunctions.h): each
// with its signature as detail and its documentation.
#include "lsp/features/Features.h"

#include "Sema/BuiltinFunctions.h"

namespace cfc::lsp {

std::vector<CompletionItem> builtinFunctionItems() {
  std::vector<CompletionItem> Items;
  for (const sema::BuiltinFunction &F : sema::builtinFunctions()) {
    CompletionItem Item;
    Item.label = F.Name;
    Item.kind = CompletionItemKind::Function;
    Item.detail = F.label();
    Item.documentation = F.Documentation;
    // Names declared in the stack come first; builtins after them.
    Item.sortText = "~" + F.Name;
    // The parentheses, with the cursor inside: signature help takes over.
    Item.insertText = F.Name + "($0)";
    Item.insertTextFormat = InsertTextFormat::Snippet;
    Items.push_back(std::move(Item));
  }
  return Items;
}

} // namespace cfc::lsp
