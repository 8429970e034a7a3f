// Transport — reading and writing framed JSON-RPC messages.
#include "lsp/Transport.h"

#include <cctype>
#include <algorithm>
#include <charconv>
#include <vector>

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

/// The last Content-Length header in Line, caseless: where it starts, or npos.
size_t findLengthHeader(const std::string &Line) {
  static const std::string Name = "content-length:";
  if (Line.size() < Name.size())
    return std::string::npos;
  for (size_t I = Line.size() - Name.size() + 1; I-- > 0;)
    if (startsWithCaseless(Line.substr(I, Name.size()), Name))
      return I;
  return std::string::npos;
}

/// Whether Line reads as a header ("Name: value", the name a token).
bool looksLikeHeader(const std::string &Line) {
  size_t Colon = Line.find(':');
  if (Colon == 0 || Colon == std::string::npos)
    return false;
  for (size_t I = 0; I < Colon; ++I)
    if (!std::isalnum(static_cast<unsigned char>(Line[I])) && Line[I] != '-')
      return false;
  return true;
}

/// Follows a JSON text byte by byte just enough to know where its
/// top-level object or array ends: brackets outside strings, and strings
/// with their escapes. The parser judges the rest.
class JsonExtent {
public:
  /// Whether the text started with '{' or '[' (after spaces).
  bool started() const { return Started; }
  bool done() const { return Done || NotJson; }
  /// Whether the bytes so far sit outside every string.
  bool outsideString() const { return !InString; }
  void feed(char C) {
    if (Done || NotJson)
      return;
    if (!Started) {
      if (C == '{' || C == '[') {
        Started = true;
        Depth = 1;
      } else if (C != ' ' && C != '\t' && C != '\r' && C != '\n') {
        NotJson = true;
      }
      return;
    }
    if (InString) {
      if (Escape)
        Escape = false;
      else if (C == '\\')
        Escape = true;
      else if (C == '"')
        InString = false;
      return;
    }
    if (C == '"')
      InString = true;
    else if (C == '{' || C == '[')
      ++Depth;
    else if ((C == '}' || C == ']') && --Depth == 0)
      Done = true;
  }

private:
  bool Started = false, Done = false, NotJson = false, InString = false, Escape = false;
  int Depth = 0;
};

bool isJsonSpace(char C) { return C == ' ' || C == '\t' || C == '\r' || C == '\n'; }

/// Text with what strict JSON parsers refuse and lenient ones decode
/// replaced by U+FFFD: `\uD800` escapes of a lone UTF-16 surrogate (an
/// editor's JavaScript strings may hold one) and bytes that are not UTF-8.
std::string withReplacementCharacters(const std::string &Body) {
  auto HexAt = [&](size_t I, unsigned &V) {
    if (I + 4 > Body.size())
      return false;
    V = 0;
    for (size_t K = I; K < I + 4; ++K) {
      if (!std::isxdigit(static_cast<unsigned char>(Body[K])))
        return false;
      V = V * 16 + static_cast<unsigned>(std::stoi(std::string(1, Body[K]), nullptr, 16));
    }
    return true;
  };
  std::string Out;
  Out.reserve(Body.size());
  for (size_t I = 0; I < Body.size();) {
    unsigned char C = Body[I];
    if (C == '\\' && I + 1 < Body.size()) {
      unsigned V, Low;
      if (Body[I + 1] != 'u' || !HexAt(I + 2, V)) {
        Out.append(Body, I, 2); // Another escape, \\ included.
        I += 2;
      } else if (V >= 0xD800 && V <= 0xDBFF && I + 12 <= Body.size() &&
                 Body.compare(I + 6, 2, "\\u") == 0 &&
                 HexAt(I + 8, Low) && Low >= 0xDC00 && Low <= 0xDFFF) {
        Out.append(Body, I, 12); // A pair: fine.
        I += 12;
      } else {
        Out.append(V >= 0xD800 && V <= 0xDFFF ? "\\uFFFD" : Body.substr(I, 6));
        I += 6;
      }
      continue;
    }
    if (C < 0x80) {
      Out += static_cast<char>(C);
      ++I;
      continue;
    }
    // A UTF-8 sequence: its length from the lead byte, then continuation bytes.
    size_t Len = (C >> 5) == 6 ? 2 : (C >> 4) == 14 ? 3 : (C >> 3) == 30 ? 4 : 0;
    bool Valid = Len != 0 && I + Len <= Body.size();
    for (size_t K = 1; Valid && K < Len; ++K)
      Valid = (static_cast<unsigned char>(Body[I + K]) >> 6) == 2;
    if (Valid) {
      Out.append(Body, I, Len);
      I += Len;
    } else {
      Out += "\xEF\xBF\xBD";
      ++I;
    }
  }
  return Out;
}

/// How deep a message's arrays and objects may nest. LSP's messages nest a
/// dozen levels; nlohmann::json copies and compares recursively, so a
/// message nested 200,000 deep would overflow the stack wherever it goes.
constexpr unsigned MaxMessageDepth = 512;

/// Whether Body's arrays and objects nest deeper than MaxMessageDepth
/// (brackets inside strings do not count).
bool nestsTooDeep(const std::string &Body) {
  unsigned Depth = 0;
  bool InString = false;
  for (size_t I = 0; I < Body.size(); ++I) {
    char C = Body[I];
    if (InString) {
      if (C == '\\')
        ++I;
      else if (C == '"')
        InString = false;
    } else if (C == '"') {
      InString = true;
    } else if (C == '[' || C == '{') {
      if (++Depth > MaxMessageDepth)
        return true;
    } else if ((C == ']' || C == '}') && Depth > 0) {
      --Depth;
    }
  }
  return false;
}

Incoming parseBody(const std::string &Body, std::string Repair = "") {
  Incoming R;
  R.Repair = std::move(Repair);
  if (nestsTooDeep(Body)) {
    R.Kind = Incoming::Status::Malformed;
    R.Error = "invalid JSON: nested deeper than " + std::to_string(MaxMessageDepth) + " levels";
    R.Raw = Body; // A didChange among them leaves its document out of step.
    return R;
  }
  try {
    R.Message = nlohmann::json::parse(Body);
    R.Kind = Incoming::Status::Message;
    return R;
  } catch (const std::exception &E) {
    R.Kind = Incoming::Status::Malformed;
    R.Error = std::string("invalid JSON: ") + E.what();
  }
  // Decode what lenient JSON parsers decode rather than lose the message:
  // a dropped didChange leaves the server with another text than the
  // editor's, and every later edit lands in the wrong place.
  std::string Replaced = withReplacementCharacters(Body);
  if (Replaced != Body) {
    try {
      R.Message = nlohmann::json::parse(Replaced);
      R.Kind = Incoming::Status::Message;
      R.Error.clear();
      R.Repair += std::string(R.Repair.empty() ? "" : "; ") +
                  "a lone UTF-16 surrogate or a byte that is not UTF-8 was read as U+FFFD";
      return R;
    } catch (const std::exception &) {
    }
  }
  R.Raw = Body;
  return R;
}

} // namespace

int Transport::get() {
  if (UnreadPos < Unread.size())
    return static_cast<unsigned char>(Unread[UnreadPos++]);
  return In.get();
}

size_t Transport::readInto(char *Buffer, size_t Count) {
  size_t Taken = std::min(Count, Unread.size() - UnreadPos);
  std::copy_n(Unread.data() + UnreadPos, Taken, Buffer);
  UnreadPos += Taken;
  if (UnreadPos == Unread.size()) {
    Unread.clear();
    UnreadPos = 0;
  }
  if (Taken < Count) {
    In.read(Buffer + Taken, static_cast<std::streamsize>(Count - Taken));
    Taken += static_cast<size_t>(In.gcount());
  }
  return Taken;
}

void Transport::unread(const std::string &Bytes) {
  Unread = Bytes + Unread.substr(UnreadPos);
  UnreadPos = 0;
}

/// std::getline that keeps at most Max bytes of a line (the rest is read
/// and dropped), so a stream of garbage without line breaks cannot grow a
/// header line without bound. False at the end of the input.
bool Transport::readLine(std::string &Line, size_t Max) {
  Line.clear();
  int C;
  bool Any = false;
  while ((C = get()) != std::char_traits<char>::eof()) {
    Any = true;
    if (C == '\n')
      return true;
    if (Line.size() < Max)
      Line += static_cast<char>(C);
  }
  return Any;
}

Incoming Transport::read() {
  return Style == TransportStyle::Framed ? readFramed() : readLitTest();
}

std::optional<long long> Transport::readHeaders(std::string &Repair) {
  // Headers until an empty line. A header block without a usable
  // Content-Length is reported and skipped: the next block may be fine.
  std::string Line;
  long long Length = -1;
  bool BadLength = false;
  bool SawHeader = false;
  size_t Skipped = 0;
  while (true) {
    if (!readLine(Line))
      return std::nullopt;
    size_t RawSize = Line.size() + 1; // With its line break.
    Line = chomp(Line);
    if (Line.empty()) {
      if (!SawHeader)
        continue; // Stray blank lines between messages.
      break;
    }
    // A header glued to what precedes it (the tail of a message whose
    // Content-Length was too short, garbage): resynchronise on it, as
    // robust servers do, rather than lose every later message.
    size_t At = findLengthHeader(Line);
    if (At != 0 && At != std::string::npos) {
      Skipped += At;
      Line.erase(0, At);
    } else if (At == std::string::npos && !looksLikeHeader(Line)) {
      Skipped += RawSize;
      continue;
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
  if (Skipped)
    Repair = "skipped " + std::to_string(Skipped) + " bytes that were not a message before a header";
  return BadLength ? -1 : Length;
}

Incoming Transport::readFramed() {
  std::string Repair;
  std::optional<long long> Length = readHeaders(Repair);
  if (!Length)
    return {};
  if (*Length < 0) {
    Incoming R;
    R.Kind = Incoming::Status::Malformed;
    R.Error = "missing or invalid Content-Length header";
    R.Repair = std::move(Repair);
    return R;
  }
  return readBody(*Length, std::move(Repair));
}

// A Content-Length that does not match the body desynchronises a reader
// that trusts it for good. Clients get it wrong in two ways: too short
// (characters counted instead of bytes on non-ASCII text), and too long.
// The body is read as announced, then measured: a JSON object or array
// that ends early gives the rest back for the next header; one that is
// not finished yet is read on, byte by byte, to its end (never further, so
// a client waiting for the answer is not kept waiting), unless a header
// comes first (then the body was garbage: it is reported and the header
// read).
Incoming Transport::readBody(long long Length, std::string Repair) {
  auto Note = [&](const std::string &What) {
    Repair += (Repair.empty() ? "" : "; ") + What;
  };
  if (static_cast<unsigned long long>(Length) > MaxMessageSize) {
    // Skip the body in pieces rather than allocate it.
    std::vector<char> Sink(64 * 1024);
    long long Left = Length;
    while (Left > 0) {
      size_t Got = readInto(Sink.data(), static_cast<size_t>(std::min<long long>(Left, Sink.size())));
      if (Got == 0)
        return {};
      Left -= static_cast<long long>(Got);
    }
    Incoming R;
    R.Kind = Incoming::Status::Malformed;
    R.Error = "message of " + std::to_string(Length) + " bytes is too large";
    R.Repair = std::move(Repair);
    return R;
  }
  std::string Body(static_cast<size_t>(Length), '\0');
  if (readInto(Body.data(), Body.size()) != Body.size())
    return {}; // Truncated: the stream ended inside the body.
  JsonExtent Extent;
  size_t End = 0;
  while (End < Body.size() && !Extent.done())
    Extent.feed(Body[End++]);
  if (Extent.done() && Extent.started()) {
    size_t Rest = End;
    while (Rest < Body.size() && isJsonSpace(Body[Rest]))
      ++Rest;
    if (Rest < Body.size()) {
      Note("Content-Length " + std::to_string(Length) + " was longer than the message (" +
           std::to_string(End) + " bytes); the rest is read as what follows");
      unread(Body.substr(Rest));
      Body.resize(End);
    }
    return parseBody(Body, Repair);
  }
  if (!Extent.started())
    return parseBody(Body, Repair);
  // Unfinished: read on to its end.
  static const std::string Header = "content-length:";
  int C;
  while (!Extent.done() && Body.size() < MaxMessageSize && (C = get()) != std::char_traits<char>::eof()) {
    Body += static_cast<char>(C);
    Extent.feed(static_cast<char>(C));
    if (C == ':' && Extent.outsideString() && Body.size() >= Header.size() &&
        startsWithCaseless(Body.substr(Body.size() - Header.size()), Header)) {
      // A header where the message should go on: the body was not JSON.
      unread(Body.substr(Body.size() - Header.size()));
      Body.resize(Body.size() - Header.size());
      Incoming R = parseBody(Body, Repair);
      R.Repair += std::string(R.Repair.empty() ? "" : "; ") + "a message ended early; reading the next header";
      return R;
    }
  }
  if (!Extent.done())
    return parseBody(Body, Repair); // The input ended, or the message is too large.
  Note("Content-Length " + std::to_string(Length) + " was shorter than the message (" +
       std::to_string(Body.size()) + " bytes); read it whole");
  return parseBody(Body, Repair);
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
