#include "deploy/Xml.h"

#include "deploy/Libraries.h"

namespace cfc::deploy {

const XmlNode *XmlNode::child(const std::string &N) const {
  for (const XmlNode &C : Children)
    if (C.Name == N)
      return &C;
  return nullptr;
}

const XmlNode *XmlNode::find(const std::string &N) const {
  for (const XmlNode &C : Children) {
    if (C.Name == N)
      return &C;
    if (const XmlNode *Below = C.find(N))
      return Below;
  }
  return nullptr;
}

std::string XmlNode::text(const std::string &N) const {
  const XmlNode *C = child(N);
  return C ? C->Text : "";
}

std::vector<const XmlNode *> XmlNode::members(const std::string &N) const {
  std::vector<const XmlNode *> Out;
  if (const XmlNode *List = child(N))
    for (const XmlNode &M : List->Children)
      if (M.Name == "member")
        Out.push_back(&M);
  return Out;
}

static XmlNode convert(xmlNode *Element) {
  XmlNode Node;
  Node.Name = reinterpret_cast<const char *>(Element->name);
  for (xmlNode *C = Element->children; C; C = C->next) {
    if (C->type == XML_ELEMENT_NODE)
      Node.Children.push_back(convert(C));
    else if ((C->type == XML_TEXT_NODE || C->type == XML_CDATA_SECTION_NODE) && C->content)
      Node.Text += reinterpret_cast<const char *>(C->content);
  }
  return Node;
}

std::optional<XmlNode> parseXml(const std::string &Text) {
  if (Text.empty())
    return std::nullopt;
  const lib::Xml &L = lib::xml();
  xmlDoc *Doc = L.ReadMemory(Text.data(), static_cast<int>(Text.size()), "reply.xml", nullptr,
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (!Doc)
    return std::nullopt;
  std::optional<XmlNode> Root;
  if (xmlNode *R = L.DocGetRootElement(Doc))
    Root = convert(R);
  L.FreeDoc(Doc);
  return Root;
}

} // namespace cfc::deploy
