#include "deploy/AwsClient.h"

#include <chrono>
#include <cstdlib>
#include <random>
#include <thread>

namespace cfc::deploy {

unsigned AwsClient::RetryBaseMillis = [] {
  // CFC_AWS_RETRY_BASE_MS: tests shorten the waits; people never need to.
  if (auto V = processEnv("CFC_AWS_RETRY_BASE_MS"))
    return static_cast<unsigned>(std::strtoul(V->c_str(), nullptr, 10));
  return 250u;
}();

bool isRetryable(const std::string &Code, long Status) {
  static const char *const Throttling[] = {"Throttling",          "ThrottlingException",
                                           "RequestLimitExceeded", "TooManyRequestsException",
                                           "SlowDown",            "RequestThrottled",
                                           "ServiceUnavailable",  "InternalFailure",
                                           "InternalError",       "RequestTimeout"};
  for (const char *T : Throttling)
    if (Code == T)
      return true;
  return Status == 429 || Status >= 500;
}

std::string explainAwsError(const std::string &Code, const std::string &Message, const std::string &Action,
                            long Status, const Connection &Conn) {
  std::string Said = Message.empty() ? "" : " (" + Message + ")";
  if (Code == "ExpiredToken" || Code == "ExpiredTokenException" || Code == "RequestExpired" ||
      Code == "TokenRefreshRequired")
    return "the AWS credentials from " + Conn.Creds.Source +
           " have expired: refresh them (aws sso login, or new keys) and try again" + Said;
  if (Code == "InvalidClientTokenId" || Code == "SignatureDoesNotMatch" || Code == "InvalidAccessKeyId" ||
      Code == "UnrecognizedClientException" || Code == "AuthFailure")
    return "AWS refused the credentials from " + Conn.Creds.Source + " when calling " + Action +
           ": check the access key and secret" + Said;
  if (Code == "AccessDenied" || Code == "AccessDeniedException" || Code == "UnauthorizedOperation" ||
      Code == "Forbidden" || (Code.empty() && Status == 403))
    return "access denied: the credentials from " + Conn.Creds.Source + " may not call " + Action +
           "; grant that action to them" + Said;
  if (isRetryable(Code, Status))
    return Action + " kept failing after " + std::to_string(AwsClient::MaxAttempts) + " attempts: " +
           (Code.empty() ? "HTTP " + std::to_string(Status) : Code) + Said;
  return Action + " failed: " + (Code.empty() ? "HTTP " + std::to_string(Status) : Code) + Said;
}

std::string AwsClient::endpointFor(const std::string &Service) const {
  if (!Conn.EndpointUrl.empty())
    return Conn.EndpointUrl;
  std::string Suffix = Conn.Region.rfind("cn-", 0) == 0 ? ".amazonaws.com.cn" : ".amazonaws.com";
  return "https://" + Service + "." + Conn.Region + Suffix;
}

/// The error code and message of an error reply (Query: <ErrorResponse>
/// <Error><Code>; S3: <Error><Code>).
static std::pair<std::string, std::string> errorOf(const HttpResponse &R) {
  std::optional<XmlNode> Doc = parseXml(R.Body);
  if (!Doc)
    return {"", ""};
  const XmlNode *E = Doc->Name == "Error" ? &*Doc : Doc->find("Error");
  if (!E)
    return {"", ""};
  return {E->text("Code"), E->text("Message")};
}

HttpResponse AwsClient::sendWithRetries(const HttpRequest &Request, bool QueryProtocol) {
  static thread_local std::mt19937 Random{std::random_device{}()};
  HttpResponse R;
  for (int Attempt = 0; Attempt < MaxAttempts; ++Attempt) {
    if (Attempt > 0) {
      // Full jitter: many clients throttled at once do not retry in step.
      unsigned Cap = RetryBaseMillis << (Attempt - 1);
      std::uniform_int_distribution<unsigned> Wait(Cap / 2, Cap);
      std::this_thread::sleep_for(std::chrono::milliseconds(Wait(Random)));
    }
    R = sendSigned(Request, Conn);
    if (!R.TransportError.empty())
      continue;
    if (R.Status < 400)
      return R;
    std::string Code = errorOf(R).first;
    if (!isRetryable(Code, R.Status))
      return R;
  }
  return R;
}

XmlNode AwsClient::query(const std::string &Service, const std::string &Version, const std::string &Action,
                         const QueryParams &Params) {
  HttpRequest Request;
  Request.Method = "POST";
  Request.Url = endpointFor(Service) + "/";
  Request.Service = Service;
  Request.Headers = {"Content-Type: application/x-www-form-urlencoded; charset=utf-8"};
  Request.Body = "Action=" + uriEncode(Action) + "&Version=" + uriEncode(Version);
  for (const auto &P : Params)
    Request.Body += "&" + uriEncode(P.first) + "=" + uriEncode(P.second);
  HttpResponse R = sendWithRetries(Request, true);
  std::string Qualified = Service + ":" + Action;
  if (!R.TransportError.empty())
    throw AwsError("cannot reach " + Request.Url + " for " + Qualified + ": " + R.TransportError, "",
                   Qualified, 0, "");
  if (R.Status >= 400) {
    auto [Code, Message] = errorOf(R);
    throw AwsError(explainAwsError(Code, Message, Qualified, R.Status, Conn), Code, Qualified, R.Status,
                   Message);
  }
  std::optional<XmlNode> Doc = parseXml(R.Body);
  if (!Doc)
    throw AwsError(Qualified + " answered with something that is not XML", "", Qualified, R.Status, "");
  if (const XmlNode *Result = Doc->child(Action + "Result"))
    return *Result;
  return XmlNode{};
}

std::string AwsClient::s3ObjectUrl(const std::string &Bucket, const std::string &Key) const {
  if (!Conn.EndpointUrl.empty())
    return Conn.EndpointUrl + "/" + Bucket + "/" + uriEncode(Key, true);
  std::string Suffix = Conn.Region.rfind("cn-", 0) == 0 ? ".amazonaws.com.cn" : ".amazonaws.com";
  return "https://" + Bucket + ".s3." + Conn.Region + Suffix + "/" + uriEncode(Key, true);
}

std::string AwsClient::templateUrl(const std::string &Bucket, const std::string &Key) const {
  std::string Suffix = Conn.Region.rfind("cn-", 0) == 0 ? ".amazonaws.com.cn" : ".amazonaws.com";
  if (Bucket.find('.') != std::string::npos)
    return "https://s3." + Conn.Region + Suffix + "/" + Bucket + "/" + uriEncode(Key, true);
  return "https://" + Bucket + ".s3." + Conn.Region + Suffix + "/" + uriEncode(Key, true);
}

HttpResponse AwsClient::s3(const std::string &Method, const std::string &Bucket, const std::string &Key,
                           const std::string &Query, const std::string &Body,
                           std::vector<std::string> Headers) {
  HttpRequest Request;
  Request.Method = Method;
  Request.Service = "s3";
  Request.Url = s3ObjectUrl(Bucket, Key);
  if (Key.empty() && Request.Url.back() != '/')
    Request.Url += "/";
  if (!Query.empty())
    Request.Url += "?" + Query;
  Request.Body = Body;
  Request.Headers = std::move(Headers);
  // S3 wants the payload's hash as a header; libcurl signs with it.
  Request.Headers.push_back("x-amz-content-sha256: " + sha256Hex(Body));
  HttpResponse R = sendWithRetries(Request, false);
  if (!R.TransportError.empty())
    throw AwsError("cannot reach " + Request.Url + ": " + R.TransportError, "", "s3", 0, "");
  return R;
}

void AwsClient::throwS3Error(const HttpResponse &R, const std::string &Action) const {
  auto [Code, Message] = errorOf(R);
  if (Code == "PermanentRedirect" || R.Status == 301)
    throw AwsError("the bucket of " + Action + " is in another region (" +
                       (R.Headers.count("x-amz-bucket-region") ? R.Headers.at("x-amz-bucket-region")
                                                               : std::string("unknown")) +
                       ") than the stack (" + Conn.Region + "); use a bucket in " + Conn.Region,
                   Code, Action, R.Status, Message);
  throw AwsError(explainAwsError(Code, Message, Action, R.Status, Conn), Code, Action, R.Status, Message);
}

} // namespace cfc::deploy
