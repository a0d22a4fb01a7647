#pragma once
// Sequelize.define: a model's attributes and options turned into its definition, with
// Sequelize's defaults (table name, id key, timestamps, underscored column names).
#include <memory>
#include <string>

#include "sequelize/model.hpp"

namespace sequelize::detail {

class ModelRegistry;

class ModelBuilder {
 public:
  static std::unique_ptr<Model> build(Sequelize& sequelize, ModelRegistry& registry,
                                      const std::string& name,
                                      const AttributeDefinitions& attributes,
                                      const ModelOptions& options);
  // Appends an attribute (a foreign key added by an association) and re-indexes the model.
  static void addAttribute(Model& model, Attribute attribute);
  // Removes an attribute (the `id` a junction does not keep) and re-indexes the model.
  static void removeAttribute(Model& model, std::size_t index);
  static void reindex(Model& model) { model.reindex(); }
  static Attribute& attributeRef(Model& model, std::size_t index) {
    return model.attributes_[index];
  }
};

// "cascade" -> "CASCADE"; throws sequelize::Error for anything but the SQL referential actions.
std::string normalizeReferentialAction(const std::string& action, const std::string& context);

}  // namespace sequelize::detail
