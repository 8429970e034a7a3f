// AwsClient — the two wire protocols cfc speaks: AWS's Query protocol
// (CloudFormation, STS: a signed form POST, an XML reply) and S3's REST.
// Throttling, 5xx answers and dropped connections are retried with
// exponential backoff; other failures become an AwsError whose message
// says what to do (expired credentials, access denied naming the action).
#pragma once

#include "deploy/Credentials.h"
#include "deploy/Http.h"
#include "deploy/Xml.h"

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace cfc::deploy {

/// A request AWS refused, or one that never got an answer.
struct AwsError : std::runtime_error {
  std::string Code;   ///< AWS's error code: "ValidationError", "AccessDenied"; "" when no answer.
  std::string Action; ///< "cloudformation:CreateChangeSet"
  long Status = 0;
  std::string AwsMessage; ///< The message as AWS sent it.
  AwsError(const std::string &What, std::string Code, std::string Action, long Status, std::string AwsMessage)
      : std::runtime_error(What), Code(std::move(Code)), Action(std::move(Action)), Status(Status),
        AwsMessage(std::move(AwsMessage)) {}
};

/// Query parameters in the order given ("Parameters.member.1.ParameterKey").
using QueryParams = std::vector<std::pair<std::string, std::string>>;

class AwsClient {
public:
  explicit AwsClient(Connection Conn) : Conn(std::move(Conn)) {}

  const Connection &connection() const { return Conn; }

  /// A Query-protocol call: Action with Params to Service (API Version).
  /// Returns the reply's <ActionResult> element (empty when it has none).
  XmlNode query(const std::string &Service, const std::string &Version, const std::string &Action,
                const QueryParams &Params);

  /// An S3 REST call on Bucket (and Key, if any), with Query ("lifecycle",
  /// "encryption") as the URL's query string. Returns the answer, whatever
  /// its status, once retries are over; the caller judges it.
  HttpResponse s3(const std::string &Method, const std::string &Bucket, const std::string &Key,
                  const std::string &Query = "", const std::string &Body = "",
                  std::vector<std::string> Headers = {});

  /// Throws the AwsError of an S3 answer that is not a success.
  [[noreturn]] void throwS3Error(const HttpResponse &R, const std::string &Action) const;

  /// The URL cfc sends an object's requests to (the endpoint's, with
  /// --endpoint-url).
  std::string s3ObjectUrl(const std::string &Bucket, const std::string &Key) const;
  /// The object's URL as CloudFormation's TemplateURL takes it: always
  /// AWS's own form (CloudFormation reads it, not cfc; an emulator maps it
  /// to its own S3), virtual-hosted unless the name has dots.
  std::string templateUrl(const std::string &Bucket, const std::string &Key) const;

  /// Base wait between attempts (doubled each time); tests make it short.
  static unsigned RetryBaseMillis;
  static constexpr int MaxAttempts = 5;

private:
  std::string endpointFor(const std::string &Service) const;
  HttpResponse sendWithRetries(const HttpRequest &Request, bool QueryProtocol);

  Connection Conn;
};

/// The message a person gets for an AWS error Code (with AWS's Message) on
/// Action: what went wrong and what to do.
std::string explainAwsError(const std::string &Code, const std::string &Message, const std::string &Action,
                            long Status, const Connection &Conn);

/// Whether an error code (or HTTP status) asks to slow down and retry.
bool isRetryable(const std::string &Code, long Status);

} // namespace cfc::deploy
