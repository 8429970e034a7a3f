// Transport — JSON-RPC messages over a byte stream: the LSP base protocol
// (Content-Length headers) for editors, and clangd's lit-test style
// (`---`-separated messages, `#` comment lines) for readable transcripts.
#pragma once

#include <nlohmann/json.hpp>

#include <istream>
#include <mutex>
#include <optional>
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
  /// What the reader had to repair to read this message (a wrong
  /// Content-Length, bytes skipped before a header, a lone surrogate):
  /// worth a line in the log. Empty when the input was well-formed.
  std::string Repair;
  /// For Malformed bodies: the bytes, so that the server can tell which
  /// document a message it could not read was about.
  std::string Raw;
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
  /// The header block's Content-Length (-1 when missing or invalid), or
  /// nullopt at the end of the input. Bytes before a header (the rest of a
  /// message whose length was too short, garbage) are skipped and noted.
  std::optional<long long> readHeaders(std::string &Repair);
  /// A body of Length bytes, made whole when Length was wrong (see .cpp).
  Incoming readBody(long long Length, std::string Repair);

  // Input goes through Unread first: bytes read past a message (its
  // Content-Length was too long) that belong to the next one.
  int get();
  size_t readInto(char *Buffer, size_t Count);
  bool readLine(std::string &Line, size_t Max = 64 * 1024);
  void unread(const std::string &Bytes);

  std::istream &In;
  std::string Unread;
  size_t UnreadPos = 0;
  std::ostream &Out;
  TransportStyle Style;
  std::mutex WriteLock;
};

} // namespace cfc::lsp
