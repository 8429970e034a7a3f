#include "deploy/Libraries.h"

#include "deploy/Credentials.h"

#include <dlfcn.h>

#include <string>

namespace cfc::deploy::lib {

namespace {

/// The library called Soname, or a ConnectionError naming Package.
void *open(const char *Soname, const char *Package) {
  void *Handle = dlopen(Soname, RTLD_NOW | RTLD_LOCAL);
  if (!Handle)
    throw ConnectionError(std::string("cfc deploy needs ") + Soname + ", which is not installed (apt-get install " +
                          Package + ", or run tools/setup)");
  return Handle;
}

template <typename F> void bind(void *Handle, const char *Name, F &Slot) {
  void *Symbol = dlsym(Handle, Name);
  if (!Symbol)
    throw ConnectionError(std::string("the installed library lacks ") + Name + "; update it");
  Slot = reinterpret_cast<F>(Symbol);
}

} // namespace

const Curl &curl() {
  static const Curl Loaded = [] {
    void *H = open("libcurl.so.4", "libcurl4");
    Curl C{};
    bind(H, "curl_global_init", C.GlobalInit);
    bind(H, "curl_easy_init", C.EasyInit);
    bind(H, "curl_easy_setopt", C.EasySetopt);
    bind(H, "curl_easy_perform", C.EasyPerform);
    bind(H, "curl_easy_getinfo", C.EasyGetinfo);
    bind(H, "curl_easy_cleanup", C.EasyCleanup);
    bind(H, "curl_easy_strerror", C.EasyStrerror);
    bind(H, "curl_slist_append", C.SlistAppend);
    bind(H, "curl_slist_free_all", C.SlistFreeAll);
    C.GlobalInit(CURL_GLOBAL_DEFAULT);
    return C;
  }();
  return Loaded;
}

const Xml &xml() {
  static const Xml Loaded = [] {
    void *H = open("libxml2.so.2", "libxml2");
    Xml X{};
    bind(H, "xmlReadMemory", X.ReadMemory);
    bind(H, "xmlDocGetRootElement", X.DocGetRootElement);
    bind(H, "xmlFreeDoc", X.FreeDoc);
    return X;
  }();
  return Loaded;
}

const Crypto &crypto() {
  static const Crypto Loaded = [] {
    void *H = open("libcrypto.so.3", "libssl3");
    Crypto C{};
    bind(H, "EVP_Digest", C.Digest);
    bind(H, "EVP_sha256", C.Sha256);
    bind(H, "EVP_md5", C.Md5);
    bind(H, "EVP_EncodeBlock", C.EncodeBlock);
    return C;
  }();
  return Loaded;
}

} // namespace cfc::deploy::lib
