// PlanColumnResolver: the names a query over a plan may use ("title", "story.title",
// "$story.title$", "Users.user_id") resolved to the plan's table aliases and columns.
#include <string>
#include <string_view>
#include <vector>

#include "query/select_plan.hpp"
#include "sequelize/errors.hpp"

namespace sequelize::detail {
namespace {

std::vector<std::string> splitPath(std::string_view name) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t dot = name.find('.', start);
    parts.emplace_back(
        name.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return parts;
}

}  // namespace

int PlanColumnResolver::nodeFor(const std::vector<std::string>& aliases) const {
  int node = 0;
  for (const std::string& alias : aliases) {
    int found = -1;
    for (const int child : plan_.nodes[static_cast<std::size_t>(node)].children) {
      if (plan_.nodes[static_cast<std::size_t>(child)].association->as() == alias) found = child;
    }
    if (found < 0) return -1;
    node = found;
  }
  return node;
}

ColumnResolver::Column PlanColumnResolver::resolve(std::string_view name) const {
  // Most names are a plain attribute of the root: found without splitting a path.
  if (name.find_first_of(".$") == std::string_view::npos) {
    const PlanNode& root = plan_.nodes.front();
    if (const Attribute* attr = root.model->attribute(name)) {
      const bool qualify = alwaysQualify_ || plan_.nodes.size() > 1;
      return Column{qualify ? root.tableAlias : std::string(), attr->field, attr, root.model};
    }
  }
  std::string_view bare = name;
  // Sequelize's "$story.title$": an attribute of an included association.
  if (bare.size() >= 2 && bare.front() == '$' && bare.back() == '$')
    bare = bare.substr(1, bare.size() - 2);
  std::vector<std::string> parts = splitPath(bare);
  const PlanNode& root = plan_.nodes.front();
  // "Users.user_id": the root model's alias, as Sequelize accepts it in group and col().
  // Named so, it is written so (Sequelize writes col("Users.user_id") as `Users`.`user_id`).
  bool namedWithRoot = false;
  if (parts.size() > 1 && parts.front() == root.tableAlias && nodeFor({parts.front()}) < 0) {
    parts.erase(parts.begin());
    namedWithRoot = true;
  }
  const std::string attributeName = parts.back();
  parts.pop_back();
  const int node = nodeFor(parts);
  if (node < 0) {
    throw Error("Unknown association \"" + parts.front() + "\" in \"" + std::string(name) +
                "\": include it in the query to use its attributes");
  }
  const PlanNode& n = plan_.nodes[static_cast<std::size_t>(node)];
  const Attribute* attr = n.model->attribute(attributeName);
  if (attr == nullptr) {
    std::string message = "Unknown attribute \"" + attributeName + "\" of model " + n.model->name();
    if (attributeName != name) message += " in \"" + std::string(name) + "\"";
    throw Error(message);
  }
  const bool qualify = node != 0 || alwaysQualify_ || namedWithRoot || plan_.nodes.size() > 1;
  return Column{qualify ? n.tableAlias : std::string(), attr->field, attr, n.model};
}

}  // namespace sequelize::detail
