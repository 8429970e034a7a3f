#include "Catalog/StatefulTypes.h"

#include <algorithm>
#include <array>
#include <utility>

namespace cfc::catalog {
namespace {

using Entry = std::pair<std::string_view, DataKeeping>;

// cfn-lint's list of likely stateful types (data/AdditionalSpecs/
// StatefulResources.json, MIT-0, the list behind its rule I3011), plus the
// types CloudFormation lets snapshot on delete (the DeletionPolicy page of the
// CloudFormation User Guide). Sorted for the binary search below.
constexpr std::array Table = {
    Entry{"AWS::Backup::BackupVault", DataKeeping::Retain},
    Entry{"AWS::CloudFormation::Stack", DataKeeping::Retain},
    Entry{"AWS::Cognito::UserPool", DataKeeping::Retain},
    Entry{"AWS::DocDB::DBCluster", DataKeeping::Snapshot},
    Entry{"AWS::DocDB::DBInstance", DataKeeping::Retain},
    Entry{"AWS::DynamoDB::GlobalTable", DataKeeping::Retain},
    Entry{"AWS::DynamoDB::Table", DataKeeping::Retain},
    Entry{"AWS::EC2::Volume", DataKeeping::Snapshot},
    Entry{"AWS::EFS::FileSystem", DataKeeping::Retain},
    Entry{"AWS::EMR::Cluster", DataKeeping::Retain},
    Entry{"AWS::ElastiCache::CacheCluster", DataKeeping::Snapshot},
    Entry{"AWS::ElastiCache::ReplicationGroup", DataKeeping::Snapshot},
    Entry{"AWS::Elasticsearch::Domain", DataKeeping::Retain},
    Entry{"AWS::FSx::FileSystem", DataKeeping::Retain},
    Entry{"AWS::KMS::Key", DataKeeping::Retain},
    Entry{"AWS::Kinesis::Stream", DataKeeping::Retain},
    Entry{"AWS::Logs::LogGroup", DataKeeping::Retain},
    Entry{"AWS::Neptune::DBCluster", DataKeeping::Snapshot},
    Entry{"AWS::Neptune::DBInstance", DataKeeping::Retain},
    Entry{"AWS::OpenSearchService::Domain", DataKeeping::Retain},
    Entry{"AWS::Organizations::Account", DataKeeping::Retain},
    Entry{"AWS::QLDB::Ledger", DataKeeping::Retain},
    Entry{"AWS::RDS::DBCluster", DataKeeping::Snapshot},
    Entry{"AWS::RDS::DBInstance", DataKeeping::Snapshot},
    Entry{"AWS::Redshift::Cluster", DataKeeping::Snapshot},
    Entry{"AWS::S3::Bucket", DataKeeping::Retain},
    Entry{"AWS::SDB::Domain", DataKeeping::Retain},
    Entry{"AWS::SQS::Queue", DataKeeping::Retain},
    Entry{"AWS::SecretsManager::Secret", DataKeeping::Retain},
};

constexpr bool isSorted() {
  for (size_t I = 1; I < Table.size(); ++I)
    if (!(Table[I - 1].first < Table[I].first))
      return false;
  return true;
}
static_assert(isSorted(), "keep the table sorted");

} // namespace

DataKeeping dataKeepingOf(std::string_view CfnType) {
  auto It = std::lower_bound(Table.begin(), Table.end(), CfnType,
                             [](const Entry &E, std::string_view T) { return E.first < T; });
  return It != Table.end() && It->first == CfnType ? It->second : DataKeeping::None;
}

} // namespace cfc::catalog
