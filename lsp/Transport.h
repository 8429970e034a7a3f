// Transport — JSON-RPC messages over a byte stream: the LSP base protocol
// (Content-Length headers) for editors, and clangd's lit-test style
// (`---`-separated messages, `#` comment lines) for readable transcripts.
#pragma once

#include <nlohmann/json.hpp>

#include <istream>
#include <mutex>
#include <ostream>
#include <string>

namespace cfc::lsp {

/// How messages are framed on the wire.
enum class TransportStyle {
  /// `Content-Length: N\r\n\r\n` then N bytes of JSON, both ways.
  Framed,
  /// Input: JSON messages separated by lines `---`; lines starting with `#`
  /// are dropped (they hold RUN and CHECK lines). Output: framed, with the
  /// JSON pretty-printed and keys sorted, so FileCheck can read it.
  LitTest,
};

/// What one read produced.
struct Incoming {
  enum class Status {
    Message,   ///< Message holds a parsed JSON value.
    Malformed, ///< A bad header or invalid JSON; Error says what. Reading may go on.
    End,       ///< The input ended (possibly inside a truncated message).
  };
  Status Kind = Status::End;
  nlohmann::json Message;
  std::string Error;
};

/// Reads and writes messages. Reading is for one thread; writing may come
/// from several (the diagnostics publisher writes too), so it is locked.
class Transport {
public:
  /// Bodies larger than this are refused without being allocated.
  static constexpr size_t MaxMessageSize = 64u << 20;

  Transport(std::istream &In, std::ostream &Out, TransportStyle Style)
      : In(In), Out(Out), Style(Style) {}

  /// The next message. Never throws, whatever the bytes.
  Incoming read();
  /// Writes one message and flushes.
  void write(const nlohmann::json &Message);

  TransportStyle style() const { return Style; }

private:
  Incoming readFramed();
  Incoming readLitTest();

  std::istream &In;
  std::ostream &Out;
  TransportStyle Style;
  std::mutex WriteLock;
};

} // namespace cfc::lsp
