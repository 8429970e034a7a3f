// ApiGatewayRules — route keys of HTTP APIs ("$default", or "METHOD /path"
// with {param} segments and a greedy {proxy+} last) and the HTTP methods of
// REST API methods ("Routes for HTTP APIs in API Gateway").
#include "Rules/RuleContext.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

namespace cfc::rules {

namespace {

constexpr llvm::StringLiteral Methods[] = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"};

/// What is wrong with a path of a route key, or "".
std::string badPath(llvm::StringRef Path) {
  if (!Path.startswith("/"))
    return "the path must begin with \"/\"";
  llvm::SmallVector<llvm::StringRef, 8> Segments;
  Path.drop_front().split(Segments, '/');
  for (size_t I = 0; I < Segments.size(); ++I) {
    llvm::StringRef S = Segments[I];
    bool Last = I + 1 == Segments.size();
    if (S.empty()) {
      if (Last && Segments.size() == 1)
        break; // "/" alone.
      return "the path has an empty segment";
    }
    if (S.contains('{') || S.contains('}')) {
      if (!S.startswith("{") || !S.endswith("}") || S.size() < 3)
        return "segment \"" + S.str() + "\" must be a whole {parameter}";
      if (S.endswith("+}") && !Last)
        return "the greedy parameter " + S.str() + " must be the last segment";
    }
  }
  return "";
}

/// Whether the API a route belongs to is an HTTP API (not WebSocket).
bool isHttpApi(const ir::Resource &Route, Context &C) {
  std::optional<std::string> Id = referencedId(prop(Route, "ApiId"));
  const ir::Resource *Api = Id ? C.Stack.resource(*Id) : nullptr;
  return Api && Api->Type == "AWS::ApiGatewayV2::Api" && knownString(prop(*Api, "ProtocolType")) == "HTTP";
}

void checkRouteKey(const ir::Resource &R, Context &C) {
  ValuePtr V = prop(R, "RouteKey");
  std::optional<std::string> Key = knownString(V);
  if (!Key || *Key == "$default" || !isHttpApi(R, C))
    return;
  auto [Method, Path] = llvm::StringRef(*Key).split(' ');
  std::string Problem;
  if (Path.empty())
    Problem = "a route key is \"$default\" or a method and a path, \"GET /items\"";
  else if (!llvm::is_contained(Methods, Method)) {
    std::string Upper = Method.upper();
    if (llvm::is_contained(Methods, Upper)) {
      std::string Fixed = Upper + " " + Path.str();
      C.reportWithFix(R, V, "write " + quoted(Fixed), quoted(Fixed), diag::HttpRouteKey, *Key, R.LogicalId,
                      "methods are written in upper case");
      return;
    }
    Problem = "\"" + Method.str() + "\" is none of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY";
  } else {
    Problem = badPath(Path);
  }
  if (!Problem.empty())
    C.report(R, V, diag::HttpRouteKey, *Key, R.LogicalId, Problem);
}

void checkRestMethod(const ir::Resource &R, Context &C) {
  ValuePtr V = prop(R, "HttpMethod");
  std::optional<std::string> Method = knownString(V);
  if (!Method || llvm::is_contained(Methods, *Method))
    return;
  std::string Upper = llvm::StringRef(*Method).upper();
  if (llvm::is_contained(Methods, Upper))
    C.reportWithFix(R, V, "write " + quoted(Upper), quoted(Upper), diag::RestApiMethod, *Method, R.LogicalId);
  else
    C.report(R, V, diag::RestApiMethod, *Method, R.LogicalId);
}

} // namespace

void checkApiRoutes(const ir::Resource &R, Context &C) {
  if (R.Type == "AWS::ApiGateway::Method")
    checkRestMethod(R, C);
  else
    checkRouteKey(R, C);
}

} // namespace cfc::rules
