#include "query/select_plan.hpp"

#include <algorithm>
#include <string_view>

#include "model/model_registry.hpp"
#include "query/join_multiplicity.hpp"
#include "sequelize/association.hpp"
#include "sequelize/errors.hpp"

namespace sequelize::detail {
namespace {

// One entry of a node's selection: an attribute read into its slot, an attribute read under an
// alias, or an expression under an alias.
struct SelectedItem {
  std::optional<std::uint32_t> slot;  // the attribute (none for an expression)
  std::string alias;                  // empty: the attribute under its own name
  const Expr* expr = nullptr;
};

// The attributes to read for one model, in order (Sequelize: the list given, or every
// attribute minus `exclude` plus `include`).
std::vector<SelectedItem> selectedItems(const Model& model, const AttributeSelection& selection) {
  std::vector<SelectedItem> items;
  auto slotOf = [&](const std::string& name) {
    const auto index = model.attributeIndex(name);
    if (!index) {
      throw Error("Unknown attribute \"" + name + "\" in attributes of model " + model.name());
    }
    return static_cast<std::uint32_t>(*index);
  };
  auto itemFor = [&](const AttributeItem& item) {
    SelectedItem out;
    if (item.expr) {
      if (item.alias.empty()) {
        throw Error("An expression in attributes of model " + model.name() +
                    " needs an alias: {fn(...), \"alias\"}");
      }
      out.expr = &*item.expr;
      out.alias = item.alias;
      return out;
    }
    out.slot = slotOf(item.name);
    if (!item.alias.empty() && item.alias != item.name) out.alias = item.alias;
    return out;
  };
  auto hasPlainSlot = [&](std::uint32_t slot) {
    return std::any_of(items.begin(), items.end(), [&](const SelectedItem& i) {
      return i.slot == slot && i.alias.empty() && i.expr == nullptr;
    });
  };
  if (selection.none) return items;
  if (!selection.isAll()) {
    for (const AttributeItem& item : selection.only) items.push_back(itemFor(item));
    return items;
  }
  for (const std::string& name : selection.exclude) (void)slotOf(name);
  const auto& attrs = model.rawAttributes();
  for (std::uint32_t i = 0; i < attrs.size(); ++i) {
    if (std::find(selection.exclude.begin(), selection.exclude.end(), attrs[i].name) ==
        selection.exclude.end()) {
      items.push_back(SelectedItem{i, {}, nullptr});
    }
  }
  for (const AttributeItem& item : selection.include) {
    SelectedItem extra = itemFor(item);
    if (extra.expr == nullptr && extra.alias.empty() && hasPlainSlot(*extra.slot)) continue;
    items.push_back(std::move(extra));
  }
  return items;
}

class Planner {
 public:
  Planner(const Model& root, const FindOptions& options, const RowsPerKey* perKey)
      : root_(root), options_(options), perKey_(perKey) {}

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
    // Every node exists before any column is added, so that an expression among the root's
    // attributes may name an include's column; columns then go root first, includes in order.
    pending_.push_back(PendingColumns{0, selectedItems(root_, options_.attributes), ""});
    for (const ResolvedInclude& inc : includes) addInclude(0, inc, "", s.joins);
    for (const PendingColumns& p : pending_) addColumns(p.node, p.items, p.prefix);
    // Grouped rows are one per group, not per root: there is nothing to fold, and the root's
    // key may not even be selectable.
    if (mayRepeatRoot_ && options_.group.empty()) keepOneRowPerRoot();
    markNodesMetAgain(plan_);
    buildOrders();
    planHydration();

    const PlanColumnResolver whereResolver(plan_, true);
    s.where = compileWhere(options_.where, whereResolver);
    const PlanColumnResolver resolver(plan_, false);
    for (const std::string& name : options_.group) {
      const ColumnResolver::Column c = resolver.resolve(name);
      s.group.push_back(SelectColumn{c.table, c.column, {}, nullptr});
    }
    for (const OrderItem& item : options_.order) s.order.push_back(orderTerm(item, resolver));
    if ((options_.limit && *options_.limit < 0) || (options_.offset && *options_.offset < 0)) {
      throw RangeError("limit and offset must not be negative");
    }
    s.limit = options_.limit;
    s.offset = options_.offset;
    // LIMIT and OFFSET count rows: when a root may come back in several rows, they must count
    // roots. (One row is always one whole root, so LIMIT 1 alone needs nothing.)
    const bool countsRows = options_.offset.has_value() || (options_.limit && *options_.limit != 1);
    if (perKey_ != nullptr) {
      limitPerKey(includes);
    } else if (hasToMany_ && (countsRows || options_.limit) && s.group.empty()) {
      limitRootsFirst(includes);
    } else if (mayRepeatRoot_ && countsRows && s.group.empty()) {
      for (const std::size_t slot : keySlots(root_)) {
        SelectColumn key;
        key.table = root_.name();
        key.column = root_.rawAttributes()[slot].field;
        s.onePerKey.push_back(std::move(key));
      }
    }
    return std::move(plan_);
  }

 private:
  // How the hydrator fills instances (SelectPlan::rootOnly and slotsBuiltInPlace).
  void planHydration() {
    const bool attributesOnly =
        std::all_of(plan_.columns.begin(), plan_.columns.end(),
                    [](const ColumnTarget& t) { return t.extra < 0 && t.type != nullptr; });
    if (!attributesOnly) return;
    plan_.rootOnly = plan_.nodes.size() == 1;
    std::vector<std::vector<bool>> filled;
    for (const PlanNode& node : plan_.nodes) {
      filled.emplace_back(node.model->rawAttributes().size(), false);
    }
    for (const ColumnTarget& t : plan_.columns) {
      if (!t.shown) continue;
      std::vector<bool>& slots = filled[static_cast<std::size_t>(t.node)];
      if (t.slot >= slots.size() || slots[t.slot]) return;  // filled twice: assigned instead
      slots[t.slot] = true;
    }
    plan_.slotsBuiltInPlace = true;
    for (std::size_t n = 0; n < plan_.nodes.size(); ++n) {
      for (std::uint32_t slot = 0; slot < filled[n].size(); ++slot) {
        if (!filled[n][slot]) plan_.nodes[n].unfilledSlots.push_back(slot);
      }
    }
  }

  void addColumns(int node, const std::vector<SelectedItem>& items, const std::string& prefix) {
    const Model& model = *plan_.nodes[static_cast<std::size_t>(node)].model;
    const auto& attrs = model.rawAttributes();
    const auto pk = model.primaryKeyIndex();
    plan_.nodes[static_cast<std::size_t>(node)].keyPrefix = prefix;
    // An include's key is read even when not shown: it tells a match from a LEFT JOIN miss,
    // and (all its columns) one included instance from another.
    auto shown = [&](std::size_t slot) {
      return std::any_of(items.begin(), items.end(), [&](const SelectedItem& i) {
        return i.slot == slot && i.alias.empty() && i.expr == nullptr;
      });
    };
    const bool keyShown = pk && shown(*pk);
    std::vector<SelectedItem> columns = items;
    // The other columns of a primary key of several, read (unshown) when not selected.
    std::vector<std::size_t> otherKeySlots;
    if (node != 0 && pk) {
      otherKeySlots = keySlots(model);
      std::erase(otherKeySlots, *pk);
    }
    std::size_t hiddenOtherKeys = 0;
    const AttributeSelection* selection = selectionOf(node);
    if (node != 0 && selection != nullptr && selection->none) {
      plan_.nodes[static_cast<std::size_t>(node)].shown = false;
      shownKeys_.resize(plan_.nodes.size());
      return;
    }
    for (auto it = otherKeySlots.rbegin(); it != otherKeySlots.rend(); ++it) {
      if (shown(*it)) continue;
      columns.insert(columns.begin(), SelectedItem{static_cast<std::uint32_t>(*it), {}, nullptr});
      ++hiddenOtherKeys;
    }
    if (node != 0 && pk && !keyShown) {
      columns.insert(columns.begin(), SelectedItem{static_cast<std::uint32_t>(*pk), {}, nullptr});
    }
    const std::size_t hiddenKeys = hiddenOtherKeys + (node != 0 && pk && !keyShown ? 1 : 0);
    // Expressions and include columns are qualified once joins exist.
    const PlanColumnResolver resolver(plan_, false);
    std::vector<KeyRef> keys;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const SelectedItem& item = columns[i];
      const bool hiddenKey = i < hiddenKeys;
      SelectColumn c;
      ColumnTarget target{node, 0, nullptr, !hiddenKey};
      std::string key;
      if (item.expr != nullptr) {
        c.expr = std::make_shared<const CompiledExpr>(compileExpr(*item.expr, resolver));
        key = item.alias;
      } else {
        const Attribute& a = attrs[*item.slot];
        if (qualify_) c.table = plan_.nodes[static_cast<std::size_t>(node)].tableAlias;
        c.column = a.field;
        target.slot = *item.slot;
        target.type = &a.type;
        key = item.alias.empty() ? a.name : item.alias;
      }
      if (prefix + key != c.column || c.expr) c.as = prefix + key;
      PlanNode& n = plan_.nodes[static_cast<std::size_t>(node)];
      if (item.expr != nullptr || !item.alias.empty()) {
        target.extra = static_cast<std::int32_t>(n.extraKeys.size());
        n.extraKeys.push_back(key);
        keys.push_back(KeyRef{KeyRef::Kind::Extra, static_cast<std::uint32_t>(target.extra)});
      } else if (!hiddenKey) {
        keys.push_back(KeyRef{KeyRef::Kind::Attribute, *item.slot});
      }
      const int column = static_cast<int>(plan_.columns.size());
      if (item.expr == nullptr && item.alias.empty() && pk && *item.slot == *pk) {
        n.keyColumn = column;
        n.keySlot = static_cast<std::uint32_t>(*pk);
      }
      if (node != 0 && item.expr == nullptr && item.alias.empty() &&
          std::find(otherKeySlots.begin(), otherKeySlots.end(), *item.slot) !=
              otherKeySlots.end() &&
          std::find(n.otherKeySlots.begin(), n.otherKeySlots.end(), *item.slot) ==
              n.otherKeySlots.end()) {
        n.otherKeyColumns.push_back(column);
        n.otherKeySlots.push_back(*item.slot);
      }
      plan_.columns.push_back(target);
      plan_.columnKeys.push_back(std::move(key));
      plan_.statement.columns.push_back(std::move(c));
    }
    shownKeys_.resize(plan_.nodes.size());
    shownKeys_[static_cast<std::size_t>(node)] = std::move(keys);
  }

  // A node of the plan for `assoc`'s target (or, below it, for its junction row), child of
  // `parent`, reading `selection` (null: every attribute).
  int addNode(int parent, const Association& assoc, const AttributeSelection* selection,
              const std::string& prefix) {
    PlanNode n;
    n.model = &assoc.target();
    n.association = &assoc;
    n.many = assoc.isMultiAssociation();
    n.parent = parent;
    const PlanNode& p = plan_.nodes[static_cast<std::size_t>(parent)];
    n.tableAlias = parent == 0 ? assoc.as() : p.tableAlias + "->" + assoc.as();
    const int index = static_cast<int>(plan_.nodes.size());
    plan_.nodes[static_cast<std::size_t>(parent)].children.push_back(index);
    plan_.nodes.push_back(std::move(n));
    const AttributeSelection all{};
    pending_.push_back(
        PendingColumns{index, selectedItems(assoc.target(), selection ? *selection : all), prefix});
    selections_.resize(plan_.nodes.size(), nullptr);
    selections_[static_cast<std::size_t>(index)] = selection;
    return index;
  }

  void addInclude(int parent, const ResolvedInclude& inc, const std::string& parentPrefix,
                  std::vector<SelectJoin>& joins) {
    const Association& assoc = *inc.association;
    const std::string parentAlias = plan_.nodes[static_cast<std::size_t>(parent)].tableAlias;
    const std::string prefix = parentPrefix + assoc.as() + ".";
    const int index =
        addNode(parent, assoc, inc.options ? &inc.options->attributes : nullptr, prefix);
    const std::string alias = plan_.nodes[static_cast<std::size_t>(index)].tableAlias;
    if (inc.options != nullptr && inc.options->limit) {
      // Only the finders read an include by a query of its own, which its limit needs.
      throw EagerLoadingError("The include \"" + assoc.as() +
                              "\" has a limit, which applies to each parent's list: only "
                              "findAll, findOne and findByPk read it (by a query of its own)");
    }
    {
      PlanNode& node = plan_.nodes[static_cast<std::size_t>(index)];
      node.multiplies = mayMatchSeveral(assoc);
      node.repeatsTargets = mayRepeatTargets(assoc);
      mayRepeatRoot_ = mayRepeatRoot_ || node.multiplies;
    }
    if (assoc.isMultiAssociation()) hasToMany_ = true;

    const Association::JoinOn on = assoc.joinOn();
    Condition targetWhere;
    if (inc.options != nullptr && !inc.options->where.empty()) {
      ModelColumnResolver resolver(assoc.target(), alias);
      targetWhere = compileWhere(inc.options->where, resolver);
    }
    SelectJoin j;
    j.inner = inc.required;
    j.leftTable = parentAlias;
    j.leftColumn = assoc.source().attribute(on.sourceAttribute)->field;
    // The joins inside this one's parentheses (a junction's target, required children).
    std::vector<SelectJoin>* inner = &j.nested;
    if (const Association::Through* through = assoc.through()) {
      // As Sequelize: LEFT OUTER JOIN ( junction AS a->J INNER JOIN target AS a ON target.key =
      // junction.otherKey [AND the junction's and the target's where] ) ON parent.key =
      // junction.foreignKey. The junction row is a node below the target's.
      const Association& row = through->row;
      const int junction = addNode(index, row, throughSelection(inc), prefix + row.as() + ".");
      j.table = through->model.tableName();
      j.alias = plan_.nodes[static_cast<std::size_t>(junction)].tableAlias;
      j.rightTable = j.alias;
      j.rightColumn = through->model.attribute(on.nextAttribute)->field;
      j.closeTight = true;
      SelectJoin t;
      t.inner = true;
      t.table = assoc.target().tableName();
      t.alias = alias;
      const Association::JoinOn back = row.joinOn();
      t.leftTable = alias;
      t.leftColumn = assoc.target().attribute(back.sourceAttribute)->field;
      t.rightTable = j.alias;
      t.rightColumn = through->model.attribute(back.nextAttribute)->field;
      t.extra = conjoin(throughWhere(inc, j.alias, through->model), std::move(targetWhere));
      j.nested.push_back(std::move(t));
    } else {
      j.table = assoc.target().tableName();
      j.alias = alias;
      j.rightTable = alias;
      j.rightColumn = assoc.target().attribute(on.nextAttribute)->field;
      j.extra = std::move(targetWhere);
    }
    // As Sequelize: below an optional include, a required child is joined inside the optional
    // one's parentheses (with its siblings), so that it can only drop the optional row.
    const bool nest =
        !inc.required && std::any_of(inc.children.begin(), inc.children.end(),
                                     [](const ResolvedInclude& c) { return c.required; });
    if (nest) {
      for (const ResolvedInclude& child : inc.children) addInclude(index, child, prefix, *inner);
      joins.push_back(std::move(j));
    } else {
      joins.push_back(std::move(j));
      for (const ResolvedInclude& child : inc.children) addInclude(index, child, prefix, joins);
    }
  }

  // The junction attributes an include through a junction reads (null: all of them).
  static const AttributeSelection* throughSelection(const ResolvedInclude& inc) {
    return inc.options != nullptr ? &inc.options->through.attributes : nullptr;
  }

  // The include's `through: {where}` on the junction aliased `alias`.
  static Condition throughWhere(const ResolvedInclude& inc, const std::string& alias,
                                const Model& junction) {
    if (inc.options == nullptr || inc.options->through.where.empty()) return {};
    const ModelColumnResolver resolver(junction, alias);
    return compileWhere(inc.options->through.where, resolver);
  }

  // Sequelize's subquery form (SelectStatement::rootsFirst): the root's where goes into the
  // derived table of roots, which can name no include (it has no joins); each required include
  // below the root becomes a condition that a matching row exists.
  void limitRootsFirst(const std::vector<ResolvedInclude>& includes) {
    SelectStatement& s = plan_.statement;
    s.rootsFirst = true;
    const ModelColumnResolver rootOnly(root_, root_.name());
    try {
      s.where = compileWhere(options_.where, rootOnly);
    } catch (const Error& e) {
      throw Error(std::string(e.what()) +
                  " (with limit or offset over a to-many include, the where can name only the " +
                  root_.name() + " attributes: put a condition on an include in its where)");
    }
    for (const ResolvedInclude& inc : includes) {
      if (inc.required) s.rootMustMatch.push_back(rootMatch(inc, ""));
    }
    // An order expression orders the choice of roots too, as in Sequelize, so it may name only
    // the root's columns there (Sequelize would send SQL naming a table the derived table
    // does not join).
    const std::string& alias = plan_.nodes.front().tableAlias;
    for (const OrderTerm& t : s.order) {
      if (t.expr && !namesOnly(*t.expr, alias)) {
        throw Error(
            "With limit or offset over a to-many include, an order expression can name "
            "only the " +
            root_.name() + " attributes: the " + root_.name() +
            " rows are chosen before the includes are joined");
      }
    }
  }

  // The roots-first form with at most perKey_->rows roots per value of an attribute.
  void limitPerKey(const std::vector<ResolvedInclude>& includes) {
    SelectStatement& s = plan_.statement;
    if (perKey_->rows < 0) throw RangeError("limit and offset must not be negative");
    if (s.limit || s.offset) throw Error("A limit per key cannot be combined with limit or offset");
    const Attribute* key = root_.attribute(perKey_->attribute);
    const auto pk = root_.primaryKeyIndex();
    if (key == nullptr || !pk) throw Error("No attribute " + perKey_->attribute + " to limit by");
    limitRootsFirst(includes);
    s.perKey = SelectColumn{root_.name(), key->field, {}, nullptr};
    s.rowsPerKey = perKey_->rows;
    s.perKeyTieBreak = SelectColumn{root_.name(), root_.rawAttributes()[*pk].field, {}, nullptr};
    // A name for the row number that no column of the table has (the derived table has them all).
    s.perKeyRowName = "__row";
    auto taken = [&](const std::string& name) {
      return std::any_of(root_.rawAttributes().begin(), root_.rawAttributes().end(),
                         [&](const Attribute& a) { return a.field == name; });
    };
    while (taken(s.perKeyRowName)) s.perKeyRowName += '_';
  }

  // Whether every column `expr` names belongs to the table aliased `alias`.
  static bool namesOnly(const CompiledExpr& expr, const std::string& alias) {
    // (COUNT(*)'s "*" names no table.)
    if (expr.kind == Expr::Kind::Column && expr.column != "*" && expr.table != alias) return false;
    return std::all_of(expr.args.begin(), expr.args.end(),
                       [&](const CompiledExpr& a) { return namesOnly(a, alias); });
  }

  // The EXISTS condition of a required include (aliased as in the joins: "stories",
  // "stories->comments"), with those of the required includes below it. Through a junction:
  // a junction row of the parent, for which a target row exists.
  static SelectStatement::RootMatch rootMatch(const ResolvedInclude& inc,
                                              const std::string& aliasPrefix) {
    const Association& a = *inc.association;
    const Association::JoinOn on = a.joinOn();
    const std::string alias = aliasPrefix + a.as();
    SelectStatement::RootMatch m;
    m.table = a.target().tableName();
    m.alias = alias;
    if (inc.options != nullptr && !inc.options->where.empty()) {
      const ModelColumnResolver resolver(a.target(), m.alias);
      m.extra = compileWhere(inc.options->where, resolver);
    }
    for (const ResolvedInclude& child : inc.children) {
      if (child.required) m.nested.push_back(rootMatch(child, m.alias + "->"));
    }
    const Association::Through* through = a.through();
    if (through == nullptr) {
      m.column = a.target().attribute(on.nextAttribute)->field;
      m.rootColumn = a.source().attribute(on.sourceAttribute)->field;
      return m;
    }
    const Association::JoinOn back = through->row.joinOn();
    m.column = a.target().attribute(back.sourceAttribute)->field;
    m.rootColumn = through->model.attribute(back.nextAttribute)->field;
    SelectStatement::RootMatch junction;
    junction.table = through->model.tableName();
    junction.alias = alias + "->" + through->row.as();
    junction.column = through->model.attribute(on.nextAttribute)->field;
    junction.rootColumn = a.source().attribute(on.sourceAttribute)->field;
    junction.extra = throughWhere(inc, junction.alias, through->model);
    junction.nested.push_back(std::move(m));
    return junction;
  }

  // The slots of a model's primary key, in attribute order.
  [[nodiscard]] static std::vector<std::size_t> keySlots(const Model& model) {
    std::vector<std::size_t> slots;
    const auto& attrs = model.rawAttributes();
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
    for (const std::size_t slot : keySlots(root_)) {
      int column = -1;
      for (std::size_t c = 0; c < rootColumnCount; ++c) {
        const ColumnTarget& t = plan_.columns[c];
        if (t.type != nullptr && t.slot == slot) column = static_cast<int>(c);
      }
      if (column < 0) {
        const Attribute& a = root_.rawAttributes()[slot];
        column = static_cast<int>(rootColumnCount);
        plan_.columns.insert(plan_.columns.begin() + static_cast<std::ptrdiff_t>(rootColumnCount),
                             ColumnTarget{0, static_cast<std::uint32_t>(slot), &a.type, false});
        plan_.columnKeys.insert(
            plan_.columnKeys.begin() + static_cast<std::ptrdiff_t>(rootColumnCount), a.name);
        SelectColumn c;
        c.table = root_.name();
        c.column = a.field;
        if (a.name != a.field) c.as = a.name;
        auto& columns = plan_.statement.columns;
        columns.insert(columns.begin() + static_cast<std::ptrdiff_t>(rootColumnCount),
                       std::move(c));
        for (PlanNode& node : plan_.nodes) {
          if (node.keyColumn && *node.keyColumn >= column) node.keyColumn = *node.keyColumn + 1;
          for (int& other : node.otherKeyColumns) {
            if (other >= column) ++other;
          }
        }
        ++rootColumnCount;
      }
      plan_.rootKeyColumns.push_back(column);
    }
  }

  void buildOrders() {
    const std::shared_ptr<const ModelRegistry> models = ModelRegistry::of(root_);
    for (std::size_t i = 0; i < plan_.nodes.size(); ++i) {
      auto order = std::make_shared<KeyOrder>();
      order->assign(shownKeys_[i]);
      order->models = models;
      // Included slots are numbered over the children that appear in results.
      std::uint32_t k = 0;
      for (const int child : plan_.nodes[i].children) {
        PlanNode& c = plan_.nodes[static_cast<std::size_t>(child)];
        if (c.shown) {
          c.slotIndex = k;
          order->append(KeyRef{KeyRef::Kind::Include, k++});
        }
      }
      plan_.nodes[i].order = std::move(order);
    }
  }

  OrderTerm orderTerm(const OrderItem& item, const PlanColumnResolver& resolver) {
    if (item.expression()) {
      OrderTerm t;
      t.expr = std::make_shared<const CompiledExpr>(compileExpr(*item.expression(), resolver));
      t.direction = item.direction();
      return t;
    }
    const auto& path = item.path();
    const std::vector<std::string> aliases(path.begin(), path.end() - 1);
    const int node = resolver.nodeFor(aliases);
    if (node < 0) {
      throw Error("Unable to find the included association \"" + aliases.back() + "\" to order by");
    }
    const PlanNode& n = plan_.nodes[static_cast<std::size_t>(node)];
    const Attribute* a = n.model->attribute(path.back());
    if (a == nullptr) {
      // A name selected under an alias (or as an expression) is ordered by as it is.
      if (node == 0 &&
          std::find(n.extraKeys.begin(), n.extraKeys.end(), path.back()) != n.extraKeys.end()) {
        return OrderTerm{"", path.back(), item.direction(), nullptr};
      }
      throw Error("Unknown attribute \"" + path.back() + "\" in order of model " + n.model->name());
    }
    return OrderTerm{n.tableAlias, a->field, item.direction(), nullptr};
  }

  const Model& root_;
  const FindOptions& options_;
  const RowsPerKey* perKey_;
  SelectPlan plan_;
  bool qualify_ = false;
  bool mayRepeatRoot_ = false;
  bool hasToMany_ = false;
  std::vector<std::vector<KeyRef>> shownKeys_;
  const AttributeSelection* selectionOf(int node) const {
    const auto n = static_cast<std::size_t>(node);
    return n < selections_.size() ? selections_[n] : nullptr;
  }
  std::vector<const AttributeSelection*> selections_;  // per include node, its attributes
  struct PendingColumns {
    int node;
    std::vector<SelectedItem> items;
    std::string prefix;
  };
  std::vector<PendingColumns> pending_;
};

}  // namespace

SelectPlan planSelect(const Model& model, const FindOptions& options, const RowsPerKey* perKey) {
  return Planner(model, options, perKey).run();
}

}  // namespace sequelize::detail
