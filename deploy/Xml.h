// Xml — AWS's XML replies (the Query protocol's and S3's) read with libxml2
// into a small tree. Namespaces are dropped: AWS puts every element of a
// reply in one, and the names alone are what cfc looks up.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace cfc::deploy {

struct XmlNode {
  std::string Name; ///< Local name, without namespace prefix.
  std::string Text; ///< Concatenated text of the element's own text children.
  std::vector<XmlNode> Children;

  /// The first child element called Name, or null.
  const XmlNode *child(const std::string &Name) const;
  /// The first element called Name anywhere below (depth first), or null.
  const XmlNode *find(const std::string &Name) const;
  /// The text of child Name, or "" when there is none.
  std::string text(const std::string &Name) const;
  /// The `member` children of child Name (a Query protocol list).
  std::vector<const XmlNode *> members(const std::string &Name) const;
};

/// The document's root element, or nothing when Text is not well-formed XML.
/// Never reads the network or a file (no DTDs, no entities).
std::optional<XmlNode> parseXml(const std::string &Text);

} // namespace cfc::deploy
