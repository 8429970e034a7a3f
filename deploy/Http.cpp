#include "deploy/Http.h"

#include "deploy/Libraries.h"

#include <algorithm>

namespace cfc::deploy {

namespace {

size_t appendBody(char *Data, size_t Size, size_t Count, void *Out) {
  static_cast<std::string *>(Out)->append(Data, Size * Count);
  return Size * Count;
}

size_t collectHeader(char *Data, size_t Size, size_t Count, void *Out) {
  std::string Line(Data, Size * Count);
  size_t Colon = Line.find(':');
  if (Colon != std::string::npos) {
    std::string Name = Line.substr(0, Colon);
    std::transform(Name.begin(), Name.end(), Name.begin(), [](unsigned char C) { return std::tolower(C); });
    std::string Value = Line.substr(Colon + 1);
    Value.erase(0, Value.find_first_not_of(" \t"));
    Value.erase(Value.find_last_not_of(" \t\r\n") + 1);
    (*static_cast<std::map<std::string, std::string> *>(Out))[Name] = Value;
  }
  return Size * Count;
}

} // namespace

std::string sha256Hex(const std::string &Data) {
  unsigned char Digest[EVP_MAX_MD_SIZE];
  unsigned Length = 0;
  const lib::Crypto &C = lib::crypto();
  C.Digest(Data.data(), Data.size(), Digest, &Length, C.Sha256(), nullptr);
  static const char Hex[] = "0123456789abcdef";
  std::string Out;
  for (unsigned I = 0; I < Length; ++I) {
    Out += Hex[Digest[I] >> 4];
    Out += Hex[Digest[I] & 15];
  }
  return Out;
}

std::string uriEncode(const std::string &S, bool KeepSlash) {
  static const char Hex[] = "0123456789ABCDEF";
  std::string Out;
  for (unsigned char C : S) {
    if (std::isalnum(C) || C == '-' || C == '_' || C == '.' || C == '~' || (KeepSlash && C == '/')) {
      Out += static_cast<char>(C);
    } else {
      Out += '%';
      Out += Hex[C >> 4];
      Out += Hex[C & 15];
    }
  }
  return Out;
}

HttpResponse sendSigned(const HttpRequest &Request, const Connection &Conn) {
  const lib::Curl &L = lib::curl();
  HttpResponse Response;
  CURL *Curl = L.EasyInit();
  if (!Curl) {
    Response.TransportError = "cannot start libcurl";
    return Response;
  }
  curl_slist *Headers = nullptr;
  for (const std::string &H : Request.Headers)
    Headers = L.SlistAppend(Headers, H.c_str());
  // A session token is sent as a header, which libcurl then signs too.
  if (!Conn.Creds.SessionToken.empty())
    Headers = L.SlistAppend(Headers, ("X-Amz-Security-Token: " + Conn.Creds.SessionToken).c_str());
  // No "Expect: 100-continue" round trip before a body.
  Headers = L.SlistAppend(Headers, "Expect:");
  std::string Sigv4 = "aws:amz:" + Conn.Region + ":" + Request.Service;
  std::string UserPwd = Conn.Creds.AccessKeyId + ":" + Conn.Creds.SecretAccessKey;

  L.EasySetopt(Curl, CURLOPT_URL, Request.Url.c_str());
  L.EasySetopt(Curl, CURLOPT_AWS_SIGV4, Sigv4.c_str());
  L.EasySetopt(Curl, CURLOPT_USERPWD, UserPwd.c_str());
  L.EasySetopt(Curl, CURLOPT_HTTPHEADER, Headers);
  L.EasySetopt(Curl, CURLOPT_WRITEFUNCTION, appendBody);
  L.EasySetopt(Curl, CURLOPT_WRITEDATA, &Response.Body);
  L.EasySetopt(Curl, CURLOPT_HEADERFUNCTION, collectHeader);
  L.EasySetopt(Curl, CURLOPT_HEADERDATA, &Response.Headers);
  L.EasySetopt(Curl, CURLOPT_NOSIGNAL, 1L);
  L.EasySetopt(Curl, CURLOPT_CONNECTTIMEOUT, 10L);
  L.EasySetopt(Curl, CURLOPT_TIMEOUT, 300L);
  L.EasySetopt(Curl, CURLOPT_USERAGENT, "cfc-deploy");
  if (Request.Method == "HEAD") {
    L.EasySetopt(Curl, CURLOPT_NOBODY, 1L);
  } else if (Request.Method != "GET") {
    L.EasySetopt(Curl, CURLOPT_CUSTOMREQUEST, Request.Method.c_str());
    L.EasySetopt(Curl, CURLOPT_POSTFIELDS, Request.Body.data());
    L.EasySetopt(Curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(Request.Body.size()));
  }
  CURLcode Code = L.EasyPerform(Curl);
  if (Code != CURLE_OK)
    Response.TransportError = L.EasyStrerror(Code);
  else
    L.EasyGetinfo(Curl, CURLINFO_RESPONSE_CODE, &Response.Status);
  L.SlistFreeAll(Headers);
  L.EasyCleanup(Curl);
  return Response;
}

} // namespace cfc::deploy
