#pragma once
// The time written into createdAt / updatedAt: now, without milliseconds where Sequelize drops
// them (its Utils.now for MariaDB).
#include "dialects/dialect.hpp"
#include "sequelize/database.hpp"

namespace sequelize::detail {

inline Date timestampNow(const Model& model) {
  Date now = Date::now();
  if (!model.sequelize().dialect().capabilities().nowHasMilliseconds) {
    now.epochMs -= ((now.epochMs % 1000) + 1000) % 1000;
  }
  return now;
}

}  // namespace sequelize::detail
