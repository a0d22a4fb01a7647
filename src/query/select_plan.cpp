#include "query/select_plan.hpp"

#include <algorithm>

#include "sequelize/association.hpp"
#include "sequelize/errors.hpp"

namespace sequelize::detail {
namespace {

// The attributes to read for one model, in order (Sequelize: the list given, or every
// attribute minus `exclude`).
std::vector<std::uint32_t> selectedSlots(const Model& model, const AttributeSelection& selection) {
  std::vector<std::uint32_t> slots;
  auto slotOf = [&](const std::string& name) {
    const auto index = model.attributeIndex(name);
    if (!index) {
      throw Error("Unknown attribute \"" + name + "\" in attributes of model " + model.name());
    }
    return static_cast<std::uint32_t>(*index);
  };
  if (!selection.isAll()) {
    for (const AttributeItem& item : selection.only) {
      if (!item.alias.empty() && item.alias != item.name) {
        throw Error("Attribute aliases are not supported here yet: [\"" + item.name + "\", \"" +
                    item.alias + "\"]");
      }
      slots.push_back(slotOf(item.name));
    }
    return slots;
  }
  for (const std::string& name : selection.exclude) (void)slotOf(name);
  const auto& attrs = model.rawAttributes();
  for (std::uint32_t i = 0; i < attrs.size(); ++i) {
    if (std::find(selection.exclude.begin(), selection.exclude.end(), attrs[i].name) ==
        selection.exclude.end()) {
      slots.push_back(i);
    }
  }
  for (const AttributeItem& item : selection.include) {
    const std::uint32_t s = slotOf(item.name);
    if (std::find(slots.begin(), slots.end(), s) == slots.end()) slots.push_back(s);
  }
  return slots;
}

class Planner {
 public:
  Planner(const Model& root, const FindOptions& options) : root_(root), options_(options) {}

  SelectPlan run() {
    const std::vector<ResolvedInclude> includes = resolveIncludes(root_, options_.include);
    SelectStatement& s = plan_.statement;
    s.table = root_.tableName();
    s.alias = root_.name();
    qualify_ = !includes.empty();

    PlanNode rootNode;
    rootNode.model = &root_;
    rootNode.tableAlias = root_.name();
    plan_.nodes.push_back(std::move(rootNode));
    addColumns(0, selectedSlots(root_, options_.attributes), "");
    for (const ResolvedInclude& inc : includes) addInclude(0, inc, "", s.joins);
    if (mayRepeatRoot_) keepOneRowPerRoot();
    buildOrders();

    ModelColumnResolver resolver(root_, root_.name());
    s.where = compileWhere(options_.where, resolver);
    for (const OrderItem& item : options_.order) s.order.push_back(orderTerm(item));
    if ((options_.limit && *options_.limit < 0) || (options_.offset && *options_.offset < 0)) {
      throw RangeError("limit and offset must not be negative");
    }
    s.limit = options_.limit;
    s.offset = options_.offset;
    // LIMIT and OFFSET count rows: when a root may come back in several rows, they must count
    // roots. (One row is always one whole root, so LIMIT 1 alone needs nothing.)
    const bool countsRows = options_.offset.has_value() || (options_.limit && *options_.limit != 1);
    if (mayRepeatRoot_ && countsRows) {
      for (const std::size_t slot : rootKeySlots()) {
        SelectColumn key;
        key.table = root_.name();
        key.column = root_.rawAttributes()[slot].field;
        s.onePerKey.push_back(std::move(key));
      }
    }
    return std::move(plan_);
  }

 private:
  void addColumns(int node, const std::vector<std::uint32_t>& shown, const std::string& prefix) {
    PlanNode& n = plan_.nodes[static_cast<std::size_t>(node)];
    const Model& model = *n.model;
    const auto& attrs = model.rawAttributes();
    std::vector<std::uint32_t> slots = shown;
    const auto pk = model.primaryKeyIndex();
    // An include's key is read even when not shown: it tells a match from a LEFT JOIN miss.
    bool hiddenKey = false;
    if (node != 0 && pk && std::find(slots.begin(), slots.end(), *pk) == slots.end()) {
      slots.insert(slots.begin(), static_cast<std::uint32_t>(*pk));
      hiddenKey = true;
    }
    for (const std::uint32_t slot : slots) {
      const Attribute& a = attrs[slot];
      SelectColumn c;
      if (qualify_) c.table = n.tableAlias;
      c.column = a.field;
      const std::string key = prefix + a.name;
      if (key != a.field) c.as = key;
      const int column = static_cast<int>(plan_.columns.size());
      const bool isHiddenKey = hiddenKey && pk && slot == *pk;
      plan_.columns.push_back(ColumnTarget{node, slot, &a.type, !isHiddenKey});
      plan_.statement.columns.push_back(std::move(c));
      if (pk && slot == *pk) n.keyColumn = column;
    }
    shownSlots_.resize(plan_.nodes.size());
    shownSlots_[static_cast<std::size_t>(node)] = shown;
  }

  void addInclude(int parent, const ResolvedInclude& inc, const std::string& parentPrefix,
                  std::vector<SelectJoin>& joins) {
    const Association& assoc = *inc.association;
    PlanNode n;
    n.model = &assoc.target();
    n.association = &assoc;
    n.parent = parent;
    const PlanNode& p = plan_.nodes[static_cast<std::size_t>(parent)];
    n.tableAlias = parent == 0 ? assoc.as() : p.tableAlias + "->" + assoc.as();
    const int index = static_cast<int>(plan_.nodes.size());
    plan_.nodes[static_cast<std::size_t>(parent)].children.push_back(index);
    const std::string parentAlias = p.tableAlias;
    plan_.nodes.push_back(std::move(n));
    const std::string prefix = parentPrefix + assoc.as() + ".";
    const AttributeSelection all{};
    addColumns(index, selectedSlots(assoc.target(), inc.options ? inc.options->attributes : all),
               prefix);
    if (mayMatchSeveral(assoc)) mayRepeatRoot_ = true;

    SelectJoin j;
    j.inner = inc.required;
    j.table = assoc.target().tableName();
    j.alias = plan_.nodes[static_cast<std::size_t>(index)].tableAlias;
    j.leftTable = parentAlias;
    j.rightTable = j.alias;
    if (assoc.associationType() == AssociationType::HasOne) {
      j.leftColumn = assoc.source().attribute(assoc.sourceKey())->field;
      j.rightColumn = assoc.target().attribute(assoc.foreignKey())->field;
    } else {
      j.leftColumn = assoc.source().attribute(assoc.foreignKey())->field;
      j.rightColumn = assoc.target().attribute(assoc.targetKey())->field;
    }
    if (inc.options != nullptr && !inc.options->where.empty()) {
      ModelColumnResolver resolver(assoc.target(), j.alias);
      j.extra = compileWhere(inc.options->where, resolver);
    }
    // As Sequelize: below an optional include, a required child is joined inside the optional
    // one's parentheses (with its siblings), so that it can only drop the optional row.
    const bool nest =
        !inc.required && std::any_of(inc.children.begin(), inc.children.end(),
                                     [](const ResolvedInclude& c) { return c.required; });
    if (nest) {
      for (const ResolvedInclude& child : inc.children) addInclude(index, child, prefix, j.nested);
      joins.push_back(std::move(j));
    } else {
      joins.push_back(std::move(j));
      for (const ResolvedInclude& child : inc.children) addInclude(index, child, prefix, joins);
    }
  }

  // Whether the join of an include can find several rows for one parent row: a hasOne whose
  // foreign key is not unique (nothing in the schema stops a second row), or a belongsTo to a
  // target key that is not unique.
  static bool mayMatchSeveral(const Association& assoc) {
    const Model& model = assoc.target();
    const std::string& key =
        assoc.associationType() == AssociationType::HasOne ? assoc.foreignKey() : assoc.targetKey();
    const Attribute* a = model.attribute(key);
    return a == nullptr || !isUniqueAlone(model, *a);
  }

  static bool isUniqueAlone(const Model& model, const Attribute& a) {
    std::size_t primaryKeys = 0;
    for (const Attribute& other : model.rawAttributes()) primaryKeys += other.primaryKey ? 1 : 0;
    if (a.primaryKey) return primaryKeys == 1;
    if (!a.unique.enabled()) return false;
    if (a.unique.indexName().empty()) return true;
    // A named unique index shared with other columns is unique only in combination.
    return std::none_of(model.rawAttributes().begin(), model.rawAttributes().end(),
                        [&](const Attribute& other) {
                          return &other != &a && other.unique.indexName() == a.unique.indexName();
                        });
  }

  [[nodiscard]] std::vector<std::size_t> rootKeySlots() const {
    std::vector<std::size_t> slots;
    const auto& attrs = root_.rawAttributes();
    for (std::size_t i = 0; i < attrs.size(); ++i) {
      if (attrs[i].primaryKey) slots.push_back(i);
    }
    return slots;
  }

  // Reads the root's key (hidden, after the root's own columns, when it is not selected) so
  // that the hydrator can fold rows that repeat a root. Runs once every column is planned.
  void keepOneRowPerRoot() {
    std::size_t rootColumnCount = 0;
    while (rootColumnCount < plan_.columns.size() && plan_.columns[rootColumnCount].node == 0)
      ++rootColumnCount;
    for (const std::size_t slot : rootKeySlots()) {
      int column = -1;
      for (std::size_t c = 0; c < rootColumnCount; ++c) {
        if (plan_.columns[c].slot == slot) column = static_cast<int>(c);
      }
      if (column < 0) {
        const Attribute& a = root_.rawAttributes()[slot];
        column = static_cast<int>(rootColumnCount);
        plan_.columns.insert(plan_.columns.begin() + static_cast<std::ptrdiff_t>(rootColumnCount),
                             ColumnTarget{0, static_cast<std::uint32_t>(slot), &a.type, false});
        SelectColumn c;
        c.table = root_.name();
        c.column = a.field;
        if (a.name != a.field) c.as = a.name;
        auto& columns = plan_.statement.columns;
        columns.insert(columns.begin() + static_cast<std::ptrdiff_t>(rootColumnCount),
                       std::move(c));
        for (PlanNode& node : plan_.nodes) {
          if (node.keyColumn && *node.keyColumn >= column) node.keyColumn = *node.keyColumn + 1;
        }
        ++rootColumnCount;
      }
      plan_.rootKeyColumns.push_back(column);
    }
  }

  void buildOrders() {
    for (std::size_t i = 0; i < plan_.nodes.size(); ++i) {
      auto order = std::make_shared<KeyOrder>();
      for (const std::uint32_t slot : shownSlots_[i]) {
        order->keys.push_back(KeyRef{KeyRef::Kind::Attribute, slot});
      }
      const auto& children = plan_.nodes[i].children;
      for (std::uint32_t k = 0; k < children.size(); ++k) {
        order->keys.push_back(KeyRef{KeyRef::Kind::Include, k});
      }
      plan_.nodes[i].order = std::move(order);
    }
  }

  OrderTerm orderTerm(const OrderItem& item) {
    int node = 0;
    const auto& path = item.path();
    for (std::size_t i = 0; i + 1 < path.size(); ++i) {
      int found = -1;
      for (const int child : plan_.nodes[static_cast<std::size_t>(node)].children) {
        if (plan_.nodes[static_cast<std::size_t>(child)].association->as() == path[i])
          found = child;
      }
      if (found < 0) {
        throw Error("Unable to find the included association \"" + path[i] + "\" to order by");
      }
      node = found;
    }
    const PlanNode& n = plan_.nodes[static_cast<std::size_t>(node)];
    const Attribute* a = n.model->attribute(path.back());
    if (a == nullptr) {
      throw Error("Unknown attribute \"" + path.back() + "\" in order of model " + n.model->name());
    }
    return OrderTerm{n.tableAlias, a->field, item.direction()};
  }

  const Model& root_;
  const FindOptions& options_;
  SelectPlan plan_;
  bool qualify_ = false;
  bool mayRepeatRoot_ = false;
  std::vector<std::vector<std::uint32_t>> shownSlots_;
};

}  // namespace

SelectPlan planSelect(const Model& model, const FindOptions& options) {
  return Planner(model, options).run();
}

}  // namespace sequelize::detail
