// Libraries — libcurl, libxml2 and OpenSSL's libcrypto, loaded with dlopen
// the first time a command talks to AWS. Linked the ordinary way they would
// bring some 35 shared libraries (Kerberos, LDAP, ICU, GnuTLS...) into every
// start of cfc, where the dynamic loader now binds libc only
// (docs/performance.md): `cfc build` must not pay for `cfc deploy`. The
// headers are the Debian packages' (tools/setup), so the types and
// constants are theirs; only the few functions cfc calls are looked up.
#pragma once

#define CURL_DISABLE_TYPECHECK // curl_easy_setopt is called through a pointer.
#include <curl/curl.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <openssl/evp.h>

namespace cfc::deploy::lib {

struct Curl {
  CURLcode (*GlobalInit)(long);
  CURL *(*EasyInit)();
  CURLcode (*EasySetopt)(CURL *, CURLoption, ...);
  CURLcode (*EasyPerform)(CURL *);
  CURLcode (*EasyGetinfo)(CURL *, CURLINFO, ...);
  void (*EasyCleanup)(CURL *);
  const char *(*EasyStrerror)(CURLcode);
  curl_slist *(*SlistAppend)(curl_slist *, const char *);
  void (*SlistFreeAll)(curl_slist *);
};

struct Xml {
  xmlDocPtr (*ReadMemory)(const char *, int, const char *, const char *, int);
  xmlNodePtr (*DocGetRootElement)(const xmlDoc *);
  void (*FreeDoc)(xmlDocPtr);
};

struct Crypto {
  int (*Digest)(const void *, size_t, unsigned char *, unsigned int *, const EVP_MD *, ENGINE *);
  const EVP_MD *(*Sha256)();
  const EVP_MD *(*Md5)();
  int (*EncodeBlock)(unsigned char *, const unsigned char *, int);
};

/// Each library, loaded once (thread-safe); throws ConnectionError naming
/// the Debian package when it is not installed.
const Curl &curl();
const Xml &xml();
const Crypto &crypto();

} // namespace cfc::deploy::lib
