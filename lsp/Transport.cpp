// Transport — reading and writing framed JSON-RPC messages.
#include "lsp/Transport.h"

#include <cctype>
#include <charconv>

namespace cfc::lsp {

namespace {

/// Strips a trailing "\r" (headers end in CRLF; tolerate bare LF).
std::string chomp(std::string Line) {
  if (!Line.empty() && Line.back() == '\r')
    Line.pop_back();
  return Line;
}

bool startsWithCaseless(const std::string &Text, const std::string &Prefix) {
  if (Text.size() < Prefix.size())
    return false;
  for (size_t I = 0; I < Prefix.size(); ++I)
    if (std::tolower(static_cast<unsigned char>(Text[I])) !=
        std::tolower(static_cast<unsigned char>(Prefix[I])))
      return false;
  return true;
}

/// std::getline that keeps at most Max bytes of a line (the rest is read
/// and dropped), so a stream of garbage without line breaks cannot grow a
/// header line without bound. False at the end of the input.
bool readLine(std::istream &In, std::string &Line, size_t Max = 64 * 1024) {
  Line.clear();
  int C;
  bool Any = false;
  while ((C = In.get()) != std::char_traits<char>::eof()) {
    Any = true;
    if (C == '\n')
      return true;
    if (Line.size() < Max)
      Line += static_cast<char>(C);
  }
  return Any;
}

Incoming parseBody(const std::string &Body) {
  Incoming R;
  try {
    R.Message = nlohmann::json::parse(Body);
    R.Kind = Incoming::Status::Message;
  } catch (const std::exception &E) {
    R.Kind = Incoming::Status::Malformed;
    R.Error = std::string("invalid JSON: ") + E.what();
  }
  return R;
}

} // namespace

Incoming Transport::read() {
  return Style == TransportStyle::Framed ? readFramed() : readLitTest();
}

Incoming Transport::readFramed() {
  // Headers until an empty line. A header block without a usable
  // Content-Length is reported and skipped: the next block may be fine.
  std::string Line;
  long long Length = -1;
  bool BadLength = false;
  bool SawHeader = false;
  while (true) {
    if (!readLine(In, Line))
      return {};
    Line = chomp(Line);
    if (Line.empty()) {
      if (!SawHeader)
        continue; // Stray blank lines between messages.
      break;
    }
    SawHeader = true;
    if (startsWithCaseless(Line, "content-length:")) {
      std::string Value = Line.substr(15);
      size_t First = Value.find_first_not_of(" \t");
      size_t Last = Value.find_last_not_of(" \t");
      long long N = -1;
      if (First != std::string::npos) {
        const char *Begin = Value.data() + First, *End = Value.data() + Last + 1;
        auto [Ptr, EC] = std::from_chars(Begin, End, N);
        if (EC != std::errc() || Ptr != End)
          N = -1;
      }
      if (N < 0)
        BadLength = true;
      else
        Length = N;
    }
    // Other headers (Content-Type) are allowed and ignored.
  }
  Incoming R;
  R.Kind = Incoming::Status::Malformed;
  if (BadLength || Length < 0) {
    R.Error = "missing or invalid Content-Length header";
    return R;
  }
  if (static_cast<unsigned long long>(Length) > MaxMessageSize) {
    // Skip the body in pieces rather than allocate it.
    In.ignore(Length);
    R.Error = "message of " + std::to_string(Length) + " bytes is too large";
    return In ? R : Incoming{};
  }
  std::string Body(static_cast<size_t>(Length), '\0');
  In.read(Body.data(), Length);
  if (In.gcount() != Length)
    return {}; // Truncated: the stream ended inside the body.
  return parseBody(Body);
}

Incoming Transport::readLitTest() {
  std::string Chunk, Line;
  bool Any = false;
  while (std::getline(In, Line)) {
    Any = true;
    std::string Trimmed = chomp(Line);
    if (Trimmed == "---") {
      if (Chunk.find_first_not_of(" \t\r\n") == std::string::npos) {
        Chunk.clear();
        continue;
      }
      return parseBody(Chunk);
    }
    if (!Trimmed.empty() && Trimmed[0] == '#')
      continue;
    Chunk += Trimmed;
    Chunk += '\n';
  }
  if (!Any || Chunk.find_first_not_of(" \t\r\n") == std::string::npos)
    return {};
  return parseBody(Chunk);
}

void Transport::write(const nlohmann::json &Message) {
  // Replacement of invalid UTF-8 keeps a bad byte in a document from
  // throwing here.
  std::string Body =
      Style == TransportStyle::LitTest
          ? Message.dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
          : Message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::lock_guard<std::mutex> Lock(WriteLock);
  Out << "Content-Length: " << Body.size() << "\r\n\r\n" << Body;
  if (Style == TransportStyle::LitTest)
    Out << "\n";
  Out.flush();
}

} // namespace cfc::lsp
