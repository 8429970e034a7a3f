#include "deploy/Http.h"

#include <curl/curl.h>
#include <openssl/evp.h>

#include <algorithm>
#include <mutex>

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

void initCurlOnce() {
  static std::once_flag Once;
  std::call_once(Once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

} // namespace

std::string sha256Hex(const std::string &Data) {
  unsigned char Digest[EVP_MAX_MD_SIZE];
  unsigned Length = 0;
  EVP_Digest(Data.data(), Data.size(), Digest, &Length, EVP_sha256(), nullptr);
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
  initCurlOnce();
  HttpResponse Response;
  CURL *Curl = curl_easy_init();
  if (!Curl) {
    Response.TransportError = "cannot start libcurl";
    return Response;
  }
  curl_slist *Headers = nullptr;
  for (const std::string &H : Request.Headers)
    Headers = curl_slist_append(Headers, H.c_str());
  // A session token is sent as a header, which libcurl then signs too.
  if (!Conn.Creds.SessionToken.empty())
    Headers = curl_slist_append(Headers, ("X-Amz-Security-Token: " + Conn.Creds.SessionToken).c_str());
  // No "Expect: 100-continue" round trip before a body.
  Headers = curl_slist_append(Headers, "Expect:");
  std::string Sigv4 = "aws:amz:" + Conn.Region + ":" + Request.Service;
  std::string UserPwd = Conn.Creds.AccessKeyId + ":" + Conn.Creds.SecretAccessKey;

  curl_easy_setopt(Curl, CURLOPT_URL, Request.Url.c_str());
  curl_easy_setopt(Curl, CURLOPT_AWS_SIGV4, Sigv4.c_str());
  curl_easy_setopt(Curl, CURLOPT_USERPWD, UserPwd.c_str());
  curl_easy_setopt(Curl, CURLOPT_HTTPHEADER, Headers);
  curl_easy_setopt(Curl, CURLOPT_WRITEFUNCTION, appendBody);
  curl_easy_setopt(Curl, CURLOPT_WRITEDATA, &Response.Body);
  curl_easy_setopt(Curl, CURLOPT_HEADERFUNCTION, collectHeader);
  curl_easy_setopt(Curl, CURLOPT_HEADERDATA, &Response.Headers);
  curl_easy_setopt(Curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(Curl, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(Curl, CURLOPT_TIMEOUT, 300L);
  curl_easy_setopt(Curl, CURLOPT_USERAGENT, "cfc-deploy");
  if (Request.Method == "HEAD") {
    curl_easy_setopt(Curl, CURLOPT_NOBODY, 1L);
  } else if (Request.Method != "GET") {
    curl_easy_setopt(Curl, CURLOPT_CUSTOMREQUEST, Request.Method.c_str());
    curl_easy_setopt(Curl, CURLOPT_POSTFIELDS, Request.Body.data());
    curl_easy_setopt(Curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(Request.Body.size()));
  }
  CURLcode Code = curl_easy_perform(Curl);
  if (Code != CURLE_OK)
    Response.TransportError = curl_easy_strerror(Code);
  else
    curl_easy_getinfo(Curl, CURLINFO_RESPONSE_CODE, &Response.Status);
  curl_slist_free_all(Headers);
  curl_easy_cleanup(Curl);
  return Response;
}

} // namespace cfc::deploy
