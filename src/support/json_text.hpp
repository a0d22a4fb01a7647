#pragma once
// JSON documents stored in JSON attributes: parsed and re-printed the way
// JSON.stringify(JSON.parse(text)) would, so that what an instance holds is what Sequelize holds.
#include <string>
#include <string_view>

namespace sequelize::detail {

// Throws sequelize::Error when the text is not JSON.
std::string normalizeJson(std::string_view text);

}  // namespace sequelize::detail
