// FuzzLsp — the language server fed any bytes as its input stream, as
// clangd's fuzzer does: the transport's framing, JSON-RPC dispatch, and
// every feature on whatever documents the messages open. Input starting
// with "Content-Length" is read with LSP's framing; anything else in the
// lit-test style (`---` between messages), which is easier for the fuzzer
// to keep well-formed. Answers go to a sink; diagnostics are published
// synchronously, so no thread is started. Documents compile hermetically.
#include "FuzzSupport.h"

#include "Frontend/Compilation.h"
#include "lsp/Server.h"

#include <cstring>
#include <sstream>

using namespace cfc;

namespace {

/// An ostream that drops what is written (or, verbose, prints it).
class Sink : public std::streambuf {
protected:
  int overflow(int C) override {
    if (fuzz::verbose() && C != traits_type::eof())
      std::fputc(C, stderr);
    return traits_type::not_eof(C);
  }
};

lsp::TransportStyle styleOf(const uint8_t *Data, size_t Size) {
  static const char Framed[] = "Content-Length";
  bool IsFramed = Size >= sizeof(Framed) - 1 && std::memcmp(Data, Framed, sizeof(Framed) - 1) == 0;
  return IsFramed ? lsp::TransportStyle::Framed : lsp::TransportStyle::LitTest;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  Compilation::setHermeticByDefault(true);
  std::istringstream In(fuzz::text(Data, Size));
  Sink Buffer;
  std::ostream Out(&Buffer);
  lsp::Transport T(In, Out, styleOf(Data, Size));
  lsp::ServerOptions Opts;
  Opts.Synchronous = true;
  lsp::Server S(T, Opts);
  S.run();
  return 0;
}
