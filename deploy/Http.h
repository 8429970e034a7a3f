// Http — one HTTPS request through libcurl, signed with AWS Signature
// Version 4 by libcurl itself (CURLOPT_AWS_SIGV4): cfc has no cryptography
// of its own.
#pragma once

#include "deploy/Credentials.h"

#include <map>
#include <string>
#include <vector>

namespace cfc::deploy {

struct HttpRequest {
  std::string Method = "GET";
  std::string Url;
  std::vector<std::string> Headers; ///< "Name: value"
  std::string Body;
  std::string Service; ///< The SigV4 service name: "cloudformation", "s3", "sts".
};

struct HttpResponse {
  long Status = 0; ///< 0 when no answer came (TransportError says why).
  std::string Body;
  std::map<std::string, std::string> Headers; ///< Names lower-cased.
  std::string TransportError;
};

/// Sends Request once, signed for Conn's region and credentials.
HttpResponse sendSigned(const HttpRequest &Request, const Connection &Conn);

/// The SHA-256 of Data in lower-case hex (OpenSSL's, which libcurl links).
std::string sha256Hex(const std::string &Data);

/// Percent-encodes S as SigV4 wants it (RFC 3986 unreserved kept; with
/// KeepSlash, '/' too, for S3 object keys).
std::string uriEncode(const std::string &S, bool KeepSlash = false);

} // namespace cfc::deploy
